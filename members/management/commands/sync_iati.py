from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.grants.iati import IatiImportError, import_iati_activities, read_iati_source


class Command(BaseCommand):
    help = (
        "Read an IATI activity file (standard 2.03) from a local path or an http(s) address, and show each "
        "activity's status and dates on the proposal with the same IATI identifier. Unmatched and invalid "
        "activities are reported, not errors: the exit code is non-zero only if the file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL", help="A path, or an http(s) address.")

    def handle(self, *args, source: str, **options):
        try:
            xml_bytes = read_iati_source(
                source=source, allow_private_addresses=settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES
            )
            result = import_iati_activities(xml_bytes=xml_bytes)
        except IatiImportError as error:
            raise CommandError(str(error)) from error

        self.stdout.write(
            f"Read {result.activities} IATI activities: {result.matched} proposals matched, "
            f"{result.updated} updated, {len(result.unmatched)} unmatched, {len(result.invalid)} invalid."
        )
        if result.unmatched:
            self.stdout.write("No proposal has these IATI identifiers:")
            for identifier in result.unmatched:
                self.stdout.write(f"  {identifier}")
        if result.invalid:
            self.stdout.write("Invalid activities (skipped):")
            for item in result.invalid:
                self.stdout.write(f"  #{item.position} {item.identifier or '(no identifier)'}: {item.reason}")
