"""The large site `make bench` serves, and the queries each of its key URLs costs.

Run by bench/served.py as `.venv/bin/python bench/dataset.py FOLDER --scale S --out FILE`: it builds
the site into FOLDER (a SQLite file and a media folder; PostgreSQL instead when DATABASE_URL is set
and FOLDER is the large set) unless an earlier run built it, then writes to FILE the key URLs and
the queries one request to each makes, counted in process after a warm-up request. At scale 1:
1,000 members, 20,000 events, 5,000 showcases, 20,000 proposals, 2,000 news articles and 2,000
publications, a third of them partly translated. PAGE_CACHE_SECONDS in the environment decides
whether the page cache is on while counting.
"""

import argparse
import contextlib
import io
import json
import logging
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
arguments = argparse.ArgumentParser()
arguments.add_argument("folder", type=Path)
arguments.add_argument("--scale", type=float, default=1.0)
arguments.add_argument("--out", type=Path, required=True)
arguments.add_argument("--database-url", default="", help="PostgreSQL instead of a SQLite file in the folder")
ARGS = arguments.parse_args()

sys.path.insert(0, str(ROOT))
ARGS.folder.mkdir(parents=True, exist_ok=True)
SQLITE_FILE = ARGS.folder / "site.sqlite3"
BUILT_MARKER = ARGS.folder / "built"  # written last: a half-built SQLite file is built again
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{SQLITE_FILE}"  # never the demo database
os.environ["MEDIA_ROOT"] = str(ARGS.folder / "media")
os.environ["API_ANON_RATE"] = "1000000/minute"  # one address asking again and again
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Value  # noqa: E402
from django.db.models.functions import Concat, Mod  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402
from wagtail.models import Page  # noqa: E402

from bench.loaders import (  # noqa: E402
    WORDS,
    add_articles,
    add_documents,
    add_events,
    add_members,
    add_proposals,
    add_publications,
    add_showcases,
)
from events.models import EventIndexPage, EventPage  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage, MembersIndexPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from portal.news.models import NewsIndexPage, NewsPage  # noqa: E402
from portal.publications import demo as publications_demo  # noqa: E402
from portal.publications.models import PublicationIndexPage  # noqa: E402
from showcases.models import ShowcaseIndexPage, ShowcasePage  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

COUNTS = {
    "members": 1000,
    "events": 20000,
    "showcases": 5000,
    "proposals": 20000,
    "articles": 2000,
    "publications": 2000,
}
SIZES = {name: max(int(count * ARGS.scale), 8) for name, count in COUNTS.items()}
WRITING_MEMBERS = 4  # as bench/news.py: half the articles under the news index, half under four members
SHARED_IMAGES = 40
# Some pages' titles in other languages besides the demo's translated directory, home and indexes.
TRANSLATED_TITLES = {"fr": " (fr)", "ar": " (ar)", "es": " (es)"}


def say(message: str) -> None:
    print(f"  [{ARGS.folder.name}] {message}", flush=True)


def build() -> None:
    started = time.perf_counter()
    say(f"building {', '.join(f'{count} {name}' for name, count in SIZES.items())} (once; reused after)")
    with contextlib.redirect_stdout(io.StringIO()):  # modeltranslation's migrate prints its SQL
        call_command("migrate", interactive=False, verbosity=0)
    say(f"migrated in {time.perf_counter() - started:.0f} s")
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
        demo.ensure_home_sections(home=home, stdout=io.StringIO())
    for word in WORDS:
        Theme.objects.get_or_create(slug=word, defaults={"name": word.capitalize()})
    themes = list(Theme.objects.order_by("pk").values_list("pk", flat=True))
    images = [
        get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file()).pk
        for number in range(SHARED_IMAGES)
    ]
    rng = random.Random(2026)  # noqa: S311 (the same data set on every run, not a secret)
    with transaction.atomic():
        members = add_members(directory, SIZES["members"], logos=images, rng=rng)
        say(f"{len(members)} members")
        shared = dict(members=members, themes=themes, images=images, rng=rng)
        add_showcases(projects, SIZES["showcases"], **shared)
        say(f"{SIZES['showcases']} showcases")
        add_events(diary, SIZES["events"], **shared)
        say(f"{SIZES['events']} events")
        articles = SIZES["articles"]
        add_articles(news, articles // 2, "news", member_id=None, **shared)
        for member in MemberPage.objects.filter(pk__in=members[:WRITING_MEMBERS]).order_by("pk"):
            per_member = (articles - articles // 2) // WRITING_MEMBERS
            add_articles(member, per_member, f"{member.slug}-news", member_id=member.pk, **shared)
        say(f"{articles} articles")
        add_publications(
            library,
            SIZES["publications"],
            members=members,
            themes=themes,
            covers=images,
            documents=add_documents(12),
            rng=rng,
        )
        say(f"{SIZES['publications']} publications")
        sponsors = list(MemberPage.objects.filter(pk__in=members[:40]).order_by("pk"))
        add_proposals(SIZES["proposals"], leads=sponsors[::2], partners=sponsors[1::2], rng=rng)
        say(f"{SIZES['proposals']} proposals")
        # One page in three of each kind titled in French, Arabic and Spanish too.
        translated = Page.objects.alias(third=Mod("id", 3)).filter(depth__gte=4, third=0)
        for code, suffix in TRANSLATED_TITLES.items():
            translated.update(**{f"title_{code}": Concat("title_en", Value(suffix))})
    BUILT_MARKER.write_text(json.dumps(SIZES))
    say(f"built in {time.perf_counter() - started:.0f} s")


def is_built() -> bool:
    if ARGS.database_url:
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("migrate", interactive=False, verbosity=0)
        return EventPage.objects.count() >= SIZES["events"]
    if BUILT_MARKER.exists():
        return True
    SQLITE_FILE.unlink(missing_ok=True)  # what a run stopped half-way left
    return False


def _middle(queryset):
    return queryset.order_by("pk")[queryset.count() // 2]


def key_urls() -> dict[str, str]:
    """Label: path, for the pages and API lists the report covers."""
    member = _middle(MemberPage.objects.filter(logo__isnull=False, depth=4))
    showcase = _middle(ShowcasePage.objects.filter(image__isnull=False))
    event = _middle(EventPage.objects.filter(repeat="weekly"))
    with translation.override("en"):
        urls = {
            "home (en)": "/en/",
            "home (ar)": "/ar/",
            "member index": MembersIndexPage.objects.get().url,
            "a member": member.url,
            "showcase index": ShowcaseIndexPage.objects.get().url,
            "a showcase": showcase.url,
            "diary": EventIndexPage.objects.get().url,
            "an event": event.url,
            "news index": NewsIndexPage.objects.get().url,
            "an article": _middle(NewsPage.objects.filter(member__isnull=True)).url,
            "publications library": PublicationIndexPage.objects.get().url,
        }
    with translation.override("ar"):
        urls["member index (ar)"] = MembersIndexPage.objects.get().url
    for name in ("members", "events", "showcases", "news"):
        urls[f"API {name}"] = f"/api/v1/{name}/"
    return urls


def count_queries(urls: dict[str, str]) -> dict[str, int]:
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for label, path in urls.items():
        for _warm_up in range(2):  # renditions made, caches filled, the page cache (if on) primed
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        counts[label] = len(queries)
    return counts


def main() -> None:
    if not is_built():
        build()
    urls = key_urls()
    ARGS.out.write_text(json.dumps({"sizes": SIZES, "urls": urls, "queries": count_queries(urls)}, indent=1))


if __name__ == "__main__":
    main()
