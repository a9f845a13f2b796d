import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme
from showcases.models import InvolvementRole, ShowcasePage, ShowcasePartner

URL = "/en/showcases/"


def _titles(response) -> list[str]:
    return [card.showcase.title for card in response.context["cards"]]


def _options(response, facet: str) -> dict[str, str]:
    return {str(value): label for value, label in response.context["filter_form"].fields[facet].widget.choices if value}


def _theme(slug: str) -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})[0]


@pytest.fixture
def database(make_showcase, member_a, member_b):
    """Three showcases that differ on every facet."""
    housing, water = _theme("slum-upgrading"), _theme("water-and-sanitation")
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


def test_the_database_lists_live_showcases_by_title(client, database, make_showcase):
    make_showcase("Draft one", publish=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert _titles(response) == ["Lagos housing", "Manila plan", "Nairobi water"]
    assert b"3 showcases" in response.content
    assert b"Led by" in response.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=NG", ["Lagos housing"]),
        ("city=Nairobi", ["Nairobi water"]),
        ("region=africa", ["Lagos housing", "Nairobi water"]),
        ("theme=water-and-sanitation", ["Manila plan", "Nairobi water"]),
        ("status=planned", ["Manila plan"]),
        ("activity_type=partnership", ["Nairobi water"]),
        ("year=2016", ["Nairobi water"]),
        ("year=2021", ["Lagos housing", "Manila plan"]),
        ("year=2030", []),
        ("region=africa&theme=slum-upgrading&year=2020", ["Lagos housing"]),
    ],
)
def test_each_filter_narrows_the_list(client, database, query, expected):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert _titles(response) == expected


def test_the_member_filter_finds_showcases_in_any_role(client, database, member_a, member_b):
    assert _titles(client.get(f"{URL}?member={member_a.pk}")) == ["Lagos housing"]
    assert _titles(client.get(f"{URL}?member={member_b.pk}")) == ["Lagos housing", "Nairobi water"]


def test_facets_count_under_the_other_filters(client, database, member_a, member_b):
    response = client.get(f"{URL}?region=africa&country=KE")

    assert _options(response, "country") == {"KE": "Kenya (1)", "NG": "Nigeria (1)"}
    assert _options(response, "region") == {"africa": "Sub-Saharan Africa (1)"}
    assert _options(response, "theme") == {
        "slum-upgrading": "Slum upgrading (1)",
        "water-and-sanitation": "Water and sanitation (1)",
    }
    assert _options(response, "member") == {str(member_b.pk): "Cotonou (1)"}
    assert _options(response, "status") == {"completed": "Completed (1)"}
    assert _options(response, "year") == {"2017": "2017 (1)", "2016": "2016 (1)", "2015": "2015 (1)"}
    assert b"Kenya (1)" in response.content


def test_facets_without_filters_count_everything(client, database, member_a, member_b):
    response = client.get(URL)

    assert _options(response, "theme") == {
        "slum-upgrading": "Slum upgrading (2)",
        "water-and-sanitation": "Water and sanitation (2)",
    }
    assert _options(response, "member") == {str(member_b.pk): "Cotonou (2)", str(member_a.pk): "Lagos State (1)"}
    assert _options(response, "city") == {"Lagos": "Lagos (1)", "Manila": "Manila (1)", "Nairobi": "Nairobi (1)"}
    years = _options(response, "year")
    assert years["2021"] == "2021 (2)" and years["2019"] == "2019 (1)" and "2018" not in years


def test_a_chosen_option_without_results_stays_in_its_list(client, database):
    response = client.get(f"{URL}?country=KE&status=planned")

    assert _titles(response) == []
    assert _options(response, "country")["KE"] == "Kenya (0)"
    assert b"No showcase matches these filters." in response.content


