"""Median and p95 time to serve the project database and its CSV export with 5,000 showcases.

Run with `.venv/bin/python bench/showcases.py` (`BENCH_SHOWCASES` and `BENCH_ROUNDS` change the
sizes). It builds its own SQLite database: the showcases go in with bulk inserts, not page by
page, since creating thousands of pages through Wagtail takes many minutes. Compare rows with
each other: the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import sys
import time
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-showcases.sqlite3")  # noqa: S108 (a throwaway benchmark database)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_FILE}"  # before django.setup(): never the demo database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.images.tests.utils import get_test_image_file  # noqa: E402

from bench.loaders import WORDS, add_showcases  # noqa: E402
from bench.support import fetch, measure  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from showcases.models import (  # noqa: E402
    ShowcaseIndexPage,
)

logging.getLogger("wagtail").setLevel(logging.WARNING)

SHOWCASES = int(os.environ.get("BENCH_SHOWCASES", "5000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
CSV_ROUNDS = max(ROUNDS // 4, 3)


def build() -> None:
    DATABASE_FILE.unlink(missing_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        members_demo.ensure_demo_members(home=home, stdout=io.StringIO())
        index = home.add_child(instance=ShowcaseIndexPage(title="Showcases", slug="showcases"))
        index.save_revision().publish()
    members = list(MemberPage.objects.values_list("pk", flat=True))
    themes = [Theme.objects.get_or_create(slug=word, defaults={"name": word.capitalize()})[0].pk for word in WORDS]
    images = [
        get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file()).pk for number in range(40)
    ]
    rng = random.Random(2008)  # noqa: S311 (the same data set on every run, not a secret)
    with transaction.atomic():
        add_showcases(index, SHOWCASES, members=members, themes=themes, images=images, rng=rng)


def main() -> None:
    started = time.perf_counter()
    build()
    print(f"built {SHOWCASES} showcases in {time.perf_counter() - started:.1f} s ({DATABASE_FILE})")
    client = Client(HTTP_HOST="127.0.0.1")

    last_page = (SHOWCASES + 23) // 24
    cases = [
        ("listing, page 1", fetch(client, "/en/showcases/"), ROUNDS),
        ("filtered by country and theme", fetch(client, "/en/showcases/?country=KE&theme=housing"), ROUNDS),
        ("search 'water'", fetch(client, "/en/showcases/?q=water"), ROUNDS),
        ("search in the story ('story of lille')", fetch(client, "/en/showcases/?q=story+of+lille"), ROUNDS),
        ("French search 'vitrine'", fetch(client, "/fr/showcases/?q=vitrine"), ROUNDS),
        (f"page {min(100, last_page)}", fetch(client, f"/en/showcases/?page={min(100, last_page)}"), ROUNDS),
        ("CSV, country and theme", fetch(client, "/en/showcases/?country=KE&theme=housing&format=csv"), ROUNDS),
        (f"CSV, everything ({SHOWCASES})", fetch(client, "/en/showcases/?format=csv"), CSV_ROUNDS),
        ("for scale: the about page", fetch(client, "/en/about/"), ROUNDS),
    ]
    print(f"{'case':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'KB':>9}")
    for name, run, rounds in cases:
        median, p95, queries, size = measure(run, rounds)
        print(f"{name:<40}{median:>10.1f}{p95:>10.1f}{queries:>9}{size / 1024:>9.0f}   ({rounds} runs)")


if __name__ == "__main__":
    main()
