"""IATI activity files (standard 2.03) as a second source: the activity status and dates of funded proposals.

The grants API stays the source of proposals; an IATI file only adds `iati_status` and `iati_dates` to the
proposals whose `iati_identifier` it names."""

import asyncio
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.conf import settings
from django.db import transaction

# The link checker's transport resolves each host once, refuses private addresses on every redirect hop
# and connects to the address it vetted: the same guard we need for a URL given on the command line.
from ..linkcheck import CheckStopped, guarded_transport, run_in_own_loop
from .models import IatiActivityStatus, Proposal

MAX_XML_BYTES = 50 * 1024 * 1024
DOWNLOAD_TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
WEB_SCHEMES = {"http", "https"}
DATE_TYPES = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}
STATUS_CODES = {str(status.value) for status in IatiActivityStatus}
# xsd:date, as IATI's iso-date is: a day, optionally with a time zone we have no use for.
ISO_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?$")
LOOKUP_BATCH = 500  # keeps each IN (...) under every database's parameter limit
IDENTIFIER_MAX_LENGTH = Proposal._meta.get_field("iati_identifier").max_length


class IatiImportError(Exception):
    """The whole file was refused (unreadable, unsafe, not IATI); nothing was changed."""


@dataclass(frozen=True)
class InvalidActivity:
    position: int  # 1-based, among the file's activities
    identifier: str
    reason: str


@dataclass(frozen=True)
class IatiImportResult:
    activities: int  # in the file, valid or not
    matched: int  # proposals whose identifier the file names
    updated: int  # of those, the ones whose status or dates changed
    unmatched: tuple[str, ...]  # valid activities no proposal carries
    invalid: tuple[InvalidActivity, ...]


@dataclass(frozen=True)
class IatiActivity:
    identifier: str
    status: int
    dates: dict[str, str]


def _root(xml_bytes: bytes) -> Element:
    try:
        # IATI files never need a DTD: refusing any stops entity bombs and external entities outright.
        root = fromstring(xml_bytes, forbid_dtd=True)
    except DefusedXmlException as error:
        raise IatiImportError(
            f"Refused: the file declares a DTD or entities ({type(error).__name__}), which IATI files never do."
        ) from error
    except ParseError as error:
        raise IatiImportError(f"Not well-formed XML: {error}.") from error
    if root.tag != "iati-activities":
        raise IatiImportError(f"Not an IATI activity file: the root element is <{root.tag}>, not <iati-activities>.")
    version = root.get("version", "")
    if version and not version.startswith("2."):
        raise IatiImportError(f"IATI version {version} is not supported: this reads version 2 (2.03) files.")
    return root


def _read_activity(element: Element) -> IatiActivity:
    """One activity, or ValueError saying what is wrong with it."""
    identifier = (element.findtext("iati-identifier") or "").strip()
    if not identifier:
        raise ValueError("no iati-identifier")
    if len(identifier) > IDENTIFIER_MAX_LENGTH:
        raise ValueError(f"iati-identifier longer than {IDENTIFIER_MAX_LENGTH} characters")

    statuses = element.findall("activity-status")
    if len(statuses) != 1:
        raise ValueError(f"{len(statuses)} activity-status elements, expected exactly one")
    code = (statuses[0].get("code") or "").strip()
    if code not in STATUS_CODES:
        raise ValueError(f"activity-status code {code!r} is not one of 1 to 6")

    dates: dict[str, str] = {}
    for date_element in element.findall("activity-date"):
        kind = (date_element.get("type") or "").strip()
        if kind not in DATE_TYPES:
            raise ValueError(f"activity-date type {kind!r} is not one of 1 to 4")
        raw = (date_element.get("iso-date") or "").strip()
        found = ISO_DATE.match(raw)
        try:
            day = date.fromisoformat(found.group(1)).isoformat() if found else None
        except ValueError:
            day = None
        if day is None:
            raise ValueError(f"activity-date type {kind} has no valid iso-date ({raw!r})")
        name = DATE_TYPES[kind]
        if dates.get(name, day) != day:
            raise ValueError(f"two different activity-date elements of type {kind}")
        dates[name] = day
    return IatiActivity(identifier=identifier, status=int(code), dates=dates)


def parse_iati_activities(*, xml_bytes: bytes) -> tuple[int, list[IatiActivity], list[InvalidActivity]]:
    """Every activity in the file: (how many, the valid ones, the invalid ones with why)."""
    elements = _root(xml_bytes).findall("iati-activity")
    read: list[tuple[int, IatiActivity]] = []
    invalid: list[InvalidActivity] = []
    for position, element in enumerate(elements, start=1):
        try:
            read.append((position, _read_activity(element)))
        except ValueError as error:
            identifier = (element.findtext("iati-identifier") or "").strip()[:IDENTIFIER_MAX_LENGTH]
            invalid.append(InvalidActivity(position=position, identifier=identifier, reason=str(error)))
    # An identifier given twice is ambiguous: which status is right? Neither is applied.
    counts = Counter(activity.identifier for _position, activity in read)
    valid = []
    for position, activity in read:
        if counts[activity.identifier] > 1:
            reason = f"iati-identifier appears {counts[activity.identifier]} times in the file"
            invalid.append(InvalidActivity(position=position, identifier=activity.identifier, reason=reason))
        else:
            valid.append(activity)
    invalid.sort(key=lambda item: item.position)
    return len(elements), valid, invalid


