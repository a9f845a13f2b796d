import signal

import pytest
from django.core.management import call_command


@pytest.fixture
def worker(transactional_db, settings):
    """Tasks queued in the database, and `run_worker --batch` to run what is due and ready, as cron
    would. Transactional: the worker commits and checks its connection, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run() -> None:
        call_command("run_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    yield run
    for number, handler in handlers.items():
        signal.signal(number, handler)
