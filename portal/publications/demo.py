"""The demo library for `manage.py seed_demo`: its page in nine languages, the Alliance brochure
with its nine files (the documents `portal.demo_brochures` renders) and six publications in
other series, each with a small generated PDF in a few languages.

Running it again changes nothing: an existing library gets only its missing translations, and
a publication is created only if none has its English slug."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language_info
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from members.models import MemberPage
from portal import demo_brochures
from portal.demo import ensure_index_page, translated_fields
from portal.demo_content import HOME_SECTIONS
from portal.models import Theme

from . import demo_content
from .models import PublicationFile, PublicationIndexPage, PublicationPage, Series


def ensure_demo_library(*, home: Page, stdout) -> PublicationIndexPage:
    return ensure_index_page(PublicationIndexPage, home=home, content=demo_content.INDEX, stdout=stdout)


def _render(code: str, title: str, summary: str, colour: str) -> PILImage.Image:
    """A one-page publication in the brochure's layout: its title on a band of colour, its summary below."""
    rtl = get_language_info(code)["bidi"]
    direction = ("rtl" if rtl else "ltr") if demo_brochures.CAN_SHAPE else None
    width, height = demo_brochures.PAGE_SIZE
    margin = demo_brochures.MARGIN
    page = PILImage.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    edge, anchor = (width - margin, "ra") if rtl else (margin, "la")
    draw.rectangle([0, 0, width, 380], fill=colour)
    draw.rectangle([0, 380, width, 392], fill=demo_brochures.ACCENT)
    y = 90
    for text, size, fill, top in [(title, 38, "white", 90), (summary, 22, demo_brochures.INK, 440)]:
        y = top
        font = demo_brochures._font(code, size)
        for line in demo_brochures._lines(draw, text, font, width - 2 * margin, direction):
            draw.text((edge, y), line, font=font, fill=fill, anchor=anchor, direction=direction)
            y += round(size * 1.5)
    draw.text((edge, height - margin), "alliance.test", font=demo_brochures._font("en", 18), fill=colour, anchor=anchor)
    return page


def _files(data: dict) -> tuple[list[PublicationFile], object]:
    """Each language's PDF as a document, and the English page as the cover image."""
    Document, Image = get_document_model(), get_image_model()
    files, cover = [], None
    for code, (title, summary) in data["text"].items():
        page = _render(code, title, summary, data["colour"])
        name = f"{data['slug']}-{code}"
        pdf = demo_brochures._saved(page, "PDF", resolution=75, title=title, author=data["authors"])
        document = Document.objects.create(
            title=f"{title} ({get_language_info(code)['name']})", **demo_brochures._file(pdf, f"{name}.pdf")
        )
        files.append(PublicationFile(sort_order=len(files), language=code, document=document))
        if cover is None:
            png = demo_brochures._saved(page, "PNG", optimize=True)
            cover = Image.objects.create(title=f"{title}: cover", **demo_brochures._file(png, f"{name}.png"))
    return files, cover


def _publish(index: PublicationIndexPage, publication: PublicationPage, *, themes=(), members=()) -> None:
    publication.themes = list(themes)
    publication.members = list(members)
    index.add_child(instance=publication)
    publication.save_revision().publish()


def ensure_brochure_publication(*, index: PublicationIndexPage, stdout) -> PublicationPage:
    """The Alliance brochure, series Brochure, with the demo brochure's file in each language."""
    existing = PublicationPage.objects.filter(slug_en=demo_content.BROCHURE_SLUG).first()
    if existing:
        return existing
    brochures = demo_brochures.ensure_demo_brochures(stdout=stdout)
    languages = [code for code, _name in settings.LANGUAGES if code in brochures]
    publication = PublicationPage(
        slug=demo_content.BROCHURE_SLUG,
        series=Series.BROCHURE,
        year=2025,
        authors=demo_content.BROCHURE_AUTHORS,
        cover=brochures[settings.LANGUAGE_CODE][1],
        **translated_fields("title", {code: HOME_SECTIONS[code]["brochure"] for code in languages}),
        **translated_fields("summary", {code: HOME_SECTIONS[code]["brochure_text"] for code in languages}),
    )
    publication.files = [
        PublicationFile(sort_order=order, language=code, document=brochures[code][0], cover=brochures[code][1])
        for order, code in enumerate(languages)
    ]
    with translation.override("en"):
        _publish(index, publication, themes=Theme.objects.filter(slug="urban-governance"))
    stdout.write(f"Created the brochure publication in {len(languages)} languages.")
    return publication


def ensure_other_publications(*, index: PublicationIndexPage, stdout) -> int:
    existing = set(PublicationPage.objects.values_list("slug_en", flat=True))
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    members = {member.slug_en: member for member in MemberPage.objects.all()}
    created = 0
    with translation.override("en"):
        for data in demo_content.PUBLICATIONS:
            if data["slug"] in existing:
                continue
            text = data["text"]
            files, cover = _files(data)
            publication = PublicationPage(
                slug=data["slug"],
                series=data["series"],
                year=data["year"],
                authors=data["authors"],
                countries=data["countries"],
                cover=cover,
                **translated_fields("title", {code: values[0] for code, values in text.items()}),
                **translated_fields("summary", {code: values[1] for code, values in text.items()}),
            )
            publication.files = files
            _publish(
                index,
                publication,
                themes=[themes[slug] for slug in data["themes"] if slug in themes],
                members=[members[slug] for slug in data["members"] if slug in members],
            )
            created += 1
    if created:
        stdout.write(f"Created {created} publications.")
    return created


@transaction.atomic
def ensure_demo_publications(*, home: Page, stdout) -> PublicationIndexPage:
    """The library, the brochure and the other demo publications, those missing only."""
    index = ensure_demo_library(home=home, stdout=stdout)
    ensure_brochure_publication(index=index, stdout=stdout)
    ensure_other_publications(index=index, stdout=stdout)
    return index
