"""The translations tab of the page editor: per language, the fields that are missing, out of
date or machine drafted in the revision being edited, with the actions on them."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import ObjectList, Panel, TabbedInterface

from .coverage import PROBLEMS, Status, page_models, page_states
from .fields import field_label
from .machine import is_enabled as machine_enabled
from .models import MachineDraft
from .permissions import can_edit_translations


class TranslationStatePanel(Panel):
    """Read-only: it adds no form field, so it never changes what the editor saves."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "translations/panels/translation_state.html"

        def is_shown(self):
            return self.instance is not None and self.instance.pk is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            names = dict(settings.LANGUAGES)
            may_edit = can_edit_translations(self.request.user, page)
            offer_machine = may_edit and machine_enabled()
            latest: dict[str, MachineDraft] = {}
            for draft in MachineDraft.objects.filter(page_id=page.pk)[:50]:
                latest.setdefault(draft.language, draft)
            languages = []
            for code, states in page_states(page).items():
                problems = [
                    (status, [field_label(type(page), name) for name, state in states.items() if state is status])
                    for status in PROBLEMS
                ]
                languages.append(
                    {
                        "code": code,
                        "name": names[code],
                        "done": sum(state is Status.DONE for state in states.values()),
                        "total": len(states),
                        "problems": [(status, fields) for status, fields in problems if fields],
                        "review_url": reverse("translations:review", args=(page.pk, code))
                        if may_edit and any(state is Status.MACHINE for state in states.values())
                        else "",
                        "machine_url": reverse("translations:machine_draft", args=(page.pk, code))
                        if offer_machine and any(state is Status.MISSING for state in states.values())
                        else "",
                        "last_draft": latest.get(code),
                    }
                )
            context.update(languages=languages, coverage_url=reverse("translations:coverage"))
            return context


def add_translation_tabs() -> None:
    """A Translations tab on every page type with translated fields, after Wagtail's own tabs
    (built as Wagtail builds them, from the panels wagtail-modeltranslation has patched)."""
    for model in page_models():
        if "edit_handler" in vars(model):
            continue  # a page type that arranges its own tabs places the panel itself
        tabs = [
            ObjectList(panels, heading=heading)
            for panels, heading in (
                (model.content_panels, _("Content")),
                (model.promote_panels, _("Promote")),
                (model.settings_panels, _("Settings")),
            )
            if panels
        ]
        tabs.append(ObjectList([TranslationStatePanel()], heading=_("Translations")))
        model.edit_handler = TabbedInterface(tabs, base_form_class=model.base_form_class)
        model.get_edit_handler.cache_clear()
