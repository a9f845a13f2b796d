"""Logos go through Wagtail's image upload, which must refuse what we can't or shouldn't serve."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "#0b5c8c").save(buffer, "PNG")
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny file whose header claims a huge image: a decompression bomb if decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def _upload(client, member, name: str, content: bytes, content_type: str = "image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Logo",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": member.team.collection_id,
        },
    )


def test_member_editor_uploads_a_logo_into_their_collection(client, login_as, editor_a, member_a):
    login_as("member@demo.test")

    response = _upload(client, member_a, "logo.png", _png(400, 400))

    assert response.status_code == 302
    assert get_image_model().objects.get(title="Logo").collection_id == member_a.team.collection_id


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bomb.png", _png_claiming(50_000, 50_000), "too many pixels"),
        ("logo.gif", b"GIF89a" + b"\0" * 64, "Not a supported image format"),
        ("logo.png", b"this is not an image at all", "Upload a valid image"),
        ("huge.png", b"\x89PNG" + b"\0" * (5 * 1024 * 1024 + 1), "This file is too big"),
    ],
)
def test_bad_logo_files_get_a_clear_message(client, login_as, editor_a, member_a, name, content, message):
    login_as("member@demo.test")

    response = _upload(client, member_a, name, content)

    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not get_image_model().objects.exists()


def test_editor_of_a_cannot_upload_into_bs_collection(client, login_as, editor_a, member_b):
    login_as("member@demo.test")

    _upload(client, member_b, "logo.png", _png(200, 200))

    assert not get_image_model().objects.filter(collection=member_b.team.collection).exists()
