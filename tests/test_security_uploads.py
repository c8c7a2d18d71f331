"""Uploads (issue 8, item 3): size, pixel and type limits through the real admin views, and
documents served only as downloads through Wagtail's serve view."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from editorial.roles import EDITORS
from tests.test_editorial_helpers import make_member

TEN_MB = 10 * 1024 * 1024


def png_bytes(width=40, height=30) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), (40, 120, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
DOCX = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODT = zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
VTT = b"WEBVTT\n\n00:00.000 --> 00:02.000\nHallo\n"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


@pytest.fixture
def editor_client(home_pages):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(make_member("redacteur", EDITORS))
    return client


def root_collection_id() -> int:
    return Collection.get_first_root_node().pk


def add_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": root_collection_id(),
        },
    )


def add_images_multiple(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": root_collection_id(),
        },
    )


def add_document(client, name, content, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Upload",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": root_collection_id(),
        },
    )


def add_documents_multiple(client, name, content, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": root_collection_id(),
        },
    )


def one_colour_png(width, height) -> bytes:
    """A large one-colour PNG: few kilobytes on disk, many pixels when decoded."""
    buffer = io.BytesIO()
    PillowImage.new("1", (width, height), 1).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


BAD_IMAGES = [
    pytest.param("big.png", png_bytes() + b"\x00" * TEN_MB, "This file is too big", id="11 MB"),
    pytest.param("huge.png", one_colour_png(8000, 6000), "too many pixels", id="48 megapixels"),
    pytest.param(
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "Not a supported image format",
        id="svg",
    ),
    pytest.param("photo.png", HTML, "Upload a valid image", id="html named png"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES)
def test_bad_images_are_form_errors_in_the_image_form(editor_client, name, content, message):
    response = add_image(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD_IMAGES)
def test_bad_images_are_errors_in_the_multiple_uploader(editor_client, name, content, message):
    response = add_images_multiple(editor_client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert get_image_model().objects.count() == 0


@pytest.mark.django_db
def test_a_good_image_is_accepted_in_both_uploaders(editor_client):
    assert add_image(editor_client, "ok.png", png_bytes()).status_code == 302
    response = add_images_multiple(editor_client, "ok2.png", png_bytes())
    assert response.json()["success"] is True
    assert get_image_model().objects.count() == 2


BAD_DOCUMENTS = [
    pytest.param("verslag.pdf", PDF + b"\x00" * TEN_MB, "This file is too big", id="11 MB"),
    pytest.param("setup.exe", b"MZ\x90\x00" + b"\x00" * 200, "Allowed extensions", id="exe"),
    pytest.param("page.html", HTML, "Allowed extensions", id="html"),
    pytest.param("image.svg", b"<svg/>", "Allowed extensions", id="svg"),
    pytest.param("verslag.pdf", HTML, "not a valid .pdf file", id="html named pdf"),
    pytest.param("verslag.docx", HTML, "not a valid .docx file", id="html named docx"),
    pytest.param("verslag.odt", DOCX, "not a valid .odt file", id="docx named odt"),
    pytest.param("ondertitels.vtt", HTML, "not a valid .vtt file", id="html named vtt"),
    pytest.param("clip.mp4", HTML, "not a valid .mp4 file", id="html named mp4"),
    pytest.param("clip.webm", PDF, "not a valid .webm file", id="pdf named webm"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD_DOCUMENTS)
def test_bad_documents_are_form_errors_in_the_document_form(editor_client, name, content, message):
    response = add_document(editor_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_document_model().objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), BAD_DOCUMENTS)
def test_bad_documents_are_errors_in_the_multiple_uploader(editor_client, name, content, message):
    response = add_documents_multiple(editor_client, name, content)
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert message in data["error_message"]
    assert get_document_model().objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("verslag.pdf", PDF),
        ("verslag.docx", DOCX),
        ("verslag.odt", ODT),
        ("ondertitels.vtt", VTT),
        ("ondertitels-bom.vtt", b"\xef\xbb\xbf" + VTT),
        ("clip.mp4", MP4),
        ("clip.webm", WEBM),
    ],
)
def test_every_allowed_document_type_is_accepted(editor_client, name, content):
    assert add_document(editor_client, name, content).status_code == 302
    assert add_documents_multiple(editor_client, name, content).json()["success"] is True
    assert get_document_model().objects.count() == 2


@pytest.mark.django_db
def test_documents_are_downloads_through_the_serve_view(settings, editor_client, tmp_path):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    # Files on disk, as in production (the tests' in-memory storage cannot be sent).
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    add_document(editor_client, "verslag.pdf", PDF)
    document = get_document_model().objects.get()
    assert document.url == f"/documents/{document.pk}/{document.filename}"
    assert document.filename.endswith(".pdf")
    response = Client().get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == PDF
