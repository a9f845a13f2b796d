"""Time the grants sync on 20,000 proposals served by a local HTTP server, in a throwaway database.

Run with `.venv/bin/python bench/grants_sync.py` (BENCH_PROPOSALS and BENCH_PAGE_SIZE change the
size). Four runs: the first full sync; a second with nothing changed (it reads only
what changed since, so one record); a third that reads everything again with nothing changed, as
after a lost checkpoint; and a fourth after a tenth of the proposals moved on. The database is a
temporary SQLite file, deleted at the end.
"""

import contextlib
import io
import logging
import os
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served
WORKDIR = Path(tempfile.mkdtemp(prefix="grants-bench-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"  # never the project's database

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402
from wagtail.models import Page  # noqa: E402

from members.grants.models import GrantsSyncCheckpoint, Proposal, ProposalStatusChange, SponsorCode  # noqa: E402
from members.grants.sync import sync_proposals  # noqa: E402
from members.models import MemberKind, MemberPage  # noqa: E402
from tests.grants.server import EPOCH, STATUS_ORDER, TOKEN, GrantsServer, proposal  # noqa: E402

PROPOSALS = int(os.environ.get("BENCH_PROPOSALS", "20000"))
PAGE_SIZE = int(os.environ.get("BENCH_PAGE_SIZE", "200"))
SPONSORS = [("WB", "lead"), ("AFD", "co-sponsor"), ("UNH", "co-sponsor")]  # UNH maps to no member


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def make_members() -> None:
    root = Page.get_first_root_node()
    with translation.override("en"):
        for code, title in (("WB", "World Bank"), ("AFD", "Agence française de développement")):
            member = root.add_child(instance=MemberPage(title=title, kind=MemberKind.BILATERAL))
            SponsorCode.objects.create(code=code, member=member)


def generate(server: GrantsServer, *, numbers: range, updated_from, status_for) -> None:
    server.put(
        *(
            proposal(
                number,
                updated_at=updated_from + timedelta(seconds=number),
                status=status_for(number),
                sponsors=SPONSORS[: 1 + number % 3],
            )
            for number in numbers
        )
    )


def timed_sync(label: str) -> None:
    counter = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        run = sync_proposals(page_size=PAGE_SIZE)
    seconds = time.perf_counter() - started
    if not run.succeeded:
        raise SystemExit(f"{label}: the sync failed: {run.error}")
    records = run.created + run.updated + run.unchanged + run.rejected
    print(
        f"{label:<28}{seconds:>9.2f}{records / seconds:>12.0f}{run.pages:>7}{counter.count / run.pages:>13.1f}"
        f"{run.created:>9}{run.updated:>9}{run.unchanged:>11}"
    )


def main() -> None:
    logging.disable(logging.WARNING)  # httpx logs every request at INFO
    server = GrantsServer(max_page_size=PAGE_SIZE).start()
    try:
        # modeltranslation's migrate asks before it syncs its columns, and prints what it did.
        with contextlib.redirect_stdout(io.StringIO()):
            call_command("migrate", interactive=False, verbosity=0)
        make_members()
        settings.GRANTS_API_URL = server.url
        settings.GRANTS_API_TOKEN = TOKEN
        started = time.perf_counter()
        generate(
            server,
            numbers=range(1, PROPOSALS + 1),
            updated_from=EPOCH,
            status_for=lambda number: STATUS_ORDER[number % len(STATUS_ORDER)],
        )
        print(f"{PROPOSALS} proposals generated in {time.perf_counter() - started:.1f} s; pages of {PAGE_SIZE}")
        print(
            f"{'run':<28}{'wall s':>9}{'records/s':>12}{'pages':>7}{'queries/page':>13}"
            f"{'created':>9}{'updated':>9}{'unchanged':>11}"
        )
        timed_sync("full sync")
        timed_sync("again, nothing changed")
        GrantsSyncCheckpoint.objects.all().delete()
        timed_sync("everything again, unchanged")  # what a lost checkpoint costs
        generate(
            server,
            numbers=range(1, PROPOSALS + 1, 10),
            updated_from=EPOCH + timedelta(days=365),
            status_for=lambda number: "completed",
        )
        timed_sync("after 10% changed")
        print(
            f"stored: {Proposal.objects.count()} proposals, "
            f"{ProposalStatusChange.objects.count()} status changes; {len(server.requests)} requests served"
        )
    finally:
        server.stop()
        connection.close()
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    main()
