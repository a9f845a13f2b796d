"""What the benchmarks share: thousands of child pages in a few inserts (creating them one by one
through Wagtail takes the best part of an hour), and timing. Import after django.setup()."""

import statistics
import time
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page


def bulk_child_pages(parent: Page, model: type[Page], count: int, name: str) -> list[Page]:
    """`count` live base pages of `model` under `parent`, titled "<Name> n" at "<name>-n/".
    The caller adds each model row with `model(page_ptr=page, ...).save_base(raw=True)`."""
    base_path = Page.objects.values_list("url_path_en", flat=True).get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    now = timezone.now()
    pages = Page.objects.bulk_create(
        [
            Page(
                title=f"{name.capitalize()} {number}",
                title_en=f"{name.capitalize()} {number}",
                slug=f"{name}-{number}",
                slug_en=f"{name}-{number}",
                url_path=f"{base_path}{name}-{number}/",
                url_path_en=f"{base_path}{name}-{number}/",
                path=Page._get_path(parent.path, parent.depth + 1, number + 1),
                depth=parent.depth + 1,
                numchild=0,
                content_type=content_type,
                live=True,
                first_published_at=now,
                last_published_at=now,
                locale_id=parent.locale_id,
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=count)
    return pages


def fetch(client, path: str) -> Callable[[], int]:
    """A case that GETs `path` and returns the response's size, stopping the run on anything but 200."""

    def run() -> int:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return len(response.content)

    return run


def measure(run, rounds: int) -> tuple[float, float, int, int]:
    """Median and p95 milliseconds over `rounds` calls after a warm-up, the queries of one call,
    and what the last call returned (the response size)."""
    run()
    timings = []
    for _round in range(rounds):
        start = time.perf_counter()
        size = run()
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        run()
    timings.sort()
    return statistics.median(timings), timings[max(int(len(timings) * 0.95) - 1, 0)], len(queries), size
