"""The demo brochure: one small PDF per language, with its first page as a cover image."""

from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import get_language_info
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, features
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from . import demo_content

PAGE_SIZE = (620, 877)  # A4 at 75 dots per inch
MARGIN = 48
BRAND, ACCENT, INK = "#08466b", "#e8a21b", "#1d2433"
FONTS = {
    "ar": ("truetype/noto/NotoNaskhArabic-Regular.ttf", 0),
    "zh-hans": ("opentype/noto/NotoSansCJK-Regular.ttc", 2),  # the face for Simplified Chinese
    "ja": ("opentype/noto/NotoSansCJK-Regular.ttc", 0),
}
LATIN_FONT = ("truetype/noto/NotoSans-Regular.ttf", 0)
CAN_SHAPE = features.check("raqm")  # right-to-left text needs libraqm to be laid out


def brochure_title(code: str) -> str:
    return f"Alliance brochure ({get_language_info(code)['name']})"


def _font(code: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path, index = FONTS.get(code, LATIN_FONT)
    try:
        return ImageFont.truetype(f"/usr/share/fonts/{path}", size, index=index)
    except OSError:
        return ImageFont.load_default(size=size)


def _lines(draw: ImageDraw.ImageDraw, text: str, font, width: int, direction: str | None) -> list[str]:
    """The text broken into lines that fit: between words, or between characters where a
    script (Chinese, Japanese) does not put spaces between them."""
    units, joiner = (text.split(), " ") if " " in text else (list(text), "")
    lines, line = [], ""
    for unit in units:
        candidate = f"{line}{joiner}{unit}" if line else unit
        if line and draw.textlength(candidate, font=font, direction=direction) > width:
            lines.append(line)
            line = unit
        else:
            line = candidate
    return [*lines, line] if line else lines


def render_page(code: str) -> PILImage.Image:
    """The brochure's one page: the coalition's name, the heading and a few lines in the language."""
    home, sections = demo_content.HOME[code], demo_content.HOME_SECTIONS[code]
    rtl = get_language_info(code)["bidi"]
    direction = ("rtl" if rtl else "ltr") if CAN_SHAPE else None
    page = PILImage.new("RGB", PAGE_SIZE, "white")
    draw = ImageDraw.Draw(page)
    width = PAGE_SIZE[0] - 2 * MARGIN
    edge, anchor = (PAGE_SIZE[0] - MARGIN, "ra") if rtl else (MARGIN, "la")
    draw.rectangle([0, 0, PAGE_SIZE[0], 300], fill=BRAND)
    draw.rectangle([0, 300, PAGE_SIZE[0], 312], fill=ACCENT)
    y = 90
    for text, size, colour, top in [
        (sections["brochure"], 40, "white", 90),
        (home["title"], 26, "white", None),
        (home["intro"], 22, INK, 360),
        (home["hero_text"], 22, INK, None),
        (sections["brochure_text"], 22, INK, None),
    ]:
        y = top or y
        font = _font(code, size)
        for line in _lines(draw, text, font, width, direction):
            draw.text((edge, y), line, font=font, fill=colour, anchor=anchor, direction=direction)
            y += round(size * 1.6)
        y += size
    draw.text((edge, PAGE_SIZE[1] - MARGIN), "alliance.test", font=_font("en", 18), fill=BRAND, anchor=anchor)
    return page


def _saved(page: PILImage.Image, format: str, **options) -> bytes:
    buffer = BytesIO()
    page.save(buffer, format=format, **options)
    return buffer.getvalue()


def _file(data: bytes, name: str) -> dict:
    return {"file": ContentFile(data, name=name), "file_size": len(data), "file_hash": hash_filelike(BytesIO(data))}


def ensure_demo_brochures(*, stdout) -> dict[str, tuple]:
    """Each language's brochure as a Wagtail document, and its cover as an image, by language
    code; those that exist (by title) are left as they are."""
    Document, Image = get_document_model(), get_image_model()
    brochures, created = {}, 0
    for code, _name in settings.LANGUAGES:
        title = brochure_title(code)
        document = Document.objects.filter(title=title).first()
        cover = Image.objects.filter(title=f"{title}: cover").first()
        if document is None or cover is None:
            page = render_page(code)
        if document is None:
            pdf = _saved(page, "PDF", resolution=75, title=title, author="Alliance secretariat")
            document = Document.objects.create(title=title, **_file(pdf, f"alliance-brochure-{code}.pdf"))
            created += 1
        if cover is None:
            png = _saved(page, "PNG", optimize=True)
            cover = Image.objects.create(title=f"{title}: cover", **_file(png, f"alliance-brochure-{code}.png"))
        brochures[code] = (document, cover)
    if created:
        stdout.write(f"Created the brochure in {created} languages.")
    return brochures
