import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Collection, Orderable, Page
from wagtail.search import index

from translations.slugs import TranslatedSlugRoutingMixin


class MemberKind(models.TextChoices):
    MULTILATERAL = "multilateral", _("Multilateral organisation")
    UN_AGENCY = "un_agency", _("UN agency")
    BILATERAL = "bilateral", _("Bilateral agency")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    CITY = "city", _("City")
    LOCAL_GOVERNMENTS = "local_governments", _("Association of local governments")
    NGO = "ngo", _("NGO or federation")
    FOUNDATION = "foundation", _("Foundation")
    RESEARCH = "research", _("Research institute")


class LinkKind(models.TextChoices):
    WEBSITE = "website", _("Website")
    PUBLICATION = "publication", _("Publication")
    PROJECT = "project", _("Project")
    SOCIAL = "social", _("Social media")
    OTHER = "other", _("Other")


class LinkProblem(models.TextChoices):
    """Why a check failed. The value is what `LinkCheck.error` stores; the label is for people."""

    TIMEOUT = "timeout", _("The site took too long to answer.")
    CONNECTION_REFUSED = "connection refused", _("The site refused the connection.")
    CONNECTION_RESET = "connection reset", _("The site cut the connection.")
    CONNECTION_FAILED = "connection failed", _("The site could not be reached.")
    HOST_NOT_FOUND = "host not found", _("The site's domain name does not exist.")
    INVALID_CERTIFICATE = "invalid certificate", _("The site's security certificate is not valid.")
    TLS_ERROR = "tls error", _("A secure connection to the site failed.")
    INVALID_RESPONSE = "invalid response", _("The site sent an answer that is not a web page.")
    TOO_MANY_REDIRECTS = "too many redirects", _("The address redirects too many times.")
    BLOCKED_ADDRESS = "blocked address", _("The address leads to a private network.")
    NOT_A_WEB_ADDRESS = "not a web address", _("The address is not a web address.")
    INVALID_ADDRESS = "invalid address", _("The address is not valid.")


class MembersIndexPage(TranslatedSlugRoutingMixin, Page):
    """The member directory."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["members.MemberPage"]
    max_count = 1

    class Meta:
        verbose_name = _("member directory")

    def get_context(self, request, *args, **kwargs):
        from .views import directory_context

        return {**super().get_context(request, *args, **kwargs), **directory_context(request, self)}


class MemberPage(Page):
    """One member organisation: its profile and links. Its editors manage this page and below."""

    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=MemberKind.choices)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("PNG, JPEG or WebP, at most 5 MB. Shown in a square: leave a margin around the mark."),
    )
    headquarters_country = CountryField(_("headquarters country"), blank=True)
    active_countries = CountryField(_("countries where active"), multiple=True, blank=True)
    summary = models.CharField(
        _("short description"), max_length=300, blank=True, help_text=_("One or two sentences for the directory.")
    )
    body = RichTextField(_("description"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    website = models.URLField(_("website"), blank=True)
    year_joined = models.PositiveSmallIntegerField(
        _("year joined"), null=True, blank=True, validators=[MinValueValidator(1999), MaxValueValidator(2100)]
    )
    contact_name = models.CharField(_("public contact"), max_length=120, blank=True)
    contact_email = models.EmailField(_("public contact email"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("acronym"), FieldPanel("kind")]),
        FieldPanel("logo"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("headquarters_country"), FieldPanel("year_joined")]),
                FieldPanel("active_countries"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
            ],
            heading=_("Details"),
        ),
        InlinePanel("links", heading=_("Links"), label=_("Link")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("acronym", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["members.MembersIndexPage"]
    subpage_types = ["showcases.ShowcasePage", "news.NewsPage"]

    class Meta:
        verbose_name = _("member")

    def clean(self):
        super().clean()
        duplicates = MemberPage.objects.exclude(pk=self.pk)
        if duplicates.filter(title_en__iexact=self.title_en).exists():
            raise ValidationError({"title_en": _("Another member already has this name.")})
        if self.acronym and duplicates.filter(acronym__iexact=self.acronym).exists():
            raise ValidationError({"acronym": _("Another member already uses this acronym.")})

    def get_context(self, request, *args, **kwargs):
        from .selectors import public_links

        return {**super().get_context(request, *args, **kwargs), "links": public_links(member=self)}


class MemberLink(Orderable):
    member = ParentalKey(MemberPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=120)
    url = models.URLField(_("address"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices, default=LinkKind.WEBSITE)

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("url"), FieldPanel("kind")])]

    class Meta(Orderable.Meta):
        verbose_name = _("link")


class LinkCheck(models.Model):
    """What the link checker last saw at an address. Kept apart from the links themselves,
    so publishing a page never rewinds it, and members sharing an address share its state."""

    BROKEN_AFTER_FAILURES = 3

    url = models.URLField(max_length=500, unique=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    last_ok_at = models.DateTimeField(null=True, blank=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    final_url = models.URLField(max_length=2000, blank=True)
    moved_to = models.URLField(max_length=2000, blank=True, help_text=_("Where a permanent redirect sends visitors."))
    error = models.CharField(max_length=200, blank=True, choices=LinkProblem.choices)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("link check")

    def __str__(self):
        return self.url

    @property
    def is_broken(self) -> bool:
        return self.consecutive_failures >= self.BROKEN_AFTER_FAILURES

    @property
    def problem(self) -> str:
        """What went wrong, in the active language."""
        if self.error:
            return self.get_error_display()
        if self.status_code in (404, 410):
            return gettext("The page no longer exists (error %(status)s).") % {"status": self.status_code}
        return gettext("The site answered with error %(status)s.") % {"status": self.status_code}


class MemberTeam(models.Model):
    """The groups that hold a member's editing rights, kept in step with its page."""

    member = models.OneToOneField(MemberPage, on_delete=models.CASCADE, related_name="team")
    editors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="editor_of")
    admins = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="admin_of")
    collection = models.ForeignKey(Collection, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return str(self.member)


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + timedelta(days=14)


class MemberInvitation(models.Model):
    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor")
        ADMIN = "admin", _("Member admin")

    member = models.ForeignKey(MemberPage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.EDITOR)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_invitation_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")

    def __str__(self):
        return f"{self.email} → {self.member}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ServiceStandardsPage(Page):
    """The published service standards and how the secretariat performs against them."""

    intro = models.CharField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences under the title, also used as the page description."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["portal.HomePage", "portal.StandardPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("service standards page")

    def get_context(self, request, *args, **kwargs):
        from .grants.views import standards_page_context

        return {**super().get_context(request, *args, **kwargs), **standards_page_context(request)}


from .grants.models import (  # noqa: E402, F401  (registered as members' models)
    GrantsSyncCheckpoint,
    GrantsSyncRun,
    Proposal,
    ProposalSponsor,
    ProposalStatusChange,
    RejectedProposalRecord,
    ServiceStandard,
    SponsorCode,
)
