"""What the portal remembers about each page's translations: which English each translation was
written from, and which translations a machine drafted (translations/state.py keeps it current)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FieldTranslation(models.Model):
    """One translated field of one page in one target language.

    `source_digest` is the English value's digest when the translation last changed: when the
    English changes afterwards, the translation is stale. `machine_digest` is the digest of the
    text the translation service wrote, so a person's edit (any other text) clears the mark."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="field_translations"
    )
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    source_digest = models.CharField(_("English digest"), max_length=64, blank=True)
    translation_digest = models.CharField(_("translation digest"), max_length=64, blank=True)
    machine_digest = models.CharField(_("machine draft digest"), max_length=64, blank=True)
    machine_translated = models.BooleanField(_("machine translated"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("field translation")
        verbose_name_plural = _("field translations")
        constraints = [
            models.UniqueConstraint(fields=["page", "field", "language"], name="translations_one_state_per_field")
        ]
        permissions = [("view_coverage", _("Can view the translation coverage report"))]

    def __str__(self):
        return f"{self.page_id} {self.field} {self.language}"


class MachineDraft(models.Model):
    """A request for a machine first draft of one page in one language, and how it ended: the
    background task reports here, so a failure reaches the editor and nothing is lost."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="machine_drafts"
    )
    language = models.CharField(_("language"), max_length=16, choices=settings.LANGUAGES)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Error(models.TextChoices):
        OFF = "off", _("No translation service is configured")
        TIMEOUT = "timeout", _("The translation service did not answer in time")
        UNREACHABLE = "unreachable", _("The translation service could not be reached")
        REFUSED = "refused", _("The translation service refused the request")
        BAD_RESPONSE = "bad_response", _("The translation service sent an answer that could not be read")

    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField(_("error"), max_length=16, choices=Error.choices, blank=True)
    fields = models.JSONField(_("fields filled"), default=list, blank=True)
    detail = models.TextField(_("detail"), blank=True, help_text=_("What the service or the connection said."))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("machine draft")
        verbose_name_plural = _("machine drafts")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.page_id} {self.language} {self.status}"
