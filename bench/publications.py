"""Median and p95 time to serve the publications library, a filtered view, a later page, the
library in Arabic, a publication, the home page (its brochure) and, signed in, the translation
coverage report and a PO export, with 2,000 publications.

Run with `.venv/bin/python bench/publications.py` (`BENCH_PUBLICATIONS` and `BENCH_ROUNDS` change
the sizes). It builds its own SQLite database and media folder: the publications go in with bulk
inserts, in every series from 2000 to 2026, a third of them partly translated (some of those
translations machine drafts or out of date), each with one to four files drawn from a few shared
documents. Compare rows with each other: the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import shutil
import sys
import time
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-publications.sqlite3")  # noqa: S108 (a throwaway benchmark database)
MEDIA_FOLDER = Path("/tmp/bench-publications-media")  # noqa: S108 (its images, documents and renditions)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_FILE}"  # before django.setup(): never the demo database
os.environ["MEDIA_ROOT"] = str(MEDIA_FOLDER)  # nor the demo's media
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.base import ContentFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench.support import bulk_child_pages, fetch, measure  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from portal.publications import demo as publications_demo  # noqa: E402
from portal.publications.models import PublicationFile, PublicationIndexPage, PublicationPage, Series  # noqa: E402
from translations.fields import digest  # noqa: E402
from translations.models import FieldTranslation  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

PUBLICATIONS = int(os.environ.get("BENCH_PUBLICATIONS", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
ADMIN_ROUNDS = max(ROUNDS // 4, 3)  # the coverage report reads every live page: fewer runs
COUNTRIES = ["NG", "KE", "BR", "PH", "IN", "FR", "BJ", "ZA"]
WORDS = ["water", "housing", "transport", "resilience", "finance", "markets"]
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SHARED_DOCUMENTS = 12
SHARED_COVERS = 20
PDF = (  # a minimal one-object PDF: the benchmark never opens the files
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _documents(count: int) -> list[int]:
    Document = get_document_model()
    return [
        Document.objects.create(title=f"Report {number}", file=ContentFile(PDF, name=f"report-{number}.pdf")).pk
        for number in range(count)
    ]


def _translation_states(publications: list[PublicationPage]) -> list[FieldTranslation]:
    """Of the translated ones, every third French summary a machine draft nobody reviewed, and
    every fourth Arabic title written from an older English title (out of date)."""
    rows = []
    for number, publication in enumerate(publications):
        if number % 3 == 0:
            machine = digest(publication, "summary", "fr")
            rows.append(
                FieldTranslation(
                    page_id=publication.pk,
                    field="summary",
                    language="fr",
                    source_digest=digest(publication, "summary", "en"),
                    translation_digest=machine,
                    machine_digest=machine,
                    machine_translated=True,
                )
            )
        if number % 4 == 0:
            rows.append(
                FieldTranslation(
                    page_id=publication.pk,
                    field="title",
                    language="ar",
                    source_digest="0" * 64,
                    translation_digest=digest(publication, "title", "ar"),
                )
            )
    return rows


def _add_publications(index, count: int, *, members, themes, covers, documents, rng) -> None:
    theme_links, mentions, files, titled, translated = [], [], [], [], []
    series = [value for value, _label in Series.choices]
    for number, page in enumerate(bulk_child_pages(index, PublicationPage, count, "publication")):
        summary = f"A report on {rng.choice(WORDS)} in {rng.choice(COUNTRIES)}."
        is_translated = number % 3 == 0
        publication = PublicationPage(
            page_ptr=page,
            series=series[number % len(series)],
            summary=summary,
            summary_en=summary,
            summary_fr="Un rapport." if is_translated else "",
            summary_ar="تقرير." if is_translated and number % 2 == 0 else "",
            cover_id=rng.choice(covers) if number % 3 else None,
            authors="UN-Habitat, SDI",
            year=rng.randint(2000, 2026),
            countries=rng.sample(COUNTRIES, rng.randint(0, 2)),
        )
        publication.save_base(raw=True)
        if is_translated:
            page.title_fr = f"Publication {number} (fr)"
            page.title_ar = f"المنشور {number}"
            titled.append(page)
            publication.title, publication.title_en = page.title, page.title_en
            publication.title_fr, publication.title_ar = page.title_fr, page.title_ar
            translated.append(publication)
        theme_links += [
            PublicationPage.themes.through(publicationpage_id=page.pk, theme_id=theme)
            for theme in rng.sample(themes, rng.randint(1, 3))
        ]
        mentions += [
            PublicationPage.members.through(publicationpage_id=page.pk, memberpage_id=member)
            for member in rng.sample(members, rng.randint(0, 2))
        ]
        languages = ["en", *rng.sample(LANGUAGES[1:], rng.randint(0, 3))]
        files += [
            PublicationFile(page_id=page.pk, sort_order=order, language=language, document_id=rng.choice(documents))
            for order, language in enumerate(languages)
        ]
    Page.objects.bulk_update(titled, ["title_fr", "title_ar"], batch_size=1000)
    PublicationPage.themes.through.objects.bulk_create(theme_links, batch_size=2000)
    PublicationPage.members.through.objects.bulk_create(mentions, batch_size=2000)
    PublicationFile.objects.bulk_create(files, batch_size=2000)
    FieldTranslation.objects.bulk_create(_translation_states(translated), batch_size=2000)


def build() -> PublicationIndexPage:
    DATABASE_FILE.unlink(missing_ok=True)
    shutil.rmtree(MEDIA_FOLDER, ignore_errors=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        members_demo.ensure_demo_members(home=home, stdout=io.StringIO())
        index = publications_demo.ensure_demo_library(home=home, stdout=io.StringIO())
        demo.ensure_home_sections(home=home, stdout=io.StringIO())  # the brochure section among them
    shared = dict(
        members=list(MemberPage.objects.order_by("pk").values_list("pk", flat=True)),
        themes=list(Theme.objects.order_by("pk").values_list("pk", flat=True)),
        covers=[
            get_image_model().objects.create(title=f"Cover {number}", file=get_test_image_file()).pk
            for number in range(SHARED_COVERS)
        ],
        documents=_documents(SHARED_DOCUMENTS),
        rng=random.Random(2026),  # noqa: S311 (the same data set on every run, not a secret)
    )
    with transaction.atomic():
        _add_publications(index, PUBLICATIONS, **shared)
    return PublicationIndexPage.objects.get(pk=index.pk)


def post(client, path: str, data: dict):
    """A case that POSTs `data` to `path` and returns the response's size, stopping the run on anything but 200."""

    def run() -> int:
        response = client.post(path, data)
        if response.status_code != 200:
            raise SystemExit(f"POST {path} answered {response.status_code}")
        return len(response.content)

    return run


