"""A logging filter that keeps personal data out of logs: phone numbers, passport numbers, query strings.

Wired to every handler in settings.LOGGING (and to gunicorn's access log in portal/gunicorn_conf.py), so
Django's request log ("GET /en/cases/?q=Rahima HTTP/1.1"), runserver's log and our own loggers are all
scrubbed before anything reaches a file or a terminal. Search forms that take a name, phone or passport
number post them or put them in the query string; either way the query string never reaches a log.
"""

from __future__ import annotations

import logging
import re

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_D = f"[0-9{BANGLA_DIGITS}]"

# A URL's query string: from "?" up to whitespace or a closing quote (as in access-log request lines).
QUERY_STRING = re.compile(r"\?(?!\[query removed\])[^\s\"']*")  # (scrubbing twice is harmless)
# Bangladeshi mobiles (+880 1X…, 01X… in Latin or Bangla digits, with spaces or dashes) and any other
# international number of 8–15 digits.
PHONE = re.compile(
    rf"(?<![\w{BANGLA_DIGITS}])(?:(?:\+|00)?(?:880|৮৮০)[\s-]?)?(?:0|০)?(?:1|১)[3-9৩-৯](?:[\s-]?{_D}){{8}}(?![\w{BANGLA_DIGITS}])"
    rf"|(?<![\w{BANGLA_DIGITS}])(?:\+|00){_D}[\d\s-]{{7,16}}{_D}(?![\w{BANGLA_DIGITS}])"
)
# Passport numbers: Bangladesh's are one or two letters and 7 or 8 digits (A01234567, BX0123456).
PASSPORT = re.compile(r"\b[A-Za-z]{1,2}\d{7,8}\b")

REDACTED_QUERY = "?[query removed]"
REDACTED_PHONE = "[phone removed]"
REDACTED_PASSPORT = "[passport removed]"


def scrub(text: str) -> str:
    text = QUERY_STRING.sub(REDACTED_QUERY, text)
    text = PASSPORT.sub(REDACTED_PASSPORT, text)
    return PHONE.sub(REDACTED_PHONE, text)


def _scrub_value(value):
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, bytes):
        return scrub(value.decode("utf-8", "replace"))
    return value


class ScrubPersonalDataFilter(logging.Filter):
    """Rewrite the record's message so it carries no phone, passport number or query string.

    The message is formatted first (msg % args) and then scrubbed, so values passed as arguments are
    caught as well as those written into the message. Exception text is left alone: tracebacks carry code,
    not request data. Django's request loggers also attach the request object, which formatters do not
    print; it is dropped here anyway so that a handler that does print it cannot leak the query string.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: scrub what we have
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if hasattr(record, "request"):
            record.request = None
        return True


class GunicornAccessFilter(ScrubPersonalDataFilter):
    """Gunicorn's access records carry the request line and URL in record.args (a dict of atoms)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            # "q" is the bare query string (no "?" to match), so it goes whole.
            record.args = {k: (REDACTED_QUERY[1:] if k == "q" and v else _scrub_value(v))
                           for k, v in record.args.items()}
        return super().filter(record)


def _gunicorn_logger_class():
    from gunicorn.glogging import Logger

    class ScrubbingGunicornLogger(Logger):
        """Gunicorn's logger with the scrubbing filter on every handler it sets up (access and error)."""

        def setup(self, cfg):
            super().setup(cfg)
            for log, flt in ((self.access_log, GunicornAccessFilter()), (self.error_log, ScrubPersonalDataFilter())):
                for handler in log.handlers:
                    if not any(isinstance(f, ScrubPersonalDataFilter) for f in handler.filters):
                        handler.addFilter(flt)

    return ScrubbingGunicornLogger


def __getattr__(name):
    # Imported lazily so that Django processes that never run gunicorn do not load it.
    if name == "GunicornLogger":
        return _gunicorn_logger_class()
    raise AttributeError(name)
