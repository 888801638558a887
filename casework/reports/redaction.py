"""Remove identifying details from post-analysis text before a report shows it.

Staff write post-analyses for colleagues, so the text can hold the worker's or the agent's name,
a phone or passport number. Reports show that text only after:
1. every personal value recorded on the case itself (justice seeker, applicant, perpetrators,
   recruiting agent and agency: names and each longer part of a name, numbers) is replaced, and
2. anything that looks like a phone, passport, NID, e-mail or case number is replaced anyway.
The values are read for the listed cases in three queries, whatever their number.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.translation import gettext as _

from casework.models import JusticeSeeker, Perpetrator, Recruitment

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_DIGIT = f"[0-9{BANGLA_DIGITS}]"
PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail
    re.compile(r"\bPRK-\d{4}-\d+\b", re.IGNORECASE),  # case number
    re.compile(r"\b[A-Z]{1,2}\s?\d{6,8}\b"),  # passport (e.g. EB0123456)
    re.compile(rf"\+?{_DIGIT}(?:[\s-]?{_DIGIT}){{5,}}"),  # phone, NID, any long number
]
MIN_NAME_PART = 3


def personal_values(case_ids) -> dict[int, set[str]]:
    """The personal strings recorded on each case (three queries)."""
    values: dict[int, set[str]] = defaultdict(set)
    for row in JusticeSeeker.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "name", "phone", "last_used_phone", "family_phone", "passport_number", "applicant_name",
        "applicant_phone", "village", "ward", "police_station",
    ):
        values[row[0]].update(v for v in row[1:] if v)
    for row in Perpetrator.objects.filter(case_id__in=case_ids).values_list("case_id", "name", "phone", "nid", "address"):
        values[row[0]].update(v for v in row[1:] if v)
    for row in Recruitment.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "agency_name", "agent_name", "agent_phone", "agent_nid", "agency_phone",
    ):
        values[row[0]].update(v for v in row[1:] if v)
    return values


def _terms(values: set[str]) -> list[str]:
    terms = set()
    for value in values:
        value = value.strip()
        if not value:
            continue
        terms.add(value)
        # "Rahima Khatun" is also written "Rahima": replace each longer part of a name too.
        for part in re.split(r"[\s,./()-]+", value):
            if len(part) >= MIN_NAME_PART and not part.lower().startswith(("md", "mohammad", "mst")):
                terms.add(part)
    # Longest first, so "Rahima Khatun" goes before "Rahima".
    return sorted(terms, key=len, reverse=True)


def redact(text: str, values: set[str]) -> str:
    if not text:
        return ""
    marker = "[" + _("removed") + "]"
    for term in _terms(values):
        text = re.sub(rf"(?<!\w){re.escape(term)}(?!\w)", marker, text, flags=re.IGNORECASE)
    for pattern in PATTERNS:
        text = pattern.sub(marker, text)
    return text
