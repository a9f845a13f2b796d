"""The application form: in nine languages, each application kept with its language, the
secretariat emailed, attachments checked, spam held back, and the admin's list and CSV."""

import csv
import html
import io
import socket

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from portal.applications import demo, demo_content
from portal.applications.models import ApplicationAttachment, ApplicationFormPage, ApplicationSubmission

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def form_page(home_page, settings, tmp_path) -> ApplicationFormPage:
    settings.APPLICATIONS_PRIVATE_ROOT = tmp_path / "private"
    return demo.ensure_demo_application_form(home=home_page, stdout=io.StringIO())


def _url(page: ApplicationFormPage, language: str) -> str:
    with translation.override(language):
        return page.url


def _names(page: ApplicationFormPage) -> dict[str, str]:
    """The demo's field keys ("email", "area"...) by the field's stored name."""
    fields = page.get_form_fields()
    return {key: field.clean_name for (key, _type, _required), field in zip(demo_content.FIELDS, fields, strict=True)}


def _answers(page: ApplicationFormPage, **overrides) -> dict:
    names = _names(page)
    answers = {
        "organisation": "Cotonou city council",
        "name": "Amina Diallo",
        "email": "amina@cotonou.test",
        "country": "Benin",
        "city": "Cotonou",
        "area": demo_content.CHOICES["area"]["en"][1],
        "amount": "120000",
        "description": "Upgrading three informal settlements with their residents.",
        "consent": "on",
        **overrides,
    }
    return {names[key]: value for key, value in answers.items() if value is not None}


def test_the_form_shows_its_labels_help_and_choices_in_the_visitors_language(client, form_page):
    response = client.get(_url(form_page, "ar"))

    page = response.content.decode()
    assert response.status_code == 200
    assert demo_content.LABELS["ar"]["organisation"][0] in page
    assert demo_content.LABELS["ar"]["email"][1] in page
    # The option reads in Arabic and is sent as its English text.
    assert f'value="Benin">{demo_content.CHOICES["country"]["ar"][0]}</option>' in page
    assert demo_content.LABELS["en"]["organisation"][0] not in page


@pytest.mark.parametrize("language", ["ar", "sw"])
def test_an_application_keeps_its_language_and_reaches_the_secretariat(client, form_page, language):
    response = client.post(_url(form_page, language), _answers(form_page, country="Kenya"))

    assert response.status_code == 200
    assert "notice--success" in response.content.decode()
    submission = ApplicationSubmission.objects.get()
    assert submission.language == language
    assert submission.get_data()[_names(form_page)["country"]] == "Kenya"  # stored in English
    to_secretariat, to_applicant = mail.outbox
    assert to_secretariat.to == [demo_content.SECRETARIAT_ADDRESS]
    assert to_secretariat.reply_to == ["amina@cotonou.test"]
    assert f"({language})" in to_secretariat.subject
    assert "Requested amount (USD):\n120000" in to_secretariat.body  # English labels for the secretariat
    assert to_applicant.to == ["amina@cotonou.test"]
    assert to_applicant.subject == demo_content.PAGE[language][4]
    assert demo_content.LABELS[language]["amount"][0] in to_applicant.body
    assert demo_content.CHOICES["country"][language][4] in to_applicant.body  # Kenya, in their language


def test_a_form_with_errors_says_so_in_arabic_and_keeps_the_answers(client, form_page):
    response = client.post(_url(form_page, "ar"), _answers(form_page, email="not an address", consent=None))

    page = response.content.decode()
    assert response.status_code == 200
    assert "يرجى إدخال عنوان بريد إلكتروني صحيح" in page  # Django's own Arabic message
    assert 'value="Cotonou city council"' in page
    assert "Upgrading three informal settlements" in page
    assert ApplicationSubmission.objects.count() == 0
    assert mail.outbox == []


