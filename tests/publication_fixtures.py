"""The library and its publications, for every app whose tests need them (loaded by tests/publications/conftest.py)."""

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model

from portal.publications.models import PublicationFile, PublicationIndexPage, PublicationPage, Series

# The smallest file a browser would open as a PDF; its size shows beside the download.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def library(home_page) -> PublicationIndexPage:
    existing = PublicationIndexPage.objects.first()
    if existing:
        return existing
    with translation.override("en"):
        index = home_page.add_child(
            instance=PublicationIndexPage(
                title="Publications",
                slug="publications",
                title_ar="المنشورات",
                slug_ar="manshurat",
                slug_fr="publications",
            )
        )
        index.save_revision().publish()
    return PublicationIndexPage.objects.get(pk=index.pk)


@pytest.fixture
def make_document():
    def make(name: str):
        return get_document_model().objects.create(
            title=name, file=ContentFile(PDF, name=f"{name}.pdf"), file_size=len(PDF)
        )

    return make


@pytest.fixture
def make_publication(library, make_document):
    """A published publication with a file in each of `languages` (in that order); `themes` a
    list of Theme, `members` a list of MemberPage, `file_covers` an image by file language."""

    def make(
        title: str,
        *,
        languages=("en",),
        series: str = Series.WORKING_PAPER,
        year: int = 2024,
        themes=(),
        members=(),
        publish: bool = True,
        file_covers=None,
        **fields,
    ) -> PublicationPage:
        fields.setdefault("summary", f"About {title}.")
        with translation.override("en"):
            publication = PublicationPage(title=title, series=series, year=year, live=publish, **fields)
            slug = publication.title.lower().replace(" ", "-")[:40]
            publication.files = [
                PublicationFile(
                    sort_order=order,  # as the admin's inline panel numbers them; PostgreSQL keeps no other order
                    language=code,
                    document=make_document(f"{slug}-{code}"),
                    cover=(file_covers or {}).get(code),
                )
                for order, code in enumerate(languages)
            ]
            publication.themes = list(themes)
            publication.members = list(members)
            library.add_child(instance=publication)
            revision = publication.save_revision()
            if publish:
                revision.publish()
        return PublicationPage.objects.get(pk=publication.pk)

    return make
