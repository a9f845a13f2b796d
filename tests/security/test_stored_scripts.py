"""Stored cross-site scripting: markup typed by a member editor, city staff or an applicant into any
field they can fill, through the real form or API, never runs where the text is shown again: the
public pages in English and Arabic, the API, the calendar feeds and the admin seen by the
communications team. Web addresses must be http(s): a `javascript:` link is refused."""

import html
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from rest_framework.test import APIClient
from wagtail.models import APIToken

from events.models import EventPage, MemberCalendar
from members.models import MemberPage
from portal.applications import demo as applications_demo
from portal.applications.models import ApplicationSubmission
from tests.applications.test_application_form import _answers as _application_answers
from tests.showcases.test_permissions import _EditForm, _form_data

PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(1)>"><svg onload=alert(1)>'
SCRIPT_URL = "javascript:alert(1)"
# What would run if the payload came back as markup, in an element or out of an attribute.
LIVE_MARKUP = ("<script>alert(1)", "<img src=x onerror", "<svg onload=alert(1)")
SCRIPT_HREF = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:alert""", re.I)
URL_ERROR = "http"  # every address field's message names the schemes it takes


def assert_inert(body: str, where: str) -> None:
    for markup in LIVE_MARKUP:
        assert markup not in body, f"{where} shows {markup!r} as markup"
    assert not SCRIPT_HREF.search(body), f"{where} links to javascript:"


def assert_shown_escaped(body: str, where: str) -> None:
    """The payload is on the page as text, so the test did look at the right place."""
    assert_inert(body, where)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, f"{where} does not show the text at all"


def _url(page, language: str) -> str:
    with translation.override(language):
        return page.url


def _client_for(email: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client


def _form_errors(response) -> str:
    return html.unescape(response.content.decode())


# The events diary: the site's posting form (city staff) and the API's submissions.

EVENT_TEXT_FIELDS = ("title", "summary", "description", "venue", "city", "organiser", "partners")


@pytest.fixture
def hostile_event_data(event_form_data):
    return event_form_data(**dict.fromkeys(EVENT_TEXT_FIELDS, PAYLOAD))


def _published(event: EventPage) -> EventPage:
    event.get_latest_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def _assert_event_is_inert_everywhere(event: EventPage) -> None:
    visitor = Client()
    for language in ("en", "ar"):
        assert_shown_escaped(visitor.get(_url(event, language)).content.decode(), f"the event page in {language}")
    assert_shown_escaped(visitor.get("/en/events/").content.decode(), "the diary")

    api = APIClient().get(f"/api/v1/events/{event.pk}/")
    assert api["Content-Type"].startswith("application/json")
    assert api.json()["title"] == PAYLOAD, "the API gives the text back as text"

    for feed in ("/events/feed.ics", f"/events/{event.pk}.ics"):
        response = visitor.get(feed)
        assert response["Content-Type"].startswith("text/calendar")
        assert "SUMMARY:<script>" in response.content.decode().replace("\r\n ", ""), "plain text in iCalendar"


def _assert_moderation_views_are_inert(event: EventPage) -> None:
    comms = _client_for("comms@demo.test")
    for path in ("/admin/", f"/admin/pages/{event.pk}/edit/", f"/admin/pages/{event.get_parent().pk}/"):
        response = comms.get(path)
        assert response.status_code == 200
        assert_inert(response.content.decode(), path)


def test_an_event_posted_on_the_site_shows_its_text_as_text(
    client, login_as, diary, moderation_workflow, hostile_event_data
):
    login_as("city@demo.test")
    assert client.post("/en/members-area/events/new/", hostile_event_data).status_code == 302
    event = EventPage.objects.get()

    _assert_moderation_views_are_inert(event)
    assert_shown_escaped(client.get(f"/en/members-area/events/{event.pk}/edit/").content.decode(), "the edit form")
    _assert_event_is_inert_everywhere(_published(event))


def test_an_event_submitted_through_the_api_shows_its_text_as_text(
    demo_site, diary, moderation_workflow, event_form_data
):
    poster = get_user_model().objects.get(email="city@demo.test")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {APIToken.create_token(user=poster, name='poster')[1]}")
    data = {name: value for name, value in event_form_data().items() if value != ""}
    data.update(dict.fromkeys(EVENT_TEXT_FIELDS, PAYLOAD), repeat_interval=1)

    response = api.post("/api/v1/event-submissions/", data, format="json")

    assert response.status_code == 201, response.content
    event = EventPage.objects.get()
    _assert_moderation_views_are_inert(event)
    _assert_event_is_inert_everywhere(_published(event))


@pytest.mark.parametrize("field", ["online_url", "registration_url"])
def test_an_event_link_to_javascript_is_refused_on_the_site_and_in_the_api(
    client, login_as, diary, moderation_workflow, event_form_data, field
):
    login_as("city@demo.test")

    response = client.post("/en/members-area/events/new/", event_form_data(**{field: SCRIPT_URL}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'value="{SCRIPT_URL}"' in response.content.decode(), "what was typed is kept"
    api = APIClient()
    api.force_authenticate(get_user_model().objects.get(email="city@demo.test"))
    data = {name: value for name, value in event_form_data().items() if value != ""}
    refused = api.post("/api/v1/event-submissions/", {**data, "repeat_interval": 1, field: SCRIPT_URL}, format="json")
    assert refused.status_code == 400
    assert field in json.dumps(refused.json())
    assert not EventPage.objects.exists()


def test_a_calendar_feed_at_a_javascript_address_is_refused(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    path = f"/en/members-area/events/calendars/{member_a.pk}/"

    response = client.post(path, {"url": SCRIPT_URL})

    assert response.status_code == 200
    assert URL_ERROR in _form_errors(response)
    assert f'value="{SCRIPT_URL}"' in response.content.decode()
    assert not MemberCalendar.objects.exists()


# Members' profiles and showcases: Wagtail pages their member editors edit in the admin.


def _rich_text(text: str, *, link: str) -> str:
    """Draftail's content as the admin posts it: the text, with its first word linked to `link`."""
    block = {
        "key": "xss01",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": 8, "key": 0}],
        "data": {},
    }
    entity = {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link}}
    return json.dumps({"blocks": [block], "entityMap": {"0": entity}})


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def _assert_page_is_inert_everywhere(page, listing: str, api: str) -> None:
    visitor = Client()
    for language in ("en", "ar"):
        assert_shown_escaped(visitor.get(_url(page, language)).content.decode(), f"the page in {language}")
    assert_shown_escaped(visitor.get(listing).content.decode(), listing)
    response = APIClient().get(api)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["summary"] == PAYLOAD, "the API gives plain text back as text"
    for value in _strings(response.json()):
        if value not in (PAYLOAD, PAYLOAD[:20]):  # markup the API sends as HTML must be clean
            assert_inert(value, api)

    comms = _client_for("comms@demo.test")
    for path in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.get_parent().pk}/"):
        response = comms.get(path)
        assert response.status_code == 200
        assert_inert(response.content.decode(), path)


