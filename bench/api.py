"""Median and p95 time to serve the REST API at /api/v1/: each endpoint's first page, a filtered
view and a detail, a full page of members, the next cursor page, a conditional GET (304), the
OpenAPI schema, with 1,000 members, 2,000 showcases, 5,000 events, 2,000 articles and 2,000
publications.

Run with `.venv/bin/python bench/api.py` (`BENCH_SCALE` multiplies every count, `BENCH_ROUNDS`
sets the runs). It builds its own SQLite database and media folder: every page goes in with bulk
inserts, the articles and publications through the news and publications benchmarks' own builders.
The anonymous throttle is lifted (`API_ANON_RATE`): a run sends far more than 120 requests a minute
from one address. Compare rows with each other: the machines are noisy.
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
from urllib.parse import urlsplit

DATABASE_FILE = Path("/tmp/bench-api.sqlite3")  # noqa: S108 (a throwaway benchmark database)
MEDIA_FOLDER = Path("/tmp/bench-api-media")  # noqa: S108 (its images, documents and renditions)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_FILE}"  # before django.setup(): never the demo database
os.environ["MEDIA_ROOT"] = str(MEDIA_FOLDER)  # nor the demo's media
os.environ["API_ANON_RATE"] = "1000000/minute"  # the benchmark is one address asking again and again
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402

from bench.loaders import (  # noqa: E402
    WORDS,
    add_articles,
    add_documents,
    add_events,
    add_members,
    add_publications,
    add_showcases,
)
from bench.support import fetch, measure  # noqa: E402
from events.models import EventIndexPage, EventOccurrence, EventPage  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from portal.news.models import NewsIndexPage, NewsPage  # noqa: E402
from portal.publications import demo as publications_demo  # noqa: E402
from portal.publications.models import PublicationPage  # noqa: E402
from showcases.models import (  # noqa: E402
    ShowcaseIndexPage,
    ShowcasePage,
)

logging.getLogger("wagtail").setLevel(logging.WARNING)

SCALE = float(os.environ.get("BENCH_SCALE", "1.0"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
SCHEMA_ROUNDS = max(ROUNDS // 4, 3)  # the schema is built anew on every request: fewer runs
MEMBERS, SHOWCASES, EVENTS, ARTICLES, PUBLICATIONS = (
    max(int(count * SCALE), 8) for count in (1000, 2000, 5000, 2000, 2000)
)
WRITING_MEMBERS = 4  # as bench/news.py: half the articles under the news index, half under four members
SHARED_IMAGES = 40
HOST = "127.0.0.1"


def build() -> None:
    DATABASE_FILE.unlink(missing_ok=True)
    shutil.rmtree(MEDIA_FOLDER, ignore_errors=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        directory = members_demo._ensure_directory(home, io.StringIO())  # the directory, without the demo members
        news = home.add_child(instance=NewsIndexPage(title="News", slug="news", slug_fr="actualites"))
        news.save_revision().publish()
        projects = home.add_child(instance=ShowcaseIndexPage(title="Showcases", slug="showcases"))
        projects.save_revision().publish()
        diary = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
        diary.save_revision().publish()
        library = publications_demo.ensure_demo_library(home=home, stdout=io.StringIO())
    for word in WORDS:
        Theme.objects.get_or_create(slug=word, defaults={"name": word.capitalize()})
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    images = [
        get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file()).pk
        for number in range(SHARED_IMAGES)
    ]
    documents = add_documents(12)
    rng = random.Random(2026)  # noqa: S311 (the same data set on every run, not a secret)
    with transaction.atomic():
        members = add_members(directory, MEMBERS, logos=images, rng=rng)
        shared = dict(members=members, themes=themes, images=images, rng=rng)
        add_showcases(projects, SHOWCASES, **shared)
        add_events(diary, EVENTS, **shared)
        add_articles(news, ARTICLES // 2, "news", member_id=None, **shared)
        writers = MemberPage.objects.filter(pk__in=members[:WRITING_MEMBERS]).order_by("pk")
        for member in writers:
            per_member = (ARTICLES - ARTICLES // 2) // WRITING_MEMBERS
            add_articles(member, per_member, f"{member.slug}-news", member_id=member.pk, **shared)
        add_publications(
            library, PUBLICATIONS, members=members, themes=themes, covers=images, documents=documents, rng=rng
        )


def conditional(client, path: str, etag: str):
    """A case that GETs `path` with the ETag of an earlier response, stopping the run on anything but 304."""

    def run() -> int:
        response = client.get(path, HTTP_IF_NONE_MATCH=etag)
        if response.status_code != 304:
            raise SystemExit(f"{path} with If-None-Match answered {response.status_code}")
        return len(response.content)

    return run


def _middle(queryset):
    return queryset.order_by("pk")[queryset.count() // 2]


def main() -> None:
    started = time.perf_counter()
    build()
    print(
        f"built {MEMBERS} members, {SHOWCASES} showcases, {EVENTS} events "
        f"({EventOccurrence.objects.count()} occurrences), {ARTICLES} articles and {PUBLICATIONS} publications "
        f"in {time.perf_counter() - started:.1f} s ({DATABASE_FILE}, scale {SCALE})"
    )
    client = Client(HTTP_HOST=HOST)

    member = _middle(MemberPage.objects.filter(logo__isnull=False, links__isnull=False).distinct())
    showcase = _middle(ShowcasePage.objects.filter(image__isnull=False))
    event = _middle(EventPage.objects.filter(repeat="weekly"))
    article = _middle(NewsPage.objects.filter(image__isnull=False, member__isnull=False))
    publication = _middle(PublicationPage.objects.filter(cover__isnull=False))
    theme = Theme.objects.get(slug="housing")

    first = client.get("/api/v1/members/")
    if first.status_code != 200:
        raise SystemExit(f"/api/v1/members/ answered {first.status_code}")
    next_page = urlsplit(first.json()["next"])
    cases = [
        ("members", fetch(client, "/api/v1/members/"), ROUNDS),
        ("members in KE", fetch(client, "/api/v1/members/?country=KE"), ROUNDS),
        ("a member", fetch(client, f"/api/v1/members/{member.pk}/"), ROUNDS),
        ("showcases", fetch(client, "/api/v1/showcases/"), ROUNDS),
        (
            f"showcases, theme {theme.slug} in KE",
            fetch(client, f"/api/v1/showcases/?theme={theme.slug}&country=KE"),
            ROUNDS,
        ),
        ("a showcase", fetch(client, f"/api/v1/showcases/{showcase.pk}/"), ROUNDS),
        ("events, upcoming", fetch(client, "/api/v1/events/"), ROUNDS),
        ("events, past", fetch(client, "/api/v1/events/?view=past"), ROUNDS),
        ("an event (weekly, 10 dates)", fetch(client, f"/api/v1/events/{event.pk}/"), ROUNDS),
        ("news", fetch(client, "/api/v1/news/"), ROUNDS),
        ("news in French", fetch(client, "/api/v1/news/?locale=fr"), ROUNDS),
        ("an article", fetch(client, f"/api/v1/news/{article.pk}/"), ROUNDS),
        ("publications", fetch(client, "/api/v1/publications/"), ROUNDS),
        ("working papers", fetch(client, "/api/v1/publications/?series=working-paper"), ROUNDS),
        ("a publication", fetch(client, f"/api/v1/publications/{publication.pk}/"), ROUNDS),
        ("members, 100 a page", fetch(client, "/api/v1/members/?page_size=100"), ROUNDS),
        ("members, next cursor page", fetch(client, f"{next_page.path}?{next_page.query}"), ROUNDS),
        ("members, If-None-Match (304)", conditional(client, "/api/v1/members/", first["ETag"]), ROUNDS),
        ("OpenAPI schema", fetch(client, "/api/schema/"), SCHEMA_ROUNDS),
        ("for scale: the about page", fetch(client, "/en/about/"), ROUNDS),
    ]
    print()
    print("| case | median ms | p95 ms | queries | KB | runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, run, rounds in cases:
        median, p95, queries, size = measure(run, rounds)
        print(f"| {name} | {median:.1f} | {p95:.1f} | {queries} | {size / 1024:.1f} | {rounds} |")
    print(f"\ntotal {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
