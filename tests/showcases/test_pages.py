"""The showcase page a visitor reads (and prints), the member pages that list showcases, and
the demo showcases."""

import io
from decimal import Decimal

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image as PILImage
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model

from members.models import MemberPage
from portal.models import Theme
from showcases import demo as showcases_demo
from showcases.models import (
    InvolvementRole,
    ShowcaseIndexPage,
    ShowcaseInvolvement,
    ShowcasePage,
    ShowcasePartner,
)
from tests.conftest import build_demo_site

VIDEO_URL = "https://www.youtube.com/watch?v=cities-in-action"


class FailingFinder(EmbedFinder):
    """Stands in for the oEmbed finder: fails at once, as an unreachable provider would, and counts."""

    calls = 0

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        FailingFinder.calls += 1
        raise EmbedNotFoundException("unreachable")


@pytest.fixture
def failing_embeds(settings):
    FailingFinder.calls = 0
    settings.WAGTAILEMBEDS_FINDERS = [{"class": f"{__name__}.FailingFinder"}]
    return FailingFinder


@pytest.fixture
def slum_upgrading(demo_site):
    return Theme.objects.get_or_create(slug="slum-upgrading", defaults={"name": "Slum upgrading"})[0]


def _image(title: str = "Market street"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 900), "#0b5c8c").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="street.png"))


def _story(image=None) -> list[dict]:
    return [
        {"type": "text", "value": "<p>Residents mapped every lane of the settlement.</p>"},
        {"type": "quote", "value": {"text": "We drew our own map.", "attribution": "A community leader"}},
        {
            "type": "key_figures",
            "value": [{"value": "12,000", "label": "households"}, {"value": "45%", "label": "with water"}],
        },
        *([{"type": "image", "value": {"image": image.pk, "caption": "The main street in 2010"}}] if image else []),
    ]


@pytest.fixture
def lagos_story(make_showcase, member_a, member_b, slum_upgrading):
    showcase = make_showcase(
        "Upgrading Makoko",
        lead=member_a,
        partners=[(member_b, InvolvementRole.CO_SPONSOR)],
        themes=[slum_upgrading],
        summary="A waterfront community plans its own upgrading.",
        city="Lagos",
        country="NG",
        region="africa",
        status="completed",
        activity_type="project",
        budget=Decimal("1250000"),
        co_financing=Decimal("250000"),
        latitude=Decimal("6.49639"),
        longitude=Decimal("3.38722"),
        body=_story(_image()),
    )
    showcase.outside_partners.add(ShowcasePartner(name="Harbour Planners", url="https://example.org/harbour"))
    showcase.outside_partners.add(
        ShowcasePartner(name="Delta Surveys", url="https://example.org/delta", kind=ShowcasePartner.Kind.CONSULTANT)
    )
    showcase.save_revision().publish()
    return ShowcasePage.objects.get(pk=showcase.pk)


def test_a_showcase_tells_its_story_with_its_facts_members_and_partners(client, lagos_story, member_a, member_b):
    html = client.get(lagos_story.url).content.decode()

    assert "Upgrading Makoko" in html and "A waterfront community plans its own upgrading." in html
    assert "We drew our own map." in html and "A community leader" in html
    assert "12,000" in html and "households" in html
    assert "The main street in 2010" in html and 'srcset="' in html
    assert "Lagos, Nigeria" in html and "Sub-Saharan Africa" in html and "Completed" in html
    assert "USD 1,250,000" in html and "USD 250,000" in html and "USD 1,500,000" in html
    database = ShowcaseIndexPage.objects.get()
    assert f'href="{database.url}?theme=slum-upgrading"' in html
    assert "https://www.openstreetmap.org/?mlat=6.49639&amp;mlon=3.38722#map=12/6.49639/3.38722" in html
    members = html.split('id="members-heading"')[1].split("</section>")[0]
    assert members.index(member_a.title) < members.index(member_b.title)
    assert f'href="{member_a.url}"' in members and "Lead" in members and "Co-sponsor" in members
    assert '<a href="https://example.org/harbour" rel="noopener">Harbour Planners</a>' in html
    assert '<a href="https://example.org/delta" rel="noopener">Delta Surveys</a>' in html and "Consultant" in html


def test_a_showcase_prints_as_a_cities_in_action_story(client, lagos_story):
    html = client.get(lagos_story.url).content.decode()

    assert 'class="showcase__kicker">Cities in Action<' in html
    assert "<button" in html and "data-print hidden>Print this story</button>" in html
    assert "javascript:" not in html
    assert "/static/js/print.js" in html
    assert "showcase-page" in html.split("<body", 1)[1].split(">", 1)[0]


def test_a_showcase_reads_in_french_for_anonymous_visitors(client, make_showcase, member_a):
    showcase = make_showcase(
        "Citywide upgrading in Cotonou",
        lead=member_a,
        title_fr="Résorption des bidonvilles à Cotonou",
        summary_fr="Une ville entière améliore ses quartiers.",
        city="Cotonou",
        country="BJ",
        status="ongoing",
    )

    english = client.get(showcase.url)
    with translation.override("fr"):
        french = client.get(showcase.get_url())

    assert english.status_code == french.status_code == 200
    assert "Citywide upgrading in Cotonou" in english.content.decode()
    html = french.content.decode()
    assert '<html lang="fr"' in html
    assert "Résorption des bidonvilles à Cotonou" in html and "Une ville entière améliore ses quartiers." in html
    assert "Bénin" in html


