"""Turning what partners type into registers into clean values.

Every parser takes the raw cell value (str, int, float, datetime or None) and returns the clean
value, or raises `NormaliseError` with a message for the row report. None of them guesses: a value
that fits two readings is an error, so a person checks it (a wrong district or date in a case file
is worse than a missing one).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from casework.fields import ascii_digits  # noqa: F401  (one digit converter for forms and imports)

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_TO_BANGLA = str.maketrans("0123456789", BANGLA_DIGITS)


class NormaliseError(ValueError):
    """The value cannot be read; the message says why, in the reader's language."""


def bangla_digits(value: str) -> str:
    return value.translate(_TO_BANGLA)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value) -> str:
    """A cell as one tidy line of text: NFC, spaces collapsed, ends trimmed. Numbers as typed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(value))
    return " ".join(text.split())


def clean_multiline(value) -> str:
    """Like clean_text, but keeps line breaks (descriptions, addresses)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(lines).strip()


def match_key(value) -> str:
    """The comparison key for labels and list items: case, spacing and punctuation ignored.

    Letters and digits of any script are kept, and Bangla vowel signs (Unicode category M), so
    "Case  Category:" and "case-category" compare equal, and so do "কেসের ধরন" and "কেসের-ধরন".
    """
    text = ascii_digits(unicodedata.normalize("NFC", clean_text(value))).casefold()
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch).startswith("M"))


# --- Numbers ----------------------------------------------------------------------------------
_NUMBER_NOISE = re.compile(r"(?i)\b(bdt|tk|taka)\b\.?|৳|টাকা|/-|=/=")


