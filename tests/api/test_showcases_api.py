from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from portal.api.pagination import StablePagination
from portal.models import Theme
from showcases.models import InvolvementRole, ShowcasePartner

LIST = "/api/v1/showcases/"


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [showcase["title"] for showcase in response.json()["results"]]


def _theme(slug: str, **names) -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize(), **names})[0]


@pytest.fixture
def database(make_showcase, member_a, member_b):
    """Three showcases that differ on every facet (as tests/showcases/test_database.py)."""
    housing, water = _theme("slum-upgrading", name_fr="Résorption des bidonvilles"), _theme("water-and-sanitation")
    return {
        "lagos": make_showcase(
            "Lagos housing",
            lead=member_a,
            partners=[(member_b, InvolvementRole.PARTNER)],
            themes=[housing],
            country="NG",
            city="Lagos",
            region="africa",
            status="ongoing",
            activity_type="project",
            start_date=date(2019, 3, 1),
            end_date=date(2022, 6, 30),
            budget=250000,
            outside_partners=[ShowcasePartner(name="Urban Consultants", kind="consultant")],
        ),
        "nairobi": make_showcase(
            "Nairobi water",
            lead=member_b,
            themes=[water, housing],
            country="KE",
            city="Nairobi",
            region="africa",
            status="completed",
            activity_type="partnership",
            start_date=date(2015, 1, 1),
            end_date=date(2017, 12, 31),
            summary="Standpipes in every district.",
        ),
        "manila": make_showcase(
            "Manila plan",
            themes=[water],
            country="PH",
            city="Manila",
            region="east_asia_pacific",
            status="planned",
            activity_type="knowledge_product",
            start_date=date(2021, 5, 1),
        ),
        "housing": housing,
        "water": water,
    }


def test_urls_resolve_by_name():
    assert reverse("showcase-list") == LIST
    assert reverse("showcase-detail", kwargs={"pk": 7}) == f"{LIST}7/"


def test_lists_live_showcases_by_title(api, database, make_showcase):
    make_showcase("Draft one", publish=False)

    assert _titles(api.get(LIST)) == ["Lagos housing", "Manila plan", "Nairobi water"]


def test_a_showcase_with_what_the_database_shows(api, database, member_a, member_b):
    lagos = database["lagos"]

    data = api.get(f"{LIST}{lagos.pk}/").json()

    assert data["title"] == "Lagos housing" and data["summary"] == "About Lagos housing."
    assert (data["city"], data["country"]) == ("Lagos", {"code": "NG", "name": "Nigeria"})
    assert (data["region"], data["region_label"]) == ("africa", "Sub-Saharan Africa")
    assert (data["status"], data["status_label"]) == ("ongoing", "Ongoing")
    assert (data["activity_type"], data["activity_type_label"]) == ("project", "Project")
    assert (data["start_date"], data["end_date"], data["years"]) == ("2019-03-01", "2022-06-30", "2019–2022")
    assert data["budget"] == "250000" and data["co_financing"] is None
    assert data["lead_member"] == {"id": member_a.pk, "name": "Lagos State"}
    assert data["members"] == [
        {"id": member_a.pk, "name": "Lagos State", "role": "lead", "role_label": "Lead"},
        {"id": member_b.pk, "name": "Cotonou", "role": "partner", "role_label": "Partner"},
    ]
    assert data["themes"] == [{"slug": "slum-upgrading", "name": "Slum upgrading"}]
    assert data["partners"] == [
        {"name": "Urban Consultants", "url": "", "kind": "consultant", "kind_label": "Consultant"}
    ]
    assert data["url"] == lagos.full_url
    assert data["image"] is None
    assert data["last_published_at"]


def test_a_showcase_without_a_lead(api, database):
    data = api.get(f"{LIST}{database['manila'].pk}/").json()

    assert data["lead_member"] is None and data["members"] == []
    assert data["years"] == "2021–"
    assert data["country"] == {"code": "PH", "name": "Philippines"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "standpipes"}, ["Nairobi water"]),
        ({"q": "lagos"}, ["Lagos housing"]),
        ({"country": "KE"}, ["Nairobi water"]),
        ({"city": "Manila"}, ["Manila plan"]),
        ({"region": "africa"}, ["Lagos housing", "Nairobi water"]),
        ({"theme": "slum-upgrading"}, ["Lagos housing", "Nairobi water"]),
        ({"status": "planned"}, ["Manila plan"]),
        ({"activity_type": "partnership"}, ["Nairobi water"]),
        ({"year": "2016"}, ["Nairobi water"]),
        ({"year": "2020", "region": "africa"}, ["Lagos housing"]),
        ({"theme": "water-and-sanitation", "country": "NG"}, []),
    ],
)
def test_the_project_database_filters(api, database, query, expected):
    assert _titles(api.get(LIST, query)) == expected


