from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import HOME_PAGE_BLOCKS, STANDARD_PAGE_BLOCKS


class HomePage(Page):
    """The root of the public site, arranged by the communications team."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title, also used as the page description."),
    )
    body = StreamField(HOME_PAGE_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]  # /api/v2/, in the language asked for

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["shown_pages"] = set()  # what the sections list, so no article is shown twice
        return context


class StandardPage(Page):
    """About the coalition, the service standards and other pages of plain content."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(STANDARD_PAGE_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]  # /api/v2/, in the language asked for

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What every page shows in its header and footer."""

    tagline = models.CharField(_("tagline"), max_length=160, blank=True, help_text=_("Shown under the site name."))
    footer_text = models.TextField(_("footer text"), blank=True, help_text=_("A short paragraph about the coalition."))
    contact_email = models.EmailField(_("contact email"), blank=True)

    panels = [FieldPanel("tagline"), FieldPanel("footer_text"), FieldPanel("contact_email")]

    class Meta:
        verbose_name = _("site settings")


class Theme(models.Model):
    """A subject of the coalition's work, shared by events, showcases and news."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name
