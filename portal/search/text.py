"""What a visitor typed, made safe to search with, and the matched words marked in results."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_LENGTH = 200
MAX_TERMS = 10
SNIPPET_LENGTH = 240
WORD = re.compile(r"\w+")
# Chinese and Japanese are written without spaces: their words are found as substrings.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


@dataclass(frozen=True)
class SearchText:
    text: str  # as typed, without control characters, at most MAX_LENGTH characters
    terms: tuple[str, ...]  # its words, at most MAX_TERMS
    shortened: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms

    @property
    def is_cjk(self) -> bool:
        return bool(CJK.search(self.text))


def read_search_text(raw: str) -> SearchText:
    printable = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in raw)
    text = " ".join(printable.split())
    shortened = len(text) > MAX_LENGTH
    text = text[:MAX_LENGTH].strip()
    return SearchText(text=text, terms=tuple(WORD.findall(text))[:MAX_TERMS], shortened=shortened)


def _folded(text: str) -> str:
    """Lower case without accents, as the search backends compare words."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(term: str) -> str:
    """Enough of a word to also mark its other forms (logement, logements) that a stemming
    backend matched."""
    folded = _folded(term)
    return folded if len(folded) <= 4 else folded[: max(4, len(folded) - 2)]


def _matches(text: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        if CJK.search(term):
            spans += [(found.start(), found.end()) for found in re.finditer(re.escape(term), text)]
    stems = [_stem(term) for term in terms if not CJK.search(term)]
    if stems:
        for word in WORD.finditer(text):
            if any(_folded(word.group()).startswith(stem) for stem in stems):
                spans.append((word.start(), word.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def excerpt(text: str, terms: tuple[str, ...], length: int = SNIPPET_LENGTH) -> str:
    """At most `length` characters of the text, around its first match."""
    if len(text) <= length:
        return text
    spans = _matches(text, terms)
    start = max(0, spans[0][0] - length // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < spans[0][0] else start
    cut = text[start : start + length]
    if start + length < len(text):
        cut = cut.rsplit(" ", 1)[0] if " " in cut[length // 2 :] else cut
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(text) else "")


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """The text, escaped, with the words matching the terms in <mark>."""
    pieces, position = [], 0
    for start, end in _matches(text, terms):
        pieces += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above
