"""Translation state and coverage: which translations are missing, out of date or machine
drafted, as the report and the editor's Translations tab show them, and who may see the report."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.models import StandardPage
from tests.showcases.test_permissions import REFUSED, _form_data
from translations.coverage import Status, coverage_report, page_states
from translations.models import FieldTranslation

from .coverage_helpers import panel_row, publish, statuses_in

COVERAGE_URL = "/admin/translations/coverage/"
TRANSLATED = {
    "fr": {"title": "Villes", "intro": "Une introduction.", "body": [("text", "<p>Les villes planifient.</p>")]},
    "es": {"title": "Ciudades", "intro": "Una introducción.", "body": [("text", "<p>Las ciudades planifican.</p>")]},
}


@pytest.fixture
def translated_page(make_page):
    return make_page("Cities", translations=TRANSLATED)


def test_a_new_page_records_its_translations_as_written_from_its_english(translated_page):
    rows = FieldTranslation.objects.filter(page=translated_page)

    assert {(row.field, row.language) for row in rows} == {
        (field, language) for language in ("fr", "es") for field in ("title", "intro", "body")
    }
    states = page_states(translated_page)
    assert states["fr"] == {"title": Status.DONE, "intro": Status.DONE, "body": Status.DONE}
    assert states["ar"] == {"title": Status.MISSING, "intro": Status.MISSING, "body": Status.MISSING}


def test_an_english_edit_makes_that_field_stale_where_it_was_translated_until_the_translation_is_saved_again(
    client, login_as, translated_page
):
    publish(translated_page, body_en=[("text", "<p>Cities plan for everyone, and for the poor first.</p>")])

    report = coverage_report(languages=["fr", "es", "ar"], model=StandardPage)
    [coverage] = [page for page in report.pages if page.page_id == translated_page.pk]
    assert coverage.problems["fr"] == {Status.STALE: ["body"]}
    assert coverage.problems["es"] == {Status.STALE: ["body"]}
    assert coverage.problems["ar"] == {Status.MISSING: ["title", "introduction", "body"]}

    login_as("comms@demo.test")
    editor = client.get(f"/admin/pages/{translated_page.pk}/edit/").content.decode()
    assert statuses_in(panel_row(editor, "fr")) == {"stale": "body"}
    assert statuses_in(panel_row(editor, "es")) == {"stale": "body"}
    report_html = client.get(COVERAGE_URL, {"language": "fr"}).content.decode()
    assert f"/admin/pages/{translated_page.pk}/edit/" in report_html
    assert "Out of date" in report_html

    publish(translated_page, body_fr=[("text", "<p>Les villes planifient pour tous, et d'abord pour les pauvres.</p>")])

    states = page_states(StandardPage.objects.get(pk=translated_page.pk))
    assert states["fr"]["body"] is Status.DONE
    assert states["es"]["body"] is Status.STALE
    editor = client.get(f"/admin/pages/{translated_page.pk}/edit/").content.decode()
    assert statuses_in(panel_row(editor, "fr")) == {}
    assert statuses_in(panel_row(editor, "es")) == {"stale": "body"}


def test_an_english_edit_published_through_the_admin_makes_the_translations_stale(client, login_as, about_page):
    """About's introduction is translated in the demo; the communications team changes the English."""
    translated = [code for code, states in page_states(about_page).items() if states.get("intro") is Status.DONE]
    assert translated
    login_as("comms@demo.test")
    url = f"/admin/pages/{about_page.pk}/edit/"
    data = _form_data(client, url, intro_en="The Alliance brings cities and their partners together.")
    data["action-publish"] = "action-publish"

    assert client.post(url, data).status_code == 302

    states = page_states(StandardPage.objects.get(pk=about_page.pk))
    assert [code for code in translated if states[code]["intro"] is Status.STALE] == translated
    assert all(states[code]["title"] is Status.DONE for code in translated)


