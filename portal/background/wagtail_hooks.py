from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import ScheduledTask


class TaskResultViewSet(ModelViewSet):
    """What the worker ran, is running and will run; a failed task's traceback is in its inspect view."""

    model = DBTaskResult
    name = "background_tasks"
    url_prefix = "background/tasks"
    icon = "list-ul"
    menu_label = _("Tasks")
    list_display = ["task_path", "status", "enqueued_at", "run_after", "finished_at", "exception_class_path"]
    list_filter = ["status", "task_path"]
    search_fields = ["task_path", "exception_class_path"]
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    form_fields = []


class ScheduledTaskViewSet(ModelViewSet):
    model = ScheduledTask
    name = "background_schedule"
    url_prefix = "background/schedule"
    icon = "time"
    list_display = ["task_path", "next_run_at", "last_queued_at"]
    form_fields = ["next_run_at"]  # set it to now to run a task at the worker's next look


class BackgroundViewSetGroup(ViewSetGroup):
    menu_label = _("Background tasks")
    menu_icon = "cogs"
    items = (TaskResultViewSet, ScheduledTaskViewSet)


@hooks.register("register_admin_viewset")
def register_background_viewsets():
    return BackgroundViewSetGroup()