def main() -> None:
    started = time.perf_counter()
    index = build()
    print(f"built {PUBLICATIONS} publications in {time.perf_counter() - started:.1f} s ({DATABASE_FILE})")
    client = Client(HTTP_HOST="127.0.0.1")
    admin = Client(HTTP_HOST="127.0.0.1")
    superuser = get_user_model().objects.create_superuser(username="bench", email="bench@alliance.test", password=None)
    admin.force_login(superuser)  # no password: it never signs in through the form

    with translation.override("en"):
        library = index.url
    with translation.override("ar"):
        arabic_library = index.url
    publication = PublicationPage.objects.filter(cover__isnull=False).order_by("pk")[PUBLICATIONS // 2]
    with translation.override("en"):
        publication_url = publication.url
    export = reverse("translations_exchange:export", args=(publication.pk,))
    coverage = reverse("translations:coverage")
    cases = [
        ("library, page 1", fetch(client, library), ROUNDS),
        ("working papers in French", fetch(client, f"{library}?series=working-paper&language=fr"), ROUNDS),
        ("library, page 5", fetch(client, f"{library}?page=5"), ROUNDS),
        (f"library in Arabic ({arabic_library})", fetch(client, arabic_library), ROUNDS),
        ("a publication", fetch(client, publication_url), ROUNDS),
        ("home page (its brochure)", fetch(client, "/en/"), ROUNDS),
        ("admin: translation coverage", fetch(admin, coverage), ADMIN_ROUNDS),
        ("admin: coverage in Arabic", fetch(admin, f"{coverage}?language=ar"), ADMIN_ROUNDS),
        ("admin: PO export of a publication", post(admin, export, {"language": "fr", "file_format": "po"}), ROUNDS),
        ("for scale: the about page", fetch(client, "/en/about/"), ROUNDS),
    ]
    print()
    print("| case | median ms | p95 ms | queries | KB | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run, rounds in cases:
        median, p95, queries, size = measure(run, rounds)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {size / 1024:.0f} | {rounds} |")
    print(f"\ntotal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
