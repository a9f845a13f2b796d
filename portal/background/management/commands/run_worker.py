import logging
import os
import threading
import time

from django.db import OperationalError, close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from portal.background.schedule import enqueue_due_tasks

logger = logging.getLogger(__name__)
SCHEDULE_EVERY_SECONDS = 30


def keep_scheduling() -> None:
    while True:
        time.sleep(SCHEDULE_EVERY_SECONDS)
        close_old_connections()
        try:
            enqueue_due_tasks()
        except OperationalError:
            # SQLite locked by the worker's claim, or the database briefly away: next round.
            logger.warning("Could not check the schedule this time", exc_info=True)


class Command(db_worker.Command):
    help = (
        "Run the background worker: every queued task (emails, search and reference index updates, machine "
        "drafts) and, when due, the scheduled ones of settings.TASK_SCHEDULE (grants sync, link checks, "
        "calendar imports). Run as many as needed, on any machines: each task runs once. "
        "With --batch: queue what is due, run everything ready, and exit (for cron)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(self, *args, **options):
        only_watching_for_changes = (
            options["reload"] and not options["batch"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        )
        if not only_watching_for_changes:
            enqueue_due_tasks()
            if not options["batch"]:
                threading.Thread(target=keep_scheduling, name="schedule", daemon=True).start()
        super().handle(*args, **options)
