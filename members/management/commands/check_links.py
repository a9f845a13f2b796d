from django.core.management.base import BaseCommand

from members.linkcheck import check_member_links, send_broken_link_digests


class Command(BaseCommand):
    help = (
        "Check every member link and email each member's team when one of its links has just broken. "
        "Meant to run on a schedule, e.g. daily from cron or a systemd timer. Failing links are data, "
        "not errors: the exit code is non-zero only if the check itself crashes."
    )

    def handle(self, *args, **options):
        run = check_member_links()
        sent = send_broken_link_digests(urls=run.newly_broken)
        self.stdout.write(
            f"Checked {run.checked} addresses: {run.ok} ok, {run.failed} failed, "
            f"{len(run.newly_broken)} newly broken; {sent} digest emails sent."
        )
