"""Median and p95 time to serve the news index, a filtered view, an article, a member's page and
the feeds with 2,000 articles.

Run with `.venv/bin/python bench/news.py` (`BENCH_NEWS` and `BENCH_ROUNDS` change the sizes). It
builds its own SQLite database: the articles go in with bulk inserts, half under the news index
(the communications team's) and half under four members' pages. Compare rows with each other:
the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import sys
import time
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-news.sqlite3")  # noqa: S108 (a throwaway benchmark database)

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

from bench.loaders import WORDS, add_articles  # noqa: E402
from bench.support import fetch, measure  # noqa: E402
from members import demo as members_demo  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal import demo  # noqa: E402
from portal.models import Theme  # noqa: E402
from portal.news.models import NewsIndexPage, NewsPage  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)

ARTICLES = int(os.environ.get("BENCH_NEWS", "2000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
WRITING_MEMBERS = 4


def build() -> MemberPage:
    DATABASE_FILE.unlink(missing_ok=True)
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=io.StringIO())
        members_demo.ensure_demo_members(home=home, stdout=io.StringIO())
        index = home.add_child(instance=NewsIndexPage(title="News", slug="news", slug_fr="actualites"))
        index.save_revision().publish()
    members = list(MemberPage.objects.order_by("pk"))
    member_ids = [member.pk for member in members]
    themes = [Theme.objects.get_or_create(slug=word, defaults={"name": word.capitalize()})[0].pk for word in WORDS]
    images = [
        get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file()).pk for number in range(40)
    ]
    rng = random.Random(2008)  # noqa: S311 (the same data set on every run, not a secret)
    shared = dict(members=member_ids, themes=themes, images=images, rng=rng)
    with transaction.atomic():
        add_articles(index, ARTICLES // 2, "news", member_id=None, **shared)
        per_member = (ARTICLES - ARTICLES // 2) // WRITING_MEMBERS
        for member in members[:WRITING_MEMBERS]:
            add_articles(member, per_member, f"{member.slug}-news", member_id=member.pk, **shared)
    return members[0]


def main() -> None:
    started = time.perf_counter()
    member = build()
    print(f"built {ARTICLES} articles in {time.perf_counter() - started:.1f} s ({DATABASE_FILE})")
    client = Client(HTTP_HOST="127.0.0.1")

    article = NewsPage.objects.filter(member=member).first()
    cases = [
        ("index, page 1", fetch(client, "/en/news/"), ROUNDS),
        ("index in French", fetch(client, "/fr/actualites/"), ROUNDS),
        ("filtered by theme and country", fetch(client, "/en/news/?theme=water&country=KE"), ROUNDS),
        (f"filtered by member ({member.slug})", fetch(client, f"/en/news/?member={member.pk}"), ROUNDS),
        ("from our members, page 20", fetch(client, "/en/news/?source=members&page=20"), ROUNDS),
        ("an article", fetch(client, article.url), ROUNDS),
        ("a member page with its news", fetch(client, member.url), ROUNDS),
        ("RSS feed", fetch(client, "/en/news/feed/rss/"), ROUNDS),
        ("Atom feed of a member", fetch(client, f"/fr/actualites/feed/atom/?member={member.pk}"), ROUNDS),
        ("for scale: the about page", fetch(client, "/en/about/"), ROUNDS),
    ]
    print(f"{'case':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}{'KB':>9}")
    for name, run, rounds in cases:
        median, p95, queries, size = measure(run, rounds)
        print(f"{name:<40}{median:>10.1f}{p95:>10.1f}{queries:>9}{size / 1024:>9.0f}   ({rounds} runs)")


if __name__ == "__main__":
    main()
