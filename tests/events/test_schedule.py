from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from events.models import EventOccurrence

PARIS = ZoneInfo("Europe/Paris")


def test_weekly_repeats_keep_their_wall_clock_time_across_daylight_saving(make_event):
    event = make_event(
        "Weekly call", start_date=date(2027, 3, 20), time_zone="Europe/Paris", repeat="weekly", repeat_count=3
    )

    starts = list(EventOccurrence.objects.filter(event=event).values_list("starts_at", flat=True))

    assert [start.astimezone(PARIS).time() for start in starts] == [time(10)] * 3
    assert [start.hour for start in starts] == [9, 9, 8]  # UTC: the clocks change on 28 March


def test_a_cancelled_and_a_moved_occurrence_leave_the_others_alone(make_event):
    event = make_event(
        "Weekly call",
        start_date=date(2027, 5, 3),
        time_zone="Europe/Paris",
        repeat="weekly",
        repeat_count=4,
        changes=[
            (date(2027, 5, 10), {"cancelled": True}),
            (date(2027, 5, 17), {"new_date": date(2027, 5, 18), "new_start_time": time(15)}),
        ],
    )

    occurrences = list(EventOccurrence.objects.filter(event=event))

    assert [(o.starts_at.astimezone(PARIS), o.is_cancelled, o.is_moved) for o in occurrences] == [
        (datetime(2027, 5, 3, 10, tzinfo=PARIS), False, False),
        (datetime(2027, 5, 10, 10, tzinfo=PARIS), True, False),
        (datetime(2027, 5, 18, 15, tzinfo=PARIS), False, True),
        (datetime(2027, 5, 24, 10, tzinfo=PARIS), False, False),
    ]
    moved = occurrences[2]
    assert moved.recurrence_id.astimezone(PARIS) == datetime(2027, 5, 17, 10, tzinfo=PARIS)
    assert moved.ends_at - moved.starts_at == occurrences[0].ends_at - occurrences[0].starts_at


def test_an_all_day_event_spans_whole_days_in_its_zone(make_event):
    event = make_event("Forum", all_day=True, start_date=date(2027, 6, 1), end_date=date(2027, 6, 3))

    nairobi = ZoneInfo("Africa/Nairobi")
    assert event.starts_at == datetime(2027, 6, 1, tzinfo=nairobi)
    assert event.ends_at == datetime(2027, 6, 4, tzinfo=nairobi)


def test_publishing_a_new_time_raises_the_sequence_but_not_the_uid(make_event):
    event = make_event("Forum")
    uid = event.uid

    draft = event.get_latest_revision_as_object()
    draft.summary = "Now with a keynote."
    draft.save_revision().publish()
    after_text_edit = type(event).objects.get(pk=event.pk)
    draft = after_text_edit.get_latest_revision_as_object()
    draft.start_time = time(9)
    draft.save_revision().publish()
    after_time_edit = type(event).objects.get(pk=event.pk)

    assert (after_text_edit.uid, after_text_edit.sequence) == (uid, 0)
    assert (after_time_edit.uid, after_time_edit.sequence) == (uid, 1)


def test_a_copied_event_gets_its_own_uid(make_event, diary):
    event = make_event("Forum")

    copy = event.copy(update_attrs={"slug": "forum-copy"}, to=diary)

    assert copy.uid != event.uid and copy.sequence == 0
