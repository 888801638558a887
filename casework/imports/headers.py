"""The columns an import understands, and finding them in a register by their header labels.

Labels are the concept note's input-table field names (seed 000, "Content" column) in English,
their Bangla translations, and the other names partners' registers use. A header matches when it
equals a label after `match_key` (case, spacing, punctuation and a leading serial number ignored).
The export writes the first label of each field, so an export always imports back.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from .normalise import match_key

# Data groups decide who may see a column in an export (see casework.exports).
SUMMARY, JUSTICE_SEEKER, PERPETRATOR = "summary", "justice_seeker", "perpetrator"


@dataclass(frozen=True)
class ImportField:
    name: str
    label: object  # lazy translation: the column header written by exports, in the active language
    labels_en: tuple[str, ...]
    labels_bn: tuple[str, ...]
    group: str = SUMMARY


FIELDS: list[ImportField] = [
    ImportField("organisation", _("Organisation"), ("Organisation", "Organization", "NGO", "Partner"), ("সংস্থা", "সংগঠন", "এনজিও")),
    ImportField("case_number", _("Case Number"),
                ("Case Number", "Case No", "Case No.", "Register Number", "Register No", "Case ID", "Reference"),
                ("কেস নম্বর", "কেস নং", "মামলা নম্বর", "রেজিস্টার নম্বর", "কেস আইডি")),
    ImportField("categories", _("Case Category"), ("Case Category", "Case Categories", "Category", "Type of Case"),
                ("কেসের ধরন", "মামলার ধরন", "অভিযোগের ধরন", "ধরন")),
    ImportField("sub_categories", _("Sub-Category/ Type of Complain"),
                ("Sub-Category/ Type of Complain", "Sub-Category", "Sub Category", "Type of Complain", "Type of Complaint"),
                ("উপ-ধরন", "অভিযোগের উপ-ধরন", "উপশ্রেণি")),
    ImportField("description", _("Description of Case (5W1H)"),
                ("Description of Case (5W1H)", "Description of Case", "Description", "Case Description", "Details"),
                ("কেসের বিবরণ", "ঘটনার বিবরণ", "বিবরণ"), JUSTICE_SEEKER),
    ImportField("date", _("Date"), ("Date", "Date of Input", "Input Date", "Entry Date"), ("তারিখ", "এন্ট্রির তারিখ", "ইনপুটের তারিখ")),
    ImportField("source", _("Case Source (How we get case information)"),
                ("Case Source (How we get case information)", "Case Source", "Source"), ("কেসের উৎস", "উৎস")),
    ImportField("expected_remedies", _("Expected Remedy"), ("Expected Remedy", "Expected Remedies", "Remedy"),
                ("প্রত্যাশিত প্রতিকার", "প্রতিকার")),
    ImportField("filed_by", _("Complain/ Application/ Request Filed by"),
                ("Complain/ Application/ Request Filed by", "Filed by", "Complaint Filed by"), ("অভিযোগকারী", "আবেদনকারী")),
    ImportField("applicants_count", _("Number of Applicant"), ("Number of Applicant", "Number of Applicants"),
                ("আবেদনকারীর সংখ্যা",)),
    ImportField("prior_complaint", _("If Application/ Complaint Made before to GO-NGO mechanism"),
                ("If Application/ Complaint Made before to GO-NGO mechanism", "Complaint Made Before", "Prior Complaint"),
                ("আগে অভিযোগ করা হয়েছে", "আগে অভিযোগ")),
    ImportField("name", _("Name"), ("Name", "Name of Justice Seeker", "Justice Seeker", "Name of MW", "Worker Name", "Victim Name"),
                ("নাম", "ন্যায়প্রার্থীর নাম", "কর্মীর নাম", "ভুক্তভোগীর নাম"), JUSTICE_SEEKER),
    ImportField("gender", _("Gender"), ("Gender", "Sex"), ("লিঙ্গ", "জেন্ডার"), JUSTICE_SEEKER),
    ImportField("age", _("Age"), ("Age",), ("বয়স",), JUSTICE_SEEKER),
    ImportField("address_communication", _("Address for Communication"), ("Address for Communication", "Present Address", "Address"),
                ("যোগাযোগের ঠিকানা", "বর্তমান ঠিকানা", "ঠিকানা"), JUSTICE_SEEKER),
    ImportField("district", _("District"), ("District", "Permanent Address District", "Zila", "Zilla"), ("জেলা",)),
    ImportField("upazila", _("Upazila"), ("Upazila", "UPZ", "Upazilla", "Thana/Upazila", "Sub-district"), ("উপজেলা",), JUSTICE_SEEKER),
    ImportField("police_station", _("Police Station"), ("Police Station", "PS", "Thana"), ("থানা",), JUSTICE_SEEKER),
    ImportField("union", _("Union"), ("Union", "Union Parishad"), ("ইউনিয়ন",), JUSTICE_SEEKER),
    ImportField("ward", _("Ward"), ("Ward", "Ward No"), ("ওয়ার্ড", "ওয়ার্ড নং"), JUSTICE_SEEKER),
    ImportField("village", _("Village"), ("Village",), ("গ্রাম",), JUSTICE_SEEKER),
    ImportField("phone", _("Contact Number"), ("Contact Number", "Mobile", "Mobile Number", "Phone", "Contact No"),
                ("যোগাযোগ নম্বর", "মোবাইল নম্বর", "মোবাইল", "ফোন নম্বর"), JUSTICE_SEEKER),
    ImportField("last_used_phone", _("Last Contact Number (used last to communicate)"),
                ("Last Contact Number (used last to communicate)", "Last Contact Number"), ("সর্বশেষ যোগাযোগের নম্বর",), JUSTICE_SEEKER),
    ImportField("family_phone", _("Alternative/ Family Contact Number"),
                ("Alternative/ Family Contact Number", "Family Contact Number", "Alternative Number"),
                ("পরিবারের নম্বর", "বিকল্প নম্বর", "পরিবারের মোবাইল নম্বর"), JUSTICE_SEEKER),
    ImportField("passport_number", _("Passport Number"), ("Passport Number", "Passport No", "Passport"),
                ("পাসপোর্ট নম্বর", "পাসপোর্ট নং", "পাসপোর্ট"), JUSTICE_SEEKER),
    ImportField("passport_issue_place", _("Passport Issue Place"), ("Passport Issue Place",), ("পাসপোর্ট ইস্যুর স্থান",), JUSTICE_SEEKER),
    ImportField("marital_status", _("Marital Status"), ("Marital Status",), ("বৈবাহিক অবস্থা",), JUSTICE_SEEKER),
    ImportField("family_details", _("Family Information"), ("Family Information", "Family"), ("পরিবারের তথ্য",), JUSTICE_SEEKER),
    ImportField("education", _("Education"), ("Education",), ("শিক্ষা", "শিক্ষাগত যোগ্যতা"), JUSTICE_SEEKER),
    ImportField("religion", _("Religion"), ("Religion",), ("ধর্ম",), JUSTICE_SEEKER),
    ImportField("destination_country", _("Country of Destination"),
                ("Country of Destination", "Destination Country", "Destination", "Country"), ("গন্তব্য দেশ", "যে দেশে গেছেন", "দেশ")),
    ImportField("recruitment_process", _("Recruitment Process"), ("Recruitment Process",), ("নিয়োগ প্রক্রিয়া",)),
    ImportField("agency_name", _("RA Information"), ("RA Information", "Recruiting Agency", "RA Name", "RA"),
                ("রিক্রুটিং এজেন্সি", "এজেন্সির নাম"), PERPETRATOR),
    ImportField("agent_name", _("Agent/ Sub-agent Information"),
                ("Agent/ Sub-agent Information", "Sub-agent", "Sub agent", "Agent", "Dalal", "Agent Name"),
                ("দালাল", "দালালের নাম", "এজেন্ট"), PERPETRATOR),
    ImportField("agent_phone", _("Agent Contact Number"), ("Agent Contact Number", "Agent Mobile", "Dalal Mobile"),
                ("দালালের মোবাইল", "দালালের নম্বর"), PERPETRATOR),
    ImportField("migration_cost", _("Pre-departure Cost/ Migration Cost"),
                ("Pre-departure Cost/ Migration Cost", "Migration Cost", "Pre-departure Cost", "Cost"), ("অভিবাসন খরচ", "খরচ")),
    ImportField("departure_date", _("Departure date"), ("Departure date", "Date of Departure"), ("বিদেশ যাওয়ার তারিখ", "যাওয়ার তারিখ")),
    ImportField("departure_route", _("Departure Route"), ("Departure Route", "Route"), ("যাওয়ার পথ", "রুট")),
    ImportField("perpetrator_kind", _("Complain against Whom?"), ("Complain against Whom?", "Complaint Against"),
                ("কার বিরুদ্ধে অভিযোগ",), PERPETRATOR),
    ImportField("perpetrator_relative", _("Relative Check"), ("Relative Check", "Relative"), ("আত্মীয় কি না", "আত্মীয়"), PERPETRATOR),
    ImportField("perpetrator_name", _("Information on Perpetrator"),
                ("Information on Perpetrator", "Perpetrator", "Perpetrator Name", "Accused"), ("অভিযুক্তের নাম", "অভিযুক্ত"), PERPETRATOR),
    ImportField("perpetrator_address", _("Perpetrator Address"), ("Perpetrator Address",), ("অভিযুক্তের ঠিকানা",), PERPETRATOR),
    ImportField("perpetrator_phone", _("Perpetrator Contact Number"), ("Perpetrator Contact Number", "Perpetrator Mobile"),
                ("অভিযুক্তের মোবাইল", "অভিযুক্তের নম্বর"), PERPETRATOR),
    ImportField("perpetrator_nid", _("Perpetrator NID"), ("Perpetrator NID", "NID"), ("অভিযুক্তের এনআইডি", "এনআইডি"), PERPETRATOR),
]
# A case can have several perpetrators; a register row holds the first in the columns above and
# the second, third… in numbered copies of them: "Information on Perpetrator (2)", "অভিযুক্তের নাম (২)".
MAX_PERPETRATORS = 5
PERPETRATOR_FIELDS = ("perpetrator_kind", "perpetrator_relative", "perpetrator_name", "perpetrator_address",
                      "perpetrator_phone", "perpetrator_nid")


def _numbered(label, n: int):
    """'Information on Perpetrator (2)', with the number in the reader's script."""
    from casework.imports.normalise import bangla_digits

    def text():
        number = bangla_digits(str(n)) if (translation.get_language() or "").startswith("bn") else str(n)
        return f"{label} ({number})"

    return lazy(text, str)()


