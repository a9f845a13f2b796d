"""The service-standard rules, on hand-made histories (no database)."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from members.grants.models import ServiceStandard
from members.grants.standards import (
    StepState,
    add_days,
    count_days,
    performance,
    quarter_of,
    timeline,
)

WORKING = ServiceStandard.Counting.WORKING_DAYS
CALENDAR = ServiceStandard.Counting.CALENDAR_DAYS
MONDAY = date(2026, 3, 2)  # a Monday; Friday is 6 March


def standard(status: str, target: int, counting: str = WORKING, due_soon: int = 2) -> ServiceStandard:
    return ServiceStandard(status=status, name=status, target_days=target, counting=counting, due_soon_days=due_soon)


STANDARDS = [
    standard("received", 5),
    standard("eligibility_screening", 10),
    standard("technical_review", 30),
    standard("secretariat_decision", 15, CALENDAR),
    standard("approved", 30),
]


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def working(days: int, *, start: date = MONDAY) -> date:
    return add_days(start=start, days=days, counting=WORKING)


def states(result) -> list[tuple[str, StepState | None]]:
    return [(step.status, step.state) for step in result.steps]


# Counting days


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 3, 6), date(2026, 3, 9), 1),  # Friday to Monday
        (date(2026, 3, 6), date(2026, 3, 7), 0),  # Friday to Saturday
        (date(2026, 3, 7), date(2026, 3, 8), 0),  # the weekend itself
        (date(2026, 3, 7), date(2026, 3, 9), 1),  # Saturday to Monday
        (MONDAY, MONDAY, 0),
        (MONDAY, date(2026, 3, 9), 5),  # a week
        (MONDAY, date(2026, 3, 23), 15),  # three weeks
        (date(2026, 3, 4), date(2026, 3, 17), 9),  # Wednesday to Tuesday the week after next
        (date(2026, 3, 9), MONDAY, 0),  # backwards counts nothing
    ],
)
def test_working_days_skip_weekends(start, end, expected):
    assert count_days(start=start, end=end, counting=WORKING) == expected


def test_working_days_agree_with_counting_one_by_one():
    for offset in range(7):
        start = MONDAY + timedelta(days=offset)
        for length in range(40):
            end = start + timedelta(days=length)
            one_by_one = sum(1 for n in range(1, length + 1) if (start + timedelta(days=n)).weekday() < 5)
            assert count_days(start=start, end=end, counting=WORKING) == one_by_one


def test_calendar_days_count_the_weekend():
    assert count_days(start=date(2026, 3, 6), end=date(2026, 3, 9), counting=CALENDAR) == 3


def test_adding_working_days_lands_on_a_weekday_and_counts_back():
    assert add_days(start=date(2026, 3, 6), days=1, counting=WORKING) == date(2026, 3, 9)
    assert add_days(start=date(2026, 3, 7), days=0, counting=WORKING) == date(2026, 3, 7)
    for offset in range(7):
        start = MONDAY + timedelta(days=offset)
        for days in range(1, 35):
            end = add_days(start=start, days=days, counting=WORKING)
            assert end.weekday() < 5
            assert count_days(start=start, end=end, counting=WORKING) == days
            assert count_days(start=start, end=end - timedelta(days=1), counting=WORKING) == days - 1, "the first"


# The timeline


def test_each_finished_step_is_met_or_missed_against_its_own_counting():
    history = [
        ("received", on(MONDAY)),
        ("eligibility_screening", on(working(5))),  # 5 working days: exactly the target
        ("technical_review", on(working(16))),  # 11 working days of screening: one too many
        ("secretariat_decision", on(working(40))),  # 24 working days of review
        ("approved", on(working(40) + timedelta(days=15))),  # 15 calendar days
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(40) + timedelta(days=20)))

    assert states(result) == [
        ("received", StepState.MET),
        ("eligibility_screening", StepState.MISSED),
        ("technical_review", StepState.MET),
        ("secretariat_decision", StepState.MET),
        ("approved", StepState.ON_TRACK),
    ]
    received, screening, review, decision, approved = result.steps
    assert (received.start, received.end, received.days, received.target) == (on(MONDAY), on(working(5)), 5, 5)
    assert screening.days == 11 and screening.counted_days == 11
    assert decision.counting == CALENDAR and decision.days == 15
    assert approved.end is None and approved.is_current
    assert result.current is approved and result.current_state == StepState.ON_TRACK
    assert result.revision_days == 0


def test_the_hour_of_the_day_does_not_matter_only_the_date():
    history = [("received", on(date(2026, 3, 6), hour=23)), ("eligibility_screening", on(date(2026, 3, 9), hour=1))]

    (received, _screening) = timeline(history=history, standards=STANDARDS, now=on(date(2026, 3, 9))).steps

    assert received.days == 1


def test_dates_are_taken_in_the_secretariats_time_zone():
    # 22:00 UTC on Friday is already Saturday in Nairobi: the step ends on the weekend there.
    history = [("received", on(date(2026, 3, 6), hour=8)), ("eligibility_screening", on(date(2026, 3, 6), hour=22))]
    now = on(date(2026, 3, 9))

    assert timeline(history=history, standards=STANDARDS, now=now).steps[0].days == 0
    nairobi = timeline(history=history, standards=STANDARDS, now=now, tz=ZoneInfo("Africa/Nairobi"))
    assert nairobi.steps[0].days == 0, "Friday to Saturday is no working day"
    calendar = [standard("received", 5, CALENDAR)]
    assert timeline(history=history, standards=calendar, now=now, tz=ZoneInfo("Africa/Nairobi")).steps[0].days == 1


@pytest.mark.parametrize(
    ("elapsed", "expected"),
    [
        (0, StepState.ON_TRACK),
        (27, StepState.ON_TRACK),
        (28, StepState.DUE_SOON),  # two days left: due soon
        (30, StepState.DUE_SOON),  # the last day within target
        (31, StepState.OVERDUE),
        (60, StepState.OVERDUE),
    ],
)
def test_the_current_step_is_on_track_due_soon_or_overdue(elapsed, expected):
    history = [("received", on(MONDAY - timedelta(days=7))), ("technical_review", on(MONDAY))]

    current = timeline(history=history, standards=STANDARDS, now=on(working(elapsed))).current

    assert current.status == "technical_review"
    assert current.counted_days == elapsed
    assert current.state == expected
    assert current.due_on == working(30)


def test_a_step_is_due_on_its_last_working_day_and_overdue_the_day_after():
    # Target 5 working days from Monday: due the Monday after, so still due soon over the weekend.
    history = [("received", on(MONDAY))]

    assert timeline(history=history, standards=STANDARDS, now=on(date(2026, 3, 8))).current_state == StepState.DUE_SOON
    assert timeline(history=history, standards=STANDARDS, now=on(date(2026, 3, 9))).current_state == StepState.DUE_SOON
    assert timeline(history=history, standards=STANDARDS, now=on(date(2026, 3, 10))).current_state == StepState.OVERDUE


def test_no_warning_when_due_soon_is_zero():
    history = [("received", on(MONDAY))]
    standards = [standard("received", 5, due_soon=0)]

    assert timeline(history=history, standards=standards, now=on(working(5))).current_state == StepState.ON_TRACK
    assert timeline(history=history, standards=standards, now=on(working(6))).current_state == StepState.OVERDUE


def test_calendar_day_standards_count_weekends_for_due_soon_and_overdue():
    history = [("secretariat_decision", on(MONDAY))]

    def state_after(days: int) -> StepState:
        return timeline(history=history, standards=STANDARDS, now=on(MONDAY + timedelta(days=days))).current_state

    assert state_after(12) == StepState.ON_TRACK
    assert state_after(13) == StepState.DUE_SOON
    assert state_after(15) == StepState.DUE_SOON
    assert state_after(16) == StepState.OVERDUE


# Returned for revision: the applicant's time is not the secretariat's


def test_review_before_and_after_a_revision_adds_up_against_one_target():
    back = working(15)  # a week of review, then two weeks with the applicant
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(5))),
        ("technical_review", on(back)),
        ("secretariat_decision", on(working(25, start=back))),
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(60)))

    first, revision, second, _decision = result.steps
    assert first.state == StepState.PAUSED and first.days == 5
    assert revision.state is None and revision.standard is None and revision.is_revision
    assert revision.days == 14 and result.revision_days == 14
    assert second.resumes_after_revision and second.days == 25
    assert second.counted_days == 30 and second.state == StepState.MET, "40 working days, 10 the applicant's"


def test_review_over_target_once_the_two_stays_are_added_is_missed():
    back = working(15)
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(10))),
        ("technical_review", on(back)),
        ("secretariat_decision", on(working(21, start=back))),
    ]

    second = timeline(history=history, standards=STANDARDS, now=on(working(60))).steps[2]

    assert (second.days, second.counted_days, second.state) == (21, 31, StepState.MISSED)


def test_while_with_the_applicant_the_step_is_paused_and_nothing_is_overdue():
    history = [("technical_review", on(MONDAY)), ("returned_for_revision", on(working(29)))]

    result = timeline(history=history, standards=STANDARDS, now=on(working(200)))

    assert states(result) == [("technical_review", StepState.PAUSED), ("returned_for_revision", None)]
    assert result.current_state is None
    assert result.revision_days == (working(200) - working(29)).days


def test_after_the_revision_the_clock_resumes_where_it_stopped():
    back = working(35)
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(25))),
        ("technical_review", on(back)),
    ]

    def current(elapsed: int):
        return timeline(history=history, standards=STANDARDS, now=on(working(elapsed, start=back))).current

    assert current(2).state == StepState.ON_TRACK and current(2).counted_days == 27
    assert current(3).state == StepState.DUE_SOON
    assert current(6).state == StepState.OVERDUE
    assert current(0).due_on == working(5, start=back), "five working days were left when it came back"


def test_several_revisions_all_pause_the_same_step():
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(10))),
        ("technical_review", on(working(15))),
        ("returned_for_revision", on(working(25))),
        ("technical_review", on(working(40))),
        ("secretariat_decision", on(working(51))),
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(55)))

    reviews = [step for step in result.steps if step.status == "technical_review"]
    assert [step.state for step in reviews] == [StepState.PAUSED, StepState.PAUSED, StepState.MISSED]
    assert [step.days for step in reviews] == [10, 10, 11]
    assert reviews[-1].counted_days == 31
    assert result.revision_days == (working(15) - working(10)).days + (working(40) - working(25)).days


def test_a_step_sent_for_revision_that_comes_back_elsewhere_ended_when_it_was_sent():
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(12))),
        ("secretariat_decision", on(working(30))),
    ]

    review = timeline(history=history, standards=STANDARDS, now=on(working(31))).steps[0]

    assert (review.end, review.counted_days, review.state) == (on(working(12)), 12, StepState.MET)


# Ends


def test_an_end_status_has_no_state_but_the_decision_before_it_counts():
    history = [
        ("received", on(MONDAY)),
        ("secretariat_decision", on(working(2))),
        ("rejected", on(working(2) + timedelta(days=20))),
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(100)))

    assert states(result) == [
        ("received", StepState.MET),
        ("secretariat_decision", StepState.MISSED),
        ("rejected", None),
    ]
    assert result.current.is_end and result.current_state is None


@pytest.mark.parametrize("end", ["withdrawn", "cancelled"])
def test_a_step_cut_short_by_a_withdrawal_or_cancellation_is_not_measured(end):
    history = [("received", on(MONDAY)), ("technical_review", on(working(1))), (end, on(working(60)))]

    result = timeline(history=history, standards=STANDARDS, now=on(working(61)))

    review = result.steps[1]
    assert review.stopped and review.state is None
    assert performance(proposals_histories=[history], standards=STANDARDS, now=on(working(61)))[2].finished == 0


def test_completed_and_steps_without_a_standard_have_no_state():
    history = [
        ("grant_agreement_signed", on(MONDAY)),
        ("in_implementation", on(working(10))),
        ("completed", on(working(300))),
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(400)))

    assert states(result) == [("grant_agreement_signed", None), ("in_implementation", None), ("completed", None)]
    assert result.steps[1].counting == CALENDAR and result.steps[1].days == (working(300) - working(10)).days


# Untidy histories


def test_repeated_statuses_merge_and_order_of_arrival_does_not_matter():
    history = [
        ("eligibility_screening", on(working(3))),
        ("received", on(MONDAY)),
        ("eligibility_screening", on(working(4))),  # the same status reported twice
        ("technical_review", on(working(8))),
    ]

    result = timeline(history=history, standards=STANDARDS, now=on(working(9)))

    assert [step.status for step in result.steps] == ["received", "eligibility_screening", "technical_review"]
    assert result.steps[1].start == on(working(3)) and result.steps[1].days == 5


def test_an_empty_history_has_no_steps():
    result = timeline(history=[], standards=STANDARDS, now=on(MONDAY))

    assert result.steps == [] and result.current is None and result.current_state is None


# Performance


def test_performance_counts_finished_steps_by_the_quarter_they_finished_in():
    end_of_march, start_of_april = date(2026, 3, 31), date(2026, 4, 1)
    histories = [
        # received: met, finished in Q1
        [("received", on(date(2026, 3, 27))), ("eligibility_screening", on(end_of_march))],
        # received: missed (Tuesday to the Wednesday after next: 6 working days), finished in Q2
        [("received", on(date(2026, 3, 24))), ("eligibility_screening", on(start_of_april))],
        # received: met, Q2; screening still current: not counted
        [("received", on(start_of_april)), ("eligibility_screening", on(date(2026, 4, 2)))],
        # technical review paused for revision: nothing finished
        [("technical_review", on(MONDAY)), ("returned_for_revision", on(working(5)))],
    ]

    results = performance(proposals_histories=histories, standards=STANDARDS, now=on(date(2026, 4, 20)))

    received = results[0]
    assert received.standard.status == "received"
    assert list(received.quarters) == [(2026, 1), (2026, 2)]
    q1, q2 = received.quarters[(2026, 1)], received.quarters[(2026, 2)]
    assert (q1.finished, q1.within_target, q1.share, q1.percent) == (1, 1, 1.0, 100)
    assert (q2.finished, q2.within_target, q2.share, q2.percent) == (2, 1, 0.5, 50)
    assert (received.finished, received.within_target, received.percent) == (3, 2, 67)
    assert [result.finished for result in results[1:]] == [0, 0, 0, 0]
    assert results[2].share is None and results[2].percent is None and results[2].quarters == {}


def test_a_step_paused_then_finished_counts_once():
    back = working(15)
    history = [
        ("technical_review", on(MONDAY)),
        ("returned_for_revision", on(working(5))),
        ("technical_review", on(back)),
        ("secretariat_decision", on(working(25, start=back))),
    ]

    review = performance(proposals_histories=[history, history], standards=STANDARDS, now=on(working(80)))[2]

    assert review.finished == 2 and review.within_target == 2


def test_quarters_follow_the_time_zone():
    assert quarter_of(datetime(2026, 3, 31, 22, tzinfo=UTC)) == (2026, 1)
    assert quarter_of(datetime(2026, 3, 31, 22, tzinfo=UTC), tz=ZoneInfo("Africa/Nairobi")) == (2026, 2)