def parse_decimal(value) -> Decimal | None:
    """An amount like "1,50,000", "৳ ১৫০০০০", "150000 Tk", 150000.0 → Decimal; blank → None."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise NormaliseError(_("not a number"))
    if isinstance(value, (int, float, Decimal)):
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:  # NaN, infinity
            raise NormaliseError(_("not a number")) from exc
    else:
        text = _NUMBER_NOISE.sub(" ", ascii_digits(clean_text(value)))
        text = text.replace(",", "").replace(" ", "")
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise NormaliseError(_("not a number"))
        number = Decimal(text)
    if not number.is_finite() or number < 0:
        raise NormaliseError(_("not a number"))
    return number


def parse_int(value, *, minimum: int = 0, maximum: int = 32767) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise NormaliseError(_("not a whole number"))
    if not minimum <= number <= maximum:
        raise NormaliseError(_("must be between %(min)s and %(max)s") % {"min": minimum, "max": maximum})
    return int(number)


# --- Dates ------------------------------------------------------------------------------------
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (the 1900 leap-year bug is before day 61)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "জানুয়ারি": 1, "ফেব্রুয়ারি": 2, "মার্চ": 3, "এপ্রিল": 4, "মে": 5, "জুন": 6, "জুলাই": 7, "আগস্ট": 8,
    "সেপ্টেম্বর": 9, "অক্টোবর": 10, "নভেম্বর": 11, "ডিসেম্বর": 12,
}
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})")
_D_MON_Y = re.compile(r"(\d{1,2})\s*[\s\-/.,]\s*([^\W\d_]+)\.?\s*[\s\-/.,]\s*(\d{4}|\d{2})")
MIN_YEAR, MAX_YEAR = 1940, 2100


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:
        # Two-digit years: this century unless that would be in the future.
        year += 2000 if 2000 + year <= today.year + 1 else 1900
    return year


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise NormaliseError(_("the year is out of range"))
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise NormaliseError(_("not a real date (day/month/year)")) from exc


def parse_date(value, *, today: dt.date | None = None) -> dt.date | None:
    """A date from an Excel date, an Excel serial number, dd/mm/yyyy, dd-mm-yy, yyyy-mm-dd,
    "5 Jan 2024", in Bangla or ASCII digits. Day comes before month (Bangladeshi usage)."""
    today = today or dt.date.today()
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _make_date(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise NormaliseError(_("not a date"))
    if isinstance(value, (int, float, Decimal)):
        return _excel_serial(value)
    text = ascii_digits(clean_text(value)).casefold()
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial number that arrived as text (CSV)
        return _excel_serial(float(text))
    if m := _YMD.fullmatch(text):
        return _make_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.fullmatch(text):
        return _make_date(_year(m[3], today), int(m[2]), int(m[1]))
    if m := _D_MON_Y.fullmatch(text):
        month = _MONTHS.get(m[2]) or _MONTHS.get(m[2][:3])
        if month:
            return _make_date(_year(m[3], today), month, int(m[1]))
    raise NormaliseError(_("not a date we can read (write day/month/year)"))


def _excel_serial(number) -> dt.date:
    number = float(number)
    # 1940-01-01 .. 2100-12-31 as serials; anything else is not a date in a case register.
    if not 14611 <= number <= 73415:
        raise NormaliseError(_("not a date"))
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


# --- Gender -----------------------------------------------------------------------------------
_GENDER_WORDS = {
    "female": ["female", "f", "woman", "women", "girl", "fem", "mohila", "nari", "মহিলা", "নারী", "মেয়ে", "স্ত্রী"],
    "male": ["male", "m", "man", "men", "boy", "purush", "পুরুষ", "ছেলে", "পুং", "পু"],
    "other": ["other", "others", "o", "third gender", "transgender", "hijra", "tritiyo linga",
              "তৃতীয় লিঙ্গ", "হিজড়া", "অন্যান্য", "অন্য"],
}
GENDER_LOOKUP = {match_key(word): code for code, words in _GENDER_WORDS.items() for word in words}


def parse_gender(value) -> str | None:
    """'F', 'Female', 'মহিলা', 'নারী', 'M.', 'পুরুষ', 'third gender'… → female/male/other."""
    if is_blank(value):
        return None
    code = GENDER_LOOKUP.get(match_key(value))
    if code is None:
        raise NormaliseError(_("gender not understood (write female, male or other)"))
    return code


# --- Yes / no ---------------------------------------------------------------------------------
_YES = {match_key(w) for w in ["yes", "y", "true", "1", "হ্যাঁ", "হাঁ", "হা", "জি", "আছে"]}
_NO = {match_key(w) for w in ["no", "n", "false", "0", "না", "নাই", "নেই"]}


def parse_yes_no(value) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    key = match_key(value)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise NormaliseError(_("write yes or no"))


# --- Phone numbers ----------------------------------------------------------------------------
_PHONE = re.compile(r"(?:\+?88|0088)?0?(1[3-9]\d{8})")


def parse_phone(value) -> str:
    """A Bangladeshi mobile number in any common writing → +8801XXXXXXXXX; blank → "".

    Accepts 01712-345678, +880 1712 345678, 8801712345678, 008801712345678, Bangla digits, and
    1712345678 (Excel drops the leading zero of numbers stored as numbers).
    """
    if is_blank(value):
        return ""
    if isinstance(value, float):
        if not value.is_integer():
            raise NormaliseError(_("not a mobile number"))
        value = int(value)
    text = ascii_digits(clean_text(value))
    if re.search(r"[^\d\s+\-().]", text):
        raise NormaliseError(_("not a mobile number"))
    digits = re.sub(r"[\s\-().]", "", text)
    if "+" in digits[1:]:
        raise NormaliseError(_("not a mobile number"))
    m = _PHONE.fullmatch(digits)
    if not m:
        raise NormaliseError(_("not a Bangladeshi mobile number (01XXXXXXXXX)"))
    return "+880" + m[1]


# --- Passport and NID -------------------------------------------------------------------------
def parse_passport(value) -> str:
    """Letters and digits only, upper case: 'eb 0123456' → 'EB0123456'."""
    if is_blank(value):
        return ""
    text = re.sub(r"[\s\-./]", "", ascii_digits(clean_text(value))).upper()
    if not re.fullmatch(r"[A-Z0-9]{6,15}", text) or not re.search(r"\d", text):
        raise NormaliseError(_("not a passport number (letters and digits)"))
    return text


def parse_nid(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    digits = re.sub(r"[\s\-]", "", ascii_digits(clean_text(value)))
    if not re.fullmatch(r"\d{10}|\d{13}|\d{17}", digits):
        raise NormaliseError(_("an NID has 10, 13 or 17 digits"))
    return digits


# --- Several items in one cell ----------------------------------------------------------------
_SPLIT = re.compile(r"\s*[;\n|,،]\s*")


def split_items(value) -> list[str]:
    """'Fraud; Wage theft', 'Fraud, Wage theft', one per line → the separate items, blanks dropped."""
    if is_blank(value):
        return []
    text = unicodedata.normalize("NFC", str(value))
    return [part.strip() for part in _SPLIT.split(text) if part and part.strip()]


def match_items(value, lookup: dict[str, object]) -> tuple[list, list[str]]:
    """Match a cell naming one or several list items against `lookup` (match_key → item).

    The whole cell is tried first, so an item whose name contains a comma still matches.
    Returns (items found, pieces not understood).
    """
    if is_blank(value):
        return [], []
    whole = lookup.get(match_key(value))
    if whole is not None:
        return [whole], []
    found, unknown = [], []
    for piece in split_items(value):
        item = lookup.get(match_key(piece))
        if item is None:
            unknown.append(piece)
        elif item not in found:
            found.append(item)
    return found, unknown
