"""The body of a showcase: a short city story told in text, pictures, quotes and figures."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from portal.blocks import RichTextBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        label = _("Image")
        icon = "image"
        template = "showcases/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=150)

    class Meta:
        label = _("Quote")
        icon = "openquote"
        template = "showcases/blocks/quote.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("Figure"), max_length=30, help_text=_("For example 12,000 or 45%"))
    label = blocks.CharBlock(label=_("What it counts"), max_length=120)


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), max_num=6, **kwargs)

    class Meta:
        label = _("Key figures")
        icon = "table"
        template = "showcases/blocks/key_figures.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=150)

    class Meta:
        label = _("Document")
        icon = "doc-full"
        template = "showcases/blocks/document.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        label = _("Video")
        icon = "media"
        template = "showcases/blocks/video.html"


SHOWCASE_BLOCKS = [
    ("text", RichTextBlock(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])),
    ("image", CaptionedImageBlock()),
    ("quote", QuoteBlock()),
    ("key_figures", KeyFiguresBlock()),
    ("document", DocumentBlock()),
    ("video", VideoBlock()),
]
