"""Exchanging translations with translators: export the translatable text of pages as a PO file
or an XLIFF 1.2 file, and import the translated file back, validated as a whole before anything
is written.

A unit is one piece of text: a plain field (`<page id>:<field>`) or one text leaf of a
StreamField (`<page id>:<field>:<block path>`, the path being block ids, StructBlock child
names and ListBlock item ids joined with "/"). Each unit carries the English text, the current
translation, a note naming the page and the field, and the digest of the English, so an import
can tell the English changed since the export.

Both sides read a page's latest revision, as the editor shows it, and an import saves a new
draft revision per page (editors review and publish it). Rules of an import:

* an error anywhere (the file, the language, an id, a permission, a placeholder, the HTML)
  means nothing is written at all;
* a unit whose English changed since the export is skipped with a warning: the translation was
  written for other text, and saving it would record it as up to date;
* an empty or fuzzy target is "not translated": an import never empties a translation;
* what the preview showed is what is applied: the plan is rebuilt on confirmation and refused
  if any page changed meanwhile (its fingerprint differs).
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import xml.etree.ElementTree as ET  # noqa: S405  (writing only; files are parsed with defusedxml)
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import polib
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import to_locale
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Revision

from .fields import digest, field_label, is_empty, source_value, translatable_fields, value_in
from .permissions import can_edit_translations

PO = "po"
XLIFF = "xliff"
FORMAT_EXTENSIONS = {PO: "po", XLIFF: "xlf"}
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NS = "urn:oasis:names:tc:xliff:document:2.0"
DIGEST_NOTE = "source-digest"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


# The English side: pages as their latest revisions, and their units.


@dataclass(frozen=True)
class Leaf:
    """A text leaf of a raw stream: where it is (path), what kind of blocks lead to it (so a
    block with the same id but another type never matches), and how to write it."""

    path: tuple[str, ...]
    kinds: tuple[str, ...]
    labels: tuple[str, ...]
    block: blocks.Block
    container: Any
    key: Any

    @property
    def text(self) -> str:
        value = self.container[self.key]
        return value if isinstance(value, str) else ""

    @property
    def html(self) -> bool:
        return isinstance(self.block, blocks.RichTextBlock)

    def put(self, value: str) -> None:
        self.container[self.key] = value


def _label(block: blocks.Block) -> str:
    return str(block.label or block.name or "")


def stream_leaves(block: blocks.Block, container: Any, key: Any, path=(), kinds=(), labels=()) -> Iterator[Leaf]:
    """Every CharBlock, TextBlock and RichTextBlock leaf under container[key], a raw value of block
    (empty ones too: a target stream's empty leaf is still a place to write)."""
    value = container[key]
    if isinstance(block, (blocks.RichTextBlock, blocks.CharBlock, blocks.TextBlock)):
        if value is None or isinstance(value, str):
            yield Leaf(path=path, kinds=kinds, labels=labels, block=block, container=container, key=key)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        for name, child in block.child_blocks.items():
            if name in value:
                yield from stream_leaves(
                    child, value, name, (*path, name), (*kinds, f"struct:{name}"), (*labels, _label(child))
                )
    elif isinstance(block, blocks.ListBlock) and isinstance(value, list):
        for index, item in enumerate(value):
            number = str(index + 1)
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                segment = str(item.get("id") or index)
                yield from stream_leaves(
                    block.child_block, item, "value", (*path, segment), (*kinds, "item"), (*labels, number)
                )
            else:
                yield from stream_leaves(
                    block.child_block, value, index, (*path, str(index)), (*kinds, "item"), (*labels, number)
                )
    elif isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        for item in value:
            if not isinstance(item, dict) or "value" not in item or not item.get("id"):
                continue
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from stream_leaves(
                    child,
                    item,
                    "value",
                    (*path, str(item["id"])),
                    (*kinds, f"stream:{item['type']}"),
                    (*labels, _label(child)),
                )


def raw_stream(page: Page, column: str) -> list:
    """The stored (JSON) form of a StreamField column, as a copy that may be changed freely."""
    model_field = page._meta.get_field(column)
    return json.loads(json.dumps(model_field.stream_block.get_prep_value(getattr(page, column))))


def leaves_by_path(model_field: StreamField, raw: list) -> dict[str, Leaf]:
    holder = {"value": raw}
    return {"/".join(leaf.path): leaf for leaf in stream_leaves(model_field.stream_block, holder, "value")}


def text_digest(text: str) -> str:
    """The digest of one text, computed as fields.digest computes a plain field's (so a plain
    field's unit digest is that field's digest)."""
    return hashlib.sha256(json.dumps(text, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class Unit:
    id: str
    page_id: int
    field: str
    path: str  # "" for a plain field
    source: str
    target: str
    html: bool
    note: str
    digest: str


def translated_columns(model: type[models.Model]) -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return [build_localized_fieldname(name, code) for name in translatable_fields(model) for code in codes]


def latest_objects(pages: Iterable[Page]) -> list[Page]:
    """Each (specific) page with the translated columns of its latest revision, as the editor
    shows them, in one query for all the revisions. Only those columns are taken from the
    revision: building whole objects from revisions would check every foreign key, a query each.
    (Saving goes through Page.get_latest_revision_as_object, see _apply_page.)"""
    pages = list(pages)
    wanted = [page.latest_revision_id for page in pages if page.has_unpublished_changes and page.latest_revision_id]
    revisions = dict(Revision.objects.filter(pk__in=wanted).values_list("pk", "content")) if wanted else {}
    for page in pages:
        content = revisions.get(page.latest_revision_id) if page.has_unpublished_changes else None
        if content is None:
            continue
        for column in translated_columns(type(page)):
            if column in content:
                setattr(page, column, page._meta.get_field(column).to_python(content[column]))
    return pages


def _plain_text(value) -> str:
    return "" if value is None else str(value)


def page_units(page: Page, language: str) -> list[Unit]:
    """The units of one page (its latest revision) with English text, in field order."""
    model = type(page)
    title = page.title_en or page.title or ""
    units = []
    for name in translatable_fields(model):
        model_field = page._meta.get_field(name)
        label = field_label(model, name)
        if isinstance(model_field, StreamField):
            english = raw_stream(page, build_localized_fieldname(name, settings.LANGUAGE_CODE))
            target_column = build_localized_fieldname(name, language)
            targets = leaves_by_path(model_field, raw_stream(page, target_column))
            for path, leaf in leaves_by_path(model_field, english).items():
                if is_empty(leaf.text):
                    continue
                found = targets.get(path)
                target = found.text if found is not None and found.kinds == leaf.kinds else ""
                units.append(
                    Unit(
                        id=f"{page.pk}:{name}:{path}",
                        page_id=page.pk,
                        field=name,
                        path=path,
                        source=leaf.text,
                        target=target,
                        html=leaf.html,
                        note=" › ".join([title, label, *leaf.labels]),
                        digest=text_digest(leaf.text),
                    )
                )
        elif isinstance(model_field, (models.CharField, models.TextField, RichTextField)):
            english = source_value(page, name)
            if is_empty(english):
                continue
            units.append(
                Unit(
                    id=f"{page.pk}:{name}",
                    page_id=page.pk,
                    field=name,
                    path="",
                    source=_plain_text(english),
                    target=_plain_text(value_in(page, name, language)),
                    html=isinstance(model_field, RichTextField),
                    note=f"{title} › {label}",
                    digest=digest(page, name, settings.LANGUAGE_CODE),
                )
            )
    return units


def exportable_pages(*, user, pages: Iterable[Page], include_descendants: bool) -> list[Page]:
    """The pages asked for (each must be editable by the user: the caller checks) and, when asked,
    their descendants that the user may edit (all of them without a user: the management
    command), as specific pages in tree order: one query for the tree, one per page type."""
    pages = list(pages)
    if include_descendants:
        condition = models.Q()
        for page in pages:
            condition |= models.Q(path__startswith=page.path)
        queryset = Page.objects.filter(condition) if pages else Page.objects.none()
    else:
        queryset = Page.objects.filter(pk__in=[page.pk for page in pages])
    chosen = {page.pk for page in pages}
    found = queryset.filter(depth__gt=1).order_by("path").specific()
    return [page for page in found if page.pk in chosen or user is None or can_edit_translations(user, page)]


def export_units(pages: Iterable[Page], language: str) -> list[Unit]:
    return [unit for page in latest_objects(pages) for unit in page_units(page, language)]


# The files.


def po_language(language: str) -> str:
    return to_locale(language)  # zh-hans -> zh_Hans, as gettext names it


def bcp47(language: str) -> str:
    return to_locale(language).replace("_", "-")  # zh-hans -> zh-Hans


def same_language(declared: str, language: str) -> bool:
    return declared.strip().replace("_", "-").lower() == language.lower()


def write_po(units: list[Unit], language: str) -> bytes:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Alliance Portal",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
        "Language": po_language(language),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": settings.LANGUAGE_CODE,
    }
    for unit in units:
        po.append(
            polib.POEntry(
                msgctxt=unit.id,
                msgid=unit.source,
                msgstr=unit.target,
                comment=f"{unit.note}\n{DIGEST_NOTE}: {unit.digest}",
                flags=["html"] if unit.html else [],
            )
        )
    return str(po).encode("utf-8")


def write_xliff(units: list[Unit], language: str, titles: dict[int, str]) -> bytes:
    """XLIFF 1.2: one <file> per page; rich text is HTML as text (datatype "html")."""
    ET.register_namespace("", XLIFF_NS)
    q = f"{{{XLIFF_NS}}}"
    root = ET.Element(f"{q}xliff", {"version": "1.2"})
    bodies: dict[int, ET.Element] = {}
    for unit in units:
        if unit.page_id not in bodies:
            file = ET.SubElement(
                root,
                f"{q}file",
                {
                    "original": f"page-{unit.page_id}",
                    "source-language": settings.LANGUAGE_CODE,
                    "target-language": bcp47(language),
                    "datatype": "x-wagtail-page",
                    "product-name": titles.get(unit.page_id, ""),
                },
            )
            ET.SubElement(file, f"{q}header")
            bodies[unit.page_id] = ET.SubElement(file, f"{q}body")
        element = ET.SubElement(
            bodies[unit.page_id],
            f"{q}trans-unit",
            {
                "id": unit.id,
                "datatype": "html" if unit.html else "plaintext",
                "{http://www.w3.org/XML/1998/namespace}space": "preserve",
            },
        )
        ET.SubElement(element, f"{q}source").text = unit.source
        target = ET.SubElement(element, f"{q}target", {"state": "translated" if unit.target else "new"})
        target.text = unit.target
        ET.SubElement(element, f"{q}note", {"from": "portal"}).text = unit.note
        ET.SubElement(element, f"{q}note", {"from": DIGEST_NOTE}).text = unit.digest
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def export_file(*, pages: list[Page], language: str, file_format: str) -> bytes:
    objects = latest_objects(pages)
    units = [unit for page in objects for unit in page_units(page, language)]
    if file_format == XLIFF:
        return write_xliff(units, language, {page.pk: page.title_en or page.title for page in objects})
    return write_po(units, language)


@dataclass(frozen=True)
class FileUnit:
    """A unit as the file gives it back."""

    id: str
    source: str
    target: str
    digest: str  # "" when the translator's tool dropped it
    untranslated: bool  # fuzzy in PO, or an empty target


class FileError(Exception):
    """The file cannot be read at all."""


def _po_digest(comment: str) -> str:
    for line in (comment or "").splitlines():
        if line.startswith(f"{DIGEST_NOTE}:"):
            return line.split(":", 1)[1].strip()
    return ""


def read_po(data: bytes) -> tuple[str, list[FileUnit]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileError(_("The file is not UTF-8 text.")) from error
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as error:
        raise FileError(_("The file is not a PO file that can be read: %(error)s") % {"error": error}) from error
    units = [
        FileUnit(
            id=entry.msgctxt or "",
            source=entry.msgid,
            target=entry.msgstr,
            digest=_po_digest(entry.comment),
            untranslated=entry.fuzzy or not entry.msgstr.strip(),
        )
        for entry in po
        if not entry.obsolete
    ]
    if not units and not po.metadata:
        raise FileError(_("The file is not a PO file: it has neither a header nor any entries."))
    return po.metadata.get("Language", ""), units


def read_xliff(data: bytes) -> tuple[str, list[FileUnit]]:
    try:
        root = SafeET.fromstring(data)
    except SafeET.ParseError as error:
        raise FileError(_("The file is not well-formed XML: %(error)s") % {"error": error}) from error
    except Exception as error:  # defusedxml refuses entities and DTDs with its own exceptions
        raise FileError(_("The file was refused: %(error)s") % {"error": error}) from error
    if root.tag == f"{{{XLIFF_2_NS}}}xliff":
        raise FileError(_("This is an XLIFF 2.0 file; the portal reads XLIFF 1.2, as it exports it."))
    if root.tag != f"{{{XLIFF_NS}}}xliff" or root.get("version") != "1.2":
        raise FileError(_("The file is XML but not XLIFF 1.2."))
    q = f"{{{XLIFF_NS}}}"
    languages = {file.get("target-language", "") for file in root.iter(f"{q}file")}
    if len(languages) > 1:
        raise FileError(_("The file mixes several target languages: %(languages)s") % {"languages": sorted(languages)})
    units = []
    for element in root.iter(f"{q}trans-unit"):
        unit_id = element.get("id", "")
        source = element.find(f"{q}source")
        target = element.find(f"{q}target")
        for part in (source, target):
            if part is not None and len(part):
                raise FileError(
                    _("Unit %(id)s has XLIFF inline markup; rich text must stay HTML text, as exported.")
                    % {"id": unit_id}
                )
        digest_note = next(
            (note.text or "" for note in element.iter(f"{q}note") if note.get("from") == DIGEST_NOTE), ""
        )
        target_text = (target.text or "") if target is not None else ""
        units.append(
            FileUnit(
                id=unit_id,
                source=(source.text or "") if source is not None else "",
                target=target_text,
                digest=digest_note.strip(),
                untranslated=not target_text.strip(),
            )
        )
    return (languages.pop() if languages else ""), units


def read_file(data: bytes, filename: str = "") -> tuple[str, str, list[FileUnit]]:
    """(format, declared language, units); the format is told by the content (XML or not)."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileError(_("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)})
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return XLIFF, *read_xliff(data)
    if filename.lower().endswith((".xlf", ".xliff", ".xml")):
        raise FileError(_("The file is named as XLIFF but is not XML."))
    return PO, *read_po(data)


# Validation of one translated text.

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]|%[sdifr]|\{\{\s*[\w.]+\s*\}\}|\{[A-Za-z_]\w*\}|\{\d*\}")


def placeholders(text: str) -> Counter:
    return Counter(re.sub(r"\s+", "", match) for match in PLACEHOLDER.findall(text.replace("%%", "")))


# Wagtail's stored rich text: these tags and attributes, and nothing that runs or styles.
VOID_TAGS = {"br", "hr", "embed", "img"}
ALLOWED_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "strong", "em", "u", "s", "sup", "sub", "code",
    "a", "ol", "ul", "li", "blockquote", "br", "hr", "embed",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:", "#", "/")


class _HtmlChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []

    def _attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(_("the tag <%(tag)s> is not allowed") % {"tag": tag})
            return
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                self.problems.append(
                    _("the attribute %(attr)s on <%(tag)s> is not allowed") % {"attr": name, "tag": tag}
                )
            elif name == "href" and value and not value.strip().lower().startswith(SAFE_SCHEMES):
                self.problems.append(_("the link address %(href)s is not allowed") % {"href": value})

    def handle_starttag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._attributes(tag, attrs)
        if tag not in VOID_TAGS:
            self.problems.append(_("<%(tag)s/> cannot be self-closing") % {"tag": tag})

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if not self.open:
            self.problems.append(_("</%(tag)s> closes a tag that is not open") % {"tag": tag})
        elif self.open[-1] != tag:
            self.problems.append(_("</%(tag)s> where </%(open)s> was expected") % {"tag": tag, "open": self.open[-1]})
            if tag in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]
        else:
            self.open.pop()

    def handle_comment(self, data):
        self.problems.append(_("HTML comments are not allowed"))


def html_problems(text: str) -> list[str]:
    checker = _HtmlChecker()
    checker.feed(text)
    checker.close()
    if checker.rawdata.strip():
        checker.problems.append(_("the HTML ends inside a tag"))
    checker.problems.extend(_("<%(tag)s> is not closed") % {"tag": tag} for tag in checker.open)
    return checker.problems


def max_length(model_field, leaf: Leaf | None) -> int | None:
    if leaf is not None:
        return getattr(getattr(leaf.block, "field", None), "max_length", None)
    return getattr(model_field, "max_length", None)


# The plan of an import, and applying it.


@dataclass(frozen=True)
class Problem:
    unit_id: str
    message: str


@dataclass(frozen=True)
class Change:
    page_id: int
    page_title: str
    field: str
    field_label: str
    place: str  # where in a stream ("Quote › Who said it"), "" for a plain field
    unit_id: str
    path: str
    old: str
    new: str
    html: bool


@dataclass
class Plan:
    language: str
    file_format: str = ""
    changes: list[Change] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unchanged: int = 0
    untranslated: int = 0
    new_streams: list[tuple[str, str]] = field(default_factory=list)  # (page title, field label)
    objects: dict[int, Page] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def page_fingerprints(self) -> dict[str, str]:
        """Per page changed: what it is now (revision) and what would change, as a digest. The
        confirmation compares these with the preview's."""
        by_page: dict[int, list] = {}
        for change in self.changes:
            by_page.setdefault(change.page_id, []).append([change.field, change.path, change.old, change.new])
        return {
            str(page_id): hashlib.sha256(
                json.dumps([self.language, self.objects[page_id].latest_revision_id, rows]).encode()
            ).hexdigest()
            for page_id, rows in by_page.items()
        }

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(sorted(self.page_fingerprints().items())).encode()).hexdigest()

    def pages_changed_since(self, previewed: dict[str, str]) -> list[str]:
        now = self.page_fingerprints()
        ids = sorted({*now, *previewed} - {key for key in now if previewed.get(key) == now[key]}, key=int)
        titles = {str(pk): page.title_en or page.title for pk, page in self.objects.items()}
        return [titles.get(pk, f"#{pk}") for pk in ids]


UNIT_ID = re.compile(r"^(?P<page>\d+):(?P<field>[A-Za-z_]\w*)(?::(?P<path>[\w\-/]+))?$")


def _too_long(text: str, limit: int | None) -> bool:
    return limit is not None and len(text) > limit


def plan_import(*, data: bytes, filename: str = "", language: str, user) -> Plan:
    """Read and check the whole file against the pages as they are now; the plan lists the
    changes, or the errors (then nothing may be applied)."""
    plan = Plan(language=language)
    try:
        plan.file_format, declared, file_units = read_file(data, filename)
    except FileError as error:
        plan.errors.append(Problem("", str(error)))
        return plan
    names = dict(settings.LANGUAGES)
    if not declared:
        plan.errors.append(Problem("", _("The file does not say which language it is in.")))
        return plan
    if not same_language(declared, language):
        plan.errors.append(
            Problem(
                "",
                _("The file is in “%(declared)s”, not in %(language)s as chosen.")
                % {"declared": declared, "language": names.get(language, language)},
            )
        )
        return plan

    parsed = []
    seen: set[str] = set()
    for unit in file_units:
        match = UNIT_ID.match(unit.id)
        if not match:
            plan.errors.append(Problem(unit.id, _("This is not a unit id the portal writes.")))
            continue
        if unit.id in seen:
            plan.errors.append(Problem(unit.id, _("This unit appears twice in the file.")))
            continue
        seen.add(unit.id)
        parsed.append((unit, int(match["page"]), match["field"], match["path"] or ""))

    page_ids = {page_id for _unit, page_id, _field, _path in parsed}
    pages = {page.pk: page for page in latest_objects(Page.objects.filter(pk__in=page_ids, depth__gt=1).specific())}
    plan.objects = pages
    refused: dict[int, list[str]] = {}
    for page_id, page in pages.items():
        if not can_edit_translations(user, page):
            refused[page_id] = [_("You may not edit the page “%(page)s”.") % {"page": page.title_en or page.title}]
        elif page.permissions_for_user(user).page_locked():
            refused[page_id] = [_("The page “%(page)s” is locked.") % {"page": page.title_en or page.title}]
    reported: set[int] = set()
    english_leaves: dict[tuple[int, str], dict[str, Leaf]] = {}
    target_streams: dict[tuple[int, str], list] = {}

    for unit, page_id, name, path in parsed:
        page = pages.get(page_id)
        if page is None:
            plan.errors.append(Problem(unit.id, _("There is no page %(id)s (any more).") % {"id": page_id}))
            continue
        if page_id in refused:
            if page_id not in reported:
                reported.add(page_id)
                plan.errors.extend(Problem(unit.id, message) for message in refused[page_id])
            continue
        model = type(page)
        if name not in translatable_fields(model):
            plan.errors.append(
                Problem(unit.id, _("“%(field)s” is not a translatable field of this page.") % {"field": name})
            )
            continue
        model_field = page._meta.get_field(name)
        title = page.title_en or page.title
        is_stream = isinstance(model_field, StreamField)
        leaf = None
        if is_stream:
            if not path:
                plan.errors.append(Problem(unit.id, _("A body is translated block by block; this unit has no block.")))
                continue
            key = (page_id, name)
            if key not in english_leaves:
                english_leaves[key] = leaves_by_path(
                    model_field, raw_stream(page, build_localized_fieldname(name, settings.LANGUAGE_CODE))
                )
            leaf = english_leaves[key].get(path)
            if leaf is None or is_empty(leaf.text):
                plan.errors.append(
                    Problem(unit.id, _("The English “%(field)s” has no such block (any more).") % {"field": name})
                )
                continue
            english = leaf.text
            html = leaf.html
        elif path:
            plan.errors.append(Problem(unit.id, _("“%(field)s” has no blocks.") % {"field": name}))
            continue
        else:
            english = _plain_text(source_value(page, name))
            html = isinstance(model_field, RichTextField)

        if unit.untranslated:
            plan.untranslated += 1
            continue
        target = unit.target
        found = placeholders(english)
        written = placeholders(target)
        if found != written:
            missing = sorted((found - written).elements())
            extra = sorted((written - found).elements())
            parts = []
            if missing:
                parts.append(_("missing %(list)s") % {"list": ", ".join(missing)})
            if extra:
                parts.append(_("not in the English %(list)s") % {"list": ", ".join(extra)})
            plan.errors.append(Problem(unit.id, _("Placeholders differ: %(details)s.") % {"details": "; ".join(parts)}))
            continue
        if html:
            problems = html_problems(target)
            if problems:
                plan.errors.append(Problem(unit.id, _("Broken HTML: %(details)s.") % {"details": "; ".join(problems)}))
                continue
        limit = max_length(model_field, leaf)
        if _too_long(target, limit):
            plan.errors.append(
                Problem(unit.id, _("The translation is longer than %(limit)s characters.") % {"limit": limit})
            )
            continue
        written_for = unit.digest or text_digest(unit.source)
        if written_for != text_digest(english):
            plan.warnings.append(
                Problem(unit.id, _("The English changed since the export: this unit is skipped; export it again."))
            )
            continue

        column = build_localized_fieldname(name, language)
        if is_stream:
            key = (page_id, name)
            if key not in target_streams:
                target_streams[key] = raw_stream(page, column)
            existing = target_streams[key]
            if existing:
                placed = leaves_by_path(model_field, existing).get(path)
                if placed is None or placed.kinds != leaf.kinds:
                    plan.warnings.append(
                        Problem(
                            unit.id,
                            _(
                                "The %(language)s “%(field)s” has no block at this place (its blocks differ "
                                "from the English): this unit is skipped; translate it in the page editor."
                            )
                            % {"language": names[language], "field": field_label(model, name)},
                        )
                    )
                    continue
                old = placed.text
            else:
                old = ""
                entry = (title, field_label(model, name))
                if entry not in plan.new_streams:
                    plan.new_streams.append(entry)
            place = " › ".join(leaf.labels)
        else:
            old = _plain_text(value_in(page, name, language))
            place = ""
        if old == target:
            plan.unchanged += 1
            continue
        plan.changes.append(
            Change(
                page_id=page_id,
                page_title=title,
                field=name,
                field_label=field_label(model, name),
                place=place,
                unit_id=unit.id,
                path=path,
                old=old,
                new=target,
                html=html,
            )
        )
    return plan


class ImportRefused(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _apply_page(page: Page, changes: list[Change], language: str, user) -> None:
    page = page.get_latest_revision_as_object()
    streams: dict[str, list] = {}
    for change in changes:
        model_field = page._meta.get_field(change.field)
        column = build_localized_fieldname(change.field, language)
        if not isinstance(model_field, StreamField):
            setattr(page, column, change.new)
            continue
        if column not in streams:
            existing = raw_stream(page, column)
            # An empty translation starts from the English blocks (images, links and all);
            # their text stays English until it is translated.
            english_column = build_localized_fieldname(change.field, settings.LANGUAGE_CODE)
            streams[column] = existing or copy.deepcopy(raw_stream(page, english_column))
        leaves_by_path(model_field, streams[column])[change.path].put(change.new)
    for column, raw in streams.items():
        setattr(page, column, raw)
    page.save_revision(user=user, log_action=True, clean=True)


def apply_import(*, data: bytes, filename: str = "", language: str, user, previewed: dict[str, str]) -> Plan:
    """Rebuild the plan with the pages locked, refuse if it is not the one previewed, and save a
    draft revision per page, all in one transaction."""
    with transaction.atomic():
        page_ids = [int(pk) for pk in previewed]
        list(Page.objects.select_for_update().filter(pk__in=page_ids).values_list("pk", flat=True))
        plan = plan_import(data=data, filename=filename, language=language, user=user)
        if not plan.ok:
            raise ImportRefused(
                [
                    f"{problem.unit_id}: {problem.message}" if problem.unit_id else problem.message
                    for problem in plan.errors
                ]
            )
        if plan.page_fingerprints() != previewed:
            raise ImportRefused(
                [
                    _(
                        "These pages changed since the preview, so nothing was imported: %(pages)s. "
                        "Upload the file again to see the changes as they are now."
                    )
                    % {"pages": ", ".join(f"“{title}”" for title in plan.pages_changed_since(previewed))}
                ]
            )
        by_page: dict[int, list[Change]] = {}
        for change in plan.changes:
            by_page.setdefault(change.page_id, []).append(change)
        try:
            for page_id, changes in by_page.items():
                _apply_page(plan.objects[page_id], changes, language, user)
        except ValidationError as error:
            raise ImportRefused(
                [
                    _("A page could not be saved, so nothing was imported: %(error)s")
                    % {"error": "; ".join(error.messages)}
                ]
            ) from error
    return plan
