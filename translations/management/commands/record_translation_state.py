"""Record the translations of pages that have no translation state yet as up to date.

Pages saved since the translations app keeps state have their rows; pages from before (or made
in bulk, bypassing save()) have none. The report already counts their filled translations as
done, and their first save records them from their values before that save; this command records
them all at once, so that an English edit made outside Django (or in bulk) is not missed."""

from django.conf import settings
from django.core.management.base import BaseCommand
from modeltranslation.utils import build_localized_fieldname

from translations.coverage import page_models
from translations.fields import target_languages, translatable_fields
from translations.models import FieldTranslation
from translations.state import record_missing_state


class Command(BaseCommand):
    help = "Record the translations of pages without translation state as up to date."

    def handle(self, *args, **options):
        created = 0
        for model in page_models():
            fields = translatable_fields(model)
            columns = {
                build_localized_fieldname(name, code)
                for name in fields
                for code in [settings.LANGUAGE_CODE, *target_languages()]
            }
            pages = (
                model.objects.exclude(pk__in=FieldTranslation.objects.values("page_id"))
                .only("id", *sorted(columns))
                .iterator(chunk_size=500)
            )
            created += record_missing_state(pages)
        self.stdout.write(f"Recorded {created} translated fields.")
