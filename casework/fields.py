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


BD_MOBILE = re.compile(r"^(?:\+?88|0088)?(01[3-9]\d{8})$")
INTERNATIONAL = re.compile(r"^\+[1-9]\d{6,14}$")


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


class LocalDateField(forms.DateField):
    """A date typed with Bangla digits or picked from the calendar; optionally never in the future."""

    input_formats = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *args, not_future=True, **kwargs):
        self.not_future = not_future
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(value).strip()
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


PASSPORT = re.compile(r"^[A-Z]{1,2}\d{7}$")


class PassportField(forms.CharField):
    """A Bangladeshi passport number: one or two letters and seven digits (e.g. EB0123456)."""

    default_error_messages = {
        "invalid": _("A passport number has one or two letters and seven digits, like EB0123456."),
    }

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        compact = re.sub(r"[\s\-]", "", ascii_digits(value)).upper()
        if not PASSPORT.match(compact):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return compact
