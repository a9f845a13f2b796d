from django.core.management.base import BaseCommand, CommandError

from events.importer import NoDiary, import_calendars


class Command(BaseCommand):
    help = (
        "Import each member's public iCalendar feed into the events diary as drafts for moderation. "
        "Meant to run on a schedule, e.g. daily from cron. A feed that fails is reported and skipped: "
        "the exit code is non-zero only if the import cannot run at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("--member", type=int, metavar="ID", help="Only this member's feed (its page id).")

    def handle(self, *args, member=None, **options):
        try:
            results = import_calendars(member_id=member)
        except NoDiary as error:
            raise CommandError(str(error)) from error
        if member is not None and not results:
            raise CommandError(f"Member {member} has no calendar feed.")
        for result in results:
            calendar = result.calendar
            name = f"{calendar.member.title} (member {calendar.member_id})"
            if not result.ok:
                self.stdout.write(f"{name}: failed: {result.error}")
                continue
            line = (
                f"{name}: ok, {result.created} new, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.skipped} skipped"
            )
            self.stdout.write(f"{line}; {result.notice}" if result.notice else line)
        failed = sum(not result.ok for result in results)
        self.stdout.write(f"Imported {len(results)} feeds: {len(results) - failed} ok, {failed} failed.")
