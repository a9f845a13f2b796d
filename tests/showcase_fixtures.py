"""The project database and its showcases, for every app whose tests need them (loaded by tests/conftest.py)."""

import pytest
from django.utils import translation

from showcases.models import InvolvementRole, ShowcaseIndexPage, ShowcaseInvolvement, ShowcasePage


@pytest.fixture
def showcase_index(home_page):
    existing = ShowcaseIndexPage.objects.first()
    if existing:
        return existing
    with translation.override("en"):
        index = home_page.add_child(instance=ShowcaseIndexPage(title="Showcases", slug="showcases"))
        index.save_revision().publish()
    return ShowcaseIndexPage.objects.get(pk=index.pk)


@pytest.fixture
def make_showcase(showcase_index):
    """A published showcase under its lead member's page (or under the database without one).

    `partners` are (member, role) pairs besides the lead; `themes` a list of Theme."""

    def make(title: str, *, lead=None, partners=(), themes=(), publish: bool = True, **fields):
        fields.setdefault("summary", f"About {title}.")
        parent = lead or showcase_index
        with translation.override("en"):
            showcase = ShowcasePage(title=title, live=publish, **fields)
            showcase.involvements = [
                *([ShowcaseInvolvement(member=lead, role=InvolvementRole.LEAD)] if lead else []),
                *(ShowcaseInvolvement(member=member, role=role) for member, role in partners),
            ]
            showcase.themes = list(themes)
            parent.add_child(instance=showcase)
            revision = showcase.save_revision()
            if publish:
                revision.publish()
        return ShowcasePage.objects.get(pk=showcase.pk)

    return make
