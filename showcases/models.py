from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from members.models import MemberPage
from translations.slugs import TranslatedSlugRoutingMixin

from .blocks import SHOWCASE_BLOCKS


class Region(models.TextChoices):
    AFRICA = "africa", _("Sub-Saharan Africa")
    EAST_ASIA_PACIFIC = "east_asia_pacific", _("East Asia and Pacific")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    MIDDLE_EAST = "middle_east", _("Middle East and North Africa")
    SOUTH_ASIA = "south_asia", _("South Asia")
    GLOBAL = "global", _("Global")


class ActivityType(models.TextChoices):
    PROJECT = "project", _("Project")
    PARTNERSHIP = "partnership", _("Partnership agreement")
    PREPARATORY_GRANT = "preparatory_grant", _("Preparatory grant")
    KNOWLEDGE_PRODUCT = "knowledge_product", _("Knowledge product")


class ShowcaseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class InvolvementRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_SPONSOR = "co_sponsor", _("Co-sponsor")
    PARTNER = "partner", _("Partner")


class ShowcaseIndexPage(TranslatedSlugRoutingMixin, Page):
    """The project database: every showcase in the tree, filtered and searched."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["showcases.ShowcasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("project database")

    def get_context(self, request, *args, **kwargs):
        from .database import database_context

        return {**super().get_context(request, *args, **kwargs), **database_context(request, self)}

    def serve(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            from .database import export_csv

            return export_csv(request, self)
        return super().serve(request, *args, **kwargs)


class ShowcasePage(Page):
    """One city's or country's activity. It lives under its lead member's page, so that
    member's editors edit it and other involved members only appear on it."""

    summary = models.CharField(_("summary"), max_length=400, help_text=_("Two or three sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(SHOWCASE_BLOCKS, verbose_name=_("story"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region"), max_length=24, choices=Region.choices, blank=True)
    themes = ParentalManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")
    activity_type = models.CharField(
        _("type of activity"), max_length=24, choices=ActivityType.choices, default=ActivityType.PROJECT
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ShowcaseStatus.choices, default=ShowcaseStatus.ONGOING
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    budget = models.DecimalField(_("budget (USD)"), max_digits=14, decimal_places=0, null=True, blank=True)
    co_financing = models.DecimalField(_("co-financing (USD)"), max_digits=14, decimal_places=0, null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    related = ParentalManyToManyField("self", verbose_name=_("related showcases"), blank=True, symmetrical=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("activity_type"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("co_financing")]),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("The activity"),
        ),
        InlinePanel("involvements", heading=_("Members involved"), label=_("Member")),
        InlinePanel("outside_partners", heading=_("Partners and consultants who are not members"), label=_("Partner")),
        FieldPanel("related"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("country"),
        index.FilterField("status"),
        index.FilterField("activity_type"),
    ]
    parent_page_types = ["members.MemberPage", "showcases.ShowcaseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("showcase")

    def get_context(self, request, *args, **kwargs):
        from .views import showcase_context

        return {**super().get_context(request, *args, **kwargs), **showcase_context(request, self)}

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The activity cannot end before it starts.")})

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and self.path:
            self._keep_lead_member()
        return super().save(*args, **kwargs)

    def _keep_lead_member(self) -> None:
        """The member whose page holds the showcase leads it, whatever the inline says."""
        parent = self.get_parent()
        lead_id = parent.pk if parent and issubclass(parent.specific_class, MemberPage) else None
        involvements = list(self.involvements.all())
        for involvement in involvements:
            if involvement.member_id == lead_id:
                involvement.role = InvolvementRole.LEAD
            elif involvement.role == InvolvementRole.LEAD and lead_id:
                involvement.role = InvolvementRole.CO_SPONSOR
        if lead_id and not any(involvement.member_id == lead_id for involvement in involvements):
            involvements.insert(0, ShowcaseInvolvement(member_id=lead_id, role=InvolvementRole.LEAD))
        self.involvements = involvements

    @property
    def total_funding(self):
        if self.budget is None and self.co_financing is None:
            return None
        return (self.budget or 0) + (self.co_financing or 0)


class ShowcaseInvolvement(Orderable):
    """A member involved in a showcase, with its role; the lead is the member the page sits under."""

    showcase = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="involvements")
    member = models.ForeignKey(
        "members.MemberPage", verbose_name=_("member"), on_delete=models.CASCADE, related_name="showcase_involvements"
    )
    role = models.CharField(_("role"), max_length=12, choices=InvolvementRole.choices, default=InvolvementRole.PARTNER)

    panels = [FieldRowPanel([FieldPanel("member"), FieldPanel("role")])]

    class Meta(Orderable.Meta):
        verbose_name = _("member involved")
        constraints = [models.UniqueConstraint(fields=["showcase", "member"], name="one_involvement_per_member")]


class ShowcasePartner(Orderable):
    """A partner or consultant who is not a member: a name and a link."""

    class Kind(models.TextChoices):
        PARTNER = "partner", _("Partner")
        CONSULTANT = "consultant", _("Consultant")

    showcase = ParentalKey(ShowcasePage, on_delete=models.CASCADE, related_name="outside_partners")
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("website"), max_length=500, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PARTNER)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("partner or consultant")
