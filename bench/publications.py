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

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402

from bench.loaders import add_documents, add_publications  # noqa: E402
from bench.support import fetch, measure  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from portal.publications import demo as publications_demo  # noqa: E402
from portal.publications.models import PublicationIndexPage, PublicationPage  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

PUBLICATIONS = int(os.environ.get("BENCH_PUBLICATIONS", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
ADMIN_ROUNDS = max(ROUNDS // 4, 3)  # the coverage report reads every live page: fewer runs
SHARED_DOCUMENTS = 12
SHARED_COVERS = 20


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
        documents=add_documents(SHARED_DOCUMENTS),
        rng=random.Random(2026),  # noqa: S311 (the same data set on every run, not a secret)
    )
    with transaction.atomic():
        add_publications(index, PUBLICATIONS, **shared)
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
