"""The coverage report and the actions of the editor's Translations tab, in the Wagtail admin."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .coverage import PROBLEMS, Status, coverage_report, page_models, page_states
from .fields import field_label, target_languages
from .machine import is_enabled as machine_enabled
from .machine import plan_page, request_machine_draft
from .models import MachineDraft
from .permissions import can_edit_translations, can_view_coverage
from .state import mark_reviewed

PAGES_PER_SCREEN = 50


def model_key(model) -> str:
    return model._meta.label_lower


class CoverageReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "translations/coverage_report.html"
    page_title = gettext_lazy("Translation coverage")
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_coverage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = dict(settings.LANGUAGES)
        language = self.request.GET.get("language", "")
        if language not in target_languages():
            language = ""
        models = {model_key(model): model for model in page_models()}
        type_key = self.request.GET.get("type", "")
        if type_key not in models:
            type_key = ""
        report = coverage_report(languages=[language] if language else None, model=models.get(type_key))
        page_list = Paginator(report.pages, PAGES_PER_SCREEN).get_page(self.request.GET.get("p"))
        rows = [(coverage, coverage.problem_rows(report.languages)) for coverage in page_list]
        context.update(
            report=report,
            by_language=[(code, name, report.by_language[code]) for code, name in report.languages],
            by_type=[
                (model_key(model), model._meta.verbose_name, [counts[code] for code, _name in report.languages])
                for model, counts in report.by_type
            ],
            page_list=page_list,
            page_rows=rows,
            language=language,
            type_key=type_key,
            language_choices=[(code, names[code]) for code in target_languages()],
            type_choices=sorted(
                ((key, model._meta.verbose_name) for key, model in models.items()), key=lambda item: str(item[1])
            ),
            statuses=PROBLEMS,
        )
        return context


class PageTranslationActionView(WagtailAdminTemplateMixin, TemplateView):
    """A confirmation (GET) and the action (POST) on one page in one language, for those who may
    change the page."""

    header_icon = "globe"

    def dispatch(self, request, page_id: int, language: str):
        if language not in target_languages():
            raise Http404
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not can_edit_translations(request.user, self.page):
            raise PermissionDenied
        self.language = language
        self.language_name = dict(settings.LANGUAGES)[language]
        self.edit_url = reverse("wagtailadmin_pages:edit", args=(self.page.pk,))
        return super().dispatch(request, page_id=page_id, language=language)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, language_name=self.language_name, edit_url=self.edit_url)
        return context


class ReviewView(PageTranslationActionView):
    template_name = "translations/confirm_review.html"
    page_title = gettext_lazy("Mark machine drafts reviewed")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = self.page.get_latest_revision_as_object()
        states = page_states(draft, [self.language])[self.language]
        context["fields"] = [
            field_label(type(draft), name) for name, state in states.items() if state is Status.MACHINE
        ]
        return context

    def post(self, request, *args, **kwargs):
        mark_reviewed(page=self.page, language=self.language)
        messages.success(
            request,
            _("The machine drafts of “%(page)s” in %(language)s are marked reviewed.")
            % {"page": self.page.get_admin_display_title(), "language": self.language_name},
        )
        return redirect(self.edit_url)


MACHINE_MESSAGES = {
    MachineDraft.Error.OFF: gettext_lazy("No translation service is configured."),
    MachineDraft.Error.TIMEOUT: gettext_lazy("The translation service did not answer in time."),
    MachineDraft.Error.UNREACHABLE: gettext_lazy("The translation service could not be reached."),
    MachineDraft.Error.REFUSED: gettext_lazy("The translation service refused the request."),
    MachineDraft.Error.BAD_RESPONSE: gettext_lazy("The translation service sent an answer that could not be read."),
}


def announce(request, draft: MachineDraft, language_name: str) -> None:
    """Tell the editor how the request went, or that it is on its way."""
    values = {"language": language_name, "count": len(draft.fields)}
    if draft.status == MachineDraft.Status.FAILED:
        messages.error(
            request,
            _("Machine draft in %(language)s failed: %(reason)s Nothing was changed; try again later.")
            % {**values, "reason": MACHINE_MESSAGES.get(draft.error, draft.error)},
        )
    elif draft.status == MachineDraft.Status.DONE and draft.fields:
        messages.success(
            request,
            _(
                "Machine draft in %(language)s saved as a new draft revision (%(count)s fields). "
                "Review it before publishing."
            )
            % values,
        )
    elif draft.status == MachineDraft.Status.DONE:
        messages.info(request, _("Nothing to fill in %(language)s: every field with English text has one.") % values)
    else:
        messages.info(
            request,
            _("Machine draft in %(language)s requested; the Translations tab shows when it is ready.") % values,
        )


class MachineDraftView(PageTranslationActionView):
    template_name = "translations/confirm_machine_draft.html"
    page_title = gettext_lazy("Machine draft")

    def dispatch(self, request, *args, **kwargs):
        if not machine_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        draft = self.page.get_latest_revision_as_object()
        context["fields"] = [field_label(type(draft), plan.name) for plan in plan_page(draft, self.language)]
        return context

    def post(self, request, *args, **kwargs):
        draft = request_machine_draft(page=self.page, language=self.language, user=request.user)
        draft.refresh_from_db()  # an immediate task backend has already run it
        announce(request, draft, self.language_name)
        return redirect(self.edit_url)
