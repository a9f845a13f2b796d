"""Working with translators: export a page's text as PO or XLIFF 1.2, import it back through the
admin's upload, preview and confirmation, with nothing written unless the whole file is right."""

import re
from datetime import date

import polib
import pytest
from defusedxml import ElementTree as SafeET
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from portal.news.models import NewsPage
from translations.exchange import XLIFF_NS, html_problems, placeholders, text_digest
from translations.fields import digest

TEXT_ID = "3f1c2a9e-1111-4c1a-9a00-000000000001"
QUOTE_ID = "3f1c2a9e-2222-4c1a-9a00-000000000002"
FIGURES_ID = "3f1c2a9e-3333-4c1a-9a00-000000000003"
FIGURE_ITEM_ID = "3f1c2a9e-4444-4c1a-9a00-000000000004"
RICH = '<p>Lagos builds <a linktype="page" id="3">homes</a> for %(count)s families in {city}.</p>'
BODY = [
    {"type": "text", "value": RICH, "id": TEXT_ID},
    {"type": "quote", "value": {"text": "We start with water.", "attribution": "The governor"}, "id": QUOTE_ID},
    {
        "type": "key_figures",
        "value": [{"type": "item", "value": {"value": "12,000", "label": "homes"}, "id": FIGURE_ITEM_ID}],
        "id": FIGURES_ID,
    },
]
LANGUAGES = ["en", "ar", "zh_hans", "fr", "ja", "pt", "ru", "es", "sw"]
COLUMNS = [f"{name}_{code}" for name in ("title", "summary", "body") for code in LANGUAGES]
Q = f"{{{XLIFF_NS}}}"


@pytest.fixture
def comms(demo_site, login_as):
    return login_as("comms@demo.test")


@pytest.fixture
def article(make_news, member_a):
    """Member A's article: English title, summary and body, an Arabic summary already there."""
    return make_news(
        "Lagos opens its slum upgrading fund",
        member=member_a,
        summary="Lagos State puts its first grant to work.",
        summary_ar="ولاية لاغوس تضع منحتها الأولى موضع التنفيذ.",
        body=BODY,
    )


