"""The demo news for `manage.py seed_demo`: the news index in nine languages and twenty articles,
the communications team's under the index and members' under their own pages, a few with a
generated picture.

Running it again changes nothing: an existing index gets only its missing translations, and
articles are created only while there are none."""

from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone, translation
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from members.demo import LOGO_FONTS
from members.models import MemberPage
from portal.demo import ensure_index_page, translated_fields
from portal.models import Theme
from showcases.models import ShowcasePage

from . import demo_content
from .models import NewsIndexPage, NewsPage

IMAGE_SIZE = (1200, 600)


def ensure_demo_index(*, home: Page, stdout) -> NewsIndexPage:
    return ensure_index_page(NewsIndexPage, home=home, content=demo_content.INDEX, stdout=stdout)


def _font(size: int) -> ImageFont.ImageFont:
    for path in LOGO_FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _picture(words: str, colour: str, slug: str):
    """A flat colour with the words in white: the demo has no photographs."""
    canvas = PILImage.new("RGB", IMAGE_SIZE, colour)
    draw = ImageDraw.Draw(canvas)
    draw.text((IMAGE_SIZE[0] / 2, IMAGE_SIZE[1] / 2), words, font=_font(96), fill="white", anchor="mm")
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    png = buffer.getvalue()
    image = get_image_model()(
        title=words,
        description=words,
        file=ImageFile(BytesIO(png), name=f"news-{slug}.png"),
        file_size=len(png),
        file_hash=hash_filelike(BytesIO(png)),
    )
    image.save()
    return image


def _article(data: dict, *, members: dict, themes: dict, showcases: dict, today) -> NewsPage:
    text = data["text"]
    article = NewsPage(
        slug=data["slug"],
        date=today - timedelta(days=data["days_ago"]),
        featured=data.get("featured", False),
        countries=data["countries"],
        **translated_fields("title", {code: values[0] for code, values in text.items()}),
        **translated_fields("summary", {code: values[1] for code, values in text.items()}),
    )
    for code, values in text.items():
        setattr(article, f"body_{code.replace('-', '_')}", [{"type": "text", "value": values[2]}])
    article.themes = [themes[slug] for slug in data["themes"] if slug in themes]
    article.related_members = [members[slug] for slug in data.get("mentions", []) if slug in members]
    article.related_showcases = [showcases[slug] for slug in data.get("showcases", []) if slug in showcases]
    if picture := data.get("image"):
        article.image = _picture(*picture, data["slug"])
    return article


@transaction.atomic
def ensure_demo_news(*, home: Page, stdout) -> NewsIndexPage:
    """The news index and the demo articles, unless there are articles already. A member's
    article whose member is missing goes under the news index."""
    index = ensure_demo_index(home=home, stdout=stdout)
    if NewsPage.objects.exists():
        return index
    members = {member.slug_en: member for member in MemberPage.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    showcases = {showcase.slug_en: showcase for showcase in ShowcasePage.objects.all()}
    today = timezone.localdate()
    with translation.override("en"):
        for data in demo_content.ARTICLES:
            article = _article(data, members=members, themes=themes, showcases=showcases, today=today)
            members.get(data.get("member"), index).add_child(instance=article)
            article.save_revision().publish()
    stdout.write(f"Created {len(demo_content.ARTICLES)} news articles.")
    return index
