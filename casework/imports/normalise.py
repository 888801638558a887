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
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from casework.fields import PASSPORT, ascii_digits

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
    if value.__class__ is not str:  # most cells are text: one check for them (37 calls a row)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, (dt.datetime, dt.date)):
            value = value.strftime("%d/%m/%Y")
        value = str(value)
    return " ".join(unicodedata.normalize("NFC", value).split())


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
    # Plain text is remembered (the same genders, districts and categories come in every row).
    return _text_key(value) if value.__class__ is str else _key(value)


def _key(value) -> str:
    text = ascii_digits(unicodedata.normalize("NFC", clean_text(value))).casefold()
    return "".join(ch for ch in text if ch.isalnum() or unicodedata.category(ch).startswith("M"))


_text_key = lru_cache(maxsize=50_000)(_key)


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


# Money columns are whole taka in the database (decimal_places=0, max_digits=12).
MONEY_LIMIT = Decimal(10) ** 12


def parse_money(value) -> Decimal | None:
    """An amount in whole taka: "1,50,000.60" → 150001 (half up), as the database keeps it.

    Rounded before the size check, so "999999999999.9" (13 digits once rounded) is refused here
    instead of reaching a 12-digit column (SQLite would store it as a float that no page can read).
    """
    number = parse_decimal(value)
    if number is None:
        return None
    # Checked before rounding too: quantize() itself fails on numbers of more than 28 digits.
    if number >= MONEY_LIMIT or (number := number.quantize(Decimal(1), rounding=ROUND_HALF_UP)) >= MONEY_LIMIT:
        raise NormaliseError(_("the amount is too large"))
    return number


# Words people write after an age or a head count: "32 yrs", "৩২ বছর", "২ জন", "5 members".
_AGE_UNITS = re.compile(r"(?i)\s*(?:years?|yrs?|y\.?\s*o|বছর|বৎসর|বছর বয়স)\.?\s*$")
_COUNT_UNITS = re.compile(r"(?i)\s*(?:জন|জনে|persons?|people|members?|nos?)\.?\s*$")


def _without_unit(value, unit: re.Pattern):
    if isinstance(value, str):
        text = unit.sub("", clean_text(value))
        return text or value  # a unit alone is still "not a number"
    return value


def parse_age(value) -> int | None:
    return parse_int(_without_unit(value, _AGE_UNITS), minimum=10, maximum=100)


def parse_count(value, *, minimum: int = 1, maximum: int = 1000) -> int | None:
    return parse_int(_without_unit(value, _COUNT_UNITS), minimum=minimum, maximum=maximum)


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
_MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
    "জানুয়ারি": 1, "জানুয়ারী": 1, "ফেব্রুয়ারি": 2, "ফেব্রুয়ারী": 2, "মার্চ": 3, "এপ্রিল": 4, "মে": 5, "জুন": 6,
    "জুলাই": 7, "আগস্ট": 8, "আগষ্ট": 8, "অগাস্ট": 8, "সেপ্টেম্বর": 9, "অক্টোবর": 10, "নভেম্বর": 11, "ডিসেম্বর": 12,
}
# NFC, like the text they are compared with (য় is stored as two code points after NFC).
_MONTHS = {unicodedata.normalize("NFC", name): month for name, month in _MONTH_NAMES.items()}
# A time after the date ("2024-03-12 00:00:00": a date cell that came through as text) is dropped.
_TIME = r"(?:\s*t?\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm)?)?"
_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})" + _TIME)
_YMD = re.compile(r"(\d{4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})" + _TIME)
# A month name is any run of characters that are not digits, spaces or separators: Bangla month
# names carry vowel signs (Unicode category M), which [^\W\d_] would not match.
_MONTH = r"([^\s\d/.,\-]+)"
_D_MON_Y = re.compile(r"(\d{1,2})\s*[\s\-/.,]\s*" + _MONTH + r"\.?\s*[\s\-/.,]\s*(\d{4}|\d{2})")
_MON_D_Y = re.compile(_MONTH + r"\.?\s*[\s\-/.]\s*(\d{1,2})\s*(?:,\s*|[\s\-/.]\s*)(\d{4})")
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
    "5 Jan 2024", "১২ মার্চ ২০২৪", "March 12, 2024", in Bangla or ASCII digits. Day comes before
    month (Bangladeshi usage)."""
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
        if month := _month(m[2]):
            return _make_date(_year(m[3], today), month, int(m[1]))
    if m := _MON_D_Y.fullmatch(text):  # "March 12, 2024"
        if month := _month(m[1]):
            return _make_date(int(m[3]), month, int(m[2]))
    raise NormaliseError(_("not a date we can read (write day/month/year)"))


def _month(name: str) -> int | None:
    """'Mar', 'March', 'মার্চ' → 3 (English names by their first three letters)."""
    return _MONTHS.get(name) or (_MONTHS.get(name[:3]) if name.isascii() else None)


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


_INTERNATIONAL = re.compile(r"\+[1-9]\d{6,14}")


def parse_phone(value, *, international: bool = False) -> str:
    """A Bangladeshi mobile number in any common writing → +8801XXXXXXXXX; blank → "".

    Accepts 01712-345678, +880 1712 345678, 8801712345678, 008801712345678, Bangla digits, and
    1712345678 (Excel drops the leading zero of numbers stored as numbers). With `international`
    (the numbers the case form lets be abroad: family, agent, perpetrator), also +971 50 123 4567
    or 00971501234567 → +971501234567.
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
    if m:
        return "+880" + m[1]
    if international:
        number = "+" + digits[2:] if digits.startswith("00") else digits
        if _INTERNATIONAL.fullmatch(number) and not number.startswith("+880"):
            return number
        raise NormaliseError(_("not a mobile number: write 01XXXXXXXXX, or + and the country code for a number abroad"))
    raise NormaliseError(_("not a Bangladeshi mobile number (01XXXXXXXXX)"))


