"""Members and their editors, for every app whose tests need them (loaded by tests/conftest.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from members.models import MemberKind, MemberLink, MemberPage, MembersIndexPage


@pytest.fixture
def members_index(home_page):
    existing = MembersIndexPage.objects.first()
    if existing:
        return existing
    with translation.override("en"):
        return home_page.add_child(instance=MembersIndexPage(title="Members", slug="members"))


@pytest.fixture
def make_member(members_index):
    def make(title: str, *, links: int = 1, **fields) -> MemberPage:
        with translation.override("en"):
            member = members_index.add_child(
                instance=MemberPage(title=title, kind=fields.pop("kind", MemberKind.CITY), **fields)
            )
            for number in range(links):
                member.links.add(MemberLink(title=f"{title} link {number}", url=f"https://{member.slug}.test/{number}"))
            member.save_revision().publish()
        return MemberPage.objects.get(pk=member.pk)  # as published, with its links saved

    return make


@pytest.fixture
def member_a(make_member):
    return make_member("Lagos State", acronym="LAG", headquarters_country="NG")


@pytest.fixture
def member_b(make_member):
    return make_member("Cotonou", acronym="COT", headquarters_country="BJ", active_countries=["BJ", "KE"])


@pytest.fixture
def editor_a(member_a):
    user = get_user_model().objects.get(email="member@demo.test")
    user.groups.add(member_a.team.admins)
    return user


@pytest.fixture
def editor_b(member_b):
    user = get_user_model().objects.get(email="member2@demo.test")
    user.groups.add(member_b.team.editors)
    return user
