"""A task that fails is tried again later (settings.TASK_RETRY_DELAYS); after the last try it is
logged as an error and mailed to the ADMINS. Nothing fails silently."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection, mail_admins
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def retry_or_report(sender, task_result, **kwargs) -> None:
    if task_result.status != TaskResultStatus.FAILED:
        return
    task = task_result.task
    attempt = task_result.attempts
    delays = settings.TASK_RETRY_DELAYS
    error = task_result.errors[-1] if task_result.errors else None
    reason = error.traceback.strip().splitlines()[-1] if error else "unknown error"
    if attempt <= len(delays) and isinstance(task.get_backend(), DatabaseBackend):
        run_after = timezone.now() + timedelta(seconds=delays[attempt - 1])
        retry = task.using(run_after=run_after).enqueue(*task_result.args, **task_result.kwargs)
        # The retry carries the workers that tried before, so its `attempts` counts them too.
        DBTaskResult.objects.filter(pk=retry.id).update(worker_ids=task_result.worker_ids)
        logger.warning(
            "Task %s failed (attempt %d of %d), retrying at %s: %s",
            task.module_path,
            attempt,
            len(delays) + 1,
            run_after.isoformat(timespec="seconds"),
            reason,
        )
        return
    logger.error(
        "Task %s failed %d times and was given up (result %s): %s", task.module_path, attempt, task_result.id, reason
    )
    # Straight through the delivery backend: queueing the report would fail the same way if mail is what broke.
    mail_admins(
        subject=f"Background task failed: {task.name}",
        message=f"{task.module_path} failed {attempt} times and will not be tried again.\n"
        f"Result {task_result.id}, arguments {task_result.args} {task_result.kwargs}\n\n"
        f"{error.traceback if error else reason}",
        fail_silently=True,
        connection=get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=True),
    )


def connect() -> None:
    task_finished.connect(retry_or_report, dispatch_uid="portal.background.retry_or_report")
