import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from members.models import LinkCheck, MemberKind


def _names(html: str) -> list[str]:
    return re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)


def test_directory_lists_members_a_to_z_in_the_visitors_language(client, make_member):
    make_member("Cotonou")
    make_member("Addis Ababa", title_fr="Addis-Abeba")
    make_member("Lagos State")

    assert _names(client.get("/en/members/").content.decode()) == ["Addis Ababa", "Cotonou", "Lagos State"]
    assert _names(client.get("/fr/members/").content.decode()) == ["Addis-Abeba", "Cotonou", "Lagos State"]


def test_directory_filters_by_kind_country_and_search(client, make_member):
    make_member("Cotonou", headquarters_country="BJ")
    make_member("UN-Habitat", kind=MemberKind.UN_AGENCY, headquarters_country="KE", active_countries=["BJ", "BR"])
    make_member("Sida", kind=MemberKind.BILATERAL, headquarters_country="SE", summary="Swedish development agency")

    assert _names(client.get("/en/members/?kind=un_agency").content.decode()) == ["UN-Habitat"]
    assert _names(client.get("/en/members/?country=BJ").content.decode()) == ["Cotonou", "UN-Habitat"]
    assert _names(client.get("/en/members/?q=swedish").content.decode()) == ["Sida"]
    empty = client.get("/en/members/?q=nothing-like-this").content.decode()
    assert _names(empty) == []
    assert "No member matches these filters." in empty


def test_directory_keeps_what_was_typed_and_ignores_a_bad_filter(client, make_member):
    make_member("Cotonou")

    response = client.get("/en/members/?kind=spaceship&q=coto")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="coto"' in html
    assert "Select a valid choice." in html


def test_member_page_shows_working_links_with_their_date_and_hides_broken_ones(client, make_member):
    member = make_member("Cotonou", links=3)
    working, failing, broken = member.links.all()
    LinkCheck.objects.create(url=working.url, checked_at=timezone.now(), last_ok_at=timezone.now(), status_code=200)
    LinkCheck.objects.create(url=failing.url, checked_at=timezone.now(), consecutive_failures=1, status_code=500)
    LinkCheck.objects.create(url=broken.url, checked_at=timezone.now(), consecutive_failures=3, status_code=404)

    html = client.get(member.url).content.decode()

    assert working.url in html and "Verified" in html
    assert failing.url in html  # one failure is not enough to hide it
    assert broken.url not in html


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_directory_and_member_page_queries_do_not_grow(client, make_member, members_index):
    first = make_member("Member 0", links=2)
    few = (_queries(client, "/en/members/"), _queries(client, first.url))

    for number in range(1, 16):
        make_member(f"Member {number}", links=6)
    with translation.override("en"):
        for link in first.links.all()[:1]:
            LinkCheck.objects.create(url=link.url, last_ok_at=timezone.now())
    many = (_queries(client, "/en/members/"), _queries(client, first.url))

    assert few == many


@pytest.mark.parametrize("code", ["en", "ar"])
def test_member_page_in_each_language(client, make_member, code):
    member = make_member("Cotonou", summary_ar="مدينة كوتونو", headquarters_country="BJ")

    html = client.get(f"/{code}{member.url[3:]}").content.decode()

    assert ("مدينة كوتونو" in html) == (code == "ar")
    assert ("Benin" in html) == (code == "en")


def test_a_member_page_lists_its_countries_with_each_languages_comma(client, member_b):
    english = client.get(member_b.get_url()).content.decode()
    arabic = client.get(member_b.get_url().replace("/en/", "/ar/", 1)).content.decode()

    assert "<dd>Benin, Kenya</dd>" in english
    assert re.search(r"<dd>[^<,]+، [^<,]+</dd>", arabic), "Arabic lists take the Arabic comma"