def _latest(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def _values(page) -> dict:
    """Every translated column of the latest revision, streams as stored JSON."""
    values = {}
    for column in COLUMNS:
        value = getattr(page, column)
        if column.startswith("body_"):
            value = page._meta.get_field(column).stream_block.get_prep_value(value)
        values[column] = value
    return values


def _export(client, page, *, language="fr", file_format="po", descendants=False) -> bytes:
    url = reverse("translations_exchange:export", args=(page.pk,))
    data = {"language": language, "file_format": file_format}
    if descendants:
        data["include_descendants"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def _upload(client, content: bytes, *, name="article-fr.po", language="fr"):
    return client.post(
        reverse("translations_exchange:import"),
        {"file": SimpleUploadedFile(name, content), "language": language},
    )


def _token(response) -> str:
    match = re.search(rb'name="token" value="([^"]+)"', response.content)
    assert match, response.content.decode()[-3000:]
    return match.group(1).decode()


def _confirm(client, token: str):
    return client.post(reverse("translations_exchange:import_confirm"), {"token": token})


def _po_fill(content: bytes, targets: dict[str, str]) -> bytes:
    po = polib.pofile(content.decode())
    for entry in po:
        if entry.msgctxt in targets:
            entry.msgstr = targets[entry.msgctxt]
    return str(po).encode()


def _xliff_fill(content: bytes, targets: dict[str, str]) -> bytes:
    text = content.decode()
    root = SafeET.fromstring(content)
    for unit in root.iter(f"{Q}trans-unit"):
        if unit.get("id") in targets:
            target = unit.find(f"{Q}target")
            target.text = targets[unit.get("id")]
    import xml.etree.ElementTree as ET  # noqa: S405  (writing a test file)

    ET.register_namespace("", XLIFF_NS)
    assert text.startswith("<?xml")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


# Export


def test_the_po_export_has_a_unit_per_field_and_text_leaf(client, comms, article):
    po = polib.pofile(_export(client, article).decode())

    units = {entry.msgctxt: entry for entry in po}
    pk = article.pk
    assert set(units) == {
        f"{pk}:title",
        f"{pk}:summary",
        f"{pk}:body:{TEXT_ID}",
        f"{pk}:body:{QUOTE_ID}/text",
        f"{pk}:body:{QUOTE_ID}/attribution",
        f"{pk}:body:{FIGURES_ID}/{FIGURE_ITEM_ID}/value",
        f"{pk}:body:{FIGURES_ID}/{FIGURE_ITEM_ID}/label",
    }
    assert po.metadata["Language"] == "fr"
    assert units[f"{pk}:body:{TEXT_ID}"].msgid == RICH  # rich text as Wagtail stores it
    assert units[f"{pk}:summary"].msgstr == ""
    note = units[f"{pk}:body:{QUOTE_ID}/attribution"].comment
    assert note.startswith("Lagos opens its slum upgrading fund › body › Quote › Who said it")
    assert f"source-digest: {digest(article, 'summary', 'en')}" in units[f"{pk}:summary"].comment
    assert f"source-digest: {text_digest('We start with water.')}" in units[f"{pk}:body:{QUOTE_ID}/text"].comment


def test_the_export_carries_the_current_translation(client, comms, article):
    po = polib.pofile(_export(client, article, language="ar").decode())

    assert {entry.msgctxt: entry.msgstr for entry in po}[f"{article.pk}:summary"] == article.summary_ar


def test_the_xliff_export_is_xliff_1_2(client, comms, article):
    root = SafeET.fromstring(_export(client, article, file_format="xliff", language="zh-hans"))

    assert root.tag == f"{Q}xliff" and root.get("version") == "1.2"
    file = root.find(f"{Q}file")
    assert file.get("source-language") == "en" and file.get("target-language") == "zh-Hans"
    unit = next(u for u in root.iter(f"{Q}trans-unit") if u.get("id") == f"{article.pk}:body:{TEXT_ID}")
    assert unit.get("datatype") == "html"
    assert unit.find(f"{Q}source").text == RICH
    notes = {note.get("from"): note.text for note in unit.iter(f"{Q}note")}
    assert notes["source-digest"] == text_digest(RICH)
    assert notes["portal"] == "Lagos opens its slum upgrading fund › body › Text"


# Round trips


def test_a_po_round_trip_changes_exactly_the_two_filled_targets(client, comms, article):
    before = _values(_latest(article))
    revisions = article.revisions.count()
    pk = article.pk
    filled = _po_fill(
        _export(client, article),
        {
            f"{pk}:summary": "L'État de Lagos engage sa première subvention.",
            f"{pk}:body:{QUOTE_ID}/text": "Nous commençons par l'eau.",
        },
    )

    preview = _upload(client, filled)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "2 changes on 1 page(s)" in html
    assert "Nous commençons par l&#x27;eau." in html
    assert article.revisions.count() == revisions  # nothing yet

    done = _confirm(client, _token(preview))
    assert done.status_code == 200
    assert article.revisions.count() == revisions + 1
    revision = article.revisions.order_by("-pk").first()
    assert revision.user == comms

    after = _values(_latest(article))
    expected_body = [dict(block) for block in BODY]
    expected_body[1] = {**BODY[1], "value": {**BODY[1]["value"], "text": "Nous commençons par l'eau."}}
    assert after["summary_fr"] == "L'État de Lagos engage sa première subvention."
    assert after["body_fr"] == expected_body  # built from the English blocks, one leaf translated
    assert {k: v for k, v in after.items() if k not in {"summary_fr", "body_fr"}} == {
        k: v for k, v in before.items() if k not in {"summary_fr", "body_fr"}
    }
    live = NewsPage.objects.get(pk=pk)
    assert live.summary_fr in (None, "")  # a draft: the editors publish it


def test_an_xliff_round_trip_updates_the_matching_blocks_of_an_existing_translation(client, comms, article):
    french = [
        {"type": "text", "value": "<p>Lagos construit des logements.</p>", "id": TEXT_ID},
        {"type": "quote", "value": {"text": "Nous commençons.", "attribution": "Le gouverneur"}, "id": QUOTE_ID},
    ]
    with translation.override("en"):
        draft = article.get_latest_revision_as_object()
        draft.title_fr = "Lagos ouvre son fonds"
        draft.body_fr = french
        draft.save_revision().publish()
    before = _values(_latest(article))
    revisions = article.revisions.count()
    pk = article.pk
    new_rich = '<p>Lagos construit des <a linktype="page" id="3">logements</a> pour %(count)s familles à {city}.</p>'
    filled = _xliff_fill(
        _export(client, article, file_format="xliff"),
        {f"{pk}:body:{TEXT_ID}": new_rich, f"{pk}:body:{QUOTE_ID}/attribution": "La gouverneure"},
    )

    preview = _upload(client, filled, name="article-fr.xlf")
    assert "2 changes on 1 page(s)" in preview.content.decode()
    _confirm(client, _token(preview))

    assert article.revisions.count() == revisions + 1
    after = _values(_latest(article))
    assert after["body_fr"] == [
        {"type": "text", "value": new_rich, "id": TEXT_ID},
        {"type": "quote", "value": {"text": "Nous commençons.", "attribution": "La gouverneure"}, "id": QUOTE_ID},
    ]
    assert {k: v for k, v in after.items() if k != "body_fr"} == {k: v for k, v in before.items() if k != "body_fr"}


def test_units_already_on_the_site_are_left_out_of_the_preview(client, comms, article):
    filled = _po_fill(_export(client, article, language="ar"), {f"{article.pk}:title": "لاغوس تفتح صندوقها"})

    html = _upload(client, filled, language="ar").content.decode()

    assert "1 change on 1 page(s)" in html
    assert article.summary_ar not in html  # exported with its translation, unchanged


# Broken files: nothing written, every problem named


def test_a_file_with_bad_units_among_good_ones_changes_nothing(client, comms, article):
    before = _values(_latest(article))
    revisions = article.revisions.count()
    pk = article.pk
    po = polib.pofile(_export(client, article).decode())
    targets = {
        f"{pk}:summary": "Un bon résumé.",
        f"{pk}:body:{TEXT_ID}": "<p>Lagos construit des logements à {city}.</p>",  # %(count)s dropped
        f"{pk}:body:{QUOTE_ID}/text": "<b>Nous commençons",  # plain text: HTML is not checked here
        f"{pk}:title": "Lagos %s ouvre",  # a placeholder the English does not have
    }
    for entry in po:
        entry.msgstr = targets.get(entry.msgctxt, entry.msgstr)
    po.append(polib.POEntry(msgctxt="999999:title", msgid="Gone", msgstr="Parti"))
    po.append(polib.POEntry(msgctxt=f"{pk}:date", msgid="2026-01-01", msgstr="2026-01-01"))
    po.append(polib.POEntry(msgctxt=f"{pk}:body:no-such-block", msgid="x", msgstr="y"))

    response = _upload(client, str(po).encode())

    html = response.content.decode()
    assert response.status_code == 200
    assert "problems. Nothing was imported." in html
    assert 'name="token"' not in html
    for unit_id, words in [
        (f"{pk}:body:{TEXT_ID}", "missing %(count)s"),
        (f"{pk}:title", "not in the English %s"),
        ("999999:title", "There is no page 999999"),
        (f"{pk}:date", "is not a translatable field"),
        (f"{pk}:body:no-such-block", "has no such block"),
    ]:
        assert re.search(rf"<code>{re.escape(unit_id)}</code></td><td>[^<]*{re.escape(words)}", html), unit_id
    assert article.revisions.count() == revisions
    assert _values(_latest(article)) == before


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ('<p>%(count)s {city} <a linktype="page" id="3">construit</p>', "&lt;/p&gt; where &lt;/a&gt; was expected"),
        ("<p>Lagos construit %(count)s {city}", "&lt;p&gt; is not closed"),
        ("<p>%(count)s {city}</p><script>alert(1)</script>", "the tag &lt;script&gt; is not allowed"),
        ('<p onclick="steal()">%(count)s {city}</p>', "the attribute onclick on &lt;p&gt; is not allowed"),
        ('<p><a href="javascript:alert(1)">%(count)s {city}</a></p>', "the link address javascript:alert(1)"),
    ],
)
def test_broken_or_unsafe_rich_text_is_refused(client, comms, article, target, problem):
    revisions = article.revisions.count()
    filled = _po_fill(_export(client, article), {f"{article.pk}:body:{TEXT_ID}": target})

    html = _upload(client, filled).content.decode()

    assert "Nothing was imported." in html
    assert problem in html
    assert article.revisions.count() == revisions


