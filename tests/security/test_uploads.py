"""Malformed uploads a member editor or an applicant can send, beyond the size, format and pixel
checks tests/members/test_logo_uploads.py and tests/applications already make: each is refused with
a clear message on the redisplayed form, never a server error, and nothing is kept."""

import html
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from events.models import EventPage
from portal.applications import demo as applications_demo
from portal.applications.models import ApplicationSubmission
from tests.applications.test_application_form import _answers as _application_answers
from tests.applications.test_application_form import _names as _application_names


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "#0b5c8c").save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_truncated_jpeg_is_refused(client, login_as, editor_a, member_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login_as("member@demo.test")
    jpeg = _jpeg()

    response = client.post(
        "/admin/images/add/",
        {
            "title": "Half a photo",
            "file": SimpleUploadedFile("photo.jpg", jpeg[: len(jpeg) // 2], content_type="image/jpeg"),
            "collection": member_a.team.collection_id,
        },
    )

    assert response.status_code == 200
    assert "upload a valid image" in response.content.decode().lower()
    assert not get_image_model().objects.exists()


def test_a_truncated_jpeg_attached_to_a_posted_event_is_refused(
    client, login_as, diary, moderation_workflow, event_form_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    login_as("city@demo.test")
    jpeg = _jpeg()
    upload = SimpleUploadedFile("photo.jpg", jpeg[: len(jpeg) // 2], content_type="image/jpeg")

    response = client.post("/en/members-area/events/new/", {**event_form_data(image_alt="A photo"), "image": upload})

    assert response.status_code == 200
    assert "image" in response.context["form"].errors
    assert 'value="Slum upgrading workshop"' in response.content.decode(), "the rest of the form is kept"
    assert not EventPage.objects.exists() and not get_image_model().objects.exists()


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "setup.exe"])
def test_a_document_with_an_extension_we_do_not_serve_is_refused(
    client, login_as, editor_a, member_a, name, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    login_as("member@demo.test")

    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Annual report",
            "file": SimpleUploadedFile(name, b"<script>alert(1)</script>"),
            "collection": member_a.team.collection_id,
        },
    )

    assert response.status_code == 200
    assert "not allowed" in html.unescape(response.content.decode())
    assert 'value="Annual report"' in response.content.decode()
    assert not get_document_model().objects.exists()


def test_an_application_attachment_named_pdf_that_is_an_image_is_refused(client, home_page, settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_ROOT = tmp_path / "private"
    form_page = applications_demo.ensure_demo_application_form(home=home_page, stdout=io.StringIO())
    attachment = _application_names(form_page)["attachment"]
    with translation.override("en"):
        url = form_page.url

    response = client.post(
        url, {**_application_answers(form_page), attachment: SimpleUploadedFile("plan.pdf", _jpeg())}
    )

    assert response.status_code == 200
    assert "The file's content is not a .pdf file" in html.unescape(response.content.decode())
    assert not ApplicationSubmission.objects.exists()
