"""A task that keeps failing is tried again after each delay, then logged and mailed to the admins."""

import logging

from django.core import mail
from django_tasks import task
from django_tasks_db.models import DBTaskResult

CALLS = []


@task()
def flaky(succeed_on: int) -> str:
    CALLS.append(succeed_on)
    if len(CALLS) < succeed_on:
        raise RuntimeError(f"not yet (call {len(CALLS)})")
    return "done"


def test_a_task_that_fails_then_succeeds_is_not_reported(worker, settings, caplog):
    settings.TASK_RETRY_DELAYS = [0, 0, 0]
    settings.ADMINS = [("ops", "ops@example.org")]
    CALLS.clear()
    flaky.enqueue(succeed_on=3)

    worker()

    assert len(CALLS) == 3
    results = DBTaskResult.objects.order_by("enqueued_at")
    assert [result.status for result in results] == ["FAILED", "FAILED", "SUCCESSFUL"]
    assert results.last().task_result.attempts == 3
    assert mail.outbox == []
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_task_that_keeps_failing_is_given_up_and_reported(worker, settings, caplog):
    settings.TASK_RETRY_DELAYS = [0, 0]
    settings.ADMINS = [("ops", "ops@example.org")]
    CALLS.clear()
    flaky.enqueue(succeed_on=99)

    with caplog.at_level(logging.WARNING, logger="portal.background"):
        worker()

    assert len(CALLS) == 3  # the first try and two retries, no more
    assert DBTaskResult.objects.failed().count() == 3
    assert not DBTaskResult.objects.ready().exists()
    [report] = mail.outbox
    assert report.to == ["ops@example.org"]
    assert "tests.background.test_retries.flaky failed 3 times" in report.body
    assert "RuntimeError: not yet (call 3)" in report.body
    assert [record.levelname for record in caplog.records if record.name == "portal.background.retries"] == [
        "WARNING",
        "WARNING",
        "ERROR",
    ]