def test_an_unparseable_xliff_file_changes_nothing(client, comms, article):
    revisions = article.revisions.count()
    broken = _export(client, article, file_format="xliff").replace(b"</body>", b"", 1)

    html = _upload(client, broken, name="article-fr.xlf").content.decode()

    assert "Nothing was imported." in html
    assert "The file is not well-formed XML" in html
    assert article.revisions.count() == revisions


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"garbage, not a PO file\n", "not a PO file that can be read"),
        (b'msgid "a"\nmsgstr "b"\n', "does not say which language"),
        (b'<?xml version="1.0"?><xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', "XLIFF 2.0"),
        (b'<?xml version="1.0"?><html/>', "not XLIFF 1.2"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "was refused"),
    ],
)
def test_files_of_the_wrong_kind_are_refused(client, comms, content, message):
    assert message in _upload(client, content).content.decode()


def test_a_file_in_another_language_is_refused(client, comms, article):
    filled = _po_fill(_export(client, article), {f"{article.pk}:summary": "Un résumé."})

    html = _upload(client, filled, language="es").content.decode()

    assert "The file is in “fr”, not in Español as chosen." in html


def test_units_whose_english_changed_since_the_export_are_skipped_with_a_warning(client, comms, article):
    pk = article.pk
    filled = _po_fill(
        _export(client, article),
        {f"{pk}:summary": "Un résumé.", f"{pk}:body:{QUOTE_ID}/attribution": "Le gouverneur"},
    )
    with translation.override("en"):
        draft = article.get_latest_revision_as_object()
        draft.summary = "Lagos State puts its second grant to work."
        draft.save_revision()

    html = _upload(client, filled).content.decode()

    assert "1 change on 1 page(s)" in html
    assert f"<code>{pk}:summary</code>: The English changed since the export" in html


