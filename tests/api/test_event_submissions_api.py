"""POST /api/v1/event-submissions/: an event posted as from the site's form, into moderation."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient
from wagtail.models import APIToken, WorkflowState

from events.forms import EventPostForm
from events.models import EventPage
from events.submissions_api import FORM_ONLY_FIELDS, EventSubmissionSerializer

URL = "/api/v1/event-submissions/"


@pytest.fixture
def contributor(diary, moderation_workflow):
    return get_user_model().objects.get(email="city@demo.test")


def _with_token(api, user) -> APIClient:
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {APIToken.create_token(user=user, name='poster')[1]}")
    return api


@pytest.fixture
def event_json(event_form_data):
    """The site form's valid posting, as JSON: lists and booleans as JSON has them."""

    def data(**overrides):
        values = {name: value for name, value in event_form_data().items() if value != ""}
        values["repeat_interval"] = 1
        values.update(overrides)
        return values

    return data


def _state(event) -> WorkflowState | None:
    return WorkflowState.objects.active().filter(object_id=str(event.pk)).first()


def test_an_event_posted_with_a_token_lands_in_moderation_not_live(api, client, contributor, event_json):
    response = _with_token(api, contributor).post(URL, event_json(language="fr", title="Atelier"), format="json")

    assert response.status_code == 201, response.content
    event = EventPage.objects.get()
    assert response.json() == {"id": event.pk, "title": "Atelier", "live": False, "in_moderation": True}
    assert not event.live
    assert event.owner == contributor
    assert (event.title_fr, event.title_en, event.original_language) == ("Atelier", "Atelier", "fr")
    assert event.summary == "A day on citywide upgrading."
    assert "<p>Morning: field visits.</p>" in event.description
    assert _state(event).status == WorkflowState.STATUS_IN_PROGRESS
    assert not EventPage.objects.live().exists()
    assert b"Atelier" not in client.get("/en/events/").content
    assert "Atelier" not in api.get("/api/v1/events/").content.decode()


def test_a_contributor_cannot_publish(api, contributor, event_json):
    response = _with_token(api, contributor).post(URL, event_json(publish=True), format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not EventPage.objects.exists()


def test_the_communications_team_may_publish_at_once(api, diary, moderation_workflow, event_json):
    comms = get_user_model().objects.get(email="comms@demo.test")

    response = _with_token(api, comms).post(URL, event_json(publish=True), format="json")

    assert response.status_code == 201, response.content
    assert response.json()["live"] is True and response.json()["in_moderation"] is False
    assert EventPage.objects.live().count() == 1


def test_a_user_without_the_right_to_post_gets_403(api, diary, moderation_workflow, event_json):
    visitor = get_user_model().objects.create_user(username="visitor", email="visitor@example.org", password="x")

    response = _with_token(api, visitor).post(URL, event_json(), format="json")

    assert response.status_code == 403
    assert response.json()["error"]["status"] == 403
    assert not EventPage.objects.exists()


def test_anonymous_gets_401(api, diary, event_json):
    response = api.post(URL, event_json(), format="json")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"start_date": "2001-01-01"}, "start_date"),  # the form's rule: a new event can't start in the past
        ({"title": None}, "title"),
        ({"start_time": None}, "start_time"),  # the form's rule: a time unless all day
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"online_url": "ftp://example.org"}, "online_url"),
        ({"start_date": 20270101}, "start_date"),  # a wrong type is a 400, not a 500
        ({"themes": "housing"}, "themes"),
        ({"members": [999999]}, "members"),
        ({"members": [10**30]}, "members"),
        ({"themes": [10**30]}, "themes"),
        ({"repeat_interval": 10**30}, "repeat_interval"),
        ({"title": "Two\nlines"}, "title"),
    ],
)
def test_invalid_events_are_400_with_the_fields_to_fix(api, contributor, event_json, overrides, field):
    data = {name: value for name, value in event_json(**overrides).items() if value is not None}

    response = _with_token(api, contributor).post(URL, data, format="json")

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert (error["status"], error["code"]) == (400, error["code"])
    assert field in error["fields"], error
    assert not EventPage.objects.exists()


def test_a_body_that_is_not_an_object_is_400(api, contributor):
    client = _with_token(api, contributor)

    assert client.post(URL, [1, 2], format="json").status_code == 400
    assert client.post(URL, "null", content_type="application/json").status_code == 400
    assert client.post(URL, "{not json", content_type="application/json").status_code == 400
    assert client.post(URL, {"title": "x"}).status_code == 415, "JSON only"


def test_a_session_post_without_the_csrf_token_is_refused(diary, moderation_workflow, contributor, event_json):
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(contributor)

    response = browser.post(URL, event_json(), format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]
    assert not EventPage.objects.exists()


def test_a_session_post_with_the_csrf_token_is_accepted(client, login_as, diary, moderation_workflow, event_json):
    login_as("city@demo.test")
    browser = APIClient(enforce_csrf_checks=True)
    browser.cookies = client.cookies
    client.get("/en/members-area/events/new/")  # sets the CSRF cookie, as the site's pages do
    token = client.cookies["csrftoken"].value

    response = browser.post(URL, event_json(), format="json", HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 201, response.content
    assert not EventPage.objects.get().live


def test_a_token_needs_no_csrf_token(diary, moderation_workflow, contributor, event_json):
    browser = _with_token(APIClient(enforce_csrf_checks=True), contributor)

    assert browser.post(URL, event_json(), format="json").status_code == 201


def test_reading_is_not_offered(api, contributor):
    assert _with_token(api, contributor).get(URL).status_code == 405


def test_the_api_takes_the_site_forms_fields(demo_site):
    """Drift guard: the JSON body is the site's form, less the upload and the single-date cancellations."""
    form_fields = set(EventPostForm(occurrence_dates=[]).fields) | {"cancelled_dates"}

    assert set(EventSubmissionSerializer().fields) - {"publish"} == form_fields - FORM_ONLY_FIELDS
