"""Lighthouse's four scores (mobile: slow 4G, a 4x slower CPU) for the key pages of the demo site.

Run with `make lighthouse`; it serves the demo database on a free port with Django's development
server and prints a Markdown table. Performance there is a floor: that server is single-threaded,
runs with DEBUG on and sends uncompressed HTML, which production's proxy would compress.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The development settings: only they serve the uploaded images, which the scores count.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402
from wagtail.models import Site  # noqa: E402

from events.models import EventIndexPage  # noqa: E402
from frontend.audits import lighthouse  # noqa: E402
from members.models import MemberPage  # noqa: E402
from portal.publications.models import PublicationIndexPage  # noqa: E402
from showcases.models import ShowcaseIndexPage  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANGUAGES = ("en", "ar", "ja")


def _pages() -> list:
    return [
        Site.objects.get(is_default_site=True).root_page,
        MemberPage.objects.get(slug_en="world-bank"),
        EventIndexPage.objects.get(),
        ShowcaseIndexPage.objects.get(),
        PublicationIndexPage.objects.get(),
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve() -> tuple[subprocess.Popen, str]:
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            httpx.get(base + "/healthz", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("The demo server did not start.")


def main() -> None:
    server, base = _serve()
    try:
        print("| Page | " + " | ".join(CATEGORIES) + " |")
        print("|---|" + "---|" * len(CATEGORIES))
        for code in LANGUAGES:
            with translation.override(code):
                paths = [page.get_url() for page in _pages()]
            for path in paths:
                report = lighthouse(base + path, CATEGORIES)
                scores = " | ".join(str(report.scores[category]) for category in CATEGORIES)
                print(f"| {path} | {scores} |", flush=True)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
