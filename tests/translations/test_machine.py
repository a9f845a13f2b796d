"""Machine translation as a first draft: only empty fields, as a new draft revision, marked until
a person reviews or rewrites them; a failing or slow service changes nothing and says so.
Against a real local server that speaks LibreTranslate's and DeepL's APIs."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.models import StandardPage
from translations.coverage import Status, page_states
from translations.models import FieldTranslation, MachineDraft

from .coverage_helpers import panel_row, statuses_in
from .provider_server import API_KEY, ProviderServer

# The task is queued when the request's transaction commits, as on the live site: real commits here.
pytestmark = pytest.mark.django_db(transaction=True)

BODY = [
    ("text", '<p>Cities plan for <a href="https://example.test/">everyone</a>.</p>'),
    (
        "call_to_action",
        {
            "heading": "Join us",
            "text": "Members share what works.",
            "link": {"label": "Apply", "url": "https://apply.test/"},
        },
    ),
]


@pytest.fixture
def provider():
    server = ProviderServer().start()
    yield server
    server.stop()


@pytest.fixture
def libretranslate(settings, provider):
    settings.TRANSLATION_PROVIDER = "libretranslate"
    settings.TRANSLATION_PROVIDER_URL = provider.origin
    settings.TRANSLATION_PROVIDER_API_KEY = API_KEY
    settings.TRANSLATION_PROVIDER_TIMEOUT_SECONDS = 0.5
    return provider


@pytest.fixture
def deepl(settings, provider):
    settings.TRANSLATION_PROVIDER = "deepl"
    settings.TRANSLATION_PROVIDER_URL = provider.origin
    settings.TRANSLATION_PROVIDER_API_KEY = API_KEY
    settings.TRANSLATION_PROVIDER_TIMEOUT_SECONDS = 0.5
    return provider


@pytest.fixture
def page(make_page):
    """French title written by a person; French introduction and body empty."""
    return make_page("Cities", body=BODY, translations={"fr": {"title": "Villes"}})


def _request_draft(client, page, language="fr"):
    url = reverse("translations:machine_draft", args=(page.pk, language))
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_machine_draft_fills_only_the_empty_fields_as_a_new_draft_revision(client, login_as, libretranslate, page):
    login_as("comms@demo.test")
    revisions = page.revisions.count()

    messages = _request_draft(client, page)

    assert "saved as a new draft revision (2 fields)" in messages[0]
    live = StandardPage.objects.get(pk=page.pk)
    assert live.intro_fr in (None, "") and not live.body_fr  # nothing published
    assert live.revisions.count() == revisions + 1
    draft = live.get_latest_revision_as_object()
    assert draft.title_fr == "Villes"  # written by a person: left alone
    assert draft.intro_fr == "[fr] An introduction."
    english, french = list(live.body_en), list(draft.body_fr)
    assert [block.id for block in french] == [block.id for block in english]
    assert french[0].value.source == '<p>[fr] Cities plan for <a href="https://example.test/">everyone</a>.</p>'
    assert french[1].value["heading"] == "[fr] Join us"
    assert french[1].value["text"] == "[fr] Members share what works."
    assert french[1].value["link"]["label"] == "[fr] Apply"
    assert french[1].value["link"]["url"] == "https://apply.test/"

    marked = FieldTranslation.objects.filter(page=page, language="fr", machine_translated=True)
    assert sorted(marked.values_list("field", flat=True)) == ["body", "intro"]
    request = libretranslate.requests[0]["json"]
    assert request["source"] == "en" and request["target"] == "fr" and request["api_key"] == API_KEY
    assert {r["json"]["format"] for r in libretranslate.requests} == {"text", "html"}

    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert statuses_in(panel_row(editor, "fr")) == {"machine": "introduction, body"}
    assert MachineDraft.objects.get(page=page).status == MachineDraft.Status.DONE


def test_published_machine_drafts_stay_marked_until_reviewed(client, login_as, libretranslate, page):
    login_as("comms@demo.test")
    _request_draft(client, page)
    StandardPage.objects.get(pk=page.pk).get_latest_revision().publish()

    live = StandardPage.objects.get(pk=page.pk)
    assert page_states(live)["fr"] == {"title": Status.DONE, "intro": Status.MACHINE, "body": Status.MACHINE}

    review = reverse("translations:review", args=(page.pk, "fr"))
    assert client.post(review).status_code == 302

    assert page_states(StandardPage.objects.get(pk=page.pk))["fr"]["intro"] is Status.DONE
    assert not FieldTranslation.objects.filter(page=page, machine_translated=True).exists()


def test_a_persons_edit_of_a_machine_draft_clears_the_mark(client, login_as, libretranslate, page):
    login_as("comms@demo.test")
    _request_draft(client, page)
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    draft.intro_fr = "Une introduction, relue."
    draft.save_revision().publish()

    states = page_states(StandardPage.objects.get(pk=page.pk))
    assert states["fr"]["intro"] is Status.DONE
    assert states["fr"]["body"] is Status.MACHINE


def test_deepl_gets_its_own_codes_and_the_key_in_the_header(client, login_as, deepl, page):
    login_as("comms@demo.test")

    _request_draft(client, page, "zh-hans")
    _request_draft(client, page, "pt")

    targets = {request["json"]["target_lang"] for request in deepl.requests}
    assert targets == {"ZH-HANS", "PT-PT"}
    assert all(request["path"] == "/v2/translate" for request in deepl.requests)
    assert all(request["headers"]["Authorization"] == f"DeepL-Auth-Key {API_KEY}" for request in deepl.requests)
    assert {request["json"].get("tag_handling") for request in deepl.requests} == {None, "html"}
    draft = StandardPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.title_zh_hans == "[ZH-HANS] Cities" and draft.intro_pt == "[PT-PT] An introduction."


@pytest.mark.parametrize(
    ("fault", "words"),
    [
        ("status", "refused the request"),
        ("hang", "did not answer in time"),
        ("not_json", "could not be read"),
        ("wrong_count", "could not be read"),
    ],
)
def test_a_failing_service_changes_nothing_and_says_so(client, login_as, libretranslate, page, fault, words):
    libretranslate.fault = fault
    login_as("comms@demo.test")
    revisions = page.revisions.count()

    messages = _request_draft(client, page)

    assert words in messages[0] and "Nothing was changed" in messages[0]
    assert StandardPage.objects.get(pk=page.pk).revisions.count() == revisions
    assert not FieldTranslation.objects.filter(page=page, machine_translated=True).exists()
    draft = MachineDraft.objects.get(page=page)
    assert draft.status == MachineDraft.Status.FAILED and draft.detail
    editor = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "Last machine draft failed" in panel_row(editor, "fr")


def test_an_unreachable_service(client, login_as, settings, page):
    settings.TRANSLATION_PROVIDER = "libretranslate"
    settings.TRANSLATION_PROVIDER_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    login_as("comms@demo.test")

    messages = _request_draft(client, page)

    assert "could not be reached" in messages[0]


def test_machine_drafts_are_off_unless_a_service_is_configured(client, login_as, page):
    login_as("comms@demo.test")

    url = reverse("translations:machine_draft", args=(page.pk, "fr"))
    assert client.get(url, follow=True).status_code == 404  # LocaleMiddleware tries /en/ first
    assert client.post(url, follow=True).status_code == 404
    assert not MachineDraft.objects.exists()
    assert "Machine draft</a>" not in client.get(f"/admin/pages/{page.pk}/edit/").content.decode()


def test_only_those_who_may_change_the_page_ask_for_a_draft(client, login_as, libretranslate, editor_a, page):
    login_as("member@demo.test")
    url = reverse("translations:machine_draft", args=(page.pk, "fr"))

    assert client.get(url).status_code in {302, 403}
    assert client.post(url).status_code in {302, 403}
    assert not MachineDraft.objects.exists()
    assert libretranslate.requests == []