def perpetrator_field(name: str, n: int) -> str:
    """The field name of the n-th perpetrator's column (n = 1 is the plain name)."""
    return name if n == 1 else f"{name}_{n}"


FIELDS += [
    ImportField(perpetrator_field(f.name, n), _numbered(f.label, n), (), (), PERPETRATOR)
    for n in range(2, MAX_PERPETRATORS + 1) for f in FIELDS if f.name in PERPETRATOR_FIELDS
]
FIELDS_BY_NAME = {f.name: f for f in FIELDS}

# Columns the export adds that are the system's own (not imported).
SYSTEM_NUMBER_LABEL = _("System case number")
STATUS_LABEL = _("Status")

# Headers the export writes that are not data to import (system values): recognised, then ignored.
IGNORED_LABELS = ("System case number", "Status", "প্রতিকার কেস নম্বর", "অবস্থা", "Serial", "SL", "SL No", "ক্রমিক", "ক্রমিক নং")

_LEADING_SERIAL = re.compile(r"^\s*(?:\d+|[০-৯]+|[a-z])\s*[.)\]:-]\s*", re.IGNORECASE)


def header_key(text) -> str:
    """A header's comparison key; '3. Gender :' and 'GENDER' give the same key."""
    text = _LEADING_SERIAL.sub("", str(text or ""))
    return match_key(text)


