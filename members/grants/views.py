"""Proposals in the members' area, and the public service standards page's figures.

Every proposal a member sees comes through `proposals_visible_to`; each view runs a fixed number
of queries whatever the number of proposals."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import MemberPage
from ..selectors import members_editable_by
from . import standards as rules
from .iati import DATE_TYPES
from .models import (
    Programme,
    Proposal,
    ProposalSponsor,
    ProposalStatus,
    ProposalStatusChange,
    ServiceStandard,
    SponsorRole,
)
from .selectors import proposals_visible_to

PAGE_SIZE = 50
PERFORMANCE_QUARTERS = 8  # the public table stays readable; older quarters count in the totals
PERFORMANCE_CACHE_SECONDS = 24 * 60 * 60

# IATI activity-date types (codelist ActivityDateType), in reading order.
IATI_DATE_LABELS = {
    "planned_start": _("Planned start"),
    "actual_start": _("Actual start"),
    "planned_end": _("Planned end"),
    "actual_end": _("Actual end"),
}


class ProposalFilterForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *ProposalStatus.choices]
    )

    def __init__(self, *args, members: Iterable[MemberPage], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("All your members")), *((m.pk, m.title) for m in members)]


# Labels looked up once per row: get_FOO_display() rebuilds and hashes every choice on each call.
STATUS_LABELS = dict(ProposalStatus.choices)
PROGRAMME_LABELS = dict(Programme.choices)
ROLE_LABELS = dict(SponsorRole.choices)


@dataclass(frozen=True)
class ProposalRow:
    proposal: Proposal
    role_label: str  # the member's role: lead or co-sponsor
    status_label: str
    programme_label: str
    current: rules.Step | None


def _standards() -> list[ServiceStandard]:
    return list(ServiceStandard.objects.all())


def _with_details(proposals: QuerySet[Proposal], *, sponsor_members: bool) -> QuerySet[Proposal]:
    """The proposals the selector allows, with their sponsors and history in two more queries.

    Filtering on the selector's ids avoids a DISTINCT over every column (the raw payload included)."""
    sponsors = ProposalSponsor.objects.order_by("role", "org_code")
    if sponsor_members:
        sponsors = sponsors.select_related("member")
    return (
        Proposal.objects.filter(pk__in=proposals.values("pk"))
        .defer("payload")
        .prefetch_related(Prefetch("sponsors", queryset=sponsors), "history")
    )


def _timeline_of(proposal: Proposal, *, standards: list[ServiceStandard], now: datetime) -> rules.Timeline:
    history = [(change.status, change.at) for change in proposal.history.all()]
    return rules.timeline(history=history, standards=standards, now=now)


def _histories(changes: QuerySet[ProposalStatusChange]) -> dict[int, list[tuple[str, datetime]]]:
    """Each proposal's history from one query of plain values."""
    rows = changes.order_by("proposal_id", "at", "pk").values_list("proposal_id", "status", "at")
    return {
        proposal_id: [(status, at) for _id, status, at in entries]
        for proposal_id, entries in groupby(rows.iterator(), key=lambda row: row[0])
    }


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    members = list(members_editable_by(user=request.user))
    form = ProposalFilterForm(request.GET or None, members=members)
    filters = form.cleaned_data if form.is_valid() else {}
    member_id = filters.get("member")
    proposals = proposals_visible_to(user=request.user, member_id=member_id)
    if filters.get("status"):
        proposals = proposals.filter(status=filters["status"])
    # The list names only the user's own members, already at hand: no member page per sponsor.
    proposals = _with_details(proposals, sponsor_members=False).order_by("-remote_updated_at", "external_id")
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))

    standards, now = _standards(), timezone.now()
    shown = [member for member in members if member_id in (None, member.pk)]
    rows_by_member: dict[int, list[ProposalRow]] = defaultdict(list)
    shown_ids = {member.pk for member in shown}
    for proposal in page:
        current = _timeline_of(proposal, standards=standards, now=now).current
        status_label = str(STATUS_LABELS.get(proposal.status, proposal.status))
        programme_label = str(PROGRAMME_LABELS.get(proposal.programme, proposal.programme))
        # A proposal two of the user's members sponsor shows under each, with each one's role.
        for sponsor in proposal.sponsors.all():
            if sponsor.member_id in shown_ids:
                rows_by_member[sponsor.member_id].append(
                    ProposalRow(
                        proposal=proposal,
                        role_label=str(ROLE_LABELS.get(sponsor.role, sponsor.role)),
                        status_label=status_label,
                        programme_label=programme_label,
                        current=current,
                    )
                )
    groups = [{"member": member, "rows": rows_by_member[member.pk]} for member in shown if rows_by_member[member.pk]]
    querystring = request.GET.copy()
    querystring.pop("page", None)
    context = {
        "filter_form": form,
        "page_obj": page,
        "groups": groups,
        "querystring": querystring.urlencode(),
        "is_filtered": bool(member_id or filters.get("status")),
    }
    return render(request, "members/grants/proposal_list.html", context)


