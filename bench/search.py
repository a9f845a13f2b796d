"""Median and p95 time of the site search with a few thousand pages of each kind.

Run with `.venv/bin/python bench/search.py` (`BENCH_PAGES` pages per kind, `BENCH_ROUNDS`). It
builds its own SQLite database (Wagtail's FTS5 index, built by `update_index`); with
`BENCH_DATABASE_URL=postgres://...` it fills that database instead, which must be a throwaway
one, and times PostgreSQL's full-text search. `BENCH_REUSE=1` keeps the last SQLite build.
Compare rows with each other: the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-search.sqlite3")  # noqa: S108 (a throwaway benchmark database)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{DATABASE_FILE}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from bench.support import bulk_child_pages, fetch, measure  # noqa: E402
from events.models import EventIndexPage, EventPage  # noqa: E402
from members.models import MemberKind, MemberPage, MembersIndexPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.news.models import NewsIndexPage, NewsPage  # noqa: E402
from showcases.models import ShowcaseIndexPage, ShowcasePage  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

PAGES = int(os.environ.get("BENCH_PAGES", "3000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
CITIES = ["Lagos", "Nairobi", "São Paulo", "Manila", "Mumbai", "Lille", "Cairo", "Cotonou"]
WORDS = ["water", "housing", "transport", "resilience", "finance", "markets", "waste", "energy"]
FRENCH = {"water": "eau", "housing": "logement", "transport": "transports", "waste": "déchets"}


def _index(home, model, title: str, slug: str):
    index = home.add_child(instance=model(title=title, slug=slug))
    index.save_revision().publish()
    return index


def _texts(rng, number: int) -> dict:
    word, city = rng.choice(WORDS), rng.choice(CITIES)
    summary = f"A {word} programme in {city}, with {rng.choice(WORDS)} and {rng.choice(WORDS)}."
    french = f"Un programme {FRENCH.get(word, word)} à {city}." if number % 3 == 0 else None
    return {"summary": summary, "summary_en": summary, "summary_fr": french}


def build() -> None:
    if os.environ.get("BENCH_REUSE") and connection.vendor == "sqlite" and DATABASE_FILE.exists():
        return
    if connection.vendor == "sqlite":
        DATABASE_FILE.unlink(missing_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        indexes = {
            MemberPage: _index(home, MembersIndexPage, "Members", "members"),
            ShowcasePage: _index(home, ShowcaseIndexPage, "Showcases", "showcases"),
            EventPage: _index(home, EventIndexPage, "Events", "events"),
            NewsPage: _index(home, NewsIndexPage, "News", "news"),
        }
    rng = random.Random(2008)  # noqa: S311 (the same data set on every run, not a secret)
    today = timezone.localdate()
    with transaction.atomic():
        for number, page in enumerate(bulk_child_pages(indexes[MemberPage], MemberPage, PAGES, "member")):
            MemberPage(page_ptr=page, kind=MemberKind.CITY, acronym=f"M{number}", **_texts(rng, number)).save_base(
                raw=True
            )
        for number, page in enumerate(bulk_child_pages(indexes[ShowcasePage], ShowcasePage, PAGES, "showcase")):
            city = rng.choice(CITIES)
            body = [{"type": "text", "value": f"<p>The {rng.choice(WORDS)} story of {city}.</p>"}]
            ShowcasePage(page_ptr=page, city=city, city_en=city, body=body, **_texts(rng, number)).save_base(raw=True)
        for number, page in enumerate(bulk_child_pages(indexes[EventPage], EventPage, PAGES, "event")):
            start = today + timedelta(days=number % 400 - 200)
            EventPage(page_ptr=page, start_date=start, city=rng.choice(CITIES), **_texts(rng, number)).save_base(
                raw=True
            )
        for number, page in enumerate(bulk_child_pages(indexes[NewsPage], NewsPage, PAGES, "news")):
            NewsPage(page_ptr=page, date=date(2020, 1, 1) + timedelta(days=number), **_texts(rng, number)).save_base(
                raw=True
            )
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("update_index", verbosity=0)


def main() -> None:
    started = time.perf_counter()
    build()
    print(f"built {PAGES} pages of each of 4 kinds in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    client = Client(HTTP_HOST="127.0.0.1")

    def search(language: str) -> str:
        with translation.override(language):  # the path is translated: /fr/recherche/
            return reverse("search")

    cases = [
        ("one common word ('water')", fetch(client, f"{search('en')}?q=water")),
        ("two words ('housing lagos')", fetch(client, f"{search('en')}?q=housing+lagos")),
        ("French ('logement')", fetch(client, f"{search('fr')}?q=logement")),
        ("nothing found, suggestions ('lagso')", fetch(client, f"{search('en')}?q=lagso")),
        ("one kind, page 10 ('water')", fetch(client, f"{search('en')}?q=water&kind=showcases&page=10")),
        ("Japanese substring ('都市')", fetch(client, f"{search('ja')}?q=%E9%83%BD%E5%B8%82")),
        ("for scale: the about page", fetch(client, "/en/about/")),
    ]
    print(f"{'case':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'KB':>9}")
    for name, run in cases:
        median, p95, queries, size = measure(run, ROUNDS)
        print(f"{name:<40}{median:>10.1f}{p95:>10.1f}{queries:>9}{size / 1024:>9.0f}   ({ROUNDS} runs)")


if __name__ == "__main__":
    main()
