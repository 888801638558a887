"""Remove identifying details from post-analysis text before a report shows it.

Staff write post-analyses for colleagues, so the text can hold the worker's or the agent's name,
a phone or passport number, a village. Reports show that text only after:
1. every personal value recorded on the case (justice seeker, applicant, family, addresses below
   district, perpetrators, recruiting agent and agency, licence, the upazila and union, who took
   consent, complaint, register and referral reference numbers) is replaced, whole and by each
   longer part of it, also when Bangla endings are joined to it ("রহিমার", "রহিমাকে"); and
2. anything that looks like a phone, passport, NID, e-mail or case number is replaced anyway.
Both sides are compared in Unicode NFC, so "য়" typed as one character or as two matches.
Parts that are role or address words ("sub-agent", "road", "দালাল") or short numbers (a ward "7")
are not removed on their own: they would blank every story without protecting anyone.
The values are read for the listed cases in one query, whatever their number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Func, OuterRef, TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from casework.models import Case, Perpetrator, Referral, Upazila
from portal.sql import IdQuery
from portal.widgets import cached_names

BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯"
_DIGIT = f"[0-9{BANGLA_DIGITS}]"
# A letter of a word: Python's \w misses Bangla vowel signs (U+09BE…), which would end a word
# in the middle of "রহিমা".
_WORD = "[\\w\u0980-\u09ff\u200c\u200d]"
PATTERNS = [
    re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),  # e-mail
    re.compile(r"\bPRK-\d{4}-\d+\b", re.IGNORECASE),  # case number
    re.compile(rf"\b[A-Z]{{1,2}}\s?{_DIGIT}{{6,8}}\b"),  # passport (e.g. EB0123456)
    re.compile(rf"\+?{_DIGIT}(?:[\s.\-]?{_DIGIT}){{5,}}"),  # phone, NID, any long number, "01712.345.678"
]
MIN_NAME_PART = 3
MIN_NUMBER_DIGITS = 6  # shorter numbers alone (a ward, a house) are too common to remove everywhere

# Endings Bangla joins to a name: possessive, object, plural, emphasis, classifiers.
_BANGLA_ENDINGS = ["র", "এর", "ের", "য়ের", "য়ে", "য়", "কে", "দের", "রা", "েরা", "গণ", "ও", "ই", "তে", "টি",
                   "টা", "টির", "টার", "ে"]
_ENDINGS = "|".join(re.escape(unicodedata.normalize("NFC", e)) for e in sorted(_BANGLA_ENDINGS, key=len, reverse=True))

# Words that are part of many values but identify no one (compared case-folded, after NFC).
COMMON_WORDS = {unicodedata.normalize("NFC", w).casefold() for w in """
    md mohammad muhammad mohammed mst mosammat most sheikh
    sub agent subagent dalal agency agencies recruiting overseas travels travel international limited ltd company
    house road lane village para bazar bazaar market post office union ward upazila thana district division
    near east west north south new old main area block sector holding flat floor sadar city corporation
    wife husband son daughter mother father brother sister children child uncle aunt family
    মোঃ মোহাম্মদ মোছাঃ মোসাম্মৎ শেখ দালাল এজেন্ট সাব এজেন্সি রিক্রুটিং ওভারসিজ ট্রাভেলস লিমিটেড
    বাড়ি রোড গ্রাম পাড়া বাজার পোস্ট ডাকঘর ইউনিয়ন ওয়ার্ড উপজেলা থানা জেলা বিভাগ সদর
    স্ত্রী স্বামী ছেলে মেয়ে বাবা ভাই বোন সন্তান পরিবার
