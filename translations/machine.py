"""Machine translation as a first draft, off unless TRANSLATION_PROVIDER names a service.

Only the empty fields of one page in one language are filled, from the English of its latest
revision, and saved as a new draft revision that a person reviews and publishes: nothing already
written is replaced, nothing is published. The service is called from a background task
(django-tasks, as Wagtail's own tasks); a `MachineDraft` row carries the outcome back to the
editor, and a failure leaves the page as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django_tasks import task
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from .fields import content_digest, is_empty, source_value, translatable_fields, value_in
from .models import MachineDraft
from .state import record_machine_drafts

BATCH = 50  # DeepL takes at most 50 texts a request
Error = MachineDraft.Error


class ProviderError(Exception):
    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = kind
        self.detail = detail


class Provider(Protocol):
    def translate(self, texts: list[str], *, target: str, html: bool) -> list[str]: ...


def _timeout() -> httpx.Timeout:
    return httpx.Timeout(
        settings.TRANSLATION_PROVIDER_TIMEOUT_SECONDS, connect=settings.TRANSLATION_PROVIDER_CONNECT_TIMEOUT_SECONDS
    )


def _post(url: str, *, payload: dict, headers: dict[str, str] | None = None) -> Any:
    """One request; every way it can go wrong becomes a ProviderError."""
    try:
        response = httpx.post(url, json=payload, headers=headers, timeout=_timeout())
    except httpx.TimeoutException as error:
        raise ProviderError(Error.TIMEOUT, f"{type(error).__name__} after {_timeout().read} s") from error
    except httpx.HTTPError as error:
        raise ProviderError(Error.UNREACHABLE, f"{type(error).__name__}: {error}") from error
    if response.status_code != 200:
        raise ProviderError(Error.REFUSED, f"HTTP {response.status_code}: {response.text[:300]}")
    try:
        return response.json()
    except json.JSONDecodeError as error:
        raise ProviderError(Error.BAD_RESPONSE, f"not JSON: {response.text[:100]!r}") from error


def _strings(values: Any, count: int) -> list[str]:
    if not isinstance(values, list) or len(values) != count or not all(isinstance(v, str) for v in values):
        raise ProviderError(Error.BAD_RESPONSE, f"expected {count} texts, got {str(values)[:100]}")
    return values


@dataclass
class LibreTranslate:
    """POST /translate {q: [...], source, target, format, api_key} -> {translatedText: [...]}."""

    url: str
    api_key: str = ""
    # LibreTranslate's codes where they differ from ours (it names simplified Chinese zh-Hans).
    codes = {"zh-hans": "zh-Hans"}

    def translate(self, texts: list[str], *, target: str, html: bool) -> list[str]:
        payload = {
            "q": texts,
            "source": "en",
            "target": self.codes.get(target, target),
            "format": "html" if html else "text",
        }
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = _post(f"{self.url.rstrip('/')}/translate", payload=payload)
        if not isinstance(answer, dict):
            raise ProviderError(Error.BAD_RESPONSE, "not an object")
        return _strings(answer.get("translatedText"), len(texts))


@dataclass
class DeepL:
    """POST /v2/translate {text: [...], source_lang, target_lang, tag_handling} with the key in
    the Authorization header -> {translations: [{text}]}."""

    url: str
    api_key: str = ""
    # DeepL's target codes: European Portuguese, simplified Chinese.
    codes = {"zh-hans": "ZH-HANS", "pt": "PT-PT"}

    def translate(self, texts: list[str], *, target: str, html: bool) -> list[str]:
        payload: dict[str, Any] = {
            "text": texts,
            "source_lang": "EN",
            "target_lang": self.codes.get(target, target.upper()),
        }
        if html:
            payload["tag_handling"] = "html"
        answer = _post(
            f"{self.url.rstrip('/')}/v2/translate",
            payload=payload,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
        )
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(translations, list):
            raise ProviderError(Error.BAD_RESPONSE, "no translations")
        return _strings([item.get("text") if isinstance(item, dict) else None for item in translations], len(texts))


DEFAULT_URLS = {"libretranslate": "http://127.0.0.1:5000", "deepl": "https://api.deepl.com"}


def get_provider() -> Provider | None:
    name = settings.TRANSLATION_PROVIDER.strip().lower()
    if not name:
        return None
    url = settings.TRANSLATION_PROVIDER_URL or DEFAULT_URLS.get(name, "")
    key = settings.TRANSLATION_PROVIDER_API_KEY
    if name == "libretranslate":
        return LibreTranslate(url=url, api_key=key)
    if name == "deepl":
        if not settings.TRANSLATION_PROVIDER_URL and key.endswith(":fx"):
            url = "https://api-free.deepl.com"  # keys of DeepL's free plan end in ":fx"
        return DeepL(url=url, api_key=key)
    return None


def is_enabled() -> bool:
    return get_provider() is not None


# What to translate: the text of plain fields, rich text as HTML, the text leaves of streams.

Setter = Callable[[str], None]


@dataclass
class Segment:
    text: str
    html: bool
    put: Setter


def _leaf(container: Any, key: Any, *, html: bool, found: list[Segment]) -> None:
    text = container[key]
    if isinstance(text, str) and text.strip():
        found.append(Segment(text=text, html=html, put=lambda value: container.__setitem__(key, value)))


def _visit(block: blocks.Block, container: Any, key: Any, found: list[Segment]) -> None:
    """The CharBlock, TextBlock and RichTextBlock leaves under container[key], a raw value of block."""
    value = container[key]
    if isinstance(block, blocks.RichTextBlock):
        _leaf(container, key, html=True, found=found)
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        _leaf(container, key, html=False, found=found)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child in block.child_blocks.items():
            if name in value:
                _visit(child, value, name, found)
    elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                _visit(block.child_block, item, "value", found)  # the list format with item ids
            else:
                _visit(block.child_block, value, index, found)
    elif isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        for item in value:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None and "value" in item:
                _visit(child, item, "value", found)


@dataclass
class FieldPlan:
    """One empty field to fill: its segments write into `result`, which becomes the value."""

    name: str
    source_digest: str
    segments: list[Segment]
    result: dict


def plan_field(page: Page, name: str, language: str) -> FieldPlan | None:
    """None unless the English has text and the translation has none."""
    if is_empty(source_value(page, name)) or not is_empty(value_in(page, name, language)):
        return None
    model_field = page._meta.get_field(name)
    english = source_value(page, name)
    holder: dict[str, Any] = {}
    found: list[Segment] = []
    if isinstance(model_field, StreamField):
        # The English stream as stored (block ids and structure kept), its text leaves translated.
        holder["value"] = json.loads(json.dumps(model_field.stream_block.get_prep_value(english)))
        _visit(model_field.stream_block, holder, "value", found)
    elif isinstance(model_field, (models.CharField, models.TextField, RichTextField)):
        holder["value"] = english
        _leaf(holder, "value", html=isinstance(model_field, RichTextField), found=found)
    else:
        return None
    if not found:
        return None
    return FieldPlan(
        name=name, source_digest=content_digest(page, name, settings.LANGUAGE_CODE), segments=found, result=holder
    )


def plan_page(page: Page, language: str) -> list[FieldPlan]:
    return [plan for name in translatable_fields(type(page)) if (plan := plan_field(page, name, language))]


def translate_plans(plans: list[FieldPlan], *, provider: Provider, language: str) -> None:
    """Fill every plan's result: one request per 50 texts of each kind (plain, HTML)."""
    for html in (False, True):
        segments = [segment for plan in plans for segment in plan.segments if segment.html is html]
        for start in range(0, len(segments), BATCH):
            batch = segments[start : start + BATCH]
            for segment, text in zip(
                batch, provider.translate([s.text for s in batch], target=language, html=html), strict=True
            ):
                segment.put(text)


