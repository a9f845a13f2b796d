"""Write the translatable text of pages to a PO or XLIFF 1.2 file, for a translator."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from translations.exchange import FORMAT_EXTENSIONS, PO, XLIFF, export_file, exportable_pages
from translations.fields import target_languages


class Command(BaseCommand):
    help = "Export pages' translatable text for one language as a PO or XLIFF 1.2 file."

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=target_languages())
        parser.add_argument("--format", dest="file_format", choices=[PO, XLIFF], default=PO)
        parser.add_argument("--page", dest="pages", type=int, action="append", required=True, help="A page id; repeat.")
        parser.add_argument("--descendants", action="store_true", help="Include every page below.")
        parser.add_argument("--output", help="The file to write (default: pages-<language>.<po|xlf>).")

    def handle(self, *args, language, file_format, pages, descendants, output, **options):
        chosen = list(Page.objects.filter(pk__in=pages, depth__gt=1))
        missing = set(pages) - {page.pk for page in chosen}
        if missing:
            raise CommandError(f"No such page: {', '.join(map(str, sorted(missing)))}")
        selected = exportable_pages(user=None, pages=chosen, include_descendants=descendants)
        data = export_file(pages=selected, language=language, file_format=file_format)
        path = output or f"pages-{language}.{FORMAT_EXTENSIONS[file_format]}"
        with open(path, "wb") as file:
            file.write(data)
        self.stdout.write(f"{len(selected)} pages written to {path}")
