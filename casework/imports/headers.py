"""The columns an import understands, and finding them in a register by their header labels.

Labels are the concept note's input-table field names (seed 000, "Content" column) in English,
their Bangla translations, and the other names partners' registers use. A header matches when it
equals a label after `match_key` (case, spacing, punctuation and a leading serial number ignored),
or does once a trailing note in brackets is dropped ("Gender (M/F/Others)"). The export writes each
field's `label`, in either language, so an export always imports back.

The input table uses a few words for several people ("Name", "Address", "Contact Number", "NID"):
those take their meaning from the section they stand in (analyse_headers), and a column whose
place does not settle it is left for a person to choose on the mapping screen.
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
    # The concept note's "'Others' option to write the specific issue if not in the sub-category".
    ImportField("other_category", _("Other Type of Complain (specify)"),
                ("Other Type of Complain (specify)", "Other Type of Complaint", "Sub-Category (specify)", "Other Category",
                 "Other Sub-Category", "Other Issue", "Others (specify issue)"),
                ("অন্য ধরনের অভিযোগ", "অন্যান্য অভিযোগ", "অন্য ধরন")),
    ImportField("description", _("Description of Case (5W1H)"),
                ("Description of Case (5W1H)", "Description of Case", "Description", "Case Description", "Details"),
                ("কেসের বিবরণ", "ঘটনার বিবরণ", "বিবরণ"), JUSTICE_SEEKER),
    ImportField("date", _("Date"), ("Date", "Date of Input", "Input Date", "Entry Date"), ("তারিখ", "এন্ট্রির তারিখ", "ইনপুটের তারিখ")),
    ImportField("source", _("Case Source (How we get case information)"),
                ("Case Source (How we get case information)", "Case Source", "Source"), ("কেসের উৎস", "উৎস")),
    ImportField("source_detail", _("Referred by Others (specify)"),
                ("Referred by Others (specify)", "Referred by", "Source Details", "Case Source (specify)", "Source (specify)"),
                ("কে পাঠিয়েছে", "উৎসের বিবরণ")),
    ImportField("expected_remedies", _("Expected Remedy"), ("Expected Remedy", "Expected Remedies", "Remedy"),
                ("প্রত্যাশিত প্রতিকার", "প্রতিকার")),
    ImportField("filed_by", _("Complain/ Application/ Request Filed by"),
                ("Complain/ Application/ Request Filed by", "Filed by", "Complaint Filed by"), ("অভিযোগকারী", "আবেদনকারী")),
    ImportField("applicants_count", _("Number of Applicant"), ("Number of Applicant", "Number of Applicants"),
                ("আবেদনকারীর সংখ্যা",)),
    ImportField("prior_complaint", _("If Application/ Complaint Made before to GO-NGO mechanism"),
                ("If Application/ Complaint Made before to GO-NGO mechanism", "Complaint Made Before", "Prior Complaint"),
                ("আগে অভিযোগ করা হয়েছে", "আগে অভিযোগ")),
    # The note's "Where?" and "When?" (words that mean these only right after the column above).
    ImportField("prior_complaint_where", _("Complaint Made Before: Where?"),
                ("Complaint Made Before: Where?", "Prior Complaint Where", "Earlier Complaint Where", "Where Complained"),
                ("আগের অভিযোগ: কোথায়?", "কোথায় অভিযোগ করেছেন")),
    ImportField("prior_complaint_date", _("Complaint Made Before: When?"),
                ("Complaint Made Before: When?", "Prior Complaint Date", "Date of Earlier Complaint", "Earlier Complaint When"),
                ("আগের অভিযোগ: কবে?", "আগের অভিযোগের তারিখ")),
    # The note's "Copy of Application?": whether a copy is kept (the copy itself is an attachment).
    ImportField("prior_complaint_copy_kept", _("Copy of Application?"),
                ("Copy of Application?", "Copy of Application", "Copy of Complaint Kept", "Copy Kept"),
                ("আবেদনের কপি আছে?", "আবেদনের কপি")),
    # A number that finds the worker's file at BMET or a court: justice-seeker data.
    ImportField("prior_complaint_number", _("If applicable, complaint/ Case number?"),
                ("If applicable, complaint/ Case number?", "Complaint/ Case Number", "Complaint Number",
                 "Prior Complaint Number", "Earlier Complaint Number"),
                ("অভিযোগ/ মামলা নম্বর", "আগের অভিযোগের নম্বর"), JUSTICE_SEEKER),
    ImportField("name", _("Name"), ("Name of Justice Seeker", "Justice Seeker", "Name of MW", "Worker Name", "Victim Name"),
                ("ন্যায়প্রার্থীর নাম", "কর্মীর নাম", "ভুক্তভোগীর নাম"), JUSTICE_SEEKER),
    ImportField("gender", _("Gender"), ("Gender", "Sex", "Gender (M/F/Others)", "Gender (M/F)", "Sex (M/F)", "Sex (M/F/Others)"),
                ("লিঙ্গ", "জেন্ডার"), JUSTICE_SEEKER),
    ImportField("age", _("Age"), ("Age",), ("বয়স",), JUSTICE_SEEKER),
    ImportField("address_communication", _("Address for Communication"), ("Address for Communication", "Present Address"),
                ("যোগাযোগের ঠিকানা", "বর্তমান ঠিকানা"), JUSTICE_SEEKER),
    # Several parts in one cell (district, upazila, union, police station, ward, village): read
    # into those fields (pipeline.py); their own columns win. Never written by the export.
    ImportField("permanent_address", _("Permanent Address"), ("Permanent Address",), ("স্থায়ী ঠিকানা",), JUSTICE_SEEKER),
    ImportField("district", _("District"), ("District", "District Name", "Permanent Address District", "Zila", "Zilla"),
                ("জেলা", "জেলার নাম")),
    ImportField("upazila", _("Upazila"), ("Upazila", "Upazila Name", "UPZ", "Upazilla", "Thana/Upazila", "Sub-district"),
                ("উপজেলা", "উপজেলার নাম"), JUSTICE_SEEKER),
    ImportField("police_station", _("Police Station"), ("Police Station", "PS", "Thana"), ("থানা",), JUSTICE_SEEKER),
    ImportField("union", _("Union"), ("Union", "Union Parishad"), ("ইউনিয়ন",), JUSTICE_SEEKER),
    ImportField("ward", _("Ward"), ("Ward", "Ward No"), ("ওয়ার্ড", "ওয়ার্ড নং"), JUSTICE_SEEKER),
    ImportField("village", _("Village"), ("Village",), ("গ্রাম",), JUSTICE_SEEKER),
    ImportField("phone", _("Contact Number"), ("Worker Contact Number", "Worker Mobile", "Mobile of MW"),
                ("কর্মীর মোবাইল নম্বর", "ন্যায়প্রার্থীর মোবাইল নম্বর"), JUSTICE_SEEKER),
    ImportField("last_used_phone", _("Last Contact Number (used last to communicate)"),
                ("Last Contact Number (used last to communicate)", "Last Contact Number"), ("সর্বশেষ যোগাযোগের নম্বর",), JUSTICE_SEEKER),
    ImportField("family_phone", _("Alternative/ Family Contact Number"),
                ("Alternative/ Family Contact Number", "Family Contact Number", "Alternative Number"),
                ("পরিবারের নম্বর", "বিকল্প নম্বর", "পরিবারের মোবাইল নম্বর"), JUSTICE_SEEKER),
    ImportField("passport_number", _("Passport Number"), ("Passport Number", "Passport No", "Passport"),
                ("পাসপোর্ট নম্বর", "পাসপোর্ট নং", "পাসপোর্ট"), JUSTICE_SEEKER),
    ImportField("passport_issue_place", _("Passport Issue Place"), ("Passport Issue Place",), ("পাসপোর্ট ইস্যুর স্থান",), JUSTICE_SEEKER),
    ImportField("marital_status", _("Marital Status"), ("Marital Status",), ("বৈবাহিক অবস্থা",), JUSTICE_SEEKER),
    ImportField("family_size", _("Number of Family Members"),
                ("Number of Family Members", "Family Size", "Family Members", "No. of Family Members"),
                ("পরিবারের সদস্য সংখ্যা", "পরিবারের সদস্য"), JUSTICE_SEEKER),
    ImportField("family_details", _("Family Information"), ("Family Information", "Family"), ("পরিবারের তথ্য",), JUSTICE_SEEKER),
    ImportField("education", _("Education"), ("Education",), ("শিক্ষা", "শিক্ষাগত যোগ্যতা"), JUSTICE_SEEKER),
    ImportField("religion", _("Religion"), ("Religion",), ("ধর্ম",), JUSTICE_SEEKER),
    # Yes/no with the group or the disability after it: "Yes, Dalit", "হ্যাঁ - শ্রবণ".
    ImportField("is_minority", _("Minority/ Disadvantaged Group (DAG)"),
                ("Minority/ Disadvantaged Group (DAG)", "Minority/ DAG", "Minority or Disadvantaged Group", "Minority",
                 "Disadvantaged Group", "DAG"),
                ("সংখ্যালঘু/ সুবিধাবঞ্চিত গোষ্ঠী", "সংখ্যালঘু", "সুবিধাবঞ্চিত গোষ্ঠী"), JUSTICE_SEEKER),
    ImportField("has_disability", _("Disability"), ("Disability", "Person with Disability", "PWD"),
                ("প্রতিবন্ধিতা", "প্রতিবন্ধী"), JUSTICE_SEEKER),
    # The applicant on the worker's behalf (SPEC §1: justice-seeker data).
    ImportField("applicant_name", _("Applicant Name"), ("Applicant Name", "Name of Applicant", "Applicant's Name"),
                ("আবেদনকারীর নাম",), JUSTICE_SEEKER),
    ImportField("applicant_address", _("Applicant Address"), ("Applicant Address", "Address of Applicant", "Applicant's Address"),
                ("আবেদনকারীর ঠিকানা",), JUSTICE_SEEKER),
    ImportField("applicant_phone", _("Applicant Contact Number"),
                ("Applicant Contact Number", "Applicant Mobile", "Applicant Phone", "Applicant's Contact Number"),
                ("আবেদনকারীর মোবাইল", "আবেদনকারীর নম্বর", "আবেদনকারীর যোগাযোগ নম্বর"), JUSTICE_SEEKER),
    ImportField("applicant_relation", _("Applicant Relation to Victim"),
                ("Applicant Relation to Victim", "Relation to Victim", "Relation with Victim", "Relation to the Worker",
                 "Applicant Relation"),
                ("ভুক্তভোগীর সঙ্গে সম্পর্ক", "আবেদনকারীর সম্পর্ক"), JUSTICE_SEEKER),
    ImportField("destination_country", _("Country of Destination"),
                ("Country of Destination", "Destination Country", "Destination", "Country"), ("গন্তব্য দেশ", "যে দেশে গেছেন", "দেশ")),
    ImportField("recruitment_process", _("Recruitment Process"), ("Recruitment Process",), ("নিয়োগ প্রক্রিয়া",)),
    ImportField("agency_name", _("RA Information"), ("RA Information", "Recruiting Agency", "RA Name", "RA"),
                ("রিক্রুটিং এজেন্সি", "এজেন্সির নাম"), PERPETRATOR),
    ImportField("agency_address", _("RA Address"), ("RA Address", "Agency Address", "Recruiting Agency Address"),
                ("এজেন্সির ঠিকানা", "রিক্রুটিং এজেন্সির ঠিকানা"), PERPETRATOR),
    ImportField("agency_phone", _("RA Contact Number"),
                ("RA Contact Number", "Agency Contact Number", "RA Phone", "Agency Phone", "Agency Mobile"),
                ("এজেন্সির মোবাইল", "এজেন্সির নম্বর", "এজেন্সির ফোন"), PERPETRATOR),
    ImportField("agent_name", _("Agent/ Sub-agent Information"),
                ("Agent/ Sub-agent Information", "Sub-agent", "Sub agent", "Agent", "Dalal", "Agent Name"),
                ("দালাল", "দালালের নাম", "এজেন্ট"), PERPETRATOR),
    ImportField("agent_address", _("Agent Address"), ("Agent Address", "Sub-agent Address", "Dalal Address"),
                ("দালালের ঠিকানা",), PERPETRATOR),
    ImportField("agent_phone", _("Agent Contact Number"), ("Agent Contact Number", "Agent Mobile", "Dalal Mobile"),
                ("দালালের মোবাইল", "দালালের নম্বর"), PERPETRATOR),
    ImportField("agent_nid", _("Agent NID"), ("Agent NID", "Sub-agent NID", "Dalal NID"), ("দালালের এনআইডি",), PERPETRATOR),
    ImportField("migration_cost", _("Pre-departure Cost/ Migration Cost"),
                ("Pre-departure Cost/ Migration Cost", "Migration Cost", "Pre-departure Cost", "Cost"), ("অভিবাসন খরচ", "খরচ")),
    ImportField("departure_date", _("Departure date"), ("Departure date", "Date of Departure"), ("বিদেশ যাওয়ার তারিখ", "যাওয়ার তারিখ")),
    ImportField("departure_route", _("Departure Route"), ("Departure Route", "Route"), ("যাওয়ার পথ", "রুট")),
    ImportField("departure_route_detail", _("Departure Route (specify)"),
                ("Departure Route (specify)", "Departure Route Details", "Route Details", "Route (specify)"),
                ("যাওয়ার পথের বিবরণ", "রুটের বিবরণ")),
    ImportField("perpetrator_kind", _("Complain against Whom?"), ("Complain against Whom?", "Complaint Against"),
                ("কার বিরুদ্ধে অভিযোগ",), PERPETRATOR),
    ImportField("perpetrator_relative", _("Relative Check"), ("Relative Check", "Relative"), ("আত্মীয় কি না", "আত্মীয়"), PERPETRATOR),
    ImportField("perpetrator_name", _("Information on Perpetrator"),
                ("Information on Perpetrator", "Perpetrator", "Perpetrator Name", "Accused"), ("অভিযুক্তের নাম", "অভিযুক্ত"), PERPETRATOR),
    ImportField("perpetrator_address", _("Perpetrator Address"), ("Perpetrator Address",), ("অভিযুক্তের ঠিকানা",), PERPETRATOR),
    ImportField("perpetrator_phone", _("Perpetrator Contact Number"), ("Perpetrator Contact Number", "Perpetrator Mobile"),
                ("অভিযুক্তের মোবাইল", "অভিযুক্তের নম্বর"), PERPETRATOR),
    ImportField("perpetrator_nid", _("Perpetrator NID"), ("Perpetrator NID",), ("অভিযুক্তের এনআইডি",), PERPETRATOR),
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

# Headers that are not data to import: the export's system values and serial numbers.
IGNORED_LABELS = ("System case number", "Status", "প্রতিকার কেস নম্বর", "অবস্থা", "Serial", "SL", "SL No", "ক্রমিক", "ক্রমিক নং")

# Words that name a different field depending on the columns around them: the concept note's input
# table says "Name", "Address", "Contact Number" for the applicant, the worker, the agency, the agent
# and the perpetrator alike, "NID" for the agent and the perpetrator, "Where?"/"When?" for an earlier
# complaint. Their meaning comes from the section they stand in (see analyse_headers).
GENERIC_LABELS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "name": (("Name",), ("নাম",)),
    "address": (("Address",), ("ঠিকানা",)),
    "phone": (("Contact Number", "Contact No", "Contact", "Mobile", "Mobile Number", "Mobile No", "Phone", "Phone Number",
               "Phone No", "Cell", "Cell Number"),
              ("যোগাযোগ নম্বর", "যোগাযোগ", "মোবাইল নম্বর", "মোবাইল", "মোবাইল নং", "ফোন নম্বর", "ফোন নং", "ফোন")),
    "nid": (("NID", "NID Number", "NID No", "National ID", "National ID Number"),
            ("এনআইডি", "এনআইডি নম্বর", "জাতীয় পরিচয়পত্র", "জাতীয় পরিচয়পত্র নম্বর")),
    "where": (("Where",), ("কোথায়",)),
    "when": (("When",), ("কখন", "কবে")),
    "relation": (("Relation", "Relationship"), ("সম্পর্ক",)),
}
# Section → what each generic word means in it. None is the worker's own (the default).
SECTION_MEANINGS: dict[str | None, dict[str, str]] = {
    None: {"name": "name", "address": "address_communication", "phone": "phone"},
    "applicant": {"name": "applicant_name", "address": "applicant_address", "phone": "applicant_phone",
                  "relation": "applicant_relation"},
    "prior": {"where": "prior_complaint_where", "when": "prior_complaint_date"},
    "agency": {"name": "agency_name", "address": "agency_address", "phone": "agency_phone"},
    "agent": {"name": "agent_name", "address": "agent_address", "phone": "agent_phone", "nid": "agent_nid"},
}
for _n in range(1, MAX_PERPETRATORS + 1):
    SECTION_MEANINGS[f"perpetrator_{_n}"] = {
        kind: perpetrator_field(f"perpetrator_{part}", _n)
        for kind, part in (("name", "name"), ("address", "address"), ("phone", "phone"), ("nid", "nid"))
    }


def section_of(field: str) -> str | None:
    """The input-table section a field opens or continues (None: the worker's own data)."""
    if field == "filed_by" or field.startswith("applicant_"):
        return "applicant"
    if field.startswith("prior_complaint"):
        return "prior"
    if field.startswith("agency_"):
        return "agency"
    if field.startswith("agent_"):
        return "agent"
    if field.startswith("perpetrator_"):
        number = field.rsplit("_", 1)[1]
        return f"perpetrator_{number if number.isdigit() else 1}"
    return None


_LEADING_SERIAL = re.compile(r"^\s*(?:\d+|[০-৯]+|[a-z])\s*[.)\]:-]\s*", re.IGNORECASE)
# A trailing note in brackets: "Gender (M/F/Others)", "NID (if individual)". Not a number ("(2)"
# numbers a perpetrator) and not "(specify)", which turns a list column into its free-text twin.
_TRAILING_NOTE = re.compile(r"^(?P<base>.*\S)\s*[(\[](?P<note>[^()\[\]]*)[)\]]\s*$")
_SPECIFY = {"specify", "লিখুন", "উল্লেখ করুন"}


def header_key(text) -> str:
    """A header's comparison key; '3. Gender :' and 'GENDER' give the same key."""
    text = _LEADING_SERIAL.sub("", str(text or ""))
    return match_key(text)


LABEL_INDEX: dict[str, str] = {}
for _field in FIELDS:
    for _label in (*_field.labels_en, *_field.labels_bn):
        LABEL_INDEX.setdefault(header_key(_label), _field.name)
GENERIC_INDEX: dict[str, str] = {
    header_key(label): kind for kind, (en, bn) in GENERIC_LABELS.items() for label in (*en, *bn)
}
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


def _lookup(key: str) -> tuple[str | None, str | None]:
    """(field or IGNORE, None) for a label, (None, kind) for a generic word, (None, None) if unknown."""
    if key in GENERIC_INDEX:
        return None, GENERIC_INDEX[key]
    if key in IGNORE_KEYS:
        return IGNORE, None
    field = LABEL_INDEX.get(key) or _translated_index().get(key)
    if field is None and (match := _TRAILING_NUMBER.match(key)):
        base = LABEL_INDEX.get(match["base"]) or _translated_index().get(match["base"])
        n = int(match["n"])
        if base in PERPETRATOR_FIELDS and 2 <= n <= MAX_PERPETRATORS:
            field = perpetrator_field(base, n)
    return field, None


def classify(header) -> tuple[str | None, str | None]:
    """What a header says on its own: (field or IGNORE, None), (None, generic kind) or (None, None)."""
    text = _LEADING_SERIAL.sub("", str(header or ""))
    key = match_key(text)
    if not key:
        return None, None
    found = _lookup(key)
    if found == (None, None) and (m := _TRAILING_NOTE.match(text)):
        note = match_key(m["note"])
        if note and not note.isdigit() and note not in {match_key(s) for s in _SPECIFY}:
            found = _lookup(match_key(m["base"]))
    return found


def recognise(header) -> str | None:
    """The field a header names on its own, IGNORE for a known system column, None when unknown.

    A perpetrator column with a number after it ("Perpetrator Name 2", "অভিযুক্তের নাম (২)")
    names that perpetrator's field. A generic word ("Name", "Contact Number") gives its usual
    meaning, the worker's; where it stands can change that (analyse_headers).
    """
    field, kind = classify(header)
    if kind is not None:
        return SECTION_MEANINGS[None].get(kind) or next(
            meanings[kind] for meanings in SECTION_MEANINGS.values() if kind in meanings
        )
    return field


@dataclass
class HeaderMapping:
    """Column index → field for the columns understood; `unclear`: columns a person must decide
    (index → the fields they could be), shown on the mapping screen as needing a choice."""

    mapping: dict[int, str]
    unclear: dict[int, tuple[str, ...]]


def _meanings(kind: str) -> list[str]:
    """What a generic word can mean, to offer on the mapping screen (not the second and further
    perpetrators': their columns carry their number)."""
    further = {f"perpetrator_{n}" for n in range(2, MAX_PERPETRATORS + 1)}
    return [meanings[kind] for section, meanings in SECTION_MEANINGS.items() if kind in meanings and section not in further]


def analyse_headers(headers: list, saved: dict[str, str] | None = None) -> HeaderMapping:
    """Map a header row the way the concept note's input table lays it out.

    Left to right, each recognised column opens the section it belongs to (the "filed by" column
    opens the applicant's, the agency's, the agent's and each perpetrator's columns theirs; any
    other field returns to the worker's own). A generic word takes its meaning in the current
    section: "Name", "Address", "Contact Number" after "Complain/ Application/ Request Filed by"
    are the applicant's, "NID" after the agent's columns is the agent's NID. A word the section has
    no use for ends the section. A column is never guessed: a field named twice, or a word whose
    meaning in its place is already taken, is left unclear for a person to choose. `saved` (header
    key → field, the organisation's earlier choices) applies to every header but a generic word,
    whose meaning depends on where it stands.
    """
    saved = saved or {}
    mapping: dict[int, str] = {}
    unclear: dict[int, tuple[str, ...]] = {}
    section: str | None = None
    by_position: dict[int, str] = {}  # columns mapped by their section (index → section)
    for index, header in enumerate(headers):
        field, kind = classify(header)
        if kind is None:
            field = saved.get(header_key(header)) or field
            if field is None:
                continue  # unknown: leaves the section as it is (a "Notes" column between)
            if field == IGNORE:
                mapping[index] = IGNORE
                continue
            if field in mapping.values():
                unclear[index] = (field,)
                continue
            mapping[index] = field
            section = section_of(field)
            continue
        field = SECTION_MEANINGS.get(section, {}).get(kind)
        if field is None:
            section = None
            field = SECTION_MEANINGS[None].get(kind)
        if field is None or field in mapping.values():
            unclear[index] = tuple(f for f in _meanings(kind) if f not in mapping.values())
            continue
        mapping[index] = field
        if section is not None:
            by_position[index] = section
    # "Filed by" followed by "Name" is the applicant's name only if the worker's name is elsewhere;
    # otherwise the register may simply not have applicant columns: a person decides.
    if "name" not in mapping.values():
        for index, sec in by_position.items():
            if sec == "applicant":
                kind = classify(headers[index])[1]
                unclear[index] = tuple(f for f in _meanings(kind) if f == mapping[index] or f not in mapping.values())
                del mapping[index]
    return HeaderMapping(mapping=mapping, unclear=dict(sorted(unclear.items())))


def auto_mapping(headers: list, saved: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field for the headers understood (analyse_headers; unclear ones left out)."""
    return analyse_headers(headers, saved).mapping


def is_generic(header) -> bool:
    """A word whose meaning depends on the columns around it (never remembered as a mapping)."""
    return classify(header)[1] is not None


def find_header_row(rows: list[list], *, max_scan: int = 30) -> int | None:
    """Index of the header row among the first rows: the one naming most known fields (≥ 2).

    Title rows (often merged cells: one value) and blank rows above the header score 0 or 1.
    """
    best_index, best_score = None, 1
    for index, row in enumerate(rows[:max_scan]):
        found = {recognise(cell) for cell in row if cell not in (None, "")}
        score = len(found - {None, IGNORE})
        if score > best_score:
            best_index, best_score = index, score
    return best_index
