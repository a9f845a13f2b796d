"""The diary's scheduled work (settings.TASK_SCHEDULE), run by the background worker."""

from django_tasks import task

from .importer import import_calendars as import_member_calendars


@task()
def import_calendars() -> str:
    """A feed that fails is recorded on its calendar for its member to see, not a failed task;
    a missing diary is, and is retried and reported."""
    results = import_member_calendars()
    failed = sum(not result.ok for result in results)
    return f"Imported {len(results)} feeds: {len(results) - failed} ok, {failed} failed."