# Preview and confirmation


def test_the_preview_writes_nothing_and_a_page_changed_meanwhile_is_refused(client, comms, article):
    revisions = article.revisions.count()
    filled = _po_fill(_export(client, article), {f"{article.pk}:summary": "Un résumé."})
    token = _token(_upload(client, filled))
    assert article.revisions.count() == revisions

    with translation.override("en"):
        draft = article.get_latest_revision_as_object()
        draft.summary_fr = "Un résumé écrit entre-temps."
        draft.save_revision()
    response = _confirm(client, token)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("changed since the preview, so nothing was imported" in m for m in messages)
    assert article.revisions.count() == revisions + 1  # only the editor's own
    assert _latest(article).summary_fr == "Un résumé écrit entre-temps."
    assert _confirm(client, token).status_code == 302  # the token is spent


def test_a_preview_can_be_confirmed_once(client, comms, article):
    filled = _po_fill(_export(client, article), {f"{article.pk}:summary": "Un résumé."})
    token = _token(_upload(client, filled))
    revisions = article.revisions.count()

    assert _confirm(client, token).status_code == 200
    again = _confirm(client, token)

    assert again.status_code == 302
    assert article.revisions.count() == revisions + 1


# Permissions, through the admin views


def test_a_members_editor_exports_and_imports_their_own_page(client, login_as, editor_a, article):
    login_as(editor_a.email)
    filled = _po_fill(_export(client, article), {f"{article.pk}:summary": "Un résumé."})

    _confirm(client, _token(_upload(client, filled)))

    assert _latest(article).summary_fr == "Un résumé."


