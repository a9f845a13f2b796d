from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from members import demo as members_demo
from members.grants import demo as grants_demo
from portal import demo
from portal.roles import ensure_role_groups


class Command(BaseCommand):
    help = "Load the demo content and one account per role. Running it again changes nothing."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            ensure_role_groups()
            home = demo.ensure_home_page(stdout=self.stdout)
            demo.ensure_site_settings(home=home)
            demo.ensure_accounts(stdout=self.stdout)
            members_demo.ensure_demo_members(home=home, stdout=self.stdout)
            members_demo.assign_demo_editors()
            grants_demo.ensure_demo_grants(home=home, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
