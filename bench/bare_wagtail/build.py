"""Migrate the bare Wagtail project's database and make its one page the site's root, once.

Run by bench/served.py as `.venv/bin/python bench/bare_wagtail/build.py`."""

import contextlib
import io
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare_wagtail.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from bench.bare_wagtail.models import BarePage  # noqa: E402


def main() -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        call_command("migrate", interactive=False, verbosity=0)
    if BarePage.objects.exists():
        return
    page = Page.get_first_root_node().add_child(instance=BarePage(title="Hello from Wagtail", slug="bare"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": page}
    )
    Page.objects.filter(depth=2).exclude(pk=page.pk).delete()  # Wagtail's own welcome page


if __name__ == "__main__":
    main()
