"""The form page's serving (spam, rate limit, unreadable requests) and the admin's side: Wagtail's
own submissions listing and CSV export, extended with the language and the attachments."""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import FileResponse, Http404, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from . import services
from .forms import FILE
from .models import ApplicationAttachment

logger = logging.getLogger(__name__)

UNREADABLE = _(
    "Your application could not be read, perhaps because it was too large. Nothing was kept: "
    "please fill in the form again."
)
RATE_LIMITED = _(
    "Too many applications have been sent from your connection in the last hour. Your answers are "
    "kept below: please send them again later."
)
UNREADABLE_REQUEST = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, MultiPartParserError, UnreadablePostError)


def _render_form(page, request, form, *, status: int = 200, message: str = "") -> TemplateResponse:
    context = page.get_context(request)
    context.update(form=form, form_message=message)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def serve_application_form(page, request, *args, **kwargs):
    if request.method != "POST":
        return _render_form(page, request, page.get_form(page=page, user=request.user))
    try:
        data, files = request.POST, request.FILES
    except UNREADABLE_REQUEST:
        return _render_form(page, request, page.get_form(page=page, user=request.user), status=400, message=UNREADABLE)
    form = page.get_form(data, files, page=page, user=request.user)
    if form.honeypot_filled():
        # A bot: nothing is kept or sent, and it is shown what a person would see.
        services.count_application(request)
        logger.info("Discarded an application with the honeypot filled in.")
        return page.render_landing_page(request, None, *args, **kwargs)
    if services.rate_limited(request):
        form.is_valid()  # so the values and any field errors show again
        form.add_error(None, RATE_LIMITED)
        return _render_form(page, request, form, status=429)
    if not form.is_valid():
        return _render_form(page, request, form)
    submission = page.process_form_submission(form)
    services.count_application(request)
    return page.render_landing_page(request, submission, *args, **kwargs)


def _csv_safe(value):
    """Spreadsheets run a cell that starts with = + - @ as a formula: an applicant's text must
    stay text when the secretariat opens the export."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ApplicationSubmissionsListView(SubmissionsListView):
    """Wagtail's listing and export, with the language (see ApplicationFormPage.get_data_fields)
    and each attachment as a link to the private download."""

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("attachments")

    def _file_fields(self) -> list[str]:
        return [field.clean_name for field in self.form_page.get_form_fields() if field.field_type == FILE]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        names = [name for name, _label in self.form_page.get_data_fields()]
        columns = {names.index(name): name for name in self._file_fields() if name in names}
        submissions = {submission.pk: submission for submission in context["submissions"]}
        for row in context["data_rows"]:
            attachments = {a.field_name: a for a in submissions[row["model_id"]].attachments.all()}
            for index, name in columns.items():
                if attachment := attachments.get(name):
                    row["fields"][index] = format_html(
                        '<a href="{}">{}</a>',
                        reverse("applications:attachment", args=[attachment.pk]),
                        attachment.original_name,
                    )
        return context

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for attachment in item.attachments.all():
            if attachment.field_name in row:
                url = self.request.build_absolute_uri(reverse("applications:attachment", args=[attachment.pk]))
                row[attachment.field_name] = f"{attachment.original_name} ({url})"
        return row

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(writer, {field: _csv_safe(value) for field, value in row_dict.items()})


def attachment(request, pk: int):
    """An attachment, to whoever may see its form's submissions (Wagtail's rule: "change" on the
    form page), always as a download."""
    attachment = get_object_or_404(ApplicationAttachment.objects.select_related("submission"), pk=pk)
    if not get_forms_for_user(request.user).filter(pk=attachment.submission.page_id).exists():
        raise PermissionDenied
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