LABEL_INDEX: dict[str, str] = {}
for _field in FIELDS:
    for _label in (*_field.labels_en, *_field.labels_bn):
        LABEL_INDEX.setdefault(header_key(_label), _field.name)
IGNORE_KEYS = {header_key(label) for label in IGNORED_LABELS}
IGNORE = "__ignore__"


@functools.lru_cache(maxsize=1)
def _translated_index() -> dict[str, str]:
    """The export's own headers in both languages (from the translation catalogue), so an export
    in either language imports back whatever words the catalogue uses."""
    index = {}
    for language in ("bn", "en"):
        with translation.override(language):
            for field in FIELDS:
                index.setdefault(header_key(str(field.label)), field.name)
            for label in (SYSTEM_NUMBER_LABEL, STATUS_LABEL):
                index.setdefault(header_key(str(label)), IGNORE)
    return index


_TRAILING_NUMBER = re.compile(r"^(?P<base>.*\D)(?P<n>\d{1,2})$")


def recognise(header) -> str | None:
    """The field a header names, IGNORE for a known system column, None when unknown.

    A perpetrator column with a number after it ("Perpetrator Name 2", "অভিযুক্তের নাম (২)")
    names that perpetrator's field.
    """
    key = header_key(header)
    if not key:
        return None
    if key in IGNORE_KEYS:
        return IGNORE
    field = LABEL_INDEX.get(key) or _translated_index().get(key)
    if field is None and (match := _TRAILING_NUMBER.match(key)):
        base = LABEL_INDEX.get(match["base"]) or _translated_index().get(match["base"])
        n = int(match["n"])
        if base in PERPETRATOR_FIELDS and 2 <= n <= MAX_PERPETRATORS:
            field = perpetrator_field(base, n)
    return field


def auto_mapping(headers: list, saved: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field for the headers we recognise; `saved` (header key → field) first.

    A field is mapped from one column only: the first that names it (a second "Name" column is
    left for the mapping screen, where a person decides).
    """
    saved = saved or {}
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers):
        field = saved.get(header_key(header)) or recognise(header)
        if field and (field == IGNORE or field not in used):
            mapping[index] = field
            if field != IGNORE:
                used.add(field)
    return mapping


def find_header_row(rows: list[list], *, max_scan: int = 30) -> int | None:
    """Index of the header row among the first rows: the one naming most known fields (≥ 2).

    Title rows (often merged cells: one value) and blank rows above the header score 0 or 1.
    """
    best_index, best_score = None, 1
    for index, row in enumerate(rows[:max_scan]):
        score = len({recognise(cell) for cell in row if cell not in (None, "") and recognise(cell) not in (None, IGNORE)})
        if score > best_score:
            best_index, best_score = index, score
    return best_index
