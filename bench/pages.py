"""Median and p95 time to render public pages, in process, against the demo database.

Run with `make bench`. Compare the rows with each other: the machines are noisy.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")  # DEBUG off, as served

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

PATHS = [
    "/en/",
    "/ar/",
    "/zh-hans/",
    "/fr/a-propos/",
    "/en/members/",
    "/ar/members/",
    "/en/members/?kind=bilateral&country=KE",
    "/en/members/world-bank/",
    "/ja/members/world-bank/",
    "/en/accounts/login/",
    "/en/no-such-page/",
    "/healthz",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


def measure(client: Client, path: str) -> tuple[float, float, int]:
    client.get(path)
    timings = []
    for _round in range(ROUNDS):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'path':<40}{'median ms':>10}{'p95 ms':>10}{'queries':>9}   ({ROUNDS} requests each)")
    for path in PATHS:
        median, p95, queries = measure(client, path)
        print(f"{path:<40}{median:>10.2f}{p95:>10.2f}{queries:>9}")


if __name__ == "__main__":
    main()
