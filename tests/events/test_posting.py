from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.models import WorkflowState

from events.models import EventPage, MemberCalendar, Status

NEW = "/en/members-area/events/new/"


@pytest.fixture
def poster(login_as, diary, moderation_workflow):
    return login_as("city@demo.test")


def _post(client, data, url=NEW, **extra):
    return client.post(url, data, **extra)


def _switch_to(client, email: str):
    client.force_login(get_user_model().objects.get(email=email))


def _state(event) -> WorkflowState | None:
    return WorkflowState.objects.active().filter(object_id=str(event.pk)).first()


def test_a_contributor_posts_in_french_and_the_event_waits_for_moderation(client, poster, event_form_data):
    response = _post(
        client, event_form_data(language="fr", title="Atelier sur les bidonvilles", summary="Une journée.")
    )

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert not event.live
    assert (event.title_fr, event.title_en, event.original_language) == (
        "Atelier sur les bidonvilles",
        "Atelier sur les bidonvilles",
        "fr",
    )
    assert event.owner == poster
    assert _state(event).status == WorkflowState.STATUS_IN_PROGRESS
    mine = client.get("/en/members-area/events/")
    assert b"Waiting for approval" in mine.content
    assert b"Atelier sur les bidonvilles" not in client.get("/en/events/").content


def test_approval_with_a_comment_publishes_and_emails_the_poster_in_their_language(
    client, poster, event_form_data, login_as
):
    _post(client, event_form_data(language="fr", title="Atelier", summary="Une journée."))
    event = EventPage.objects.get()
    task_state = _state(event).current_task_state
    mail.outbox.clear()

    _switch_to(client, "comms@demo.test")
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", task_state.pk]),
        {"comment": "Merci, c'est publié."},
    )

    assert response.status_code in (200, 302)
    event.refresh_from_db()
    assert event.live
    to_poster = [message for message in mail.outbox if message.to == ["city@demo.test"]]
    assert len(to_poster) == 1, [message.subject for message in to_poster]
    assert "publié" in to_poster[0].subject
    assert "Merci, c'est publié." in to_poster[0].body
    assert "/fr/" in to_poster[0].body
    assert b"Atelier" in client.get("/en/events/").content


def test_a_rejected_event_shows_the_comment_and_goes_back_to_moderation_when_edited(
    client, poster, event_form_data, login_as
):
    _post(client, event_form_data())
    event = EventPage.objects.get()
    task_state = _state(event).current_task_state
    _switch_to(client, "comms@demo.test")
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "reject", task_state.pk]),
        {"comment": "Please add the venue's address."},
    )
    assert any("needs changes" in message.subject for message in mail.outbox if message.to == ["city@demo.test"])

    _switch_to(client, "city@demo.test")
    mine = client.get("/en/members-area/events/")
    assert b"Changes requested" in mine.content and b"Please add the venue&#x27;s address." in mine.content
    edit = reverse("members:events:edit", args=[event.pk])
    assert client.get(edit).context["form"].initial["title"] == "Slum upgrading workshop"
    _post(client, event_form_data(venue="City Hall, 1 Broad Street"), url=edit)

    assert _state(event).status == WorkflowState.STATUS_IN_PROGRESS
    assert EventPage.objects.get(pk=event.pk).get_latest_revision_as_object().venue == "City Hall, 1 Broad Street"


def test_editing_a_published_event_keeps_the_live_version_until_approved(client, poster, event_form_data, login_as):
    _post(client, event_form_data())
    event = EventPage.objects.get()
    _switch_to(client, "comms@demo.test")
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[event.pk, "approve", _state(event).current_task_state.pk])
    )

    _switch_to(client, "city@demo.test")
    _post(client, event_form_data(title="Renamed workshop"), url=reverse("members:events:edit", args=[event.pk]))

    event.refresh_from_db()
    assert event.live and event.title == "Slum upgrading workshop"
    assert EventPage.objects.get(pk=event.pk).get_latest_revision_as_object().title == "Renamed workshop"
    assert _state(event).status == WorkflowState.STATUS_IN_PROGRESS
    assert b"Edits waiting for approval" in client.get("/en/members-area/events/").content


def test_the_poster_cancels_a_published_event_and_it_stays_in_the_diary_marked(client, poster, make_event):
    event = make_event("Forum", owner=poster)
    confirmation = client.get(reverse("members:events:cancel", args=[event.pk]))
    assert b"marked as cancelled" in confirmation.content
    assert EventPage.objects.get(pk=event.pk).status == Status.SCHEDULED

    response = client.post(reverse("members:events:cancel", args=[event.pk]))

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.live and event.status == Status.CANCELLED
    diary = client.get("/en/events/")
    assert b"Forum" in diary.content and b"Cancelled" in diary.content


def test_the_communications_team_publishes_directly(client, login_as, diary, moderation_workflow, event_form_data):
    _switch_to(client, "comms@demo.test")

    response = _post(client, {**event_form_data(), "publish": ""})

    assert response.status_code == 302
    event = EventPage.objects.get()
    assert event.live and _state(event) is None


