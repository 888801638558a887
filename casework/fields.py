"""Form fields that accept what people type in Bangladesh: Bangla digits, +88 or not, spaces."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BANGLA_TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
# Arabic-Indic digits too: workers back from the Gulf type on phones set to Arabic.
ARABIC_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def ascii_digits(value: str) -> str:
    return str(value).translate(BANGLA_TO_ASCII).translate(ARABIC_TO_ASCII)


ASCII_ID = re.compile(r"[0-9]{1,18}")  # 18 digits always fit a 64-bit id


def parse_id(value) -> int | None:
    """A row id from a request ("42", "৪২", " 42 ") as an int; None for anything else.

    Not str.isdigit(): it is True for "²" or "①", which int() refuses (a 500). Negative, empty,
    over-long or NUL-holding values are None, so a view answers "not found" or a form error.
    """
    if value is None or isinstance(value, bool):
        return None
    text = ascii_digits(value).strip()
    if not ASCII_ID.fullmatch(text):
        return None
    number = int(text)
    return number if number > 0 else None


def parse_ids(values) -> list[int]:
    """The valid ids of a list of raw values (a multiple select), in order, without repeats."""
    seen: dict[int, None] = {}
    for value in values or ():
        number = parse_id(value)
        if number is not None:
            seen.setdefault(number)
    return list(seen)


class IdModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses what is not a row id before asking the database: "²" is no id,
    and a 30-digit one overflows SQLite's integers (a 500). Bangla digits are ids too."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if self.to_field_name is None:
            pk = parse_id(value)
            if pk is None:
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                      params={"value": str(value)[:20]})
            value = pk
        return super().to_python(value)


class IdModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField with the same check, for every value of the list."""

    def _check_values(self, value):
        if self.to_field_name is None:
            pks = []
            for raw in value:
                pk = parse_id(raw)
                if pk is None:
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": str(raw)[:20]})
                pks.append(pk)
            value = pks
        return super()._check_values(value)


BD_MOBILE = re.compile(r"^(?:\+?88|0088)?(01[3-9]\d{8})$", re.ASCII)
INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$", re.ASCII)
NID = re.compile(r"\d{10}|\d{13}|\d{17}", re.ASCII)


def parse_nid(value: str) -> str:
    """A national ID number (10, 13 or 17 ASCII digits after conversion) or "" when blank; raises
    ValidationError otherwise."""
    nid = re.sub(r"[\s\-]", "", ascii_digits(value or ""))
    if nid and not NID.fullmatch(nid):
        raise ValidationError(_("A national ID number has 10, 13 or 17 digits."), code="invalid")
    return nid


def normalise_bd_mobile(value: str) -> str | None:
    """'০১৭১১-২২৩৩৪৪', '+880 1711 223344', '8801711223344' → '+8801711223344'; None if not a BD mobile."""
    digits = re.sub(r"[\s\-().]", "", ascii_digits(value or ""))
    match = BD_MOBILE.match(digits)
    return f"+88{match.group(1)}" if match else None


class LocalDigitsMixin:
    """Turns Bangla (and Arabic-Indic) digits into ASCII before the field's own parsing."""

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(value).replace(",", "").strip()
        return super().to_python(value)


class LocalIntegerField(LocalDigitsMixin, forms.IntegerField):
    # A text box, not type="number": browsers refuse Bangla digits in number inputs.
    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class LocalDecimalField(LocalDigitsMixin, forms.DecimalField):
    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


DATE_SEPARATORS = re.compile(r"\s*[./\\-]\s*|\s+")


class LocalDateField(forms.DateField):
    """A date typed with Bangla digits or picked from the calendar; optionally never in the future."""

    # The date picker sends 2026-11-03; where a phone has no picker, people type 03/11/2026 (day
    # first, as in Bangladesh), often with Bangla digits, spaces or a two-digit year.
    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]

    def __init__(self, *args, not_future=True, **kwargs):
        self.not_future = not_future
        kwargs.setdefault("widget", forms.DateInput(
            attrs={"type": "date", "placeholder": _("dd/mm/yyyy"), "autocomplete": "off"}, format="%Y-%m-%d"))
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = DATE_SEPARATORS.sub("/", ascii_digits(value).strip())
            if re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", value):
                value = value.replace("/", "-")  # year first: the picker's (ISO) order
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        from django.utils import timezone

        if value and self.not_future and value > timezone.localdate():
            raise ValidationError(_("This date cannot be in the future."), code="future")


class BDMobileField(forms.CharField):
    """A Bangladeshi mobile number, stored as +8801XXXXXXXXX."""

    default_error_messages = {
        "invalid": _("Write a Bangladeshi mobile number of 11 digits, like 01711223344 (with or without +88)."),
    }

    def __init__(self, *args, allow_international=False, **kwargs):
        self.allow_international = allow_international
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}))
        super().__init__(*args, **kwargs)
        if allow_international:
            self.error_messages["invalid"] = _(
                "Write a Bangladeshi mobile number like 01711223344, or a number abroad starting with + and the country code."
            )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        normalised = normalise_bd_mobile(value)
        if normalised:
            return normalised
        compact = re.sub(r"[\s\-().]", "", ascii_digits(value))
        if compact.startswith("00"):
            compact = "+" + compact[2:]
        if self.allow_international and INTERNATIONAL.match(compact):
            return compact
        raise ValidationError(self.error_messages["invalid"], code="invalid")


# Machine-readable passports: one or two letters and seven digits (EB0123456); e-passports
# (from 2020): one letter and eight digits (A01234567). ASCII digits only (re.ASCII).
PASSPORT = re.compile(r"[A-Z]{1,2}\d{7,8}", re.ASCII)


class PassportField(forms.CharField):
    """A Bangladeshi passport number, stored upper case without spaces or dashes."""

    default_error_messages = {
        "invalid": _("A passport number has one or two letters and then seven or eight digits, like EB0123456 or A01234567."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        compact = re.sub(r"[\s\-]", "", ascii_digits(value)).upper()
        if not PASSPORT.fullmatch(compact):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return compact
