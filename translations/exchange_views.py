"""The admin side of the translators' exchange (translations/exchange.py): the export form, and
the import in three steps: upload (checked as a whole), preview, confirm.

Between preview and confirmation the uploaded file waits in the user's session under a random
token, with the fingerprint of every page the preview would change; the confirmation rebuilds
the plan from that same file and applies it only if every page's fingerprint is unchanged."""

from __future__ import annotations

import base64
import secrets
import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .exchange import (
    FORMAT_EXTENSIONS,
    MAX_UPLOAD_BYTES,
    PO,
    XLIFF,
    ImportRefused,
    apply_import,
    export_file,
    exportable_pages,
    plan_import,
)
from .fields import target_languages
from .permissions import can_edit_translations

SESSION_KEY = "translations_exchange_imports"
PREVIEW_LIFETIME_SECONDS = 3600
PREVIEWS_KEPT = 3
CONTENT_TYPES = {PO: "text/x-gettext-translation; charset=utf-8", XLIFF: "application/x-xliff+xml; charset=utf-8"}


def language_choices() -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, names[code]) for code in target_languages()]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=language_choices)
    file_format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            (PO, gettext_lazy("PO (gettext), for Poedit, Weblate and the like")),
            (XLIFF, gettext_lazy("XLIFF 1.2")),
        ],
        initial=PO,
        widget=forms.RadioSelect,
    )
    include_descendants = forms.BooleanField(
        label=gettext_lazy("Include the pages below"),
        required=False,
        help_text=gettext_lazy("Every page below that you may edit, in the same file."),
    )


class ExportView(WagtailAdminTemplateMixin, FormView):
    """GET: the form; POST: the file. One page (in the URL) or the pages chosen in the listing
    (?id=1&id=2, from the bulk action); the user must be able to edit each of them."""

    template_name = "translations/exchange/export.html"
    form_class = ExportForm
    page_title = gettext_lazy("Export for translation")
    header_icon = "download"

    def dispatch(self, request, page_id: int | None = None):
        ids = [page_id] if page_id else [value for value in request.GET.getlist("id") if value.isdigit()]
        self.pages = list(Page.objects.filter(pk__in=ids, depth__gt=1).order_by("path").specific())
        if not self.pages:
            raise Http404
        if not all(can_edit_translations(request.user, page) for page in self.pages):
            raise PermissionDenied
        return super().dispatch(request)

    def get_initial(self):
        language = self.request.GET.get("language", "")
        return {"language": language} if language in target_languages() else {}

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items]
        if len(self.pages) == 1:
            page = self.pages[0]
            items.append(
                {"url": reverse("wagtailadmin_pages:edit", args=(page.pk,)), "label": page.get_admin_display_title()}
            )
        return [*items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            pages=self.pages,
            descendants=sum(page.get_descendants().count() for page in self.pages[:1]) if len(self.pages) == 1 else 0,
            import_url=reverse("translations_exchange:import"),
        )
        return context

    def form_valid(self, form):
        language = form.cleaned_data["language"]
        file_format = form.cleaned_data["file_format"]
        pages = exportable_pages(
            user=self.request.user, pages=self.pages, include_descendants=form.cleaned_data["include_descendants"]
        )
        data = export_file(pages=pages, language=language, file_format=file_format)
        stem = slugify(self.pages[0].title_en or self.pages[0].slug) if len(self.pages) == 1 else "pages"
        response = HttpResponse(data, content_type=CONTENT_TYPES[file_format])
        filename = f"{stem or 'page'}-{language}.{FORMAT_EXTENSIONS[file_format]}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated file"),
        help_text=gettext_lazy("A PO or XLIFF 1.2 file exported here and filled in by a translator."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the translation"), choices=language_choices)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


def _stored(request) -> dict:
    now = time.time()
    stored = request.session.get(SESSION_KEY, {})
    return {token: entry for token, entry in stored.items() if now - entry["created"] < PREVIEW_LIFETIME_SECONDS}


def _store(request, *, data: bytes, filename: str, language: str, pages: dict[str, str]) -> str:
    token = secrets.token_urlsafe(24)
    stored = _stored(request)
    stored[token] = {
        "data": base64.b64encode(data).decode("ascii"),
        "filename": filename,
        "language": language,
        "pages": pages,
        "created": time.time(),
    }
    newest = sorted(stored.items(), key=lambda item: item[1]["created"])[-PREVIEWS_KEPT:]
    request.session[SESSION_KEY] = dict(newest)
    return token


def _forget(request, token: str) -> None:
    stored = _stored(request)
    stored.pop(token, None)
    request.session[SESSION_KEY] = stored


class ImportMixin(WagtailAdminTemplateMixin):
    page_title = gettext_lazy("Import translations")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class ImportView(ImportMixin, FormView):
    """Upload and check; a clean file gets the preview, any error the list of errors."""

    template_name = "translations/exchange/import.html"
    form_class = ImportForm

    def get_initial(self):
        language = self.request.GET.get("language", "")
        return {"language": language} if language in target_languages() else {}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        language = form.cleaned_data["language"]
        data = upload.read()
        plan = plan_import(data=data, filename=upload.name, language=language, user=self.request.user)
        if not plan.ok:
            return self.render_to_response(self.get_context_data(form=form, plan=plan, filename=upload.name))
        token = ""
        if plan.changes:
            token = _store(
                self.request, data=data, filename=upload.name, language=language, pages=plan.page_fingerprints()
            )
        self.template_name = "translations/exchange/preview.html"
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                token=token,
                filename=upload.name,
                language_name=dict(settings.LANGUAGES)[language],
                page_count=len({change.page_id for change in plan.changes}),
            )
        )


class ImportConfirmView(ImportMixin, View):
    """Apply the previewed import, exactly, or nothing."""

    def post(self, request):
        token = request.POST.get("token", "")
        entry = _stored(request).get(token)
        if entry is None:
            messages.error(request, _("This preview has expired or was already applied; upload the file again."))
            return redirect("translations_exchange:import")
        try:
            plan = apply_import(
                data=base64.b64decode(entry["data"]),
                filename=entry["filename"],
                language=entry["language"],
                user=request.user,
                previewed=entry["pages"],
            )
        except ImportRefused as refused:
            _forget(request, token)
            for message in refused.messages:
                messages.error(request, message)
            return redirect("translations_exchange:import")
        _forget(request, token)
        pages = {}
        for change in plan.changes:
            pages.setdefault(change.page_id, change.page_title)
        messages.success(
            request,
            ngettext(
                "%(changes)s translations saved as a new draft revision of %(pages)s page; review and publish it.",
                "%(changes)s translations saved as new draft revisions of %(pages)s pages; review and publish them.",
                len(pages),
            )
            % {"changes": len(plan.changes), "pages": len(pages)},
        )
        return TemplateResponse(
            request,
            "translations/exchange/done.html",
            {
                **self.get_context_data(),
                "pages": [
                    (
                        title,
                        reverse("wagtailadmin_pages:edit", args=(pk,)),
                        reverse("wagtailadmin_pages:history", args=(pk,)),
                    )
                    for pk, title in pages.items()
                ],
                "language_name": dict(settings.LANGUAGES)[entry["language"]],
            },
        )
