"""Pages and other text go out gzip-compressed to browsers that accept it; downloads do not
(portal.middleware.TextGZipMiddleware)."""

import gzip
import io
import re

import openpyxl
import pytest
from django.http import FileResponse, HttpResponse
from django.test import RequestFactory

from portal.middleware import TextGZipMiddleware

pytestmark = pytest.mark.django_db
GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def _without_tokens(html: str) -> str:
    """CSRF tokens are masked afresh in every response (the session-timeout script carries one)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'data-csrf="[^"]+"', "", html)


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_a_report_page_is_sent_compressed_and_reads_the_same(report_data, reporter, client, lang):
    client.force_login(reporter("programme_lead"))
    url = f"/{lang}/reports/district/"
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain and packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert _without_tokens(html) == _without_tokens(plain.content.decode())
    assert len(packed.content) < len(plain.content) / 4  # 100 kB and more of HTML, most of it repeated
    # The security headers are still there.
    assert packed["Content-Security-Policy"] == plain["Content-Security-Policy"]


def test_the_public_portal_is_sent_compressed(client, home_pages):
    response = client.get("/bn/", **GZIP)
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert "<html" in gzip.decompress(response.content).decode()


def test_an_xlsx_export_is_not_compressed_again(report_data, reporter, client):
    client.force_login(reporter("programme_lead"))
    response = client.get("/en/reports/district/xlsx/", **GZIP)
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


@pytest.mark.parametrize("make", [
    lambda: HttpResponse(b"%PDF-1.7 " + b"x" * 5000, content_type="application/pdf"),
    lambda: FileResponse(io.BytesIO(b"\xff\xd8" + b"y" * 5000), content_type="image/jpeg"),
])
def test_downloads_keep_their_bytes_and_length(make):
    request = RequestFactory().get("/", **GZIP)
    response = TextGZipMiddleware(lambda r: make())(request)
    assert "Content-Encoding" not in response
    body = b"".join(response) if response.streaming else response.content
    assert len(body) > 5000


def test_text_is_not_compressed_for_a_client_that_does_not_ask():
    request = RequestFactory().get("/")
    response = TextGZipMiddleware(lambda r: HttpResponse("<p>" + "আ" * 2000 + "</p>"))(request)
    assert "Content-Encoding" not in response and response.content.decode().startswith("<p>")
