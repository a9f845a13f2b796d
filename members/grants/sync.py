"""Pull proposals from the grants API into the portal, one transaction per page.

Each page is stored together with the checkpoint that points past it, so a sync that dies
half-way resumes at the next page and loses nothing. Storing is idempotent: a record equal to
what we hold writes nothing, and the status history is only ever added to.

While a run pages through the API the checkpoint keeps the `updated_since` the cursor was issued
for: the cursor is opaque, and asking for it with another `updated_since` could skip records
(an offset cursor would). Once the last page is stored, `updated_since` moves on to the newest
`updated_at` seen, and the cursor is cleared.
"""

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_countries import countries

from .client import GrantsApiError, configured_source, open_source, parse_timestamp, source_key
from .models import (
    GrantsSyncCheckpoint,
    GrantsSyncRun,
    Programme,
    Proposal,
    ProposalSponsor,
    ProposalStatus,
    ProposalStatusChange,
    RejectedProposalRecord,
    SponsorCode,
    SponsorRole,
)

logger = logging.getLogger(__name__)

CURRENCY = re.compile(r"^[A-Z]{3}$")
UPDATED_FIELDS = [
    "title",
    "language",
    "programme",
    "country",
    "city",
    "amount_requested",
    "currency_requested",
    "amount_approved",
    "currency_approved",
    "status",
    "iati_identifier",
    "remote_updated_at",
    "deleted",
    "payload",
    "synced_at",
]  # and not the IATI fields, which the IATI sync keeps
PROGRAMMES = frozenset(Programme.values)  # the enums build their lists anew on each call
STATUSES = frozenset(ProposalStatus.values)
ROLES = frozenset(SponsorRole.values)
CURSOR_MAX_LENGTH = GrantsSyncCheckpoint._meta.get_field("cursor").max_length


class InvalidRecord(ValueError):
    pass


@dataclass(frozen=True)
class ValidRecord:
    external_id: str
    updated_at: datetime
    payload: dict[str, Any]
    fields: dict[str, Any]  # Proposal field values
    sponsors: frozenset[tuple[str, str]]  # (org code, role)
    history: frozenset[tuple[str, datetime]]  # (status, at)


@dataclass(frozen=True)
class Tombstone:
    """A `deleted: true` record too thin to validate: enough to hide a proposal we hold."""

    external_id: str
    updated_at: datetime
    payload: dict[str, Any]
    reason: str


@dataclass
class PageOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    unknown_sponsor_codes: set[str] = field(default_factory=set)
    newest_updated_at: datetime | None = None


def _max_length(name: str) -> int:
    return Proposal._meta.get_field(name).max_length


def _text(raw: dict[str, Any], key: str, *, max_length: int, required: bool = False) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            raise InvalidRecord(f"{key} is missing")
        return ""
    if not isinstance(value, str):
        raise InvalidRecord(f"{key} is not text")
    if len(value) > max_length:
        raise InvalidRecord(f"{key} is longer than {max_length} characters")
    return value


def _choice(value: Any, *, key: str, choices: frozenset[str]) -> str:
    if value not in choices:
        raise InvalidRecord(f"unknown {key} {value!r}")
    return value


def _timestamp(value: Any, *, key: str) -> datetime:
    moment = parse_timestamp(value)
    if moment is None:
        raise InvalidRecord(f"{key} {value!r} is not an RFC 3339 timestamp with an offset")
    return moment


def _country(value: Any) -> str:
    if value in (None, ""):
        return ""
    # Exactly an alpha-2 code: django_countries would also take "bj" or "BEN", which the API shouldn't send.
    if not isinstance(value, str) or countries.alpha2(value) != value:
        raise InvalidRecord(f"country {value!r} is not an ISO 3166-1 alpha-2 code")
    return value


