"""Import a translated PO or XLIFF 1.2 file, as the admin's import does: checked as a whole,
nothing written on any error, a draft revision per page changed."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from translations.exchange import ImportRefused, apply_import, plan_import
from translations.fields import target_languages


class Command(BaseCommand):
    help = "Import a translated PO or XLIFF 1.2 file as draft revisions (as a user, with their permissions)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", required=True, choices=target_languages())
        parser.add_argument("--user", required=True, help="The email of the user the revisions are saved as.")
        parser.add_argument("--dry-run", action="store_true", help="Check and list the changes; write nothing.")

    def handle(self, *args, file, language, user, dry_run, **options):
        account = get_user_model().objects.filter(email__iexact=user, is_active=True).first()
        if account is None:
            raise CommandError(f"No active user {user}")
        path = Path(file)
        data = path.read_bytes()
        plan = plan_import(data=data, filename=path.name, language=language, user=account)
        for problem in plan.errors:
            self.stderr.write(f"error {problem.unit_id or '-'}: {problem.message}")
        if not plan.ok:
            raise CommandError(f"{len(plan.errors)} problems; nothing was imported.")
        for problem in plan.warnings:
            self.stdout.write(f"skipped {problem.unit_id}: {problem.message}")
        for change in plan.changes:
            self.stdout.write(f"{change.unit_id}: {change.old!r} -> {change.new!r}")
        if dry_run or not plan.changes:
            self.stdout.write(f"{len(plan.changes)} changes; nothing written.")
            return
        try:
            apply_import(
                data=data, filename=path.name, language=language, user=account, previewed=plan.page_fingerprints()
            )
        except ImportRefused as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        self.stdout.write(f"{len(plan.changes)} changes saved as draft revisions.")
