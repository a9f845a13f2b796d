"""The application form ("apply for assistance"), on Wagtail's form builder, in nine languages.

Labels, help texts, choices and default values are translated with modeltranslation; what an
applicant sends is stored under names and values that are the same in every language: each
field's `clean_name` comes from its English label, and a choice is stored as its English text
(the secretariat reads the submissions and their CSV in English, whatever the applicant read)."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.fields import RichTextField

from .forms import FILE, ApplicationFormBuilder
from .storage import private_storage

FIELD_TYPES = (*FORM_FIELD_CHOICES, (FILE, _("File attachment")))


class ApplicationFormField(AbstractFormField):
    page = ParentalKey("ApplicationFormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("field type"), max_length=16, choices=FIELD_TYPES)
    field_type.required_on_save = True

    class Meta(AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")

    def get_field_clean_name(self) -> str:
        # From the English label whatever language is active, so a field made or previewed
        # while the admin is in Arabic gets the same name as in English.
        return get_field_clean_name(self.label_en or self.label)


class ApplicationFormPage(AbstractEmailForm):
    """The one application form, under the home page. Submissions are emailed to `to_address`
    (the secretariat) and acknowledged to the applicant in the language they applied in."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Shown after an application is sent."),
    )
    acknowledgement = models.TextField(
        _("acknowledgement"),
        blank=True,
        help_text=_(
            "Plain text emailed to the applicant, in their language, above a copy of their answers. "
            "The email's subject is the subject above."
        ),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("to_address"), FieldPanel("from_address")]),
                FieldPanel("subject"),
                FieldPanel("acknowledgement"),
            ],
            heading=_("Emails"),
        ),
    ]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("application form")

    form_builder = ApplicationFormBuilder

    @property
    def submissions_list_view_class(self):
        from .views import ApplicationSubmissionsListView

        return ApplicationSubmissionsListView

    def get_submission_class(self):
        return ApplicationSubmission

    def get_data_fields(self):
        submit_time, *fields = super().get_data_fields()
        return [submit_time, ("language", _("Language")), *fields]

    def serve(self, request, *args, **kwargs):
        from .views import serve_application_form

        return serve_application_form(self, request, *args, **kwargs)

    def process_form_submission(self, form):
        from .services import submit_application

        return submit_application(page=self, form=form)


class ApplicationSubmission(AbstractFormSubmission):
    """One application, in the language it was made in."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, db_index=True)

    class Meta(AbstractFormSubmission.Meta):
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def language_name(self) -> str:
        """In English, for the secretariat: "Arabic (ar)"."""
        return f"{get_language_info(self.language)['name']} ({self.language})"

    def get_data(self):
        return {**super().get_data(), "language": self.language_name()}


def _attachment_path(instance: "ApplicationAttachment", filename: str) -> str:
    # A random folder per file: the applicant's file name is kept for the download, never trusted for the path.
    suffix = Path(filename).suffix.lower()
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ApplicationAttachment(models.Model):
    """A file sent with an application, in private storage (see storage.py)."""

    submission = models.ForeignKey(ApplicationSubmission, on_delete=models.CASCADE, related_name="attachments")
    field_name = models.CharField(_("field"), max_length=255)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["submission", "field_name"], name="applications_one_file_per_field")
        ]

    def __str__(self):
        return self.original_name
