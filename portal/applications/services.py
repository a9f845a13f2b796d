"""Writes for applications: storing one with its attachments, the two emails, the rate limit."""

import datetime
import hashlib
import logging
from decimal import Decimal

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language, gettext, override

from .forms import ApplicationForm
from .models import ApplicationAttachment, ApplicationFormPage, ApplicationSubmission

logger = logging.getLogger(__name__)

RATE_WINDOW_SECONDS = 60 * 60


# The rate limit: a fixed hour per client address, counted in Django's cache.


def client_address(request) -> str:
    """The visitor's address as allauth reads it for its own rate limits (so the same proxy
    settings, ALLAUTH_TRUSTED_PROXY_COUNT or ALLAUTH_TRUSTED_CLIENT_IP_HEADER, apply)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return "unknown"


def _rate_key(request) -> str:
    return "applications:sent:" + hashlib.sha256(client_address(request).encode()).hexdigest()


def rate_limited(request) -> bool:
    return (cache.get(_rate_key(request)) or 0) >= settings.APPLICATIONS_PER_HOUR


def count_application(request) -> None:
    key = _rate_key(request)
    if cache.add(key, 1, RATE_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, RATE_WINDOW_SECONDS)


# Storing and emailing.


def current_language() -> str:
    code = get_language() or settings.LANGUAGE_CODE
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _stored_value(value):
    if isinstance(value, UploadedFile):
        return value.name
    if value is None:
        return ""
    return value


@transaction.atomic
def store_application(*, page: ApplicationFormPage, form: ApplicationForm, language: str) -> ApplicationSubmission:
    answers = form.answers()
    submission = ApplicationSubmission.objects.create(
        page=page,
        language=language,
        form_data={name: _stored_value(value) for name, value in answers.items()},
    )
    for name, value in answers.items():
        if isinstance(value, UploadedFile):
            ApplicationAttachment.objects.create(
                submission=submission,
                field_name=name,
                file=value,
                original_name=value.name,
                content_type=value.content_type,
                size=value.size,
            )
    return submission


def _display(value, field=None) -> str:
    """An answer as text; a choice as the label the form showed (in the active language)."""
    if field is not None and getattr(field, "choices", None) and not isinstance(value, UploadedFile):
        labels = {str(key): str(label) for key, label in field.choices}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(str(item), str(item)) for item in values if item != "")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, UploadedFile):
        return value.name
    if isinstance(value, datetime.datetime):
        return formats.date_format(value, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, use_l10n=False)
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _answers(page: ApplicationFormPage, form: ApplicationForm, *, language: str) -> list[tuple[str, str]]:
    """(label, answer) for each field, with labels (and choice labels) in `language`."""
    answers = form.answers()
    with override(language):
        form_class = page.get_form_class()  # builds the fields' labels and choices in `language`
        fields = form_class().fields
        return [(str(fields[name].label), _display(answers[name], fields[name])) for name in fields if name in answers]


def applicant_email(page: ApplicationFormPage, form: ApplicationForm) -> str:
    answers = form.answers()
    for field in page.get_form_fields():
        if field.field_type == "email" and answers.get(field.clean_name):
            return answers[field.clean_name]
    return ""


def _send(message: EmailMessage) -> None:
    # The application is stored: a mail server that fails must not turn it into an error page.
    try:
        message.send()
    except Exception:
        logger.exception("Could not send an application email to %s", message.to)


def email_secretariat(*, page: ApplicationFormPage, form: ApplicationForm, submission: ApplicationSubmission) -> None:
    """In English, with the language the applicant wrote in, the answers under English labels
    and a link to the submissions in the admin (attachments are there, not in the email)."""
    addresses = [address.strip() for address in page.to_address.split(",") if address.strip()]
    if not addresses:
        return
    reply_to = applicant_email(page, form)
    with override("en"):
        context = {
            "page": page,
            "submission": submission,
            "language": submission.language_name(),
            "answers": _answers(page, form, language="en"),
            "attachments": [attachment.original_name for attachment in submission.attachments.all()],
            "submissions_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("wagtailforms:list_submissions", args=[page.pk]),
        }
        subject = f"{page.subject_en or page.title_en} [{submission.language_name()}]"
        body = render_to_string("applications/email/secretariat_body.txt", context)
    _send(
        EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=page.from_address or None,
            to=addresses,
            reply_to=[reply_to] if reply_to else None,
        )
    )


def acknowledge(*, page: ApplicationFormPage, form: ApplicationForm, submission: ApplicationSubmission) -> None:
    """To the applicant, if they gave an address, in the language they applied in."""
    address = applicant_email(page, form)
    if not address:
        return
    with override(submission.language):
        context = {
            "page": page,
            "acknowledgement": page.acknowledgement,
            "answers": _answers(page, form, language=submission.language),
        }
        subject = page.subject or page.title
        body = render_to_string("applications/email/acknowledgement_body.txt", context)
    _send(
        EmailMessage(subject=" ".join(subject.split()), body=body, from_email=page.from_address or None, to=[address])
    )


def submit_application(*, page: ApplicationFormPage, form: ApplicationForm) -> ApplicationSubmission:
    submission = store_application(page=page, form=form, language=current_language())
    email_secretariat(page=page, form=form, submission=submission)
    acknowledge(page=page, form=form, submission=submission)
    return submission