def _money(value: Any, *, key: str) -> tuple[Decimal | None, str]:
    if value is None:
        return None, ""
    if not isinstance(value, dict):
        raise InvalidRecord(f"{key} is not an object with amount and currency")
    amount, currency = value.get("amount"), value.get("currency")
    if isinstance(amount, bool) or not isinstance(amount, str | int | float):
        raise InvalidRecord(f"{key}.amount {amount!r} is not a decimal number")
    try:
        number = Decimal(str(amount))
    except InvalidOperation as error:
        raise InvalidRecord(f"{key}.amount {amount!r} is not a decimal number") from error
    field_ = Proposal._meta.get_field(key)
    if not number.is_finite() or number.as_tuple().exponent < -field_.decimal_places:
        raise InvalidRecord(f"{key}.amount {amount!r} has more than {field_.decimal_places} decimal places")
    if number.adjusted() >= field_.max_digits - field_.decimal_places:
        raise InvalidRecord(f"{key}.amount {amount!r} is too large")
    if not isinstance(currency, str) or not CURRENCY.match(currency):
        raise InvalidRecord(f"{key}.currency {currency!r} is not an ISO 4217 code")
    return number, currency


def _sponsors(value: Any) -> frozenset[tuple[str, str]]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise InvalidRecord("sponsors is not a list")
    sponsors: dict[str, str] = {}
    for sponsor in value:
        if not isinstance(sponsor, dict):
            raise InvalidRecord("a sponsor is not an object")
        org = sponsor.get("org")
        if not isinstance(org, str) or not org or len(org) > ProposalSponsor._meta.get_field("org_code").max_length:
            raise InvalidRecord(f"sponsor org {org!r} is not a grants code")
        if org in sponsors:  # one row per org: which role would be right?
            raise InvalidRecord(f"sponsor {org} is listed twice")
        sponsors[org] = _choice(sponsor.get("role"), key="sponsor role", choices=ROLES)
    return frozenset(sponsors.items())


def _history(value: Any) -> frozenset[tuple[str, datetime]]:
    if value is None:
        return frozenset()
    if not isinstance(value, list):
        raise InvalidRecord("status_history is not a list")
    changes = set()
    for change in value:
        if not isinstance(change, dict):
            raise InvalidRecord("a status_history entry is not an object")
        status = _choice(change.get("status"), key="status in status_history", choices=STATUSES)
        changes.add((status, _timestamp(change.get("at"), key="status_history at")))
    return frozenset(changes)


