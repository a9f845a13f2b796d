"""The periodic tasks: queued once when due, however many workers look, and run by the worker."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from members.grants.models import GrantsSyncRun, Proposal
from portal.background.models import ScheduledTask
from portal.background.schedule import enqueue_due_tasks


def queued_paths() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_each_scheduled_task_is_queued_once_per_interval(worker, settings):
    settings.TASK_SCHEDULE = {
        "members.tasks.sync_grants": timedelta(hours=1),
        "members.tasks.check_links": timedelta(days=1),
    }
    start = timezone.now()

    assert enqueue_due_tasks(now=start) == []  # first due one interval after the schedule is first seen
    assert enqueue_due_tasks(now=start + timedelta(minutes=59)) == []
    assert enqueue_due_tasks(now=start + timedelta(hours=1)) == ["members.tasks.sync_grants"]
    assert enqueue_due_tasks(now=start + timedelta(hours=1)) == []  # a second worker at the same moment
    assert enqueue_due_tasks(now=start + timedelta(hours=1, minutes=30)) == []
    assert enqueue_due_tasks(now=start + timedelta(days=1)) == [
        "members.tasks.check_links",
        "members.tasks.sync_grants",
    ]

    assert queued_paths() == ["members.tasks.check_links", "members.tasks.sync_grants", "members.tasks.sync_grants"]
    assert ScheduledTask.objects.get(task_path="members.tasks.sync_grants").next_run_at == start + timedelta(
        days=1, hours=1
    )


def test_a_worker_that_lost_the_race_queues_nothing(worker, settings):
    settings.TASK_SCHEDULE = {"members.tasks.sync_grants": timedelta(hours=1)}
    start = timezone.now()
    enqueue_due_tasks(now=start)
    row = ScheduledTask.objects.get()
    ScheduledTask.objects.filter(pk=row.pk).update(next_run_at=start - timedelta(seconds=1))

    stale = ScheduledTask.objects.filter(next_run_at__lte=start).get()  # what both workers read
    assert enqueue_due_tasks(now=start) == ["members.tasks.sync_grants"]  # one worker wins...
    assert ScheduledTask.objects.filter(pk=stale.pk, next_run_at=stale.next_run_at).update(next_run_at=start) == 0
    assert queued_paths() == ["members.tasks.sync_grants"]  # ...and the other's claim matches no row


@pytest.fixture
def grants_due(worker, settings):
    settings.TASK_SCHEDULE = {"members.tasks.sync_grants": timedelta(hours=1)}
    settings.TASK_RETRY_DELAYS = [0]
    ScheduledTask.objects.create(task_path="members.tasks.sync_grants", next_run_at=timezone.now())
    return worker


def test_the_worker_runs_the_grants_sync_when_it_is_due(grants_due):
    grants_due()

    run = GrantsSyncRun.objects.get()
    assert run.succeeded
    assert Proposal.objects.count() == run.created > 0  # the sample data set, the embedded default
    [result] = DBTaskResult.objects.all()
    assert result.status == "SUCCESSFUL"
    assert result.task_result.return_value.startswith(f"Grants sync from {run.source} done: ")
    assert ScheduledTask.objects.get().next_run_at > timezone.now() + timedelta(minutes=59)


def test_a_grants_sync_that_fails_is_retried_and_then_reported(grants_due, settings, mailoutbox):
    settings.GRANTS_API_URL = "http://127.0.0.1:9/"  # the discard port: nothing answers
    settings.GRANTS_API_MAX_RETRIES = 0
    settings.ADMINS = [("ops", "ops@example.org")]

    grants_due()

    assert [run.succeeded for run in GrantsSyncRun.objects.all()] == [False, False]
    assert (
        list(DBTaskResult.objects.values_list("status", "exception_class_path"))
        == [("FAILED", "members.tasks.GrantsSyncFailed")] * 2
    )
    [report] = mailoutbox
    assert "members.tasks.sync_grants failed 2 times" in report.body
    assert "Grants sync from http://127.0.0.1:9/ FAILED" in report.body
