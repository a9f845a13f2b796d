from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .models import ScheduledTask


class ResultsPolicy(ModelPermissionPolicy):
    """Results are the worker's to write: administrators read them and may delete old ones."""

    def user_has_permission(self, user, action):
        return action in {"view", "delete"} and super().user_has_permission(user, action)


class TaskResultViewSet(ModelViewSet):
    """What the worker ran, is running and will run; a failed task's traceback is in its inspect view."""

    model = DBTaskResult
    name = "background_tasks"
    url_prefix = "background/tasks"
    icon = "list-ul"
    menu_label = _("Tasks")
    # Not run_after: the backend stores "whenever" as the year 9999.
    list_display = ["task_path", "status", "enqueued_at", "finished_at", "exception_class_path"]
    list_filter = ["status", "task_path"]
    search_fields = ["task_path", "exception_class_path"]
    ordering = ["-enqueued_at"]
    inspect_view_enabled = True
    form_fields = []

    @property
    def permission_policy(self):
        return ResultsPolicy(self.model)


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