def test_a_real_document_is_kept_privately_with_the_application(client, form_page, settings):
    names = _names(form_page)
    upload = SimpleUploadedFile("Budget plan.pdf", PDF, content_type="application/octet-stream")

    response = client.post(_url(form_page, "fr"), {**_answers(form_page), names["attachment"]: upload})

    assert response.status_code == 200
    attachment = ApplicationAttachment.objects.get()
    assert attachment.original_name == "Budget plan.pdf"
    assert attachment.content_type == "application/pdf"  # what it is, not what the browser said
    assert (settings.APPLICATIONS_PRIVATE_ROOT / attachment.file.name).read_bytes() == PDF
    assert not str(settings.APPLICATIONS_PRIVATE_ROOT).startswith(str(settings.MEDIA_ROOT))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00" + b"\x00" * 60, "Attach a file in one of these formats"),
        ("report.pdf", b"MZ\x90\x00" + b"\x00" * 60, "The file's content is not a .pdf file"),
        ("large.pdf", PDF + b"0" * 2048, "The file is larger than 1.0\xa0KB"),
    ],
)
def test_an_attachment_of_the_wrong_type_or_size_is_refused(client, form_page, settings, name, content, message):
    settings.APPLICATIONS_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile(name, content)

    response = client.post(_url(form_page, "en"), {**_answers(form_page), _names(form_page)["attachment"]: upload})

    page = html.unescape(response.content.decode())
    assert message in page
    assert "Choose the file again" in page
    assert ApplicationSubmission.objects.count() == 0


def test_a_filled_honeypot_looks_sent_but_keeps_and_sends_nothing(client, form_page):
    response = client.post(_url(form_page, "en"), {**_answers(form_page), "website-url": "http://spam.test"})

    assert response.status_code == 200
    assert "notice--success" in response.content.decode()
    assert ApplicationSubmission.objects.count() == 0
    assert mail.outbox == []


def test_too_many_applications_from_one_address_are_held_back_with_the_answers_kept(client, form_page, settings):
    settings.APPLICATIONS_PER_HOUR = 2
    url = _url(form_page, "es")
    for _ in range(2):
        assert client.post(url, _answers(form_page)).status_code == 200

    response = client.post(url, _answers(form_page, organisation="Third council"))

    assert response.status_code == 429
    assert "Demasiadas solicitudes" in response.content.decode()
    assert 'value="Third council"' in response.content.decode()
    assert ApplicationSubmission.objects.count() == 2


def test_a_request_too_large_to_read_gets_a_clear_page(client, form_page, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3

    response = client.post(_url(form_page, "en"), _answers(form_page))

    assert response.status_code == 400
    assert "could not be read" in response.content.decode()
    assert ApplicationSubmission.objects.count() == 0


def test_a_mail_server_that_is_down_loses_no_application(client, form_page, settings):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once the socket closes
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 1

    response = client.post(_url(form_page, "en"), _answers(form_page))

    assert response.status_code == 200
    assert ApplicationSubmission.objects.count() == 1


def _submit(client, page, language, **overrides):
    client.post(_url(page, language), _answers(page, **overrides))
    client.logout()


def test_the_admin_lists_and_exports_applications_with_their_language(client, form_page, login_as):
    _submit(client, form_page, "ar")
    _submit(client, form_page, "sw", organisation='=HYPERLINK("http://evil.test")')
    login_as("comms@demo.test")

    listing = client.get(f"/admin/forms/submissions/{form_page.pk}/")
    export = client.get(f"/admin/forms/submissions/{form_page.pk}/?export=csv")

    assert "Arabic (ar)" in listing.content.decode()
    assert "Swahili (sw)" in listing.content.decode()
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert sorted(row["Language"] for row in rows) == ["Arabic (ar)", "Swahili (sw)"]
    organisations = {row["Language"]: row["Organisation name"] for row in rows}
    assert organisations["Swahili (sw)"].startswith("'=")  # stays text in a spreadsheet


def test_attachments_are_for_the_communications_team_only(client, form_page, login_as, editor_a):
    upload = SimpleUploadedFile("plan.pdf", PDF)
    client.post(_url(form_page, "en"), {**_answers(form_page), _names(form_page)["attachment"]: upload})
    attachment = ApplicationAttachment.objects.get()
    url = f"/admin/applications/attachments/{attachment.pk}/"

    login_as("member@demo.test")
    refused = client.get(url)
    client.logout()
    login_as("comms@demo.test")
    download = client.get(url)

    assert refused.status_code in (302, 403)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="plan.pdf"')
    assert b"".join(download.streaming_content) == PDF


def test_the_demo_form_is_made_once(home_page, form_page):
    again = demo.ensure_demo_application_form(home=home_page, stdout=io.StringIO())

    assert again.pk == form_page.pk
    assert ApplicationFormPage.objects.count() == 1
    assert form_page.form_fields.count() == len(demo_content.FIELDS)


def test_the_communications_team_edits_the_form_in_every_language(client, form_page, login_as):
    login_as("comms@demo.test")

    response = client.get(f"/admin/pages/{form_page.pk}/edit/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "form_fields-0-label_sw" in page
    assert demo_content.LABELS["sw"]["organisation"][0] in page
