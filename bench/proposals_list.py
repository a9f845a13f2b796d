"""Median and p95 time to render a member's list of 500 proposals, in process, on a fresh SQLite file.

Run with `.venv/bin/python bench/proposals_list.py`. It builds its own database (migrations, a
minimal site, one member with 500 proposals and their histories, an editor) so the figures do not
depend on the demo data. Compare rows with each other: the machines are noisy.
"""

import contextlib
import io
import logging
import os
import random
import sys
import time
from pathlib import Path

DATABASE_FILE = Path("/tmp/bench-proposals.sqlite3")  # noqa: S108 (a throwaway benchmark database)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE_FILE}"  # before django.setup(): never the demo database
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from bench.loaders import add_proposals  # noqa: E402
from bench.support import fetch, measure  # noqa: E402
from members.grants.demo import ensure_service_standards  # noqa: E402
from members.grants.models import Proposal, ProposalStatusChange  # noqa: E402
from members.grants.views import standards_page_context  # noqa: E402
from members.models import MemberKind, MemberPage, MembersIndexPage  # noqa: E402
from portal import demo  # noqa: E402

logging.getLogger("wagtail").setLevel(logging.WARNING)  # no "Page created" lines in the report

PROPOSALS = 500
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))
EDITOR = "member@demo.test"


def build() -> MemberPage:
    DATABASE_FILE.unlink(missing_ok=True)
    # modeltranslation's migrate prints its SQL whatever the verbosity: keep the report readable.
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    stdout = io.StringIO()
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=stdout)
        index = home.add_child(instance=MembersIndexPage(title="Members", slug="members"))
        member = index.add_child(instance=MemberPage(title="Lagos State", acronym="LAG", kind=MemberKind.CITY))
        member.save_revision().publish()
        partner = index.add_child(instance=MemberPage(title="Cotonou", acronym="COT", kind=MemberKind.CITY))
        partner.save_revision().publish()
    get_user_model().objects.get(email=EDITOR).groups.add(member.team.editors)

    ensure_service_standards()

    rng = random.Random(2008)  # noqa: S311 (the same data set on every run, not a secret)
    add_proposals(PROPOSALS, leads=[member], partners=[partner], rng=rng)
    return member


def main() -> None:
    started = time.perf_counter()
    member = build()
    print(
        f"built {PROPOSALS} proposals, {ProposalStatusChange.objects.count()} status changes "
        f"in {time.perf_counter() - started:.1f} s ({DATABASE_FILE})"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(email=EDITOR))
    translation.activate("en")
    list_url = reverse("members:grants:list")
    detail_url = reverse("members:grants:detail", args=[Proposal.objects.order_by("pk").first().external_id])

    request = RequestFactory().get("/en/service-standards/")
    cases = [
        ("list, page 1 of 10", fetch(client, list_url)),
        ("list, page 10 of 10", fetch(client, f"{list_url}?page=10")),
        ("list, filtered by status", fetch(client, f"{list_url}?status=technical_review&member={member.pk}")),
        ("detail", fetch(client, detail_url)),
        ("dashboard (with summary of 500)", fetch(client, reverse("members:dashboard"))),
        ("public page context, measured (500)", lambda: (cache.clear(), standards_page_context(request))),
        ("public page context, kept (500)", lambda: standards_page_context(request)),
        ("for scale: the about page", fetch(client, "/en/about/")),
    ]
    print(f"{'case':<36}{'median ms':>10}{'p95 ms':>10}{'queries':>9}   ({ROUNDS} runs each)")
    for name, run in cases:
        median, p95, queries, _size = measure(run, ROUNDS)
        print(f"{name:<36}{median:>10.2f}{p95:>10.2f}{queries:>9}")


if __name__ == "__main__":
    main()