def test_filters_by_member_involved(api, database, member_a, member_b):
    assert _titles(api.get(LIST, {"member": member_a.pk})) == ["Lagos housing"]
    assert _titles(api.get(LIST, {"member": member_b.pk})) == ["Lagos housing", "Nairobi water"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"country": "XX"}, "country"),
        ({"region": "mars"}, "region"),
        ({"theme": "no-such-theme"}, "theme"),
        ({"member": "999999"}, "member"),
        ({"member": "abc"}, "member"),
        ({"status": "dreaming"}, "status"),
        ({"activity_type": "party"}, "activity_type"),
        ({"year": "1066"}, "year"),
        ({"year": "soon"}, "year"),
        ({"q": "x" * 201}, "q"),
        ({"city": "x" * 101}, "city"),
    ],
)
def test_a_bad_filter_is_a_400_in_the_error_shape(api, database, query, field):
    response = api.get(LIST, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["code"] and error["message"]
    assert list(error["fields"]) == [field]


@pytest.mark.parametrize("ask", [{"locale": "fr"}, {"HTTP_ACCEPT_LANGUAGE": "fr"}])
def test_translated_fields_in_the_language_asked_for(api, database, ask):
    nairobi = database["nairobi"]
    with translation.override("en"):
        nairobi.title_fr = "L'eau de Nairobi"
        nairobi.summary_fr = "Des bornes-fontaines dans les quartiers."
        nairobi.save_revision().publish()
    query = {"locale": ask["locale"]} if "locale" in ask else {}
    headers = {key: value for key, value in ask.items() if key != "locale"}

    response = api.get(LIST, query, **headers)

    assert response["Content-Language"] == "fr"
    assert _titles(response) == ["L'eau de Nairobi", "Lagos housing", "Manila plan"]  # in French order
    first = response.json()["results"][0]
    assert first["summary"] == "Des bornes-fontaines dans les quartiers."
    assert first["country"]["name"] == "Kenya"
    assert first["status_label"] == "Achevé"
    assert first["themes"][1] == {"slug": "slum-upgrading", "name": "Résorption des bidonvilles"}
    assert "/fr/" in first["url"]
    assert _titles(api.get(LIST, {"q": "bornes-fontaines", **query}, **headers)) == ["L'eau de Nairobi"]


def test_not_modified_when_the_client_has_it(api, database):
    for path in (LIST, f"{LIST}{database['lagos'].pk}/"):
        first = api.get(path)
        assert first["ETag"] and first["Last-Modified"]

        again = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

        assert again.status_code == 304
        assert again.content == b""


def test_unpublished_and_private_showcases_are_absent(api, database):
    lagos, manila = database["lagos"], database["manila"]
    lagos.unpublish()
    PageViewRestriction.objects.create(page=manila, restriction_type=PageViewRestriction.LOGIN)

    assert _titles(api.get(LIST)) == ["Nairobi water"]
    for hidden in (lagos, manila):
        response = api.get(f"{LIST}{hidden.pk}/")
        assert response.status_code == 404
        assert response.json()["error"]["status"] == 404


def test_pages_are_capped_and_stable(api, database, make_showcase, monkeypatch):
    make_showcase("Accra markets")
    make_showcase("Lagos housing")  # the same title: the id breaks the tie
    monkeypatch.setattr(StablePagination, "max_page_size", 2)

    seen, path, query = [], LIST, {"page_size": 50}
    while path:
        page = api.get(path, query).json()
        assert len(page["results"]) <= 2
        seen += [(showcase["title"], showcase["id"]) for showcase in page["results"]]
        path, query = page["next"], {}

    assert [title for title, _id in seen] == [
        "Accra markets",
        "Lagos housing",
        "Lagos housing",
        "Manila plan",
        "Nairobi water",
    ]
    assert len({pk for _title, pk in seen}) == 5


def test_a_bad_cursor_is_a_400_that_names_the_cursor(api, database):
    response = api.get(LIST, {"cursor": "not-a-cursor"})

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["cursor"]


def test_a_member_id_too_large_for_the_database_is_a_400(api, database):
    response = api.get(LIST, {"member": "9" * 25})

    assert response.status_code == 400
    assert "member" in response.json()["error"]["fields"]


def _add_showcases(make_showcase, members, themes, count: int, offset: int) -> None:
    for number in range(count):
        image = get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file())
        lead, partner = members[number % 2], members[(number + 1) % 2]
        make_showcase(
            f"Showcase {offset + number:02}",
            lead=lead,
            partners=[(partner, InvolvementRole.CO_SPONSOR)],
            themes=themes,
            image=image,
            outside_partners=[ShowcasePartner(name=f"Consultant {number}", kind="consultant")],
            country=["KE", "NG", "BR"][number % 3],
            city=f"City {number % 4}",
            region="africa",
            start_date=date(2010 + number % 10, 1, 1),
            end_date=date(2020, 1, 1) if number % 2 else None,
        )


@pytest.mark.parametrize(
    "path",
    [LIST, f"{LIST}?q=showcase&theme=slum-upgrading&year=2015&locale=fr", f"{LIST}?region=africa&page_size=100"],
)
def test_list_queries_do_not_grow_with_the_showcases(api, make_showcase, member_a, member_b, count_queries, path):
    themes = [_theme("slum-upgrading"), _theme("water-and-sanitation")]
    _add_showcases(make_showcase, [member_a, member_b], themes, 3, 0)
    api.get(path)  # makes the images' renditions and warms Wagtail's cache of site root paths
    small, response = count_queries(api, path)
    shown = len(response.json()["results"])

    _add_showcases(make_showcase, [member_a, member_b], themes, 15, 3)
    api.get(path)
    large, response = count_queries(api, path)
    assert len(response.json()["results"]) > shown

    print(f"showcases {path}: {small} queries with {shown} shown, {large} with {len(response.json()['results'])}")
    assert small == large


@pytest.mark.parametrize(
    "path",
    [
        f"{LIST}abc/",
        f"{LIST}?q=%00",
        f"{LIST}?year=1e5",
        f"{LIST}?member=-1",
        f"{LIST}?theme=",
        f"{LIST}?q=%22%5C",
        f"{LIST}?page_size=0",
        f"{LIST}?locale=zh-hans&q=x",
    ],
)
def test_odd_requests_never_fail_on_the_server(api, database, path):
    response = api.get(path)

    assert response.status_code in (200, 400, 404)
    assert response.status_code == 200 or "error" in response.json()
