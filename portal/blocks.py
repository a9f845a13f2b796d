"""StreamField blocks the communications team arranges on the home page and standard pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


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


HOME_PAGE_BLOCKS = [
    ("hero", HeroBlock()),
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
    ("call_to_action", CallToActionBlock()),
]

STANDARD_PAGE_BLOCKS = [
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"])),
    ("call_to_action", CallToActionBlock()),
]