def test_search_reads_titles_summaries_cities_and_stories(client, database, make_showcase):
    make_showcase(
        "Dakar story",
        summary="A market.",
        body=[{"type": "text", "value": "<p>The <b>fishermen</b> of Dakar.</p>"}],
    )

    assert _titles(client.get(f"{URL}?q=housing")) == ["Lagos housing"]
    assert _titles(client.get(f"{URL}?q=about+nairobi")) == ["Nairobi water"]
    assert _titles(client.get(f"{URL}?q=manila")) == ["Manila plan"]
    assert _titles(client.get(f"{URL}?q=fishermen")) == ["Dakar story"]
    assert _titles(client.get(f"{URL}?q=text")) == []  # the block's name is not its text


def test_search_ranks_title_matches_first_and_keeps_the_facets(client, make_showcase):
    make_showcase("Rivers", summary="The city of water.", country="BR")
    make_showcase("Water for all", summary="Pipes.", country="BR")
    make_showcase("Dry", summary="Water again.", country="KE")

    response = client.get(f"{URL}?q=water")

    assert _titles(response) == ["Water for all", "Dry", "Rivers"]
    assert _options(response, "country") == {"BR": "Brazil (2)", "KE": "Kenya (1)"}
    assert _titles(client.get(f"{URL}?q=water&sort=title")) == ["Dry", "Rivers", "Water for all"]


def test_search_in_french_reads_the_french_text_and_falls_back_to_english(client, database):
    nairobi = database["nairobi"]
    nairobi.title_fr = "L'eau de Nairobi"
    nairobi.summary_fr = "Des bornes-fontaines dans les quartiers."
    nairobi.city_fr = "Nairobi-Ville"
    nairobi.save_revision().publish()

    response = client.get("/fr/showcases/?q=bornes-fontaines")

    assert response.status_code == 200
    assert _titles(response) == ["L'eau de Nairobi"]
    assert _titles(client.get("/fr/showcases/?q=housing")) == ["Lagos housing"]
    assert "Nairobi-Ville (1)" in _options(client.get("/fr/showcases/"), "city").values()
    assert _options(response, "country") == {"KE": "Kenya (1)"}
    assert "Bornes-fontaines" not in _titles(client.get(f"{URL}?q=bornes-fontaines"))


def test_search_in_arabic(client, make_showcase):
    showcase = make_showcase("Cairo", country="EG")
    showcase.title_ar = "القاهرة"
    showcase.summary_ar = "إسكان ميسور التكلفة في القاهرة."
    showcase.body_ar = [{"type": "text", "value": "<p>حدائق الأحياء</p>"}]
    showcase.save_revision().publish()
    make_showcase("Tunis", country="TN")

    response = client.get("/ar/showcases/?q=إسكان")

    assert response.status_code == 200
    assert b'dir="rtl"' in response.content
    assert _titles(response) == ["القاهرة"]
    assert _titles(client.get("/ar/showcases/?q=حدائق")) == ["القاهرة"]
    assert _options(response, "country") == {"EG": "مصر (1)"}


def test_sorting(client, database):
    lagos = database["lagos"]
    lagos.save_revision().publish()

    assert _titles(client.get(f"{URL}?sort=newest")) == ["Manila plan", "Lagos housing", "Nairobi water"]
    assert _titles(client.get(f"{URL}?sort=updated"))[0] == "Lagos housing"
    assert _titles(client.get(f"{URL}?sort=relevance")) == ["Lagos housing", "Manila plan", "Nairobi water"]


def test_pages_of_24_keep_the_filters_in_their_links(client, make_showcase):
    for number in range(26):
        make_showcase(f"Showcase {number:02}", country="KE")
    make_showcase("Elsewhere", country="NG")

    first = client.get(f"{URL}?country=KE&page=1")
    second = client.get(f"{URL}?country=KE&page=2")

    assert len(first.context["cards"]) == 24
    assert _titles(second) == ["Showcase 24", "Showcase 25"]
    assert b'href="?country=KE&amp;page=2"' in first.content
    assert b'href="?country=KE&amp;format=csv"' in first.content