def _draftail(text: str) -> str:
    """A paragraph as the admin's rich text editor posts it."""
    block = {"key": "k1", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_saving_a_page_again_unchanged_through_the_admin_leaves_its_state_alone(client, login_as, translated_page):
    """The admin gives rich text paragraphs keys of their own: the same text is still the same."""
    publish(translated_page, intro_en="A new introduction.")
    login_as("comms@demo.test")
    url = f"/admin/pages/{translated_page.pk}/edit/"
    data = _form_data(client, url)
    texts = {"en": "Cities plan for everyone.", "fr": "Les villes planifient.", "es": "Las ciudades planifican."}
    for code, text in texts.items():
        data |= {
            f"body_{code}-count": "1",
            f"body_{code}-0-type": "text",
            f"body_{code}-0-deleted": "",
            f"body_{code}-0-order": "0",
            f"body_{code}-0-id": "",
            f"body_{code}-0-value": _draftail(text),
        }
    data["action-publish"] = "action-publish"

    assert client.post(url, data).status_code == 302

    page = StandardPage.objects.get(pk=translated_page.pk)
    assert "data-block-key" in page.body_fr[0].value.source
    states = page_states(page)
    assert states["fr"] == {"title": Status.DONE, "intro": Status.STALE, "body": Status.DONE}
    assert states["es"]["body"] is Status.DONE


def test_missing_fields_are_listed_and_fields_without_english_are_left_out(make_page):
    make_page("Harbour", translations={"fr": {"title": "Port", "intro": "Le port."}})  # body missing in French
    make_page("Market", translations={"fr": {"title": "Marché"}}, intro="")  # no English intro to translate

    report = coverage_report(languages=["fr", "ja"], model=StandardPage)

    pages = {page.title: page for page in report.pages}
    assert pages["Harbour"].problems["fr"] == {Status.MISSING: ["body"]}
    assert pages["Market"].problems["fr"] == {Status.MISSING: ["body"]}
    assert pages["Market"].problems["ja"] == {Status.MISSING: ["title", "body"]}
    assert pages["Harbour"].problems["ja"] == {Status.MISSING: ["title", "introduction", "body"]}


def test_percentages_on_a_known_set_of_pages(make_page, about_page):
    StandardPage.objects.filter(pk=about_page.pk).update(live=False)  # only the two pages below count
    make_page("Harbour", translations={"fr": {"title": "Port", "intro": "Le port."}})
    make_page("Market", translations={"fr": {"title": "Marché"}}, intro="")

    counts = coverage_report(languages=["fr"], model=StandardPage).by_language["fr"]

    # Harbour: title, intro done, body missing; Market: title done, body missing (no English intro).
    assert (counts.done, counts.missing, counts.stale, counts.machine, counts.total) == (3, 2, 0, 0, 5)
    assert counts.percent == 60.0


def test_pages_saved_before_the_bookkeeping_count_as_translated_and_the_command_records_them(translated_page):
    FieldTranslation.objects.filter(page=translated_page).delete()

    assert page_states(translated_page)["fr"]["body"] is Status.DONE
    call_command("record_translation_state", stdout=io.StringIO())
    assert FieldTranslation.objects.filter(page=translated_page).count() == 6

    publish(translated_page, body_en=[("text", "<p>New English.</p>")])
    assert page_states(StandardPage.objects.get(pk=translated_page.pk))["fr"]["body"] is Status.STALE


def test_a_page_without_rows_is_recorded_from_its_values_before_its_first_save(translated_page):
    """No command run: the first save compares with the page as it was, so an English edit counts."""
    FieldTranslation.objects.filter(page=translated_page).delete()

    publish(translated_page, body_en=[("text", "<p>New English.</p>")])

    states = page_states(StandardPage.objects.get(pk=translated_page.pk))
    assert states["fr"]["body"] is Status.STALE
    assert states["fr"]["title"] is Status.DONE


def test_saving_a_page_reads_and_writes_its_state_in_a_fixed_number_of_queries(translated_page):
    page = StandardPage.objects.get(pk=translated_page.pk)
    page.body_en = [("text", "<p>Changed.</p>")]
    page.intro_fr = "Changée."
    page.intro_es = "Cambiada."
    page.title_ar = "مدن"
    with CaptureQueriesContext(connection) as queries:
        page.save()
    ours = [query["sql"] for query in queries if "translations_fieldtranslation" in query["sql"]]
    assert len(ours) == 3, ours  # one read, one bulk insert (Arabic title), one bulk update (two intros)


# Who may see the report


@pytest.fixture
def translator(demo_site):
    """An account with admin access and the coverage permission only, and no page rights."""
    user = get_user_model().objects.create_user(username="translator@demo.test", email="translator@demo.test")
    user.set_password("portal-demo-2026")
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    group = Group.objects.create(name="Translators")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_coverage")
    )
    user.groups.add(group)
    return user


