from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from events import demo as events_demo
from members import demo as members_demo
from members.grants import demo as grants_demo
from portal import demo
from portal.applications import demo as applications_demo
from portal.news import demo as news_demo
from portal.publications import demo as publications_demo
from showcases import demo as showcases_demo


class Command(BaseCommand):
    help = "Load the demo content and one account per role. Running it again changes nothing."

    def handle(self, *args, **options):
        if settings.IS_PRODUCTION:
            raise CommandError("seed_demo refuses to run with production settings.")
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            home = demo.ensure_demo_site(stdout=self.stdout)
            demo.ensure_demo_authenticator(stdout=self.stdout)
            members_demo.ensure_demo_members(home=home, stdout=self.stdout)
            members_demo.assign_demo_editors()
            diary = events_demo.ensure_demo_diary(home=home, stdout=self.stdout)
            events_demo.ensure_demo_events(diary=diary, stdout=self.stdout)
            showcases_demo.ensure_demo_showcases(home=home, stdout=self.stdout)
            news_demo.ensure_demo_news(home=home, stdout=self.stdout)
            grants_demo.ensure_demo_grants(home=home, stdout=self.stdout)
            applications_demo.ensure_demo_application_form(home=home, stdout=self.stdout)
            publications_demo.ensure_demo_publications(home=home, stdout=self.stdout)
            demo.ensure_home_sections(home=home, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
