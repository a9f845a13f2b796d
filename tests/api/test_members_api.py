import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from members.models import LinkCheck, MemberKind
from portal.api.pagination import StablePagination

LIST = "/api/v1/members/"


def _titles(response) -> list[str]:
    return [member["title"] for member in response.json()["results"]]


def test_urls_resolve_by_name():
    assert reverse("member-list") == LIST
    assert reverse("member-detail", kwargs={"pk": 7}) == f"{LIST}7/"


def test_lists_members_a_to_z_with_the_directory_filters(api, make_member):
    make_member("Cotonou", headquarters_country="BJ")
    make_member("UN-Habitat", kind=MemberKind.UN_AGENCY, headquarters_country="KE", active_countries=["BJ", "BR"])
    make_member("Sida", kind=MemberKind.BILATERAL, headquarters_country="SE", summary="Swedish development agency")

    assert _titles(api.get(LIST)) == ["Cotonou", "Sida", "UN-Habitat"]
    assert _titles(api.get(LIST, {"kind": "un_agency"})) == ["UN-Habitat"]
    assert _titles(api.get(LIST, {"country": "BJ"})) == ["Cotonou", "UN-Habitat"]
    assert _titles(api.get(LIST, {"q": "swedish"})) == ["Sida"]
    assert _titles(api.get(LIST, {"q": "nothing-like-this"})) == []