""".split()}


# The case's own fields that can name or point at someone.
CASE_FIELDS = ("consent_taken_by", "prior_complaint_number", "register_number")


JUSTICE_SEEKER_FIELDS = (
    "name", "phone", "last_used_phone", "family_phone", "passport_number", "passport_issue_place", "applicant_name",
    "applicant_phone", "applicant_address", "address_communication", "family_details", "village", "ward",
    "police_station", "union__name_en", "union__name_bn",
)
RECRUITMENT_FIELDS = (
    "agency_name", "agency_address", "agency_phone", "agent_name", "agent_address", "agent_phone", "agent_nid",
    "agency__name", "agency__licence_number", "agency__address", "agency__phone",
)
PERPETRATOR_FIELDS = ("name", "phone", "nid", "address")


def _values_of(model, fields):
    """Every value of `fields` on the rows of `model` that belong to the outer case, as one array."""
    each = Func(Func(*[Cast(f, TextField()) for f in fields], function="ARRAY", template="ARRAY[%(expressions)s]"),
                function="unnest", output_field=TextField())
    return ArraySubquery(model.objects.filter(case_id=OuterRef("pk")).order_by().values_list(each))


# Compiled once per process (portal.sql.IdQuery): Django took longer to build and compile this
# query of 28 fields over four joins than PostgreSQL takes to run it.
_PERSONAL = IdQuery(lambda ids: (
    Case.objects.filter(pk__in=ids).order_by()
    .annotate(_perpetrators=_values_of(Perpetrator, PERPETRATOR_FIELDS),
              _references=_values_of(Referral, ("reference_number",)))
    .values_list("pk", *(f"justice_seeker__{f}" for f in JUSTICE_SEEKER_FIELDS),
                 *(f"recruitment__{f}" for f in RECRUITMENT_FIELDS), "_perpetrators", "_references")
))


def personal_values(cases) -> dict[int, set[str]]:
    """The personal strings recorded on each of `cases` (Case instances, loaded with their own
    fields), in one query: the justice seeker and the recruitment joined (one each per case), the
    perpetrators' and referrals' values as arrays; the upazila's names from the cached list
    (portal.widgets.cached_names)."""
    values: dict[int, set[str]] = defaultdict(set)
    by_pk = {case.pk: case for case in cases}
    if not by_pk:
        return values
    upazilas = cached_names(Upazila)
    for pk, *found, perpetrators, references in _PERSONAL.rows(by_pk):
        case = by_pk[pk]
        found += [*perpetrators, *references, *upazilas.get(case.upazila_id, ()), *(getattr(case, f) for f in CASE_FIELDS)]
        values[pk].update(str(v) for v in found if v)
    return values


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_NUMBER_ONLY = re.compile(rf"[\s.,/()\-+#:]*(?:{_DIGIT}[\s.,/()\-+#:]*)+")


def _too_common(term: str) -> bool:
    """A short or common word, or a short number: not worth blanking in every story."""
    if len(term) < MIN_NAME_PART:
        return True
    if _NUMBER_ONLY.fullmatch(term):
        return len(re.findall(_DIGIT, term)) < MIN_NUMBER_DIGITS
    return term.casefold() in COMMON_WORDS


def _terms(values: set[str]) -> list[str]:
    terms = set()
    for value in values:
        value = _nfc(value).strip()
        if not value:
            continue
        if not _too_common(value):
            terms.add(value)
        # "Rahima Khatun" is also written "Rahima": replace each longer part of a value too.
        for part in re.split(r"[\s,./()\-:;'\"]+", value):
            if not _too_common(part):
                terms.add(part)
    # Longest first, so "Rahima Khatun" goes before "Rahima".
    return sorted(terms, key=lambda t: (-len(t), t))


def redactor(values: set[str]):
    """A function that redacts a text of one case: its terms are found and compiled once, for all
    the paragraphs of the case."""
    terms = _terms(values)
    named = None
    if terms:
        alternatives = "|".join(re.escape(t) for t in terms)
        named = re.compile(rf"(?<!{_WORD})(?:{alternatives})(?:{_ENDINGS})*(?!{_WORD})", flags=re.IGNORECASE)
    marker = "[" + _("removed") + "]"

    def redact_text(text: str) -> str:
        if not text:
            return ""
        text = _nfc(text)
        if named is not None:
            text = named.sub(marker, text)
        for pattern in PATTERNS:
            text = pattern.sub(marker, text)
        return text

    return redact_text


def redact(text: str, values: set[str]) -> str:
    return redactor(values)(text)