def validate_record(raw: Any) -> ValidRecord:
    """The record as Proposal fields, or InvalidRecord saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise InvalidRecord("the record is not an object")
    external_id = _text(raw, "id", max_length=_max_length("external_id"), required=True).strip()
    if not external_id:
        raise InvalidRecord("id is empty")
    deleted = raw.get("deleted")
    if deleted is not None and not isinstance(deleted, bool):
        raise InvalidRecord("deleted is neither true nor false")
    amount_requested, currency_requested = _money(raw.get("amount_requested"), key="amount_requested")
    amount_approved, currency_approved = _money(raw.get("amount_approved"), key="amount_approved")
    updated_at = _timestamp(raw.get("updated_at"), key="updated_at")
    return ValidRecord(
        external_id=external_id,
        updated_at=updated_at,
        payload=raw,
        fields={
            "title": _text(raw, "title", max_length=_max_length("title"), required=True),
            "language": _text(raw, "language", max_length=_max_length("language")),
            "programme": _choice(raw.get("programme"), key="programme", choices=PROGRAMMES),
            "country": _country(raw.get("country")),
            "city": _text(raw, "city", max_length=_max_length("city")),
            "amount_requested": amount_requested,
            "currency_requested": currency_requested,
            "amount_approved": amount_approved,
            "currency_approved": currency_approved,
            "status": _choice(raw.get("status"), key="status", choices=STATUSES),
            "iati_identifier": _text(raw, "iati_identifier", max_length=_max_length("iati_identifier")),
            "remote_updated_at": updated_at,
            "deleted": bool(deleted),
            "payload": raw,
        },
        sponsors=_sponsors(raw.get("sponsors")),
        history=_history(raw.get("status_history")),
    )


def _tombstone(raw: Any, *, reason: str) -> Tombstone | None:
    # A deletion must not be lost because the record that carries it is thin or odd: hiding a
    # proposal only needs to know which one, and when.
    if not isinstance(raw, dict) or raw.get("deleted") is not True:
        return None
    external_id, updated_at = raw.get("id"), parse_timestamp(raw.get("updated_at"))
    if not isinstance(external_id, str) or not external_id.strip() or updated_at is None:
        return None
    return Tombstone(external_id=external_id.strip(), updated_at=updated_at, payload=raw, reason=reason)


def _rejected(raw: Any, *, run: GrantsSyncRun, reason: str) -> RejectedProposalRecord:
    external_id = raw.get("id") if isinstance(raw, dict) else None
    return RejectedProposalRecord(
        run=run,
        external_id=str(external_id)[: RejectedProposalRecord._meta.get_field("external_id").max_length]
        if external_id is not None
        else "",
        reason=reason,
        payload=raw,
    )


def _as_new_row(proposal: Proposal) -> Proposal:
    # Without its pk, so the upsert's only conflict is on external_id.
    fields = (field_.attname for field_ in Proposal._meta.concrete_fields if not field_.primary_key)
    return Proposal(**{name: vars(proposal)[name] for name in fields})


def store_page(records: list[Any], *, run: GrantsSyncRun) -> PageOutcome:
    """Validate and store one page; call it inside a transaction. Everything is read and written in
    bulk, so a page costs a fixed handful of queries (a few more when a write needs several batches)."""
    outcome = PageOutcome()
    now = timezone.now()
    incoming: dict[str, ValidRecord | Tombstone] = {}
    rejected: list[RejectedProposalRecord] = []
    for raw in records:
        updated_at = parse_timestamp(raw.get("updated_at")) if isinstance(raw, dict) else None
        if updated_at and (outcome.newest_updated_at is None or updated_at > outcome.newest_updated_at):
            outcome.newest_updated_at = updated_at
        try:
            record: ValidRecord | Tombstone = validate_record(raw)
        except InvalidRecord as error:
            tombstone = _tombstone(raw, reason=str(error))
            if tombstone is None:
                rejected.append(_rejected(raw, run=run, reason=str(error)))
                continue
            record = tombstone
        earlier = incoming.get(record.external_id)
        if earlier is None or record.updated_at >= earlier.updated_at:  # the same id twice: the newest wins
            incoming[record.external_id] = record

    existing = {p.external_id: p for p in Proposal.objects.filter(external_id__in=incoming)} if incoming else {}
    pks = [proposal.pk for proposal in existing.values()]
    stored_sponsors: dict[int, set[tuple[str, str, int | None]]] = defaultdict(set)
    stored_history: dict[int, set[tuple[str, datetime]]] = defaultdict(set)
    if pks:
        for pk, org, role, member_id in ProposalSponsor.objects.filter(proposal_id__in=pks).values_list(
            "proposal_id", "org_code", "role", "member_id"
        ):
            stored_sponsors[pk].add((org, role, member_id))
        for pk, status, at in ProposalStatusChange.objects.filter(proposal_id__in=pks).values_list(
            "proposal_id", "status", "at"
        ):
            stored_history[pk].add((status, at))
    codes = {org for record in incoming.values() if isinstance(record, ValidRecord) for org, _role in record.sponsors}
    members_by_code = dict(SponsorCode.objects.filter(code__in=codes).values_list("code", "member_id")) if codes else {}

    new: list[Proposal] = []
    changed: list[Proposal] = []
    sponsors_to_replace: dict[str, set[tuple[str, str, int | None]]] = {}
    history_to_add: dict[str, set[tuple[str, datetime]]] = {}
    for external_id, record in incoming.items():
        proposal = existing.get(external_id)
        if isinstance(record, Tombstone):
            if proposal is None:
                rejected.append(_rejected(record.payload, run=run, reason=record.reason))
            elif record.updated_at >= proposal.remote_updated_at and (
                not proposal.deleted or record.payload != proposal.payload
            ):
                proposal.deleted, proposal.remote_updated_at = True, record.updated_at
                proposal.payload, proposal.synced_at = record.payload, now
                changed.append(proposal)
                outcome.updated += 1
            else:
                outcome.unchanged += 1
            continue

        sponsors = {(org, role, members_by_code.get(org)) for org, role in record.sponsors}
        outcome.unknown_sponsor_codes.update(org for org, _role, member_id in sponsors if member_id is None)
        if proposal is None:
            new.append(Proposal(external_id=external_id, synced_at=now, **record.fields))
            sponsors_to_replace[external_id] = sponsors
            history_to_add[external_id] = set(record.history)
            outcome.created += 1
            continue
        missing_history = record.history - stored_history[proposal.pk]
        # An older version than the one we hold (a replay, a stale folder) only adds history.
        current = record.updated_at >= proposal.remote_updated_at
        fields_differ = current and (
            record.updated_at != proposal.remote_updated_at or record.payload != proposal.payload
        )
        sponsors_differ = current and sponsors != stored_sponsors[proposal.pk]
        if not (fields_differ or sponsors_differ or missing_history):
            outcome.unchanged += 1
            continue
        outcome.updated += 1
        if fields_differ:
            for name, value in record.fields.items():
                setattr(proposal, name, value)
            proposal.synced_at = now
            changed.append(proposal)
        if sponsors_differ:
            sponsors_to_replace[external_id] = sponsors
        if missing_history:
            history_to_add[external_id] = missing_history

    created_ids = {proposal.external_id for proposal in new}
    if new or changed:
        # New and changed rows in one upsert: bulk_update's CASE WHEN per field and row took about a
        # second a page, and an upsert also copes with a concurrent run inserting the same proposal.
        Proposal.objects.bulk_create(
            new + [_as_new_row(proposal) for proposal in changed],
            batch_size=500,
            update_conflicts=True,
            unique_fields=["external_id"],
            update_fields=UPDATED_FIELDS,
        )
        if any(proposal.pk is None for proposal in new):  # a backend that can't return ids
            created = Proposal.objects.filter(external_id__in=created_ids)
            ids = dict(created.values_list("external_id", "pk"))
            for proposal in new:
                proposal.pk = ids[proposal.external_id]
    existing.update({proposal.external_id: proposal for proposal in new})
    replaced = [existing[external_id].pk for external_id in sponsors_to_replace if external_id not in created_ids]
    if replaced:
        ProposalSponsor.objects.filter(proposal_id__in=replaced).delete()
    if sponsors_to_replace:
        ProposalSponsor.objects.bulk_create(
            [
                ProposalSponsor(proposal_id=existing[external_id].pk, org_code=org, role=role, member_id=member_id)
                for external_id, sponsors in sponsors_to_replace.items()
                for org, role, member_id in sorted(sponsors, key=lambda sponsor: sponsor[0])
            ],
            batch_size=500,
        )
    if history_to_add:
        ProposalStatusChange.objects.bulk_create(
            [
                ProposalStatusChange(proposal_id=existing[external_id].pk, status=status, at=at)
                for external_id, changes in history_to_add.items()
                for status, at in sorted(changes, key=lambda change: (change[1], change[0]))
            ],
            batch_size=500,
            ignore_conflicts=True,  # a concurrent run may have added the same change
        )
    if rejected:
        RejectedProposalRecord.objects.bulk_create(rejected, batch_size=500)
    outcome.rejected = len(rejected)
    return outcome


def relink_sponsors() -> int:
    """Point every stored sponsor at the member its code now means.

    A code added after a proposal was stored must reach it, and a code moved to another member
    must stop showing its proposals to the first one, though the records themselves won't change."""
    members_by_code = dict(SponsorCode.objects.values_list("code", "member_id"))
    relinked = 0
    pairs = ProposalSponsor.objects.order_by().values_list("org_code", "member_id").distinct()
    for org_code, member_id in list(pairs):
        if members_by_code.get(org_code) != member_id:
            relinked += ProposalSponsor.objects.filter(org_code=org_code, member_id=member_id).update(
                member_id=members_by_code.get(org_code)
            )
    return relinked


