"""Median and p95 time to serve the events diary and its calendar feeds with 20,000 events.

Run with `.venv/bin/python bench/events.py` (`BENCH_EVENTS` and `BENCH_ROUNDS` change the sizes).
It builds its own SQLite database: the events go in with bulk inserts, not page by page, since
creating 20,000 pages through Wagtail would take the best part of an hour. Compare rows with each
other: the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-events.sqlite3")  # noqa: S108 (a throwaway benchmark database)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_FILE}"  # before django.setup(): never the demo database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from bench.loaders import add_events  # noqa: E402
from bench.support import fetch, measure  # noqa: E402
from events.models import EventIndexPage, EventOccurrence, EventPage  # noqa: E402
from portal import demo  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

EVENTS = int(os.environ.get("BENCH_EVENTS", "20000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
FEED_ROUNDS = max(ROUNDS // 4, 3)


def build() -> None:
    DATABASE_FILE.unlink(missing_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        diary = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
        diary.save_revision().publish()
    rng = random.Random(2008)  # noqa: S311 (the same data set on every run, not a secret)
    with transaction.atomic():
        add_events(diary, EVENTS, members=[], themes=[], images=[], rng=rng)


def main() -> None:
    started = time.perf_counter()
    build()
    print(
        f"built {EVENTS} events, {EventOccurrence.objects.count()} occurrences "
        f"in {time.perf_counter() - started:.1f} s ({DATABASE_FILE})"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    some_event = EventPage.objects.order_by("pk")[EVENTS // 2]

    cases = [
        ("diary, upcoming, page 1", fetch(client, "/en/events/"), ROUNDS),
        ("diary, upcoming, page 200", fetch(client, "/en/events/?page=200"), ROUNDS),
        ("diary, month view", fetch(client, "/en/events/?view=month"), ROUNDS),
        ("diary, past, filtered by country", fetch(client, "/en/events/?view=past&country=KE"), ROUNDS),
        ("event page", fetch(client, f"/en/events/{some_event.slug_en}/"), ROUNDS),
        ("one event's .ics", fetch(client, f"/events/{some_event.pk}.ics"), ROUNDS),
        ("feed, filtered (Nairobi, one month)", fetch(client, _month_feed()), ROUNDS),
        (f"feed, whole diary ({EVENTS} events)", fetch(client, "/events/feed.ics"), FEED_ROUNDS),
        ("for scale: the about page", fetch(client, "/en/about/"), ROUNDS),
    ]
    print(f"{'case':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'KB':>9}")
    for name, run, rounds in cases:
        median, p95, queries, size = measure(run, rounds)
        print(f"{name:<40}{median:>10.1f}{p95:>10.1f}{queries:>9}{size / 1024:>9.0f}   ({rounds} runs)")


def _month_feed() -> str:
    start = timezone.localdate() + timedelta(days=30)
    return f"/events/feed.ics?city=Nairobi&start={start}&end={start + timedelta(days=30)}"


if __name__ == "__main__":
    main()
