"""Numbers as the reader expects them: Bangla digits and lakh grouping in Bangla, plain in English,
and the suppression marks of anonymised views."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.templatetags.portal_tags import local_digits

from .tables import Cell


def _bn() -> bool:
    return (get_language() or "bn").startswith("bn")


def group_digits(n: int) -> str:
    """12,34,567 in Bangla (South Asian grouping), 1,234,567 in English."""
    sign, digits = ("-" if n < 0 else ""), str(abs(int(n)))
    if not _bn() or len(digits) <= 3:
        return sign + (f"{int(digits):,}" if not _bn() else digits)
    head, tail = digits[:-3], digits[-3:]
    pairs = []
    while len(head) > 2:
        pairs.insert(0, head[-2:])
        head = head[:-2]
    if head:
        pairs.insert(0, head)
    return sign + ",".join(pairs + [tail])


def number(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return local_digits(f"{value:.1f}")
    if isinstance(value, Decimal):
        value = int(value)
    return local_digits(group_digits(value))


SUPPRESSED_PRIMARY = "<5"
SUPPRESSED_SECONDARY = "x"


def cell_text(cell: Cell) -> str:
    """What a table cell shows (the export writes the same text for hidden cells)."""
    if cell.state == "primary":
        return local_digits(SUPPRESSED_PRIMARY)
    if cell.state == "secondary":
        return SUPPRESSED_SECONDARY
    if cell.state == "na":
        return "–"
    return number(cell.value)


def cell_title(cell: Cell) -> str:
    """A tooltip and screen-reader text for the marks."""
    if cell.state == "primary":
        return _("fewer than 5")
    if cell.state == "secondary":
        return _("hidden so that a small number or one person's money cannot be worked out")
    if cell.state == "na":
        return _("cannot be computed: no resolved cases")
    return ""


def anonymised_note() -> str:
    """What the page and the export say about anonymised figures, in plain words."""
    return _("In this view, numbers are rounded down to a multiple of 5 (5 means 5 to 9) and numbers under 5, "
             "0 too, are shown as <5, so that no person can be recognised. Totals are rounded on their own, so "
             "they may differ from the sum of the rounded numbers. x marks a figure hidden so that a small "
             "number or one person's money cannot be worked out. Money is rounded to the nearest 10,000 BDT.")