def import_iati_activities(*, xml_bytes: bytes) -> IatiImportResult:
    """Show each activity's status and dates on the proposals with its identifier.

    The file is parsed whole before anything is written, so a refused file changes nothing. Proposals
    the file does not mention are left as they are: a file may cover only some activities."""
    total, activities, invalid = parse_iati_activities(xml_bytes=xml_bytes)
    by_identifier = {activity.identifier: activity for activity in activities}
    identifiers = sorted(by_identifier)
    matched: list[Proposal] = []
    changed: list[Proposal] = []
    with transaction.atomic():
        for start in range(0, len(identifiers), LOOKUP_BATCH):
            batch = identifiers[start : start + LOOKUP_BATCH]
            matched += (
                Proposal.objects.select_for_update()
                .filter(iati_identifier__in=batch)
                .only("pk", "iati_identifier", "iati_status", "iati_dates")
                .order_by("pk")
            )
        for proposal in matched:
            activity = by_identifier[proposal.iati_identifier]
            if proposal.iati_status != activity.status or proposal.iati_dates != activity.dates:
                proposal.iati_status = activity.status
                proposal.iati_dates = activity.dates
                changed.append(proposal)
        Proposal.objects.bulk_update(changed, ["iati_status", "iati_dates"], batch_size=LOOKUP_BATCH)
    found = {proposal.iati_identifier for proposal in matched}
    return IatiImportResult(
        activities=total,
        matched=len(matched),
        updated=len(changed),
        unmatched=tuple(identifier for identifier in identifiers if identifier not in found),
        invalid=tuple(invalid),
    )


async def _download(*, url: str, allow_private_addresses: bool, timeout: float, max_bytes: int) -> bytes:
    too_big = IatiImportError(f"{url} is larger than {max_bytes:,} bytes: refused.")
    async with httpx.AsyncClient(
        transport=guarded_transport(allow_private_addresses=allow_private_addresses, concurrency=1),
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        trust_env=False,
        # Uncompressed only, so the size cap counts what we hold in memory, not what a gzip bomb inflates to.
        headers={
            "User-Agent": f"AlliancePortalIatiSync/1.0 (+{settings.WAGTAILADMIN_BASE_URL})",
            "Accept": "application/xml, text/xml;q=0.9, */*;q=0.1",
            "Accept-Encoding": "identity",
        },
    ) as client:
        try:
            async with asyncio.timeout(timeout), client.stream("GET", url) as response:  # the whole transfer
                if response.status_code != 200:
                    raise IatiImportError(f"{url} answered HTTP {response.status_code}.")
                if response.headers.get("content-encoding", "identity").lower() != "identity":
                    raise IatiImportError(f"{url} sent a compressed answer although we asked for none: refused.")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise too_big
                body = bytearray()
                async for chunk in response.aiter_raw():
                    body += chunk
                    if len(body) > max_bytes:
                        raise too_big
                return bytes(body)
        except TimeoutError as error:
            raise IatiImportError(f"{url} took longer than {timeout:g} seconds: gave up.") from error
        except CheckStopped as error:
            raise IatiImportError(f"Could not fetch {url}: {error.problem.label}") from error
        except httpx.HTTPError as error:
            raise IatiImportError(f"Could not fetch {url}: {str(error) or type(error).__name__}.") from error


def fetch_iati_xml(
    *,
    url: str,
    allow_private_addresses: bool,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
    max_bytes: int = MAX_XML_BYTES,
) -> bytes:
    """Download an IATI file over http(s), refusing private addresses unless allowed."""
    try:
        scheme = httpx.URL(url).scheme
    except httpx.InvalidURL as error:
        raise IatiImportError(f"Not a valid address: {url}") from error
    if scheme not in WEB_SCHEMES:
        raise IatiImportError(f"Only http and https addresses can be fetched, not {url}")
    return run_in_own_loop(
        _download(url=url, allow_private_addresses=allow_private_addresses, timeout=timeout, max_bytes=max_bytes)
    )


def read_iati_source(*, source: str, allow_private_addresses: bool, max_bytes: int = MAX_XML_BYTES) -> bytes:
    """The bytes of a local file, or of an http(s) address."""
    if "://" in source:
        return fetch_iati_xml(url=source, allow_private_addresses=allow_private_addresses, max_bytes=max_bytes)
    path = Path(source)
    if not path.is_file():
        raise IatiImportError(f"No such file: {source}")
    if path.stat().st_size > max_bytes:
        raise IatiImportError(f"{source} is larger than {max_bytes:,} bytes: refused.")
    return path.read_bytes()
