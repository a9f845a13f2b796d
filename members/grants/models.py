"""Proposals as the secretariat's grants API reports them. The portal never edits them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Programme(models.TextChoices):
    CITY_DEVELOPMENT_STRATEGY = "city_development_strategy", _("City development strategy")
    SLUM_UPGRADING = "slum_upgrading", _("Slum upgrading")
    PREPARATORY_GRANT = "preparatory_grant", _("Preparatory grant")
    PARTNERSHIP_AGREEMENT = "partnership_agreement", _("Partnership agreement")
    OTHER = "other", _("Other")


class ProposalStatus(models.TextChoices):
    """In the order a proposal moves through them; the last three are ends."""

    RECEIVED = "received", _("Received")
    ELIGIBILITY_SCREENING = "eligibility_screening", _("Eligibility screening")
    TECHNICAL_REVIEW = "technical_review", _("Technical review")
    RETURNED_FOR_REVISION = "returned_for_revision", _("Returned for revision")
    SECRETARIAT_DECISION = "secretariat_decision", _("Secretariat decision")
    APPROVED = "approved", _("Approved")
    GRANT_AGREEMENT_SIGNED = "grant_agreement_signed", _("Grant agreement signed")
    IN_IMPLEMENTATION = "in_implementation", _("In implementation")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CANCELLED = "cancelled", _("Cancelled")


class SponsorRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_SPONSOR = "co-sponsor", _("Co-sponsor")


class IatiActivityStatus(models.IntegerChoices):
    PIPELINE = 1, _("Pipeline/identification")
    IMPLEMENTATION = 2, _("Implementation")
    FINALISATION = 3, _("Finalisation")
    CLOSED = 4, _("Closed")
    CANCELLED = 5, _("Cancelled")
    SUSPENDED = 6, _("Suspended")


class SponsorCode(models.Model):
    """The grants system's code for an organisation (e.g. "WB"), and the member it means.

    Kept apart from the member's page so its editors can't point it at someone else's proposals."""

    code = models.CharField(_("grants code"), max_length=32, unique=True)
    member = models.ForeignKey("members.MemberPage", on_delete=models.CASCADE, related_name="sponsor_codes")

    class Meta:
        verbose_name = _("sponsor code")
        ordering = ["code"]

    def __str__(self):
        return self.code


class Proposal(models.Model):
    external_id = models.CharField(_("proposal number"), max_length=64, unique=True)
    title = models.CharField(_("title"), max_length=500)
    language = models.CharField(_("language"), max_length=16, blank=True)
    programme = models.CharField(_("programme"), max_length=32, choices=Programme.choices)
    country = CountryField(_("country"), blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    amount_requested = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency_requested = models.CharField(max_length=3, blank=True)
    amount_approved = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    currency_approved = models.CharField(max_length=3, blank=True)
    status = models.CharField(_("status"), max_length=32, choices=ProposalStatus.choices)
    iati_identifier = models.CharField(_("IATI identifier"), max_length=128, blank=True, db_index=True)
    iati_status = models.PositiveSmallIntegerField(
        _("IATI activity status"), choices=IatiActivityStatus.choices, null=True, blank=True
    )
    iati_dates = models.JSONField(_("IATI activity dates"), default=dict, blank=True)
    remote_updated_at = models.DateTimeField(_("updated in the grants system"))
    deleted = models.BooleanField(_("deleted in the grants system"), default=False)
    payload = models.JSONField(_("last record received"), default=dict)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        ordering = ["-remote_updated_at", "external_id"]
        indexes = [models.Index(fields=["remote_updated_at"])]

    def __str__(self):
        return f"{self.external_id} {self.title}"


class ProposalSponsor(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="sponsors")
    org_code = models.CharField(max_length=32)
    role = models.CharField(max_length=16, choices=SponsorRole.choices)
    member = models.ForeignKey(
        "members.MemberPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="sponsored_proposals"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "org_code"], name="unique_sponsor_per_proposal")]

    def __str__(self):
        return f"{self.org_code} ({self.role})"


class ProposalStatusChange(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=32, choices=ProposalStatus.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "status", "at"], name="unique_status_change")]

    def __str__(self):
        return f"{self.status} {self.at:%Y-%m-%d}"


class ServiceStandard(models.Model):
    """The published target for one step: how long a proposal may wait in `status`."""

    class Counting(models.TextChoices):
        WORKING_DAYS = "working", _("working days")
        CALENDAR_DAYS = "calendar", _("calendar days")

    status = models.CharField(
        _("step"),
        max_length=32,
        unique=True,
        choices=[
            (status.value, status.label)
            for status in ProposalStatus
            if status
            in {
                ProposalStatus.RECEIVED,
                ProposalStatus.ELIGIBILITY_SCREENING,
                ProposalStatus.TECHNICAL_REVIEW,
                ProposalStatus.SECRETARIAT_DECISION,
                ProposalStatus.APPROVED,
            }
        ],
        help_text=_("The time a proposal spends in this status is measured against the target."),
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_('What the secretariat promises, e.g. "Acknowledge receipt".')
    )
    target_days = models.PositiveSmallIntegerField(_("target"))
    counting = models.CharField(_("counted in"), max_length=8, choices=Counting.choices, default=Counting.WORKING_DAYS)
    due_soon_days = models.PositiveSmallIntegerField(
        _("due soon when"), default=2, help_text=_("Days before the target when a step is shown as due soon.")
    )

    class Meta:
        verbose_name = _("service standard")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class GrantsSyncCheckpoint(models.Model):
    """Where the last sync stopped: saved only once the page before it is stored."""

    source = models.CharField(max_length=500, unique=True)
    updated_since = models.DateTimeField(null=True, blank=True)
    cursor = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return self.source


class GrantsSyncRun(models.Model):
    source = models.CharField(max_length=500)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    pages = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    unknown_sponsor_codes = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("grants sync run")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.source}"


class RejectedProposalRecord(models.Model):
    """A record that failed validation: kept with its payload and why, for the secretariat to fix."""

    run = models.ForeignKey(GrantsSyncRun, on_delete=models.CASCADE, related_name="rejected_records")
    external_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField()
    payload = models.JSONField()

    def __str__(self):
        return f"{self.external_id or '?'}: {self.reason}"
