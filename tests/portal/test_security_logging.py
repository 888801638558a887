"""Personal data never reaches the logs: phone and passport numbers and query strings are scrubbed."""

import logging

import pytest

from portal.logging import GunicornAccessFilter, ScrubPersonalDataFilter, scrub


@pytest.mark.parametrize("text", [
    "01712345678", "+8801712345678", "8801712345678", "01712-345678", "0171 234 5678", "+880 1712-345678",
    "০১৭১২৩৪৫৬৭৮", "+৮৮০১৭১২৩৪৫৬৭৮", "+966 50 123 4567", "0096650123456",
])
def test_phone_numbers_are_scrubbed(text):
    out = scrub(f"called {text} today")
    assert out == "called [phone removed] today"


@pytest.mark.parametrize("text", ["EB1234567", "A01234567", "bx0123456"])
def test_passport_numbers_are_scrubbed(text):
    assert scrub(f"passport {text} seen") == "passport [passport removed] seen"


def test_query_strings_are_removed_but_paths_kept():
    line = '127.0.0.1 - "GET /en/cases/?q=Rahima+Begum&district=12 HTTP/1.1" 200'
    assert scrub(line) == '127.0.0.1 - "GET /en/cases/?[query removed] HTTP/1.1" 200'


def test_ordinary_text_and_case_numbers_survive():
    for text in ("Case PRT-2026-00042 moved to review", "200 OK in 35 ms", "user 17 signed in", "2026-03-01"):
        assert scrub(text) == text


def test_filter_scrubs_message_and_arguments():
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1,
                               "Not Found: %s (phone %s)", ("/en/x/?name=Rahima", "01812345678"), None)
    record.request = object()
    assert ScrubPersonalDataFilter().filter(record)
    assert record.getMessage() == "Not Found: /en/x/?[query removed] (phone [phone removed])"
    assert record.request is None


def test_gunicorn_access_record_atoms_are_scrubbed():
    atoms = {"r": "GET /en/search/?query=01712345678 HTTP/1.1", "U": "/en/search/", "q": "query=01712345678",
             "s": "200"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, '"%(r)s" %(s)s %(q)s', atoms, None)
    GunicornAccessFilter().filter(record)
    message = record.getMessage()
    assert "01712345678" not in message and "query=" not in message
    assert message.startswith('"GET /en/search/?[query removed] HTTP/1.1" 200')


def test_settings_wire_the_filter_to_every_handler(settings):
    config = settings.LOGGING
    assert config["filters"]["scrub_personal_data"]["()"] == "portal.logging.ScrubPersonalDataFilter"
    for handler in config["handlers"].values():
        assert "scrub_personal_data" in handler.get("filters", [])
    for name in ("django.server", "django.request"):
        logger = logging.getLogger(name)
        handlers = logger.handlers or logging.getLogger().handlers
        assert any(isinstance(f, ScrubPersonalDataFilter) for h in handlers for f in h.filters)


def test_runserver_style_log_line_is_scrubbed(caplog):
    handler = logging.getLogger("django.server").handlers[0]
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               ("GET /bn/search/?query=EB1234567 HTTP/1.1", "200", "512"), None)
    for f in handler.filters:
        f.filter(record)
    assert "EB1234567" not in record.getMessage() and "/bn/search/" in record.getMessage()
