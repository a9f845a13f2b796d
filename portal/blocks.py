"""StreamField blocks the communications team arranges on the home page and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class LinkBlock(blocks.StructBlock):
    """A button that points to a page of the site or to another address."""

    label = blocks.CharBlock(label=_("Label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Other address"), required=False)

    class Meta:
        label = _("Link")
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or give an address, not both.")
            raise StructBlockValidationError({"page": ValidationError(message)})
        return value


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    image = ImageChooserBlock(label=_("Image"), required=False)
    links = blocks.ListBlock(LinkBlock(), label=_("Buttons"), max_num=2, default=[])

    class Meta:
        label = _("Hero")
        icon = "pick"
        template = "blocks/hero.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    link = LinkBlock()

    class Meta:
        label = _("Call to action")
        icon = "bullhorn"
        template = "blocks/call_to_action.html"


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        label = _("Text")
        icon = "pilcrow"
        template = "blocks/rich_text.html"


def _home():
    """`portal.home` reads other apps' pages, whose models import this module: import it when rendering."""
    from . import home

    return home


def _picked(page_type: str, label) -> blocks.ListBlock:
    return blocks.ListBlock(
        blocks.PageChooserBlock(page_type=page_type),
        label=label,
        default=[],
        help_text=_("Leave empty to fill the section automatically; pages picked here are shown in this order."),
    )


def _number(default: int, max_value: int = 12) -> blocks.IntegerBlock:
    return blocks.IntegerBlock(
        label=_("How many"),
        default=default,
        min_value=1,
        max_value=max_value,
        help_text=_("How many items fill the section when none are picked by hand."),
    )


class HomeListingBlock(blocks.StructBlock):
    """A section of the home page listing content from elsewhere in the site: the pages picked by
    hand or, when none are, the newest. It is left out when it has nothing to show."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=400)

    def listing(self, value, context: dict):
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["listing"] = self.listing(value, context)
        return context


class NewsListingBlock(HomeListingBlock):
    """Filled automatically, it leaves out the articles an earlier section of the page shows
    (`shown_pages`, from HomePage.get_context): a featured member's article appears once."""

    pages = _picked("news.NewsPage", _("Articles"))
    number = _number(3)

    def articles(self, value, exclude: set[int]):
        raise NotImplementedError

    def listing(self, value, context: dict):
        shown = context.get("shown_pages", set())
        listing = self.articles(value, exclude=shown)
        shown.update(article.pk for article in listing.items)
        return listing


class FeaturedNewsBlock(NewsListingBlock):
    class Meta:
        label = _("Featured news")
        icon = "doc-full-inverse"
        template = "blocks/news_listing.html"

    def articles(self, value, exclude: set[int]):
        return _home().featured_news(picked=value["pages"], limit=value["number"], exclude=exclude)


class MembersNewsBlock(NewsListingBlock):
    class Meta:
        label = _("Latest members' news")
        icon = "group"
        template = "blocks/news_listing.html"

    def articles(self, value, exclude: set[int]):
        return _home().members_news(picked=value["pages"], limit=value["number"], exclude=exclude)


class UpcomingEventsBlock(HomeListingBlock):
    pages = _picked("events.EventPage", _("Events"))
    number = _number(4)
    theme = SnippetChooserBlock(
        "portal.Theme",
        label=_("Theme"),
        required=False,
        help_text=_("Fill the section only with events on this theme."),
    )

    class Meta:
        label = _("Upcoming events")
        icon = "date"
        template = "blocks/upcoming_events.html"

    def listing(self, value, context: dict):
        return _home().upcoming_events(
            picked=value["pages"], limit=value["number"], theme=value["theme"], request=context.get("request")
        )


class FeaturedShowcasesBlock(HomeListingBlock):
    pages = _picked("showcases.ShowcasePage", _("Showcases"))
    number = _number(3)

    class Meta:
        label = _("Featured showcases")
        icon = "site"
        template = "blocks/featured_showcases.html"

    def listing(self, value, context: dict):
        return _home().featured_showcases(picked=value["pages"], limit=value["number"])


class MemberLogosBlock(HomeListingBlock):
    """Filled automatically, it shows a different few of the members with a logo each day."""

    pages = _picked("members.MemberPage", _("Members"))
    number = _number(24, max_value=100)

    class Meta:
        label = _("Members' logos")
        icon = "image"
        template = "blocks/member_logos.html"

    def listing(self, value, context: dict):
        return _home().member_logos(picked=value["pages"], limit=value["number"])


class BrochureBlock(blocks.StructBlock):
    """The coalition's brochure: a publication of the library, offered in the page's language
    with links to its other languages. Each language's body has its own heading and text."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=600)
    publication = blocks.PageChooserBlock(
        page_type="publications.PublicationPage",
        label=_("Publication"),
        required=False,
        help_text=_("Leave empty to show the newest publication of the Brochure series."),
    )

    class Meta:
        label = _("Brochure")
        icon = "doc-full-inverse"
        template = "blocks/brochure.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["brochure"] = _home().brochure(picked=value["publication"])
        return context


HOME_PAGE_BLOCKS = [
    ("hero", HeroBlock()),
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
    ("call_to_action", CallToActionBlock()),
    ("featured_news", FeaturedNewsBlock()),
    ("members_news", MembersNewsBlock()),
    ("upcoming_events", UpcomingEventsBlock()),
    ("featured_showcases", FeaturedShowcasesBlock()),
    ("member_logos", MemberLogosBlock()),
    ("brochure", BrochureBlock()),
]

STANDARD_PAGE_BLOCKS = [
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"])),
    ("call_to_action", CallToActionBlock()),
]
