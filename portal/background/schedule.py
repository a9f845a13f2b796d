"""Queue the tasks of settings.TASK_SCHEDULE when they are due; the worker calls this every few seconds."""

import logging
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledTask

logger = logging.getLogger(__name__)


def enqueue_due_tasks(*, now: datetime | None = None) -> list[str]:
    """Queue each scheduled task whose time has come, once however many workers ask; returns their paths.
    A task seen for the first time is first due one interval from now."""
    now = now or timezone.now()
    schedule = settings.TASK_SCHEDULE
    known = set(ScheduledTask.objects.filter(task_path__in=schedule).values_list("task_path", flat=True))
    ScheduledTask.objects.bulk_create(
        [ScheduledTask(task_path=path, next_run_at=now + schedule[path]) for path in schedule.keys() - known],
        ignore_conflicts=True,  # another worker may have just added it
    )
    queued = []
    for row in ScheduledTask.objects.filter(task_path__in=schedule, next_run_at__lte=now):
        claimed = ScheduledTask.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=now + schedule[row.task_path], last_queued_at=now
        )
        if claimed:
            import_string(row.task_path).enqueue()
            logger.info("Queued scheduled task %s", row.task_path)
            queued.append(row.task_path)
    return queued