def test_a_member_editor_can_post(client, editor_a, diary, moderation_workflow, event_form_data):
    client.force_login(editor_a)

    assert client.get(NEW).status_code == 200
    assert _post(client, event_form_data()).status_code == 302


def test_someone_without_posting_rights_is_told_why(client, diary):
    client.force_login(get_user_model().objects.create_user("visitor", "visitor@example.org", "x"))

    response = client.get(NEW)

    assert response.status_code == 403
    assert b"cannot post events yet" in response.content


def test_signed_out_visitors_are_sent_to_sign_in(client, diary):
    response = client.get(NEW)

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_nobody_edits_or_cancels_another_posters_event(client, make_event, editor_b, login_as, diary):
    owner = login_as("city@demo.test")
    event = make_event("Forum", owner=owner)
    client.force_login(editor_b)

    assert client.get(reverse("members:events:edit", args=[event.pk])).status_code == 404
    assert client.post(reverse("members:events:cancel", args=[event.pk])).status_code == 404
    event.refresh_from_db()
    assert event.status == Status.SCHEDULED


def _png(size: int = 10) -> SimpleUploadedFile:
    buffer = BytesIO()
    PillowImage.new("RGB", (size, size), "red").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "08:00"}, "end_time", "can't end before it starts"),
        ({"end_date": "2020-01-01"}, "end_date", "can't end before it starts"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone from the list."),
        ({"start_date": "2020-01-01"}, "start_date", "can't start in the past"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url", "starting with http"),
        ({"online_url": "ftp://example.org/x"}, "online_url", "starting with http"),
        ({"title": "Line one\r\nBcc: victim@example.org"}, "title", "Keep this on one line."),
        ({"repeat": "weekly"}, "repeat_count", "how many times"),
        ({"start_time": ""}, "start_time", "Give a start time"),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(client, poster, event_form_data, overrides, field, message):
    data = event_form_data(**overrides)

    response = _post(client, data)

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["summary"].value() == data["summary"]
    assert b'value="City Hall"' in response.content
    assert not EventPage.objects.exists()


def test_an_oversized_image_is_refused(client, poster, event_form_data, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100

    response = _post(client, {**event_form_data(), "image": _png(200), "image_alt": "Red square"})

    assert response.status_code == 200
    assert response.context["form"].errors["image"]
    assert not EventPage.objects.exists()


def test_an_image_with_its_description_is_kept(client, poster, event_form_data):
    _post(client, {**event_form_data(), "image": _png(), "image_alt": "Red square"})

    event = EventPage.objects.get()
    image = event.get_latest_revision_as_object().image
    assert image.default_alt_text == "Red square" and image.collection.name == "Events"


def test_nothing_typed_becomes_markup(client, login_as, diary, moderation_workflow, event_form_data):
    _switch_to(client, "comms@demo.test")
    _post(
        client,
        {
            **event_form_data(title="<script>alert(1)</script>", description="<img src=x onerror=alert(2)>"),
            "publish": "",
        },
    )
    event = EventPage.objects.get()

    page = client.get(event.url).content

    assert b"<script>alert(1)" not in page and b"&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert b"<img src=x" not in page and b"&lt;img src=x onerror=alert(2)&gt;" in page


def test_posting_is_limited_per_account(client, poster, event_form_data, settings):
    settings.EVENTS_POSTS_PER_DAY = 2
    for number in range(2):
        assert _post(client, event_form_data(title=f"Event {number}")).status_code == 302

    response = _post(client, event_form_data(title="One too many"))

    assert response.status_code == 200
    assert "today's limit" in " ".join(response.context["form"].non_field_errors())
    assert EventPage.objects.count() == 2


def test_cancelling_one_date_of_a_repeating_event_leaves_the_others(client, poster, event_form_data, login_as):
    start = timezone.localdate() + timedelta(days=30)
    _post(client, {**event_form_data(repeat="weekly", repeat_count="3", start_date=start.isoformat())})
    event = EventPage.objects.get()
    second = (start + timedelta(days=7)).isoformat()

    _post(
        client,
        {
            **event_form_data(repeat="weekly", repeat_count="3", start_date=start.isoformat()),
            "cancelled_dates": [second],
        },
        url=reverse("members:events:edit", args=[event.pk]),
    )

    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert [(c.original_date.isoformat(), c.cancelled) for c in draft.occurrence_changes.all()] == [(second, True)]


def test_a_member_editor_registers_their_members_calendar_and_no_other(client, editor_a, member_a, member_b):
    client.force_login(editor_a)

    response = client.post(
        reverse("members:events:member_calendar", args=[member_a.pk]), {"url": "https://lagos.example.org/events.ics"}
    )
    refused = client.post(
        reverse("members:events:member_calendar", args=[member_b.pk]), {"url": "https://evil.example.org/x.ics"}
    )
    not_web = client.post(reverse("members:events:member_calendar", args=[member_a.pk]), {"url": "file:///etc/passwd"})

    assert response.status_code == 302
    assert MemberCalendar.objects.get().url == "https://lagos.example.org/events.ics"
    assert MemberCalendar.objects.get().added_by == editor_a
    assert refused.status_code == 404
    assert not_web.status_code == 200 and "starting with http" in " ".join(not_web.context["form"].errors["url"])