@pytest.mark.parametrize(
    ("email", "allowed"),
    [
        ("comms@demo.test", True),
        ("translator@demo.test", True),
        ("member@demo.test", False),
        ("city@demo.test", False),
    ],
)
def test_who_may_see_the_report(client, login_as, editor_a, translator, translated_page, email, allowed):
    login_as(email)

    response = client.get(COVERAGE_URL)
    menu = client.get("/admin/").content.decode()

    if allowed:
        assert response.status_code == 200
        assert "Translation coverage" in response.content.decode()
        assert COVERAGE_URL in menu
    else:
        assert response.status_code in REFUSED
        assert COVERAGE_URL not in menu


def test_visitors_are_sent_to_sign_in(client, demo_site):
    response = client.get(COVERAGE_URL)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_report_filters_by_language_and_page_type(client, login_as, translated_page):
    login_as("comms@demo.test")

    html = client.get(COVERAGE_URL, {"language": "ja", "type": "portal.standardpage"}).content.decode()

    assert "日本語" in html and "Français</th>" not in html
    assert "Standard page" in html and "Event</a>" not in html
    assert f"/admin/pages/{translated_page.pk}/edit/" in html


# Queries whatever the number of pages


def _report_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(COVERAGE_URL)
    assert response.status_code == 200
    return len(queries)


def test_the_report_reads_a_fixed_number_of_queries_whatever_the_number_of_pages(client, login_as, make_page):
    login_as("comms@demo.test")
    for number in range(3):
        make_page(f"Small {number}", translations=TRANSLATED)
    coverage_report()  # content types are cached after the first look-up
    with CaptureQueriesContext(connection) as few:
        coverage_report()
    small = _report_queries(client)

    for number in range(30):
        make_page(f"Large {number}", translations={"fr": TRANSLATED["fr"]} if number % 2 else {})
    publish(StandardPage.objects.get(title_en="Large 1"), intro_en="Stale now.")
    with CaptureQueriesContext(connection) as many:
        report = coverage_report()

    assert len(many) == len(few) <= 6
    assert _report_queries(client) == small
    assert any(page.problems.get("fr", {}).get(Status.STALE) for page in report.pages)


# Marking machine drafts reviewed


def test_review_needs_a_csrf_token_and_change_rights_on_the_page(login_as, client, editor_a, translated_page):
    FieldTranslation.objects.filter(page=translated_page, language="fr", field="intro").update(machine_translated=True)
    url = reverse("translations:review", args=(translated_page.pk, "fr"))

    login_as("member@demo.test")
    assert client.get(url).status_code in REFUSED
    assert client.post(url).status_code in REFUSED

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(get_user_model().objects.get(email="comms@demo.test"))
    assert strict.post(url).status_code == 403
    assert FieldTranslation.objects.get(page=translated_page, language="fr", field="intro").machine_translated

    form = strict.get(url)
    assert form.status_code == 200 and "introduction" in form.content.decode().lower()
    response = strict.post(url, {"csrfmiddlewaretoken": form.context["csrf_token"]})
    assert response.status_code == 302
    assert not FieldTranslation.objects.get(page=translated_page, language="fr", field="intro").machine_translated
