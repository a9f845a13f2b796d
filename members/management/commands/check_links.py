from django.core.management.base import BaseCommand

from members.tasks import check_links


class Command(BaseCommand):
    help = (
        "Check every member link and email each member's team when one of its links has just broken. "
        "Meant to run on a schedule, e.g. daily from cron or a systemd timer. Failing links are data, "
        "not errors: the exit code is non-zero only if the check itself crashes."
    )

    def handle(self, *args, **options):
        self.stdout.write(check_links.call())
