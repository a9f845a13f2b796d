from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from members.models import MemberPage
from showcases.blocks import SHOWCASE_BLOCKS
from translations.languages import text_language
from translations.slugs import TranslatedSlugRoutingMixin


class NewsIndexPage(RoutablePageMixin, TranslatedSlugRoutingMixin, Page):
    """The coalition's news: the communications team's articles and its members' news, with
    RSS and Atom feeds at feed/rss/ and feed/atom/ (in the language of the URL, with the
    listing's filters)."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from .views import index_context

        return {**super().get_context(request, *args, **kwargs), **index_context(request, self)}

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed()(request, index=self)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed()(request, index=self)


class NewsPage(Page):
    """A news article. The communications team writes under the news index; a member's
    editors write under their member's page, which makes it that member's news."""

    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    summary = models.CharField(_("summary"), max_length=400, help_text=_("Two or three sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(SHOWCASE_BLOCKS, verbose_name=_("body"), blank=True)
    themes = ParentalManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    countries = CountryField(_("countries"), multiple=True, blank=True)
    related_members = ParentalManyToManyField(
        "members.MemberPage", verbose_name=_("members mentioned"), blank=True, related_name="mentioned_in_news"
    )
    related_showcases = ParentalManyToManyField(
        "showcases.ShowcasePage", verbose_name=_("related showcases"), blank=True, related_name="news"
    )
    member = models.ForeignKey(
        "members.MemberPage",
        verbose_name=_("member"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="news",
        help_text=_("The member whose page holds the article; empty for the communications team's news."),
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("Shown on the home page and first in the news. Only the communications team can feature news."),
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("featured", permission="news.feature_newspage")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries"),
                FieldPanel("related_members"),
                FieldPanel("related_showcases"),
            ],
            heading=_("What it is about"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("featured"),
    ]
    parent_page_types = ["news.NewsIndexPage", "members.MemberPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        permissions = [("feature_newspage", _("Can feature news on the home page"))]

    def get_context(self, request, *args, **kwargs):
        from .views import article_context

        return {**super().get_context(request, *args, **kwargs), **article_context(request, self)}

    @property
    def text_language(self) -> str:
        return text_language(self)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and self.path:
            parent = self.get_parent()
            self.member_id = parent.pk if parent and issubclass(parent.specific_class, MemberPage) else None
        return super().save(*args, **kwargs)
