from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledTask(models.Model):
    """When a task of settings.TASK_SCHEDULE is next due. Workers claim a due row by moving its
    `next_run_at` on in one conditional UPDATE, so with any number of workers it is queued once."""

    task_path = models.CharField(_("task"), max_length=255, unique=True)
    next_run_at = models.DateTimeField(_("next run"))
    last_queued_at = models.DateTimeField(_("last queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled task")
        verbose_name_plural = _("scheduled tasks")
        ordering = ["task_path"]

    def __str__(self):
        return self.task_path