@pytest.mark.parametrize(
    "query",
    [
        "page=1000000000",
        "page=abc",
        "country=XX",
        "member=abc",
        "member=999999",
        "theme=unknown",
        "city=" + "x" * 5000,
        "q=" + "x" * 5000,
        "q=%00",
        "year=abcd",
        "year=99999999999999999999",
        "status=nonsense",
        "activity_type=nonsense&region=mars",
        "sort=sideways",
    ],
)
def test_bad_input_gives_a_normal_page_with_a_message(client, database, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert response.context["notices"]
    assert b'class="notice' in response.content


def test_a_long_search_is_shortened_and_still_runs(client, make_showcase):
    make_showcase("Water", summary="w" * 300)

    response = client.get(f"{URL}?q={'w' * 5000}")

    assert response.context["filters"].q == "w" * 200
    assert _titles(response) == ["Water"]
    assert b"only its first 200 characters" in response.content


def test_bad_filters_are_dropped_and_good_ones_kept(client, database):
    response = client.get(f"{URL}?country=XX&status=completed")

    assert _titles(response) == ["Nairobi water"]
    assert response.context["csv_query"] == "status=completed&format=csv"


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_the_csv_holds_the_filtered_showcases(client, database, member_a, member_b):
    lagos = database["lagos"]
    lagos.title = "@Lagos housing"
    lagos.outside_partners = [ShowcasePartner(name="=HYPERLINK(1)", kind="consultant")]
    lagos.save_revision().publish()

    response = client.get(f"{URL}?region=africa&format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="showcases.csv"'
    header, *rows = _csv(response)
    assert header[:3] == ["Title", "Web address", "City"]
    assert [row[0] for row in rows] == ["'@Lagos housing", "Nairobi water"]
    lagos_row = dict(zip(header, rows[0], strict=True))
    assert lagos_row["Web address"] == "http://localhost/en/members/lagos-state/lagos-housing/"
    assert lagos_row["Country"] == "Nigeria"
    assert lagos_row["Status"] == "Ongoing"
    assert lagos_row["Start"] == "2019-03-01" and lagos_row["End"] == "2022-06-30"
    assert lagos_row["Lead member"] == "Lagos State"
    assert lagos_row["Other members"] == "Cotonou (Partner)"
    assert lagos_row["Themes"] == "Slum upgrading"
    assert lagos_row["Partners and consultants"] == "'=HYPERLINK(1) (Consultant)"


def test_the_csv_follows_the_search_and_the_language(client, database):
    nairobi = database["nairobi"]
    nairobi.slug_ar = "مياه-نيروبي"
    nairobi.save_revision().publish()

    french = _csv(client.get("/fr/showcases/?q=nairobi&format=csv"))
    arabic = _csv(client.get("/ar/showcases/?q=nairobi&format=csv"))

    assert [row[0] for row in french[1:]] == ["Nairobi water"]
    assert french[1][3] == "Kenya"
    for language, rows in (("fr", french), ("ar", arabic)):
        with translation.override(language):
            assert rows[1][1] == ShowcasePage.objects.get(pk=nairobi.pk).get_full_url()


def test_the_page_links_to_the_csv_of_its_results(client, database):
    response = client.get(f"{URL}?status=completed&q=water")

    assert b'href="?q=water&amp;status=completed&amp;format=csv"' in response.content
    assert _titles(client.get(f"{URL}?q=water&status=completed")) == ["Nairobi water"]


def _add_showcases(make_showcase, members, themes, count: int, offset: int) -> None:
    for number in range(count):
        image = get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file())
        lead, partner = members[number % 2], members[(number + 1) % 2]
        make_showcase(
            f"Showcase {offset + number}",
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


def _queries(client, path: str) -> int:
    client.get(path)  # warms Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", [URL, f"{URL}?q=showcase&theme=slum-upgrading&year=2015", f"{URL}?format=csv"])
def test_queries_do_not_grow_with_the_showcases(client, make_showcase, member_a, member_b, path):
    themes = [_theme("slum-upgrading"), _theme("water-and-sanitation")]
    _add_showcases(make_showcase, [member_a, member_b], themes, 3, 0)
    small = _queries(client, path)
    _add_showcases(make_showcase, [member_a, member_b], themes, 12, 3)
    large = _queries(client, path)

    assert small == large
