"""The members' scheduled work (settings.TASK_SCHEDULE), run by the background worker."""

from django_tasks import task

from .grants.sync import summary, sync_proposals
from .linkcheck import check_member_links, send_broken_link_digests


class GrantsSyncFailed(Exception):
    """Raised so that the worker retries the sync and, in the end, reports it."""


@task()
def sync_grants() -> str:
    run = sync_proposals()
    if not run.succeeded:
        raise GrantsSyncFailed(summary(run) + f" {run.error}")
    return summary(run)


@task()
def check_links() -> str:
    run = check_member_links()
    sent = send_broken_link_digests(urls=run.newly_broken)
    return (
        f"Checked {run.checked} addresses: {run.ok} ok, {run.failed} failed, "
        f"{len(run.newly_broken)} newly broken; {sent} digest emails sent."
    )