def _fail(draft: MachineDraft, kind: str, detail: str = "") -> MachineDraft:
    draft.status = MachineDraft.Status.FAILED
    draft.error = kind
    draft.detail = detail
    draft.finished_at = timezone.now()
    draft.save(update_fields=["status", "error", "detail", "finished_at"])
    return draft


def run_machine_draft(draft_id: int) -> MachineDraft:
    """The work of the task: read, call the service, then write only if all went well."""
    draft = MachineDraft.objects.select_related("page", "requested_by").get(pk=draft_id)
    provider = get_provider()
    if provider is None:
        return _fail(draft, Error.OFF)
    page = draft.page.specific.get_latest_revision_as_object()
    plans = plan_page(page, draft.language)
    if plans:
        try:
            translate_plans(plans, provider=provider, language=draft.language)
        except ProviderError as error:
            return _fail(draft, error.kind, error.detail)
    with transaction.atomic():
        # The service may take a while: apply to the latest revision now, and only where the
        # field is still empty and its English is still the text that was translated.
        page = draft.page.specific.get_latest_revision_as_object()
        filled = []
        for plan in plans:
            if not is_empty(value_in(page, plan.name, draft.language)):
                continue
            if content_digest(page, plan.name, settings.LANGUAGE_CODE) != plan.source_digest:
                continue
            setattr(page, build_localized_fieldname(plan.name, draft.language), plan.result["value"])
            filled.append(plan.name)
        if filled:
            record_machine_drafts(page=page, language=draft.language, fields=filled)
            # Not cleaned: a machine text over a field's length is for the reviewer to shorten.
            page.save_revision(user=draft.requested_by, log_action=True, clean=False)
        draft.status = MachineDraft.Status.DONE
        draft.fields = filled
        draft.finished_at = timezone.now()
        draft.save(update_fields=["status", "fields", "finished_at"])
    return draft


@task()
def machine_draft_task(draft_id: int) -> str:
    return run_machine_draft(draft_id).status


def request_machine_draft(*, page: Page, language: str, user) -> MachineDraft:
    """Record the request and queue the task once the request is committed."""
    draft = MachineDraft.objects.create(page=page, language=language, requested_by=user)
    transaction.on_commit(lambda: machine_draft_task.enqueue(draft.pk))
    return draft
