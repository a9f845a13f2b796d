"""Service standards: how long each step of a proposal took against its published target.

Pure functions over plain values (a history of `(status, at)` pairs and standard-like objects),
so the members' area, the dashboard and the public page share one set of rules and the rules
can be tested without a database.

The rules:
- A step is a consecutive stay in one status; repeated entries of the same status merge.
- Days are counted by date, in the secretariat's time zone: a stay from Friday to Monday is one
  working day or three calendar days; a stay that starts and ends on the same date is zero days.
- Time in `returned_for_revision` does not count against the secretariat: when a proposal comes
  back to the status it left for revision, the stays before and after add up against one target.
  If it comes back to another status, the step was finished when it went for revision.
- A step stopped by the applicant or cancelled (`withdrawn`, `cancelled`) was never finished by
  the secretariat: it has no state and does not count in the performance figures.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Protocol

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ProposalStatus, ServiceStandard

REVISION = ProposalStatus.RETURNED_FOR_REVISION.value
# Ends the applicant or circumstance chose: the step they cut short is not the secretariat's result.
STOPPING = frozenset({ProposalStatus.WITHDRAWN.value, ProposalStatus.CANCELLED.value})
ENDS = frozenset(
    {
        ProposalStatus.COMPLETED.value,
        ProposalStatus.REJECTED.value,
        ProposalStatus.WITHDRAWN.value,
        ProposalStatus.CANCELLED.value,
    }
)
WORKING = ServiceStandard.Counting.WORKING_DAYS.value
CALENDAR = ServiceStandard.Counting.CALENDAR_DAYS.value


class StepState(models.TextChoices):
    MET = "met", _("Within target")
    MISSED = "missed", _("Target missed")
    ON_TRACK = "on_track", _("On track")
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")
    PAUSED = "paused", _("Paused for revision")


# The states a current step can be in, for counts and badges.
CURRENT_STATES = (StepState.ON_TRACK, StepState.DUE_SOON, StepState.OVERDUE)


class Standard(Protocol):
    """What the rules read from a `ServiceStandard` (a model instance will do)."""

    status: str
    name: str
    target_days: int
    counting: str
    due_soon_days: int


@dataclass(frozen=True)
class Step:
    """One stay in one status."""

    status: str
    start: datetime
    end: datetime | None  # None while the proposal is still in this status
    days: int  # this stay, counted as its standard says (calendar days when it has none)
    counting: str
    standard: Standard | None = None
    counted_days: int | None = None  # against the target: this stay plus earlier ones paused for revision
    state: StepState | None = None
    due_on: date | None = None  # for the current step: the last day within target
    resumes_after_revision: bool = False
    stopped: bool = False  # cut short by a withdrawal or cancellation

    @property
    def is_current(self) -> bool:
        return self.end is None

    @property
    def is_end(self) -> bool:
        return self.status in ENDS

    @property
    def is_revision(self) -> bool:
        return self.status == REVISION

    @property
    def target(self) -> int | None:
        return self.standard.target_days if self.standard else None

    @property
    def status_label(self) -> str:
        return ProposalStatus(self.status).label if self.status in ProposalStatus.values else self.status


@dataclass(frozen=True)
class Timeline:
    steps: list[Step]
    revision_days: int  # calendar days spent returned for revision, excluded from every target

    @property
    def current(self) -> Step | None:
        return self.steps[-1] if self.steps else None

    @property
    def current_state(self) -> StepState | None:
        current = self.current
        return current.state if current is not None else None


class _Share:
    """The share of finished steps that met their target, from `finished` and `within_target`."""

    finished: int
    within_target: int

    @property
    def share(self) -> float | None:
        """0..1; None when no step finished."""
        return self.within_target / self.finished if self.finished else None

    @property
    def percent(self) -> int | None:
        return round(self.share * 100) if self.share is not None else None


@dataclass(frozen=True)
class QuarterPerformance(_Share):
    year: int
    quarter: int
    finished: int
    within_target: int


@dataclass(frozen=True)
class StandardPerformance(_Share):
    standard: Standard
    quarters: dict[tuple[int, int], QuarterPerformance] = field(default_factory=dict)

    @property
    def finished(self) -> int:
        return sum(quarter.finished for quarter in self.quarters.values())

    @property
    def within_target(self) -> int:
        return sum(quarter.within_target for quarter in self.quarters.values())


# _WEEKDAYS_AFTER[w][n]: Monday-to-Friday days among the n days after a day of weekday w (n < 7).
_WEEKDAYS_AFTER = [[sum((w + k) % 7 < 5 for k in range(1, n + 1)) for n in range(7)] for w in range(7)]


def count_days(*, start: date, end: date, counting: str) -> int:
    """Days after `start` up to and including `end`; working days are Monday to Friday."""
    if end <= start:
        return 0
    calendar_days = (end - start).days
    if counting != WORKING:
        return calendar_days
    full_weeks, rest = divmod(calendar_days, 7)
    return full_weeks * 5 + _WEEKDAYS_AFTER[start.weekday()][rest]


def add_days(*, start: date, days: int, counting: str) -> date:
    """The first date `days` days after `start`, counted as `count_days` counts them."""
    if counting != WORKING or days <= 0:
        return start + timedelta(days=max(days, 0))
    if start.weekday() >= 5:  # from a weekend, count as from the Friday before: the same weekdays follow
        start -= timedelta(days=start.weekday() - 4)
    full_weeks, rest = divmod(days, 5)
    day = start + timedelta(weeks=full_weeks)
    while rest:
        day += timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day


def _state(*, counted: int, standard: Standard, finished: bool) -> StepState:
    if finished:
        return StepState.MET if counted <= standard.target_days else StepState.MISSED
    if counted > standard.target_days:
        return StepState.OVERDUE
    remaining = standard.target_days - counted
    if standard.due_soon_days and remaining <= standard.due_soon_days:
        return StepState.DUE_SOON
    return StepState.ON_TRACK


def _stays(history: Iterable[tuple[str, datetime]]) -> list[tuple[str, datetime, datetime | None]]:
    """(status, start, end) for each consecutive stay, in time order."""
    # sorted() is stable: entries at the same instant keep the order they were given in.
    ordered = sorted(history, key=lambda entry: entry[1])
    stays: list[list] = []
    for status, at in ordered:
        if stays and stays[-1][0] == status:
            continue
        if stays:
            stays[-1][2] = at
        stays.append([status, at, None])
    return [(status, start, end) for status, start, end in stays]


def timeline(
    *,
    history: Iterable[tuple[str, datetime]],
    standards: Iterable[Standard],
    now: datetime,
    tz: tzinfo | None = None,
) -> Timeline:
    """The steps of one proposal, each measured against its standard as of `now`."""
    tz = tz or timezone.get_default_timezone()
    by_status = {standard.status: standard for standard in standards}
    stays = _stays(history)
    # Days are counted by date where the secretariat works; each change converted once.
    dates = [start.astimezone(tz).date() for _status, start, _end in stays] + [now.astimezone(tz).date()]

    steps: list[Step] = []
    revision_days = 0
    for index, (status, start, end) in enumerate(stays):
        standard = by_status.get(status)
        counting = standard.counting if standard else CALENDAR
        days = count_days(start=dates[index], end=dates[index + 1], counting=counting)
        if status == REVISION:
            revision_days += days
        previous = stays[index - 2] if index >= 2 else None
        resumes = previous is not None and stays[index - 1][0] == REVISION and previous[0] == status
        following = stays[index + 1][0] if index + 1 < len(stays) else None
        after_following = stays[index + 2][0] if index + 2 < len(stays) else None
        # Sent for revision and back (or not yet back) to this status: the clock stopped, the step is not over.
        paused = following == REVISION and after_following in (None, status)
        if standard is None:
            steps.append(Step(status=status, start=start, end=end, days=days, counting=counting))
            continue
        earlier = (steps[index - 2].counted_days or 0) if resumes else 0
        counted = earlier + days
        stopped = following in STOPPING
        finished = end is not None
        if paused:
            state = StepState.PAUSED
        elif stopped:
            state = None
        else:
            state = _state(counted=counted, standard=standard, finished=finished)
        due_on = None
        if not finished:
            # The last day within target: from where this stay began, what the earlier stays left.
            left = standard.target_days - earlier
            if left >= 0:  # otherwise it was already late before the revision
                due_on = add_days(start=dates[index], days=left, counting=counting)
        steps.append(
            Step(
                status=status,
                start=start,
                end=end,
                days=days,
                counting=counting,
                standard=standard,
                counted_days=counted,
                state=state,
                due_on=due_on,
                resumes_after_revision=resumes,
                stopped=stopped,
            )
        )
    return Timeline(steps=steps, revision_days=revision_days)


def quarter_of(moment: datetime, *, tz: tzinfo | None = None) -> tuple[int, int]:
    local = moment.astimezone(tz or timezone.get_default_timezone())
    return local.year, (local.month - 1) // 3 + 1


def performance(
    *,
    proposals_histories: Iterable[Sequence[tuple[str, datetime]]],
    standards: Iterable[Standard],
    now: datetime,
    tz: tzinfo | None = None,
) -> list[StandardPerformance]:
    """For each standard, by the quarter a step finished in: steps finished and how many within target."""
    standards = list(standards)
    tallies: dict[str, dict[tuple[int, int], list[int]]] = {standard.status: {} for standard in standards}
    for history in proposals_histories:
        for step in timeline(history=history, standards=standards, now=now, tz=tz).steps:
            if step.state not in (StepState.MET, StepState.MISSED) or step.end is None:
                continue
            tally = tallies[step.status].setdefault(quarter_of(step.end, tz=tz), [0, 0])
            tally[0] += 1
            tally[1] += step.state == StepState.MET
    return [
        StandardPerformance(
            standard=standard,
            quarters={
                key: QuarterPerformance(year=key[0], quarter=key[1], finished=finished, within_target=met)
                for key, (finished, met) in sorted(tallies[standard.status].items())
            },
        )
        for standard in standards
    ]