def sync_proposals(*, source: str | None = None, page_size: int = 200) -> GrantsSyncRun:
    """Bring the stored proposals up to date with the source (GRANTS_API_URL by default).

    Never raises for a failed sync: the run comes back with succeeded=False and its error, and
    the pages stored before the failure stay stored for the next run to carry on from."""
    key = source_key(source or configured_source())
    run = GrantsSyncRun.objects.create(source=key)
    started = timezone.now()
    unknown_codes: set[str] = set()
    newest: datetime | None = None
    try:
        relinked = relink_sponsors()
        if relinked:
            logger.info("Grants sync: %d sponsors now point at another member", relinked)
        checkpoint, _created = GrantsSyncCheckpoint.objects.get_or_create(source=key)
        cursor = checkpoint.cursor or None
        with open_source(key) as client:
            while True:
                page = client.fetch_page(updated_since=checkpoint.updated_since, cursor=cursor, page_size=page_size)
                if page.next_cursor and len(page.next_cursor) > CURSOR_MAX_LENGTH:  # say so, not a DataError
                    raise GrantsApiError(f"the next cursor is longer than the {CURSOR_MAX_LENGTH} characters we keep")
                with transaction.atomic():
                    outcome = store_page(page.records, run=run)
                    if outcome.newest_updated_at and (newest is None or outcome.newest_updated_at > newest):
                        newest = outcome.newest_updated_at
                    counts = {
                        "pages": run.pages + 1,
                        "created": run.created + outcome.created,
                        "updated": run.updated + outcome.updated,
                        "unchanged": run.unchanged + outcome.unchanged,
                        "rejected": run.rejected + outcome.rejected,
                        "unknown_sponsor_codes": sorted(unknown_codes | outcome.unknown_sponsor_codes),
                    }
                    GrantsSyncRun.objects.filter(pk=run.pk).update(**counts)
                    checkpoint.cursor = page.next_cursor or ""
                    if not page.next_cursor and newest is not None:
                        # Never past our own clock: one record stamped in the future must not make
                        # every later sync skip what changes until then.
                        newest = min(newest, started)
                        if checkpoint.updated_since is None or newest > checkpoint.updated_since:
                            checkpoint.updated_since = newest
                    checkpoint.save(update_fields=["cursor", "updated_since"])
                for name, value in counts.items():  # only once committed
                    setattr(run, name, value)
                unknown_codes |= outcome.unknown_sponsor_codes
                if not page.next_cursor:
                    break
                if page.next_cursor == cursor:
                    raise GrantsApiError(f"the source gave the cursor {cursor!r} twice in a row")
                cursor = page.next_cursor
        run.succeeded = True
    except GrantsApiError as error:
        run.error = str(error)
        logger.warning("Grants sync from %s failed: %s", key, error)
    except Exception as error:  # recorded for the communications team, then logged in full
        run.error = f"{type(error).__name__}: {error}"
        logger.exception("Grants sync from %s failed", key)
    run.finished_at = timezone.now()
    run.save()
    return run


def summary(run: GrantsSyncRun) -> str:
    outcome = "done" if run.succeeded else "FAILED"
    line = (
        f"Grants sync from {run.source} {outcome}: {run.pages} pages, {run.created} created, "
        f"{run.updated} updated, {run.unchanged} unchanged, {run.rejected} rejected"
    )
    if run.unknown_sponsor_codes:
        line += f"; unknown sponsor codes: {', '.join(run.unknown_sponsor_codes)}"
    return line + "."