def _iati_dates(raw: object) -> list[tuple[str, date | str]]:
    """(label, date) for the IATI activity dates the sync stored: known types first, in reading order."""
    if not isinstance(raw, dict):
        return []
    named = {DATE_TYPES.get(str(key), str(key)): value for key, value in raw.items()}
    ordered = [(IATI_DATE_LABELS[key], named.pop(key)) for key in IATI_DATE_LABELS if key in named]
    ordered += sorted((str(key), value) for key, value in named.items())
    dates = []
    for label, value in ordered:
        try:
            shown: date | str = date.fromisoformat(str(value)[:10])
        except ValueError:
            shown = str(value)
        dates.append((label, shown))
    return dates


@login_required
def proposal_detail(request: HttpRequest, external_id: str) -> HttpResponse:
    # Outside what the user may see, a proposal does not exist for them: 404, never 403.
    visible = _with_details(proposals_visible_to(user=request.user), sponsor_members=True)
    proposal = get_object_or_404(visible, external_id=external_id)
    context = {
        "proposal": proposal,
        "timeline": _timeline_of(proposal, standards=_standards(), now=timezone.now()),
        "sponsors": list(proposal.sponsors.all()),
        "iati_dates": _iati_dates(proposal.iati_dates),
    }
    return render(request, "members/grants/proposal_detail.html", context)


def proposal_summary(*, user: AbstractBaseUser, now: datetime) -> dict | None:
    """How many proposals the user can see and how their current steps stand; None if they see none."""
    visible = proposals_visible_to(user=user)
    total = visible.count()
    if not total:
        return None
    histories = _histories(ProposalStatusChange.objects.filter(proposal__in=visible.values("pk")))
    standards = _standards()
    counts = dict.fromkeys(rules.CURRENT_STATES, 0)
    for history in histories.values():
        state = rules.timeline(history=history, standards=standards, now=now).current_state
        if state in counts:
            counts[state] += 1
    return {
        "total": total,
        "overdue": counts[rules.StepState.OVERDUE],
        "due_soon": counts[rules.StepState.DUE_SOON],
        "on_track": counts[rules.StepState.ON_TRACK],
    }


def _performance(*, standards: list[ServiceStandard], now: datetime) -> list[rules.StandardPerformance]:
    """Every non-deleted proposal's finished steps, by standard and quarter.

    Measuring means reading every history (seconds at 20,000 proposals), and a public page must not
    cost that per visit: the figures are kept until a sync changes the data or the standards change.
    Finished steps do not depend on `now`, so the cached figures stay right as time passes."""
    proposals = Proposal.objects.filter(deleted=False).aggregate(count=Count("pk"), synced=Max("synced_at"))
    changes = ProposalStatusChange.objects.aggregate(count=Count("pk"), last=Max("pk"))
    measured = [(standard.status, standard.target_days, standard.counting) for standard in standards]
    fingerprint = repr((sorted(proposals.items()), sorted(changes.items()), measured, settings.TIME_ZONE))
    key = f"grants:performance:{hashlib.sha256(fingerprint.encode()).hexdigest()}"
    results = cache.get(key)
    if results is None:
        histories = _histories(ProposalStatusChange.objects.filter(proposal__deleted=False))
        results = rules.performance(proposals_histories=histories.values(), standards=standards, now=now)
        cache.set(key, results, PERFORMANCE_CACHE_SECONDS)
    # Today's standards (names may have changed since), with the figures measured against the same targets.
    return [
        rules.StandardPerformance(standard=standard, quarters=result.quarters)
        for standard, result in zip(standards, results, strict=True)
    ]


def standards_page_context(request: HttpRequest) -> dict:
    """The published standards and the secretariat's record against them (ServiceStandardsPage).

    Only counts leave this function: no number, title or date of any single proposal."""
    standards = _standards()
    now = timezone.now()
    results = _performance(standards=standards, now=now)
    keys = sorted({key for result in results for key in result.quarters}, reverse=True)[:PERFORMANCE_QUARTERS]
    current = rules.quarter_of(now)
    quarters = [
        {
            "year": year,
            "quarter": quarter,
            "is_current": (year, quarter) == current,
            "cells": [result.quarters.get((year, quarter)) for result in results],
        }
        for year, quarter in keys
    ]
    return {"standards": standards, "performance": results, "quarters": quarters}
