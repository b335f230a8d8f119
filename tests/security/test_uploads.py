"""Uploads through the real admin forms: images by content, bombs refused quickly, documents by content."""

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction

from home.models import CustomDocument, CustomImage
from tests.conftest import log_in


def png_bytes(size=(32, 24), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, fmt)
    return buffer.getvalue()


def _chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width, height):
    """A tiny PNG that claims width×height pixels: IHDR + a few KB of compressed zero rows."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    data = zlib.compress(b"\x00" * 4_000_000, 9)  # ~4 KB that inflate to 4 MB of zero rows
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")


@pytest.fixture
def admin_client(client, superuser):
    return log_in(client, superuser)


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def upload_document(client, name, content, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(("name", "fmt"), [("ok.png", "PNG"), ("ok.jpg", "JPEG"), ("ok.webp", "WEBP")])
def test_real_images_are_accepted(admin_client, name, fmt):
    response = upload_image(admin_client, name, png_bytes(fmt=fmt))
    assert response.status_code == 302, response.content.decode()[:500]
    assert CustomImage.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("photo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        ("photo.jpg", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("photo.gif", b"GIF89a" + b"\x00" * 64),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20),
    ],
)
def test_non_images_are_refused(admin_client, name, content):
    response = upload_image(admin_client, name, content)
    assert response.status_code == 200  # the form again, with an error
    assert 'class="error-message"' in response.content.decode() or "error" in response.content.decode()
    assert not CustomImage.objects.exists()


@pytest.mark.parametrize(("width", "height"), [(50_000, 50_000), (10_000, 4_001), (2**31 - 1, 2**31 - 1)])
def test_decompression_bombs_are_refused_quickly(admin_client, width, height):
    bomb = png_bomb(width, height)
    assert len(bomb) < 200_000
    started = time.perf_counter()
    response = upload_image(admin_client, "bomb.png", bomb)
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert not CustomImage.objects.exists()


def test_images_over_ten_megabytes_are_refused(admin_client):
    big = png_bytes() + b"\x00" * (10 * 1024 * 1024)
    response = upload_image(admin_client, "big.png", big)
    assert response.status_code == 200
    assert not CustomImage.objects.exists()


def office_bytes(part="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("goals.docx", office_bytes()),
        ("budget.xlsx", office_bytes("xl/workbook.xml")),
        ("list.csv", "名前,曜日\nひろば,火曜\n".encode()),
        ("list-sjis.csv", "名前,曜日\nひろば,火曜\n".encode("cp932")),
    ],
)
def test_permitted_documents_are_accepted(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:500]
    assert CustomDocument.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.html", b"<html></html>"),
        ("goals.docx", b"MZ\x90\x00" + b"\x00" * 100),
        ("goals.docx", office_bytes("xl/workbook.xml")),
        ("notes.txt", b"<svg onload=alert(1)>"),
        ("data.csv", b"\x00\x01\x02binary"),
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1)),
    ],
)
def test_mismatched_documents_are_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    assert not CustomDocument.objects.exists()


def test_private_collections_never_leak_through_the_api(client, db):
    root = Collection.get_first_root_node()
    private = root.add_child(name="内部資料")
    inner = private.add_child(name="会議録")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    public_doc = CustomDocument.objects.create(
        title="公開資料", file=SimpleUploadedFile("public.pdf", b"%PDF-1.4"), collection=root
    )
    hidden = [
        CustomDocument.objects.create(
            title=f"非公開{n}", file=SimpleUploadedFile(f"p{n}.pdf", b"%PDF-1.4"), collection=c
        )
        for n, c in enumerate((private, inner))
    ]
    hidden_image = CustomImage.objects.create(
        title="非公開画像", file=SimpleUploadedFile("p.png", png_bytes()), collection=inner
    )
    listing = client.get("/api/v2/documents/").json()
    assert [item["id"] for item in listing["items"]] == [public_doc.pk]
    for doc in hidden:
        assert client.get(f"/api/v2/documents/{doc.pk}/").status_code == 404
        served = client.get(f"/documents/{doc.pk}/{doc.file.name.split('/')[-1]}")
        assert served.status_code in (302, 403)  # sent to the login page, never the file
    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/images/{hidden_image.pk}/").status_code == 404
