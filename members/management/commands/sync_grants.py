from django.core.management.base import BaseCommand, CommandError, CommandParser

from members.grants.sync import summary, sync_proposals


class Command(BaseCommand):
    help = (
        "Bring proposals up to date from the grants API (GRANTS_API_URL: an API or a folder of JSON pages). "
        "Meant to run on a schedule, e.g. hourly from cron or a systemd timer: each run carries on from where "
        "the last one stopped. Rejected records are reported, not errors; the exit code is 1 when the run "
        "failed (the API unreachable, a page that kept failing), so the scheduler notices."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", help="An API base URL or a folder, instead of GRANTS_API_URL.")
        parser.add_argument("--page-size", type=int, default=200, help="Proposals to ask for per page.")

    def handle(self, *args, source: str | None = None, page_size: int = 200, **options) -> None:
        if page_size < 1:
            raise CommandError("--page-size must be at least 1")
        run = sync_proposals(source=source, page_size=page_size)
        self.stdout.write(summary(run))
        if not run.succeeded:
            raise CommandError(run.error or "the sync failed", returncode=1)