def test_another_members_editor_can_neither_export_nor_import_the_page(client, login_as, comms, editor_b, article):
    filled = _po_fill(_export(client, article), {f"{article.pk}:summary": "Un résumé."})  # by comms
    revisions = article.revisions.count()
    client.logout()
    assert login_as(editor_b.email) == client.get(reverse("wagtailadmin_home")).wsgi_request.user

    url = reverse("translations_exchange:export", args=(article.pk,))
    for response in (
        client.get(url),
        client.post(url, {"language": "fr", "file_format": "po"}),
        client.get(reverse("translations_exchange:export_pages") + f"?id={article.pk}"),
    ):
        # Wagtail's admin turns PermissionDenied into a redirect home with a message.
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert "Content-Disposition" not in response
    html = _upload(client, filled).content.decode()

    assert "You may not edit the page “Lagos opens its slum upgrading fund”." in html
    assert "Nothing was imported." in html
    assert article.revisions.count() == revisions


def test_the_export_button_is_offered_only_on_pages_the_user_may_edit(client, login_as, editor_b, member_a, article):
    login_as(editor_b.email)
    page_url = reverse("wagtailadmin_explore", args=(member_a.pk,))
    export_url = reverse("translations_exchange:export", args=(article.pk,))

    response = client.get(page_url)

    assert export_url not in response.content.decode()


def test_the_export_button_is_in_the_listing_for_an_editor(client, login_as, editor_a, member_a, article):
    login_as(editor_a.email)

    html = client.get(reverse("wagtailadmin_explore", args=(member_a.pk,))).content.decode()

    assert reverse("translations_exchange:export", args=(article.pk,)) in html
    assert "Export for translation" in html


def test_the_bulk_action_hands_the_editable_pages_to_the_export_form(client, comms, article, make_news):
    other = make_news("Cotonou paves its market", date=date(2026, 2, 1))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "export_for_translation"))

    response = client.get(f"{url}?id={article.pk}&id={other.pk}")

    assert response.status_code == 302
    form = client.get(response["Location"])
    assert form.status_code == 200
    assert "Cotonou paves its market" in form.content.decode()


# Queries


def _make_articles(news_index, count: int, start: int) -> None:
    with translation.override("en"):
        for number in range(start, start + count):
            article = NewsPage(title=f"Article {number}", summary=f"About {number}.", body=BODY, date=date(2026, 1, 1))
            news_index.add_child(instance=article)
            revision = article.save_revision()
            revision.publish()
            if number % 2:  # a draft on top of what is live: its text comes from the revision
                draft = article.get_latest_revision_as_object()
                draft.summary = f"About {number}, revised."
                draft.save_revision()


def test_the_export_of_a_page_set_takes_a_constant_number_of_queries(client, comms, news_index):
    def measure() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            content = _export(client, news_index, descendants=True)
        return len(queries), len(polib.pofile(content.decode()))

    _make_articles(news_index, 3, 0)
    small, small_units = measure()
    _make_articles(news_index, 9, 3)
    large, large_units = measure()

    assert large_units > small_units
    assert large == small, (small, large)


# Pieces and the commands


def test_placeholders_of_every_kind_are_found():
    found = placeholders("%(name)s %s {name} {{ name }} {{other}} 100%% {0}")
    assert found == {"%(name)s": 1, "%s": 1, "{name}": 1, "{{name}}": 1, "{{other}}": 1, "{0}": 1}


def test_wagtails_stored_rich_text_passes_the_html_check():
    assert html_problems(RICH) == []
    assert html_problems('<p>a<br/>b</p><embed embedtype="image" id="1" format="left" alt="x"/>') == []


def test_the_commands_export_and_import(tmp_path, demo_site, article):
    path = tmp_path / "article-fr.po"
    call_command("export_translations", "--language", "fr", "--page", str(article.pk), "--output", str(path))
    path.write_bytes(_po_fill(path.read_bytes(), {f"{article.pk}:summary": "Un résumé."}))
    revisions = article.revisions.count()

    call_command("import_translations", str(path), "--language", "fr", "--user", "comms@demo.test", "--dry-run")
    assert article.revisions.count() == revisions
    call_command("import_translations", str(path), "--language", "fr", "--user", "comms@demo.test")

    assert article.revisions.count() == revisions + 1
    revision = article.revisions.order_by("-pk").first()
    assert revision.user == get_user_model().objects.get(email="comms@demo.test")
    assert _latest(article).summary_fr == "Un résumé."