# --- Passport and NID -------------------------------------------------------------------------
def parse_passport(value) -> str:
    """Letters and digits only, upper case: 'eb 0123456' → 'EB0123456'."""
    if is_blank(value):
        return ""
    text = re.sub(r"[\s\-./]", "", ascii_digits(clean_text(value))).upper()
    # The case form's rule (casework.fields.PASSPORT): an imported number must survive the next edit.
    if not PASSPORT.fullmatch(text):
        raise NormaliseError(_("not a passport number: one or two letters and then seven or eight digits, like EB0123456"))
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


# --- A permanent address written in one cell ---------------------------------------------------
# "Vill: Rampur, PO: Baghmara, Upazila: Debidwar, Dist: Cumilla" or "রামপুর, দেবিদ্বার, কুমিল্লা":
# the parts people label, by the words they label them with (English, Bangla, short forms).
_ADDRESS_LABELS = {
    # Not "para" or "post" alone: they begin place names ("Para Bazar") as often as they label.
    "village": ["village", "vill", "vil", "গ্রাম", "মহল্লা", "moholla", "mohalla"],
    "post_office": ["post office", "p.o", "po", "ডাকঘর", "পোস্ট অফিস", "পোঃ"],
    "union": ["union", "union parishad", "ইউনিয়ন"],
    "ward": ["ward no", "ward", "ওয়ার্ড নং", "ওয়ার্ড"],
    "police_station": ["police station", "p.s", "ps", "thana", "থানা"],
    "upazila": ["upazila", "upazilla", "upz", "উপজেলা"],
    "district": ["district", "dist", "zila", "zilla", "জেলা"],
}
_LABEL_WORDS = sorted(((w, part) for part, words in _ADDRESS_LABELS.items() for w in words), key=lambda x: -len(x[0]))
_LABEL_ALTERNATIVES = "|".join(re.escape(unicodedata.normalize("NFC", w)) for w, _part in _LABEL_WORDS)
_LABEL_PART = {unicodedata.normalize("NFC", w).casefold(): part for w, part in _LABEL_WORDS}
# A label before the value ("Vill- Rampur", "থানাঃ দেবিদ্বার") or after it ("Debidwar Upazila").
_LABEL_BEFORE = re.compile(rf"(?i)^({_LABEL_ALTERNATIVES})\s*(?:[:ঃ\-.]+\s*|\s+)(.+)$")
_LABEL_AFTER = re.compile(rf"(?i)^(.+?)\s+({_LABEL_ALTERNATIVES})\.?$")
_ADDRESS_SPLIT = re.compile(r"\s*[,;\n|،]\s*")


def split_address(value) -> list[tuple[str | None, str, str]]:
    """An address cell → its parts: (what it was labelled as or None, the value, the part as written)."""
    if is_blank(value) or isinstance(value, bool):
        return []
    text = unicodedata.normalize("NFC", str(value))
    parts = []
    for piece in _ADDRESS_SPLIT.split(text):
        piece = " ".join(piece.split()).strip(" .-")
        if not piece:
            continue
        if m := _LABEL_BEFORE.match(piece):
            parts.append((_LABEL_PART[m[1].casefold()], m[2].strip(" .-:ঃ"), piece))
        elif m := _LABEL_AFTER.match(piece):
            parts.append((_LABEL_PART[m[2].casefold()], m[1].strip(" .-:ঃ"), piece))
        else:
            parts.append((None, piece, piece))
    return [part for part in parts if part[1]]