def test_related_showcases_show_both_ways_and_only_when_live(client, make_showcase, member_a, lagos_story):
    named = make_showcase("Named by Makoko", lead=member_a)
    naming = make_showcase("Names Makoko", lead=member_a)
    draft = make_showcase("Draft neighbour", lead=member_a, publish=False)
    lagos_story.related = [named, draft]
    lagos_story.save_revision().publish()
    naming.related = [lagos_story]
    naming.save_revision().publish()

    related = client.get(lagos_story.url).content.decode().split('id="related-heading"')[1]

    assert "Named by Makoko" in related and "Names Makoko" in related
    assert "Draft neighbour" not in related


def test_a_broken_video_leaves_a_plain_link_and_is_not_asked_for_again(client, make_showcase, failing_embeds):
    body = [{"type": "video", "value": {"video": VIDEO_URL, "caption": "The walk along the lagoon"}}]
    showcase = make_showcase("Lagoon walk", body=body)

    first = client.get(showcase.url)
    second = client.get(showcase.url)

    assert first.status_code == second.status_code == 200
    html = second.content.decode()
    assert "<iframe" not in html
    assert f'<a href="{VIDEO_URL}" rel="noopener">Watch the video</a>' in html
    assert "The walk along the lagoon" in html
    assert failing_embeds.calls == 1


def test_a_video_the_provider_answered_is_embedded(client, make_showcase, failing_embeds):
    Embed.objects.create(
        url=VIDEO_URL,
        max_width=960,
        hash=get_embed_hash(VIDEO_URL, 960),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/cities" title="Cities"></iframe>',
    )
    showcase = make_showcase("Lagoon walk", body=[{"type": "video", "value": {"video": VIDEO_URL, "caption": ""}}])

    html = client.get(showcase.url).content.decode()

    assert '<iframe src="https://www.youtube.com/embed/cities"' in html
    assert failing_embeds.calls == 0


def test_member_pages_list_the_showcases_they_are_involved_in_with_their_role(
    client, make_showcase, member_a, member_b
):
    make_showcase("Led by Lagos", lead=member_a, partners=[(member_b, InvolvementRole.PARTNER)], city="Lagos")
    make_showcase("Co-sponsored", lead=member_a, partners=[(member_b, InvolvementRole.CO_SPONSOR)])
    make_showcase("Not yet published", lead=member_a, partners=[(member_b, InvolvementRole.PARTNER)], publish=False)
    make_showcase("Without Cotonou", lead=member_a)

    html = client.get(member_b.url).content.decode()

    section = html.split('id="showcases-heading"')[1].split("</section>")[0]
    assert "Led by Lagos" in section and "Co-sponsored" in section
    assert "Partner" in section and "Co-sponsor" in section
    assert "Not yet published" not in section and "Without Cotonou" not in section
    assert "Lead" in client.get(member_a.url).content.decode().split('id="showcases-heading"')[1]


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_member_and_showcase_pages_take_as_many_queries_with_many_showcases(
    client, make_showcase, make_member, member_a, member_b, slum_upgrading
):
    first = make_showcase("First", lead=member_a, partners=[(member_b, InvolvementRole.PARTNER)])
    few = (_queries(client, member_b.url), _queries(client, first.url))

    others = [make_member(f"Member {number}") for number in range(5)]
    more = [
        make_showcase(f"Showcase {number}", lead=member_a, partners=[(member_b, InvolvementRole.PARTNER)])
        for number in range(5)
    ]
    first.involvements.add(*(ShowcaseInvolvement(member=member, role=InvolvementRole.PARTNER) for member in others))
    first.related = more
    first.themes = [slum_upgrading]
    first.save_revision().publish()
    many = (_queries(client, member_b.url), _queries(client, first.url))

    assert few == many


def test_the_demo_showcases(db):
    """One build of the demo members (they take seconds), then the showcases, checked from every side."""
    site = build_demo_site(with_members=True)
    stdout = io.StringIO()
    index = showcases_demo.ensure_demo_showcases(home=site.root_page, stdout=stdout)

    assert index.live and index.show_in_menus
    assert (index.title_fr, index.slug_fr, index.slug_es, index.slug_pt) == (
        "Réalisations",
        "realisations",
        "proyectos",
        "projetos",
    )
    showcases = list(ShowcasePage.objects.prefetch_related("involvements", "themes", "outside_partners"))
    assert 28 <= len(showcases) <= 32
    assert all(showcase.live for showcase in showcases)
    under_members = [showcase for showcase in showcases if showcase.get_parent().specific_class is MemberPage]
    assert len(under_members) * 4 >= len(showcases) * 3
    assert {showcase.status for showcase in showcases} == {"planned", "ongoing", "completed"}
    assert {showcase.activity_type for showcase in showcases} == {
        "project",
        "partnership",
        "preparatory_grant",
        "knowledge_product",
    }
    for showcase in showcases:
        showcase.full_clean()
        assert showcase.title_en and showcase.summary_en and showcase.body_en, showcase.title_en
        assert showcase.themes.all(), showcase.title_en
        assert len(showcase.involvements.all()) >= 2, showcase.title_en
    french = [showcase for showcase in showcases if showcase.title_fr and showcase.body_fr and showcase.summary_es]
    assert len(french) * 3 >= len(showcases)
    assert any(showcase.title_pt for showcase in showcases) and any(showcase.title_ar for showcase in showcases)
    assert any(showcase.latitude is not None for showcase in showcases)
    assert any(showcase.outside_partners.all() for showcase in showcases)
    assert any(showcase.related.all() for showcase in showcases)
    assert f"Created {len(showcases)} showcases." in stdout.getvalue()

    before, stdout = (ShowcasePage.objects.count(), ShowcaseIndexPage.objects.count()), io.StringIO()
    again = showcases_demo.ensure_demo_showcases(home=site.root_page, stdout=stdout)

    assert again.pk == index.pk
    assert (ShowcasePage.objects.count(), ShowcaseIndexPage.objects.count()) == before
    assert stdout.getvalue() == ""
