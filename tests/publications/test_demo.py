import io

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from portal.publications import demo, demo_content
from portal.publications.models import PublicationFile, PublicationIndexPage, PublicationPage, Series
from tests.conftest import build_demo_site


@pytest.fixture
def demo_library(db):
    site = build_demo_site(with_members=True)
    demo.ensure_demo_publications(home=site.root_page, stdout=io.StringIO())
    return site


def test_the_demo_library_reads_in_every_language(client, demo_library):
    for code, (title, slug, intro) in demo_content.INDEX.items():
        response = client.get(f"/{code}/{slug}/")
        assert response.status_code == 200, code
        html = response.content.decode()
        assert title in html and intro.split()[0] in html, code
        assert len(response.context["cards"]) == 7, code
    titles = {values[0] for values in demo_content.INDEX.values()}
    assert len(titles) >= 8  # real translations, not English copies (French says "Publications" too)


def test_the_demo_brochure_is_a_publication_in_nine_languages(client, demo_library):
    brochure = PublicationPage.objects.get(series=Series.BROCHURE)

    assert brochure.live
    assert sorted(brochure.files.values_list("language", flat=True)) == sorted(demo_content.INDEX)
    response = client.get("/ja/kankobutsu/alliance-brochure/")
    assert response.status_code == 200
    assert response.context["downloads"].primary.document.file.name.endswith("alliance-brochure-ja.pdf")
    assert "アライアンスのパンフレット" in response.content.decode()

    others = PublicationPage.objects.exclude(pk=brochure.pk)
    assert others.count() == 6
    assert len(set(others.values_list("series", flat=True))) >= 4
    assert all(1 < publication.files.count() < 9 for publication in others)
    assert all(publication.members.exists() and publication.themes.exists() for publication in others)


def test_running_the_demo_again_changes_nothing(demo_library):
    counts = (
        PublicationPage.objects.count(),
        PublicationFile.objects.count(),
        get_document_model().objects.count(),
        PublicationIndexPage.objects.get().revisions.count(),
    )
    stdout = io.StringIO()

    demo.ensure_demo_publications(home=demo_library.root_page, stdout=stdout)

    assert stdout.getvalue() == ""
    assert (
        PublicationPage.objects.count(),
        PublicationFile.objects.count(),
        get_document_model().objects.count(),
        PublicationIndexPage.objects.get().revisions.count(),
    ) == counts


def test_seed_demo_twice_makes_the_library_once_and_the_home_offers_its_brochure(client, db, settings, tmp_path):
    build_demo_site()  # the root, locale and collection Wagtail's migrations would make
    call_command("seed_demo", stdout=io.StringIO())
    before = (PublicationPage.objects.count(), PublicationFile.objects.count())
    second = io.StringIO()

    call_command("seed_demo", stdout=second)

    assert before == (7, 9 + 18)
    assert (PublicationPage.objects.count(), PublicationFile.objects.count()) == before
    assert "publication" not in second.getvalue()
    html = client.get("/fr/").content.decode()
    assert "alliance-brochure-fr.pdf" in html and "/fr/publications/alliance-brochure/" in html
