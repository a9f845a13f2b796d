from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from translations.languages import text_language
from translations.slugs import TranslatedSlugRoutingMixin

FIRST_YEAR, LAST_YEAR = 1950, 2100


def this_year() -> int:
    return timezone.localdate().year


class Series(models.TextChoices):
    CITIES_IN_ACTION = "cities-in-action", _("Cities in Action")
    WORKING_PAPER = "working-paper", _("Working Paper")
    GUIDE = "guide", _("Technical or Resource Guide")
    COUNTRY_FRAMEWORK = "country-framework", _("Country Framework Report")
    BROCHURE = "brochure", _("Brochure")
    MEMBERS = "members-material", _("Members' material")
    OTHER = "other", _("Other")


class PublicationIndexPage(TranslatedSlugRoutingMixin, Page):
    """The library: every publication, filtered by series, theme, country, language and year."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    max_count = 1

    class Meta:
        verbose_name = _("publications library")

    def get_context(self, request, *args, **kwargs):
        from .views import library_context

        return {**super().get_context(request, *args, **kwargs), **library_context(request, self)}


class PublicationPageForm(WagtailAdminPageForm):
    """Checks that each language has one file at most, on the row that repeats a language."""

    def clean(self):
        cleaned = super().clean()
        files = self.formsets.get("files")
        if files is None or not files.is_valid():
            return cleaned
        seen = set()
        for form in files.forms:
            data = getattr(form, "cleaned_data", None) or {}
            language = data.get("language")
            if not language or data.get("DELETE"):
                continue
            if language in seen:
                name = get_language_info(language)["name_translated"]
                form.add_error(
                    "language",
                    _("There is already a file in %(language)s: keep one file per language.") % {"language": name},
                )
            seen.add(language)
        return cleaned


class PublicationPage(Page):
    """A report, guide or brochure, with one file per language it is published in."""

    series = models.CharField(_("series"), max_length=32, choices=Series.choices, default=Series.OTHER, db_index=True)
    summary = models.CharField(
        _("summary"), max_length=600, blank=True, help_text=_("Two or three sentences for the library and search.")
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The front page, upright; shown in the library and on the home page."),
    )
    authors = models.CharField(
        _("authors"), max_length=300, blank=True, help_text=_("As they are credited, e.g. “UN-Habitat, SDI”.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"),
        default=this_year,
        db_index=True,
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
        help_text=_("The year it was published."),
    )
    themes = ParentalManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    countries = CountryField(_("countries"), multiple=True, blank=True)
    members = ParentalManyToManyField(
        "members.MemberPage", verbose_name=_("members involved"), blank=True, related_name="publications"
    )

    base_form_class = PublicationPageForm
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("series"), FieldPanel("year")]),
        FieldPanel("summary"),
        FieldPanel("cover"),
        FieldPanel("authors"),
        InlinePanel(
            "files",
            heading=_("Files"),
            label=_("File"),
            min_num=1,
            help_text=_("One file per language; visitors get the file in their language first, else the English one."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("countries"),
                FieldPanel("members"),
            ],
            heading=_("What it is about"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("authors"),
        index.FilterField("series"),
        index.FilterField("year"),
    ]
    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def get_context(self, request, *args, **kwargs):
        from .views import publication_context

        return {**super().get_context(request, *args, **kwargs), **publication_context(request, self)}

    @property
    def text_language(self) -> str:
        return text_language(self)


class PublicationFile(Orderable):
    """The publication in one language."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )  # this language's front page; the publication's cover where there is none

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("document"), FieldPanel("cover")])]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    def __str__(self) -> str:
        return f"{self.page} ({self.language})"

    @property
    def language_info(self) -> dict:
        return get_language_info(self.language)