def test_a_member_profile_edited_by_its_editor_shows_its_text_as_text(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    url = f"/admin/pages/{member_a.pk}/edit/"
    changes = {
        "summary_en": PAYLOAD,
        "body_en": _rich_text(PAYLOAD, link=SCRIPT_URL),
        "contact_name": PAYLOAD,
        "acronym": PAYLOAD[:20],
        "links-0-title_en": PAYLOAD,
        "action-publish": "action-publish",
    }

    response = client.post(url, _form_data(client, url, **changes))

    assert response.status_code == 302, _form_errors(response)[:3000]
    member = MemberPage.objects.get(pk=member_a.pk)
    assert member.summary_en == PAYLOAD and member.links.get().title_en == PAYLOAD
    _assert_page_is_inert_everywhere(member, "/en/members/", f"/api/v1/members/{member.pk}/")


@pytest.mark.parametrize("field", ["website", "links-0-url"])
def test_a_member_link_to_javascript_is_refused(client, login_as, editor_a, member_a, field):
    login_as("member@demo.test")
    url = f"/admin/pages/{member_a.pk}/edit/"

    response = client.post(url, _form_data(client, url, **{field: SCRIPT_URL, "action-publish": "action-publish"}))

    assert response.status_code == 200
    assert "Enter a valid URL." in _form_errors(response)
    assert SCRIPT_URL in _form_errors(response), "what was typed is kept"
    assert SCRIPT_URL not in str(MemberPage.objects.get(pk=member_a.pk).get_latest_revision().content)


def test_a_showcase_edited_by_its_lead_members_editor_shows_its_text_as_text(
    client, login_as, editor_a, member_a, make_showcase
):
    showcase = make_showcase("Makoko waterfront", lead=member_a)
    login_as("member@demo.test")
    url = f"/admin/pages/{showcase.pk}/edit/"
    story = {
        "body_en-count": "2",
        **{
            f"body_en-{n}-{key}": value
            for n in (0, 1)
            for key, value in (("deleted", ""), ("order", str(n)), ("id", ""))
        },
        "body_en-0-type": "text",
        "body_en-0-value": _rich_text(PAYLOAD, link=SCRIPT_URL),
        "body_en-1-type": "quote",
        "body_en-1-value-text": PAYLOAD,
        "body_en-1-value-attribution": PAYLOAD,
    }
    changes = {"summary_en": PAYLOAD, "city_en": PAYLOAD, **story, "action-publish": "action-publish"}

    response = client.post(url, _form_data(client, url, **changes))

    assert response.status_code == 302, _form_errors(response)[:3000]
    showcase = type(showcase).objects.get(pk=showcase.pk)
    assert [block.block_type for block in showcase.body_en] == ["text", "quote"]
    _assert_page_is_inert_everywhere(showcase, "/en/showcases/", f"/api/v1/showcases/{showcase.pk}/")


# The application form: anyone may fill it; the communications team reads it in the admin.


def test_an_application_shows_its_answers_as_text_to_the_communications_team(client, home_page, settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_ROOT = tmp_path / "private"
    form_page = applications_demo.ensure_demo_application_form(home=home_page, stdout=io.StringIO())
    typed = ("organisation", "name", "city", "description")
    answers = _application_answers(form_page, **dict.fromkeys(typed, PAYLOAD))

    response = client.post(_url(form_page, "ar"), answers)

    assert response.status_code == 200
    assert_inert(response.content.decode(), "the thank-you page")
    (submission,) = ApplicationSubmission.objects.all()
    comms = _client_for("comms@demo.test")
    for path in (f"/admin/forms/submissions/{form_page.pk}/", "/admin/forms/"):
        listing = comms.get(path)
        assert listing.status_code == 200
        assert_inert(listing.content.decode(), path)
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;"
        in comms.get(f"/admin/forms/submissions/{form_page.pk}/").content.decode()
    )


# Names: a member editor's name, set in the admin's account settings, is shown to the
# communications team wherever the admin says who edited what.


def test_a_name_set_in_the_account_settings_shows_as_text_in_the_admin(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    account = client.get("/admin/account/").content.decode()
    parser = _EditForm()
    parser.feed(account[account.index("<form") : account.rindex("</form>")])
    data = {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
    data.update({"name_email-first_name": PAYLOAD, "name_email-last_name": PAYLOAD})

    assert client.post("/admin/account/", data).status_code == 302
    assert get_user_model().objects.get(email="member@demo.test").first_name == PAYLOAD
    url = f"/admin/pages/{member_a.pk}/edit/"
    assert client.post(url, _form_data(client, url, summary_en="Edited.")).status_code == 302

    comms = _client_for("comms@demo.test")
    for path in ("/admin/", f"/admin/pages/{member_a.get_parent().pk}/", f"/admin/pages/{member_a.pk}/history/"):
        response = comms.get(path)
        assert response.status_code == 200
        assert_inert(response.content.decode(), path)
    history = comms.get(f"/admin/pages/{member_a.pk}/history/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in history