def test_a_member_with_its_facts_and_its_working_links_health(api, make_member):
    member = make_member(
        "Cotonou",
        links=4,
        acronym="COT",
        headquarters_country="BJ",
        active_countries=["BJ", "KE"],
        summary="A city on the coast.",
        body="<p>Water for <b>every</b> district.</p>",
        year_joined=2015,
    )
    working, failing, broken, unchecked = member.links.all()
    now = timezone.now()
    LinkCheck.objects.create(
        url=working.url,
        checked_at=now,
        last_ok_at=now,
        status_code=200,
        moved_to="https://new.cotonou.test/",
    )
    LinkCheck.objects.create(url=failing.url, checked_at=now, consecutive_failures=1, status_code=500)
    LinkCheck.objects.create(url=broken.url, checked_at=now, consecutive_failures=3, status_code=404)

    response = api.get(f"{LIST}{member.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Cotonou" and data["acronym"] == "COT" and data["year_joined"] == 2015
    assert (data["kind"], data["kind_label"]) == ("city", "City")
    assert data["headquarters_country"] == {"code": "BJ", "name": "Benin"}
    assert data["active_countries"] == [{"code": "BJ", "name": "Benin"}, {"code": "KE", "name": "Kenya"}]
    assert data["url"] == member.full_url
    assert data["logo"] is None
    assert "<b>every</b>" in data["body"]
    links = {link["url"]: link for link in data["links"]}
    assert list(links) == [working.url, failing.url, unchecked.url]  # the broken one is hidden, as on the page
    assert links[working.url]["health"]["status"] == "ok"
    assert links[working.url]["health"]["moved_to"] == "https://new.cotonou.test/"
    assert links[working.url]["health"]["last_ok_at"]
    assert links[failing.url]["health"]["status"] == "failing"
    assert links[failing.url]["health"]["status_code"] == 500
    assert links[failing.url]["health"]["problem"] == "The site answered with error 500."
    assert links[unchecked.url]["health"] == {
        "status": "unchecked",
        "checked_at": None,
        "last_ok_at": None,
        "status_code": None,
        "moved_to": "",
        "problem": "",
    }
    assert "body" not in api.get(LIST).json()["results"][0]  # the directory has no descriptions


@pytest.mark.parametrize("ask", [{"locale": "fr"}, {"HTTP_ACCEPT_LANGUAGE": "fr"}])
def test_translated_fields_in_the_language_asked_for(api, make_member, ask):
    make_member("Addis Ababa", title_fr="Addis-Abeba", summary_fr="La capitale.", headquarters_country="ET")
    make_member("Cotonou", headquarters_country="BJ")
    query = {"locale": ask["locale"]} if "locale" in ask else {}
    headers = {key: value for key, value in ask.items() if key != "locale"}

    response = api.get(LIST, query, **headers)

    assert response["Content-Language"] == "fr"
    first = response.json()["results"][0]
    assert (first["title"], first["summary"]) == ("Addis-Abeba", "La capitale.")
    assert first["headquarters_country"]["name"] == "Éthiopie"
    assert "/fr/members/" in first["url"]
    assert _titles(response)[1] == "Cotonou"  # no French name: the English one


def test_english_without_a_language(api, make_member):
    make_member("Addis Ababa", title_fr="Addis-Abeba")

    response = api.get(LIST)

    assert response["Content-Language"] == "en"
    assert _titles(response) == ["Addis Ababa"]


def test_not_modified_when_the_client_has_it(api, make_member):
    member = make_member("Cotonou")
    for path in (LIST, f"{LIST}{member.pk}/"):
        first = api.get(path)
        assert first["ETag"] and first["Last-Modified"]

        again = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert again.content == b""


def test_unpublished_and_private_members_are_absent(api, make_member):
    shown = make_member("Cotonou")
    hidden = make_member("Lagos State")
    hidden.unpublish()
    private = make_member("Accra")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert _titles(api.get(LIST)) == ["Cotonou"]
    for member in (hidden, private):
        assert api.get(f"{LIST}{member.pk}/").status_code == 404
    assert api.get(f"{LIST}{shown.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("query", "field"), [({"kind": "spaceship"}, "kind"), ({"country": "XX"}, "country"), ({"q": "x" * 101}, "q")]
)
def test_a_bad_filter_is_a_400_in_the_error_shape(api, make_member, query, field):
    make_member("Cotonou")

    response = api.get(LIST, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] and error["message"]
    assert list(error["fields"]) == [field]


def test_unknown_member_is_a_404_in_the_error_shape(api, make_member):
    response = api.get(f"{LIST}999999/")

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_pages_are_capped_and_stable(api, make_member, monkeypatch):
    for name in ["Dakar", "Accra", "Cotonou", "Bamako", "Entebbe"]:
        make_member(name, links=0)
    monkeypatch.setattr(StablePagination, "max_page_size", 2)

    seen, path, query = [], LIST, {"page_size": 50}
    while path:
        page = api.get(path, query).json()
        assert len(page["results"]) <= 2
        seen += [member["title"] for member in page["results"]]
        path, query = page["next"], {}

    assert seen == ["Accra", "Bamako", "Cotonou", "Dakar", "Entebbe"]


def _add_members(make_member, start: int, count: int) -> None:
    for number in range(start, start + count):
        logo = get_image_model().objects.create(title=f"Logo {number}", file=get_test_image_file())
        member = make_member(
            f"Member {number:02}", links=3, logo=logo, headquarters_country="KE", active_countries=["KE", "BJ"]
        )
        with translation.override("en"):
            for link in member.links.all()[:2]:
                LinkCheck.objects.create(url=link.url, checked_at=timezone.now(), last_ok_at=timezone.now())


@pytest.mark.parametrize("path", [LIST, f"{LIST}?country=KE&q=member&locale=fr", f"{LIST}?kind=city&page_size=100"])
def test_list_queries_do_not_grow_with_the_members(api, make_member, count_queries, path):
    _add_members(make_member, 0, 2)
    api.get(path)  # makes the logos' renditions and warms Wagtail's cache of site root paths
    small, response = count_queries(api, path)
    assert len(response.json()["results"]) == 2

    _add_members(make_member, 2, 14)
    api.get(path)
    large, response = count_queries(api, path)
    assert len(response.json()["results"]) == 16

    print(f"members {path}: {small} queries with 2, {large} with 16")
    assert small == large


@pytest.mark.parametrize(
    "path",
    [
        f"{LIST}abc/",
        f"{LIST}-1/",
        f"{LIST}?q=%00",
        f"{LIST}?country=",
        f"{LIST}?page_size=-1",
        f"{LIST}?page_size=abc",
        f"{LIST}?cursor=%%%",
        f"{LIST}?locale=xx",
    ],
)
def test_odd_requests_never_fail_on_the_server(api, make_member, path):
    make_member("Cotonou")

    response = api.get(path)

    assert response.status_code in (200, 400, 404)
    assert response.status_code == 200 or "error" in response.json()
