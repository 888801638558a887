"""From register rows to cases: parse and check every row, then (unless a dry run) save.

Each row saves completely or not at all. New cases are written a chunk at a time with bulk
inserts inside one transaction (fast: a 10,000-row register in seconds); if anything in a chunk
fails at the database, the chunk is rolled back and redone row by row, each row in its own
savepoint, so one bad row never takes good ones with it and never half-saves.

Re-importing is idempotent: a row's key is its organisation plus the register's own case number
(or, without one, the passport number). A key seen before updates that case, or is skipped when
the row is unchanged (ImportedRecord keeps a fingerprint of the row as last imported). A number
the system does not know yet falls back to the passport, when that finds the one case of the
organisation that was imported without a number: the number is then added to it (both keys
lead to the case from then on).

What an update changes:
- a filled cell replaces the stored value; a blank cell never blanks one (nor resets a choice or
  a yes/no to its default);
- the row's n-th perpetrator (its n-th group of perpetrator columns) updates the case's n-th
  perpetrator, in id order as the export writes them, and is added when the case has none there;
  a perpetrator is never deleted.

A new row whose passport or phone is already some case's, or whose name is like one in the same
district (SPEC §2.1), is imported with a warning that names that case.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import hashlib
import json
import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.audit import log_created
from casework.bulk import insert_rows
from casework.models import Case, CaseNumberSequence, Gender, JusticeSeeker, Organization, Perpetrator, Recruitment
from casework.services import CASE_NUMBER_PREFIX
from casework.states import ENDED, Status

from . import normalise as n
from .headers import FIELDS_BY_NAME, IGNORE, MAX_PERPETRATORS, PERPETRATOR_FIELDS, perpetrator_field
from .lookups import ExistingPeople, Lookups
from .models import ImportedRecord
from .reader import Formula, Sheet

logger = logging.getLogger("protikar.imports")

CHUNK = 500
APPLICANT_FIELDS = ("applicant_name", "applicant_address", "applicant_phone", "applicant_relation")
# How to write a yes/no with its detail: translated only when a cell needs it (not once a row).
MINORITY_HINT = gettext_lazy("write yes or no, and which group")
DISABILITY_HINT = gettext_lazy("write yes or no, and the disability")
RELATION_HINT = gettext_lazy("write yes or no, and the relation")
PRIOR_DETAIL_FIELDS = ("prior_complaint_where", "prior_complaint_date", "prior_complaint_number", "prior_complaint_copy_kept")


def _char_limits(model) -> list[tuple[str, int, object]]:
    return [(f.attname, f.max_length, f.verbose_name) for f in model._meta.concrete_fields if getattr(f, "max_length", None)]


_LIMITS = {
    "case": _char_limits(Case), "seeker": _char_limits(JusticeSeeker),
    "recruitment": _char_limits(Recruitment), "perpetrator": _char_limits(Perpetrator),
}


def with_labels(table: dict, choices) -> dict:
    """Add a TextChoices' codes and labels, in both languages, to a word table (so the export's
    own words import back whatever the translation catalogue calls them)."""
    from django.utils import translation

    out = dict(table)
    for language in ("bn", "en"):
        with translation.override(language):
            for value, label in choices.choices:
                out.setdefault(n.match_key(value), value)
                out.setdefault(n.match_key(str(label)), value)
    return out


_FILED_BY = {
    n.match_key(w): Case.FiledBy.VICTIM for w in ["victim", "self", "the victim", "worker", "mw", "নিজে", "ভুক্তভোগী", "কর্মী নিজে"]
} | {
    n.match_key(w): Case.FiledBy.ON_BEHALF
    for w in ["on behalf", "on behalf of victim", "behalf", "family", "relative", "পক্ষে", "পরিবার", "ভুক্তভোগীর পক্ষে"]
}
_KIND = {
    n.match_key(w): Perpetrator.Kind.INDIVIDUAL for w in ["individual", "person", "ব্যক্তি", "দালাল"]
} | {n.match_key(w): Perpetrator.Kind.COMPANY for w in ["company", "agency", "কোম্পানি", "এজেন্সি", "প্রতিষ্ঠান"]}


def _without_blanks(values: dict) -> dict:
    """The values a row states (None and "" are cells left blank)."""
    return {k: v for k, v in values.items() if v is not None and v != ""}


def _new_perpetrator(values: dict) -> dict:
    """A perpetrator to create from a row: blank choices take the model's defaults."""
    return {"kind": Perpetrator.Kind.INDIVIDUAL, "is_relative": False, **_without_blanks(values)}


_gc_lock = threading.Lock()
_gc_runs = 0  # runs in progress in this process (a worker may run imports in several threads)
_gc_was_enabled = True


@contextmanager
def _young_collections_only():
    """No automatic garbage collection during a run; run() collects the young generations
    after each chunk (what the chunk left in cycles is freed), and full collections wait until
    the end. A run keeps every row's outcome and the sheet's cells, so Python's own full
    collections scanned a heap that grew all the time: 1.2 s of a 13 s import of 10,000 rows.

    The switch is the whole process's: the first run to start turns collection off and the last
    to end turns it back on (when it was on before), so runs that overlap in threads never leave
    it off."""
    global _gc_runs, _gc_was_enabled
    with _gc_lock:
        if _gc_runs == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_runs += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_runs -= 1
            if _gc_runs == 0 and _gc_was_enabled:
                gc.enable()


@dataclass
class RowOutcome:
    row: int
    action: str = "create"  # create | update | skip | error
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    case_id: int | None = None
    key: str = ""

    def as_dict(self) -> dict:
        return {"row": self.row, "action": self.action, "errors": self.errors, "warnings": self.warnings, "case_id": self.case_id}


@dataclass
class ImportResult:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    errors: int = 0
    outcomes: list[RowOutcome] = field(default_factory=list)

    @property
    def summary_line(self) -> str:
        return f"imported={self.imported} updated={self.updated} skipped={self.skipped} errors={self.errors}"

    def count(self, outcome: RowOutcome) -> None:
        if outcome.action == "create":
            self.imported += 1
        elif outcome.action == "update":
            self.updated += 1
        elif outcome.action == "skip":
            self.skipped += 1
        else:
            self.errors += 1

    @property
    def reported(self) -> list[RowOutcome]:
        """Rows with something to say: errors first, then warnings."""
        return [o for o in self.outcomes if o.errors or o.warnings]


@dataclass
class ParsedRow:
    outcome: RowOutcome
    organization: Organization | None = None
    fingerprint: str = ""
    # Field → value as the row states it; None or "" where the cell is blank (an update keeps
    # the stored value there; a new case takes the model's default).
    case: dict = field(default_factory=dict)
    categories: list[int] = field(default_factory=list)
    sub_categories: list[int] = field(default_factory=list)
    remedies: list[int] = field(default_factory=list)
    seeker: dict = field(default_factory=dict)
    recruitment: dict = field(default_factory=dict)
    # (n, values) for every group of perpetrator columns with something in it, n from 1.
    perpetrators: list[tuple[int, dict]] = field(default_factory=list)
    # What saving does with them, decided in classify: (n, values, True when it adds a perpetrator).
    perpetrator_plan: list[tuple[int, dict, bool]] = field(default_factory=list)
    existing_case_id: int | None = None


def yes_no_words() -> dict[str, bool]:
    """'Yes'/'No' as the catalogue translates them (the export writes those)."""
    from django.utils import translation

    words = {}
    for language in ("bn", "en"):
        with translation.override(language):
            words.setdefault(n.match_key(_("Yes")), True)
            words.setdefault(n.match_key(_("No")), False)
    return words


def default_organization() -> Organization | None:
    """The programme lead's organisation: the owner of rows that name no organisation."""
    return Organization.objects.filter(type=Organization.Type.PROGRAMME_LEAD, is_active=True).order_by("id").first()


class ImportRun:
    """One pass over a sheet. `mapping` is {column index: field name}."""

    def __init__(
        self, *, user, sheet: Sheet, mapping: dict[int, str], organization: Organization | None = None,
        dry_run: bool = True, job=None, progress: Callable[[int, int], None] | None = None,
    ):
        self.user = user
        self.sheet = sheet
        self.mapping = {int(k): v for k, v in mapping.items() if v and v != IGNORE and v in FIELDS_BY_NAME}
        self.forced_org = organization
        self.dry_run = dry_run
        self.job = job
        self.progress = progress
        self.lookups = Lookups()
        self.people = ExistingPeople()
        self.fallback_org = organization or default_organization()
        self.headers = {index: (sheet.headers[index] if index < len(sheet.headers) else "") for index in self.mapping}
        # The perpetrators (1st, 2nd…) that some column of this file names.
        mapped = set(self.mapping.values())
        self.mapped = mapped
        self.perpetrator_numbers = [
            number for number in range(1, MAX_PERPETRATORS + 1)
            if any(perpetrator_field(name, number) in mapped for name in PERPETRATOR_FIELDS)
        ]
        self._known: dict[int, dict] = {}  # org id → what the system knows of its cases (_known_for)
        self._seen_in_file: dict[tuple[int, str], tuple[int, str]] = {}
        self._people_in_file: dict[tuple[str, str], int] = {}  # ("passport"|"phone", value) → first row
        self._created_numbers: set[str] = set()  # this run's own new cases: not duplicates of the file's rows
        self._addresses: dict[tuple[str, int | None], dict | str] = {}
        self.result = ImportResult()
        self._labels: dict[str, str] = {}
        self._dates: dict[tuple, dt.date] = {}
        self.filed_by_words = with_labels(_FILED_BY, Case.FiledBy)
        self.kind_words = with_labels(_KIND, Perpetrator.Kind)
        self.gender_words = with_labels(n.GENDER_LOOKUP, Gender)
        self.yes_no_words = yes_no_words()
        # Once a run, not once a row (each lookup of the active time zone costs as much as a cell).
        self.tz = timezone.get_current_timezone()
        self.today = timezone.localdate()

    # --- reading one row ----------------------------------------------------------------------
    def _label(self, name: str) -> str:
        """The column's own header in the file (what the person will look for in the report)."""
        label = self._labels.get(name)
        if label is None:
            label = next((self.headers[i] for i, mapped in self.mapping.items() if mapped == name and self.headers.get(i)), None)
            label = self._labels[name] = label or str(FIELDS_BY_NAME[name].label)
        return label

    def _column_error(self, name: str, message: str) -> str:
        """One message per problem, the column named once: "Upazila: “Brahmanbaria” not found"."""
        return _("%(column)s: %(problem)s") % {"column": self._label(name), "problem": message}

    def parse(self, number: int, cells: list) -> ParsedRow:
        values = {name: cells[index] if index < len(cells) else None for index, name in self.mapping.items()}
        parsed = ParsedRow(outcome=RowOutcome(row=number))
        errors, warnings = parsed.outcome.errors, parsed.outcome.warnings
        lk = self.lookups

        def get(name, parser, *args, **kwargs):
            if name not in values:
                return None  # no column holds it (every parser reads a blank as None or "")
            raw = values[name]
            if isinstance(raw, Formula):
                errors.append(_("%(column)s: holds a formula; formulas are not read, type the value instead") % {"column": self._label(name)})
                return None
            try:
                return parser(raw, *args, **kwargs)
            except n.NormaliseError as exc:
                errors.append(self._column_error(name, str(exc)))
                return None

        def text(name, limit, multiline=False):
            return self._text(values[name], name, limit, errors, multiline=multiline) if name in values else ""

        # Organisation: --organisation / the form's choice, else the column, else the programme lead's.
        org = self.forced_org
        if org is None and n.clean_text(values.get("organisation")):
            org = get("organisation", lk.choose, lk.organisations)
            if org is None:
                parsed.outcome.action = "error"
                return parsed
        parsed.organization = org or self.fallback_org
        if parsed.organization is None:
            errors.append(_("No organisation owns this row: name one in the Organisation column"))

        register = text("case_number", 60)
        passport = get("passport_number", n.parse_passport) or ""
        if register:
            parsed.outcome.key = f"no:{register}"
        elif passport:
            parsed.outcome.key = f"passport:{passport}"
        else:
            errors.append(_("Neither a case number nor a passport number: the row could not be recognised on a second import"))

        c = parsed.case
        c["register_number"] = register
        c["description"] = text("description", 20000, multiline=True)
        if not c["description"]:
            errors.append(_("%(column)s is empty") % {"column": self._label("description")})
        date = get("date", self._date)
        if date:
            c["created_at"] = timezone.make_aware(dt.datetime.combine(date, dt.time(12, 0)), self.tz)
            if date > self.today:
                warnings.append(_("%(column)s is in the future") % {"column": self._label("date")})
        before = len(errors)
        parsed.categories = get("categories", lk.choose_many, lk.categories) or []
        if not parsed.categories and len(errors) == before:
            errors.append(_("%(column)s is empty") % {"column": self._label("categories")})
        parsed.sub_categories = get("sub_categories", lk.choose_many, lk.sub_categories) or []
        c["other_category"] = text("other_category", 300)
        parsed.remedies = get("expected_remedies", lk.choose_many, lk.remedies) or []
        source = get("source", lk.choose, lk.sources)
        c["source_id"] = source.pk if source else None
        c["source_detail"] = text("source_detail", 200)
        c["filed_by"] = get("filed_by", self._choice, self.filed_by_words)
        c["applicants_count"] = get("applicants_count", n.parse_count, minimum=1, maximum=1000)
        c["prior_complaint"] = get("prior_complaint", self._yes_no)
        c["prior_complaint_where"] = text("prior_complaint_where", 200)
        c["prior_complaint_date"] = get("prior_complaint_date", self._date)
        c["prior_complaint_number"] = text("prior_complaint_number", 60)
        c["prior_complaint_copy_kept"] = get("prior_complaint_copy_kept", self._yes_no)
        if c["prior_complaint"] is None and any(c[name] for name in PRIOR_DETAIL_FIELDS):
            c["prior_complaint"] = True  # where or when it was made says that it was

        self._places(values, parsed, get, text, errors)
        country = get("destination_country", lk.choose, lk.countries)
        c["destination_country_id"] = country.pk if country else None
        process = get("recruitment_process", lk.choose, lk.processes)
        c["recruitment_process_id"] = process.pk if process else None
        c["migration_cost"] = get("migration_cost", n.parse_money)
        c["departure_date"] = get("departure_date", self._date)
        route = get("departure_route", lk.choose, lk.routes)
        c["departure_route_id"] = route.pk if route else None
        c["departure_route_detail"] = text("departure_route_detail", 200)

        s = parsed.seeker
        s["name"] = text("name", 200)
        if not s["name"]:
            errors.append(_("%(column)s is empty") % {"column": self._label("name")})
        before = len(errors)
        s["gender"] = get("gender", self._gender)
        if not s["gender"] and len(errors) == before:
            errors.append(_("%(column)s is empty") % {"column": self._label("gender")})
        s["age"] = get("age", n.parse_age)
        s["address_communication"] = text("address_communication", 2000, multiline=True)
        # The justice seeker's own number is Bangladeshi (as on the case form); the others may be abroad.
        s["phone"] = get("phone", n.parse_phone) or ""
        s["last_used_phone"] = get("last_used_phone", n.parse_phone, international=True) or ""
        s["family_phone"] = get("family_phone", n.parse_phone, international=True) or ""
        s["passport_number"] = passport
        s["passport_issue_place"] = text("passport_issue_place", 100)
        for name, lookup in (("marital_status", lk.marital), ("education", lk.education), ("religion", lk.religions)):
            item = get(name, lk.choose, lookup)
            s[f"{name}_id"] = item.pk if item else None
        s["family_size"] = get("family_size", n.parse_count, minimum=1, maximum=40)
        s["family_details"] = text("family_details", 300)
        if "family_size" not in values and s["family_details"]:
            # The concept note asks for "Family Information" as a number: a bare count is the size.
            try:
                s["family_size"], s["family_details"] = n.parse_count(s["family_details"], maximum=40), ""
            except n.NormaliseError:
                pass
        s["is_minority"], s["minority_detail"] = self._yes_and_detail(
            values, "is_minority", 120, errors, MINORITY_HINT)
        s["has_disability"], s["disability_detail"] = self._yes_and_detail(
            values, "has_disability", 120, errors, DISABILITY_HINT)
        s["applicant_name"] = text("applicant_name", 200)
        s["applicant_address"] = text("applicant_address", 300)
        s["applicant_phone"] = get("applicant_phone", n.parse_phone, international=True) or ""
        s["applicant_relation"] = text("applicant_relation", 60)
        if c["filed_by"] is None and any(s[name] for name in APPLICANT_FIELDS):
            c["filed_by"] = Case.FiledBy.ON_BEHALF  # someone applied for the worker

        r = parsed.recruitment
        agency_text = text("agency_name", 200)
        agency = lk.agencies.get(n.match_key(agency_text)) if agency_text else None
        r["agency_id"] = agency.pk if agency else None
        r["agency_name"] = "" if agency else agency_text
        r["agency_address"] = text("agency_address", 300)
        r["agency_phone"] = get("agency_phone", n.parse_phone, international=True) or ""
        r["agent_name"] = text("agent_name", 200)
        r["agent_address"] = text("agent_address", 300)
        r["agent_phone"] = get("agent_phone", n.parse_phone, international=True) or ""
        r["agent_nid"] = get("agent_nid", n.parse_nid) or ""

        for number in self.perpetrator_numbers:
            name = functools.partial(perpetrator_field, n=number)
            p = {"name": text(name("perpetrator_name"), 200)}
            p["kind"] = get(name("perpetrator_kind"), self._choice, self.kind_words)
            p["is_relative"], p["relation"] = self._yes_and_detail(
                values, name("perpetrator_relative"), 60, errors, RELATION_HINT)
            p["address"] = text(name("perpetrator_address"), 300)
            p["phone"] = get(name("perpetrator_phone"), n.parse_phone, international=True) or ""
            p["nid"] = get(name("perpetrator_nid"), n.parse_nid) or ""
            if _without_blanks(p):
                parsed.perpetrators.append((number, p))

        fingerprint_source = {name: n.clean_text(value) for name, value in sorted(values.items())}
        fingerprint_source["__org"] = parsed.organization.pk if parsed.organization else None
        parsed.fingerprint = hashlib.sha256(json.dumps(fingerprint_source, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        if not errors:
            self._validate_models(parsed)
        if errors:
            parsed.outcome.action = "error"
        return parsed

    def _places(self, values: dict, parsed: ParsedRow, get, text, errors: list) -> None:
        """District, upazila and union from their columns, and what a Permanent Address cell adds."""
        lk, c, s = self.lookups, parsed.case, parsed.seeker
        before = len(errors)
        district_id = get("district", lk.districts.find)
        address = {}
        if "permanent_address" in values and len(errors) == before:
            address = self._permanent_address(values["permanent_address"], district_id, errors)
            if district_id and address.get("district_id") not in (None, district_id):
                errors.append(self._column_error("permanent_address", _("names a different district than the District column")))
            district_id = district_id or address.get("district_id")
        upazila_id = None
        if not n.is_blank(values.get("upazila")) and len(errors) == before:
            upazila_id = get("upazila", lk.upazilas.find, parent=district_id)
            if upazila_id and address.get("upazila_id") not in (None, upazila_id):
                errors.append(self._column_error("permanent_address", _("names a different upazila than the Upazila column")))
        upazila_id = upazila_id or address.get("upazila_id")
        if upazila_id and district_id is None:
            district_id = lk.upazilas.parent[upazila_id]
        union_id = None
        if upazila_id and not n.is_blank(values.get("union")):
            union_id = get("union", lk.unions.find, parent=upazila_id)
        c["district_id"] = district_id
        c["division_id"] = lk.district_division.get(district_id) if district_id else None
        c["upazila_id"] = upazila_id
        s["union_id"] = union_id or (address.get("union_id") if upazila_id == address.get("upazila_id") else None)
        s["police_station"] = text("police_station", 100) or address.get("police_station", "")
        s["ward"] = text("ward", 50) or address.get("ward", "")
        s["village"] = text("village", 100) or address.get("village", "")
        if len(s["village"]) > 100:
            errors.append(_("%(column)s is longer than %(limit)s characters") % {"column": self._label("permanent_address"), "limit": 100})

    def _permanent_address(self, raw, district_id: int | None, errors: list) -> dict:
        """Read "Vill: Rampur, Upazila: Debidwar, Dist: Cumilla" or "Rampur, Debidwar, Cumilla".

        Labelled parts go where their label says (a labelled place may be misspelt: it is matched
        like a District or Upazila column). Unlabelled parts are places only when they are, read
        from the right, exactly a district, an upazila of it, a union of that (Bangladeshi addresses
        run from the smallest place to the largest); what is left (village, post office, house) is
        kept as the village. Each distinct cell is read once.
        """
        if isinstance(raw, Formula):
            errors.append(_("%(column)s: holds a formula; formulas are not read, type the value instead") % {"column": self._label("permanent_address")})
            return {}
        cache_key = (n.clean_text(raw), district_id)
        found = self._addresses.get(cache_key)
        if found is None:
            try:
                found = self._read_address(raw, district_id)
            except n.NormaliseError as exc:
                found = str(exc)
            self._addresses[cache_key] = found
        if isinstance(found, str):
            errors.append(self._column_error("permanent_address", found))
            return {}
        return found

    def _read_address(self, raw, district_id: int | None) -> dict:
        lk = self.lookups
        parts = n.split_address(raw)
        labelled = {part: value for part, value, _piece in parts if part}
        out: dict = {}
        if "district" in labelled:
            out["district_id"] = lk.districts.find(labelled["district"])
        if "upazila" in labelled:
            out["upazila_id"] = lk.upazilas.find(labelled["upazila"], parent=out.get("district_id") or district_id)
        # Unlabelled parts from the right: the district, its upazila, that upazila's union, each
        # taken only while the part is exactly one (a fuzzy match here would be a guess).
        unlabelled = [i for i, (part, _value, _piece) in enumerate(parts) if part is None]
        levels = (
            ("district_id", lk.districts, lambda: None),
            ("upazila_id", lk.upazilas, lambda: out.get("district_id") or district_id),
            ("union_id", lk.unions, lambda: out.get("upazila_id")),
        )
        for key, index, parent in levels:
            if not unlabelled or (key != "district_id" and parent() is None) or (key == "union_id" and "union" in labelled):
                break
            if key in out:
                continue
            place = index.find_exact(parts[unlabelled[-1]][1], parent=parent())
            if place is None:
                if key == "district_id" and district_id:
                    continue  # the District column names it: the last part may be the upazila
                break
            out[key] = place
            unlabelled.pop()
        if "union" in labelled and out.get("upazila_id"):
            out["union_id"] = lk.unions.find(labelled["union"], parent=out["upazila_id"])
        if "police_station" in labelled:
            out["police_station"] = labelled["police_station"]
        if "ward" in labelled:
            out["ward"] = n.ascii_digits(labelled["ward"])
        # The rest (village, post office, house, para) in the cell's order, as the village.
        rest = [value if part == "village" else piece for i, (part, value, piece) in enumerate(parts)
                if part in ("village", "post_office") or i in unlabelled]
        if rest:
            out["village"] = ", ".join(rest)
        return out

    def _text(self, value, name, limit, errors, multiline=False) -> str:
        if isinstance(value, Formula):
            errors.append(_("%(column)s: holds a formula; formulas are not read, type the value instead") % {"column": self._label(name)})
            return ""
        out = n.clean_multiline(value) if multiline else n.clean_text(value)
        out = n.ascii_digits(out) if name in ("case_number", "ward") else out
        if len(out) > limit:
            errors.append(_("%(column)s is longer than %(limit)s characters") % {"column": self._label(name), "limit": limit})
            return ""
        return out

    def _date(self, value):
        """parse_date, each distinct cell read once a run (a register repeats its dates). Only
        dates are remembered: an error is raised again, in the language of the moment."""
        key = (value.__class__, value)
        date = self._dates.get(key)
        if date is None:
            date = n.parse_date(value, today=self.today)
            if date is not None:
                self._dates[key] = date
        return date

    def _gender(self, value):
        try:
            return n.parse_gender(value)
        except n.NormaliseError:
            if self.gender_words.get(n.match_key(value)):
                return self.gender_words[n.match_key(value)]
            raise

    def _yes_no(self, value):
        try:
            return n.parse_yes_no(value)
        except n.NormaliseError:
            if n.match_key(value) in self.yes_no_words:
                return self.yes_no_words[n.match_key(value)]
            raise

    @staticmethod
    def _choice(value, table):
        if n.is_blank(value):
            return None
        found = table.get(n.match_key(value))
        if found is None:
            raise n.NormaliseError(_("“%(value)s” is not one of the choices") % {"value": n.clean_text(value)})
        return found

    def _yes_and_detail(self, values: dict, name: str, limit: int, errors: list, hint: str) -> tuple[bool | None, str]:
        """'Yes', 'No', 'yes - uncle', 'হ্যাঁ, চাচা', 'Yes (Dalit)' → (yes or no, the words after it).
        A blank cell gives (None, ""): an update leaves the stored answer as it is."""
        if name not in values:
            return None, ""
        value = values[name]
        if isinstance(value, Formula):
            errors.append(_("%(column)s: holds a formula; formulas are not read, type the value instead") % {"column": self._label(name)})
            return None, ""
        if isinstance(value, bool):
            return value, ""
        text = n.clean_text(value)
        if not text:
            return None, ""
        head, _sep, rest = text.replace("(", ",").replace(" - ", ",").replace("-", ",").replace(":", ",").partition(",")
        try:
            yes = self._yes_no(head)
        except n.NormaliseError:
            errors.append(self._column_error(name, str(hint)))
            return None, ""
        detail = rest.strip(" )") if yes else ""
        if len(detail) > limit:
            errors.append(_("%(column)s is longer than %(limit)s characters") % {"column": self._label(name), "limit": limit})
            return None, ""
        return bool(yes), detail

    def _validate_models(self, parsed: ParsedRow) -> None:
        """Lengths of text fields, checked against the models' own limits.

        Not full_clean(): building four model instances per row only to validate them halved the
        import speed, and every other field is already checked by its parser (choices, numbers,
        dates, places). A database error that slips through is caught per row in _save_chunk.
        """
        parts = [(parsed.case, _LIMITS["case"]), (parsed.seeker, _LIMITS["seeker"]), (parsed.recruitment, _LIMITS["recruitment"])]
        for values, limits in parts + [(p, _LIMITS["perpetrator"]) for _n, p in parsed.perpetrators]:
            # One comprehension a part (this runs for every row): text values over their limit.
            for label, limit in [(label, limit) for name, limit, label in limits
                                 if (value := values.get(name)).__class__ is str and len(value) > limit]:
                parsed.outcome.errors.append(_("%(column)s is longer than %(limit)s characters") % {"column": label, "limit": limit})

    def _case_fields(self, parsed: ParsedRow, number: str) -> dict:
        """A new case's columns: what the row states; blank cells take the model's defaults."""
        fields = _without_blanks(parsed.case)
        fields.update(
            case_number=number, organization_id=parsed.organization.pk, entered_by_id=self.user.pk, status=Status.DRAFT.value,
            status_changed_at=timezone.now(),
        )
        return fields

    # --- matching rows to existing cases ------------------------------------------------------
    def _known_for(self, org_id: int) -> dict:
        """An organisation's cases as far as matching needs them, read once per run."""
        known = self._known.get(org_id)
        if known is None:
            keys, register, status = {}, {}, {}
            for pk, register_number, number, state in Case.objects.filter(organization_id=org_id).values_list(
                "id", "register_number", "case_number", "status"
            ):
                keys[f"no:{number}"] = pk
                if register_number:
                    keys[f"no:{register_number}"] = pk
                register[pk], status[pk] = register_number, state
            passports = defaultdict(list)
            for pk, passport in JusticeSeeker.objects.filter(case__organization_id=org_id).exclude(passport_number="").values_list(
                "case_id", "passport_number"
            ):
                keys.setdefault(f"passport:{passport}", pk)
                passports[passport].append(pk)
            for key, pk in ImportedRecord.objects.filter(organization_id=org_id).values_list("key", "case_id"):
                keys.setdefault(key, pk)
            fingerprints = dict(ImportedRecord.objects.filter(organization_id=org_id).values_list("case_id", "fingerprint"))
            perpetrators = dict(Perpetrator.objects.filter(case__organization_id=org_id).values("case_id")
                                .annotate(n=Count("id")).values_list("case_id", "n"))
            known = self._known[org_id] = {"keys": keys, "fingerprints": fingerprints, "status": status,
                                           "register": register, "passports": passports, "perpetrators": perpetrators}
        return known

    def _case_for(self, parsed: ParsedRow, known: dict) -> int | None:
        """The case a row is: by its key; a number not seen yet falls back to the passport when
        that is the one case of the organisation imported without a number (the row adds it)."""
        case_id = known["keys"].get(parsed.outcome.key)
        passport = parsed.seeker.get("passport_number")
        if case_id is None and parsed.outcome.key.startswith("no:") and passport:
            unnumbered = [pk for pk in known["passports"].get(passport, ()) if not known["register"].get(pk)]
            if len(unnumbered) == 1:
                case_id = unnumbered[0]
        return case_id

    def classify(self, parsed: ParsedRow) -> None:
        outcome = parsed.outcome
        if outcome.action == "error":
            return
        org_id = parsed.organization.pk
        seen = self._seen_in_file.get((org_id, outcome.key))
        if seen is not None:
            first_row, first_fingerprint = seen
            if first_fingerprint == parsed.fingerprint:
                outcome.action = "skip"
                outcome.warnings.append(_("Same as row %(row)s") % {"row": first_row})
            else:
                outcome.action = "error"
                outcome.errors.append(_("Row %(row)s has the same case number or passport with different details") % {"row": first_row})
            return
        self._seen_in_file[(org_id, outcome.key)] = (outcome.row, parsed.fingerprint)
        known = self._known_for(org_id)
        case_id = self._case_for(parsed, known)
        if case_id is None:
            outcome.action = "create"
        else:
            parsed.existing_case_id = outcome.case_id = case_id
            if known["fingerprints"].get(case_id) == parsed.fingerprint:
                outcome.action = "skip"
                return
            if known["status"].get(case_id) in ENDED:
                outcome.action = "error"
                outcome.errors.append(_("The case is closed or declined in the system; it was not changed"))
                return
            outcome.action = "update"
        self._plan_perpetrators(parsed, known["perpetrators"].get(case_id, 0) if case_id else 0)

    def _plan_perpetrators(self, parsed: ParsedRow, existing: int) -> None:
        """The n-th perpetrator columns are the case's n-th perpetrator: update it, or add it when
        the case has n - 1. A gap would put a perpetrator in another place than its columns (and
        the next import would add it again), so it is an error; a new one needs a name."""
        outcome = parsed.outcome
        count = existing
        for number, values in parsed.perpetrators:
            if number <= count:
                parsed.perpetrator_plan.append((number, values, False))
            elif not values["name"]:
                outcome.warnings.append(_("Perpetrator %(n)s: details without a name are not saved") % {"n": number})
            elif number == count + 1:
                parsed.perpetrator_plan.append((number, values, True))
                count += 1
            else:
                outcome.action = "error"
                outcome.errors.append(
                    _("Perpetrator %(n)s is filled in but perpetrator %(missing)s is not: fill in the perpetrators in "
                      "order, from the first columns on") % {"n": number, "missing": count + 1}
                )
                return

    def _warn_duplicates(self, chunk: list[ParsedRow]) -> None:
        """SPEC §2.1 for new rows: the same passport or phone as a case in the system (any
        organisation) or an earlier row of the file, or a similar name in the same district."""
        creates = [p for p in chunk if p.outcome.action == "create"]
        if not creates:
            return
        passports = {p.seeker["passport_number"] for p in creates if p.seeker["passport_number"]}
        phones = {p.seeker["phone"] for p in creates if p.seeker["phone"]}
        by_passport, by_phone = self.people.by_passport(passports), self.people.by_phone(phones)
        self.people.load_districts({p.case["district_id"] for p in creates if p.case.get("district_id")})

        def numbers(found: set[str]) -> str:
            found = sorted(found - self._created_numbers)
            return ", ".join(found[:3]) + (" …" if len(found) > 3 else "")

        for parsed in creates:
            warnings, seeker = parsed.outcome.warnings, parsed.seeker
            for kind, value, found in (("passport", seeker["passport_number"], by_passport),
                                       ("phone", seeker["phone"], by_phone)):
                if not value:
                    continue
                if listed := numbers(found.get(value, set())):
                    warnings.append(
                        _("The same passport number as case %(numbers)s: check that this is not the same person twice")
                        % {"numbers": listed} if kind == "passport" else
                        _("The same phone number as case %(numbers)s: check that this is not the same person twice")
                        % {"numbers": listed}
                    )
                first = self._people_in_file.setdefault((kind, value), parsed.outcome.row)
                if first != parsed.outcome.row:
                    warnings.append(_("The same passport number as row %(row)s") % {"row": first} if kind == "passport"
                                    else _("The same phone number as row %(row)s") % {"row": first})
            district_id = parsed.case.get("district_id")
            if district_id and (listed := numbers(self.people.similar_names(district_id, seeker["name"]))):
                warnings.append(_("A similar name in the same district as case %(numbers)s: check that this is not the "
                                  "same person twice") % {"numbers": listed})

    # --- the run ------------------------------------------------------------------------------
    def run(self) -> ImportResult:
        from auditlog.context import set_actor

        total = len(self.sheet.rows)
        with set_actor(self.user), _young_collections_only():
            for start in range(0, total, CHUNK):
                chunk = [self.parse(number, cells) for number, cells in self.sheet.rows[start:start + CHUNK]]
                for parsed in chunk:
                    self.classify(parsed)
                self._warn_duplicates(chunk)
                if not self.dry_run:
                    self._save_chunk(chunk)
                for parsed in chunk:
                    self.result.outcomes.append(parsed.outcome)
                    self.result.count(parsed.outcome)
                if self.progress:
                    self.progress(min(start + CHUNK, total), total)
                gc.collect(1)
        return self.result

    def _save_chunk(self, chunk: list[ParsedRow]) -> None:
        creates = [p for p in chunk if p.outcome.action == "create"]
        if creates:
            try:
                with transaction.atomic():
                    self._bulk_create(creates)
            except (IntegrityError, DatabaseError, ValidationError, ValueError):
                # Something only the database noticed: redo row by row so each row stands alone.
                for parsed in creates:
                    self._save_one(parsed, self._create_one)
        for parsed in chunk:
            if parsed.outcome.action == "update":
                self._save_one(parsed, self._update_one)

    def _save_one(self, parsed: ParsedRow, writer) -> None:
        try:
            with transaction.atomic():
                writer(parsed)
        except (IntegrityError, DatabaseError, ValidationError, ValueError) as exc:
            parsed.outcome.action = "error"
            parsed.outcome.case_id = None
            # The database's own words name tables and values (personal data): the log gets what
            # an administrator needs to find the cause, the person a plain sentence.
            cause = getattr(exc, "__cause__", None)
            diag = getattr(cause, "diag", None)
            logger.warning(
                "Import row %s not saved (job %s): %s, sqlstate %s, constraint %s", parsed.outcome.row,
                self.job.pk if self.job else "-", type(exc).__name__, getattr(cause, "sqlstate", None) or "-",
                getattr(diag, "constraint_name", None) or "-",
            )
            parsed.outcome.errors.append(_(
                "This row could not be saved: the database refused one of its values. Nothing from the row was "
                "saved. Check the row; if it still fails, tell the system administrator the row number."
            ))

    def _allocate_numbers(self, count: int) -> list[str]:
        """Reserve `count` case numbers at once (same sequence and lock as case_number_next)."""
        year = timezone.localdate().year
        CaseNumberSequence.objects.get_or_create(year=year)
        seq = CaseNumberSequence.objects.select_for_update().get(year=year)
        first = seq.last + 1
        seq.last += count
        seq.save(update_fields=["last"])
        return [f"{CASE_NUMBER_PREFIX}-{year}-{number:05d}" for number in range(first, first + count)]

    @staticmethod
    def _new_perpetrators(parsed: ParsedRow) -> list[dict]:
        return [_new_perpetrator(values) for _n, values, new in parsed.perpetrator_plan if new]

    def _bulk_create(self, creates: list[ParsedRow]) -> None:
        """Write a chunk of new cases and their parts (COPY on PostgreSQL), with an audit-log entry
        for every case, justice seeker, recruitment and perpetrator, as a form would have left."""
        numbers = self._allocate_numbers(len(creates))
        cases = [self._case_fields(p, number) for p, number in zip(creates, numbers)]
        case_ids = insert_rows(Case, cases)
        m2m = [
            (Case.categories.through, "casecategory_id", "categories"),
            (Case.sub_categories.through, "subcategory_id", "sub_categories"),
            (Case.expected_remedies.through, "expectedremedy_id", "remedies"),
        ]
        for through, column, attr in m2m:
            insert_rows(through, [{"case_id": case_id, column: item}
                                  for case_id, p in zip(case_ids, creates) for item in getattr(p, attr)], returning=False)
        seekers = [{"case_id": case_id, **_without_blanks(p.seeker)} for case_id, p in zip(case_ids, creates)]
        recruitments = [{"case_id": case_id, **_without_blanks(p.recruitment)} for case_id, p in zip(case_ids, creates)]
        perpetrators = [{"case_id": case_id, **perp} for case_id, p in zip(case_ids, creates) for perp in self._new_perpetrators(p)]
        seeker_ids = insert_rows(JusticeSeeker, seekers)
        recruitment_ids = insert_rows(Recruitment, recruitments)
        perpetrator_ids = insert_rows(Perpetrator, perpetrators)
        insert_rows(ImportedRecord, [self._record(case_id, p) for case_id, p in zip(case_ids, creates)], returning=False)
        audit = {"actor": self.user, "extra": {"import_job": str(self.job.pk)} if self.job else {}}
        category_names = self.lookups.category_names
        for case, p in zip(cases, creates):
            case["categories"] = {"type": "m2m", "operation": "add", "objects": [category_names.get(pk, str(pk)) for pk in p.categories]}
        log_created(Case, cases, case_ids, repr_field="case_number", **audit)
        log_created(JusticeSeeker, seekers, seeker_ids, repr_field="name", **audit)
        log_created(Recruitment, recruitments, recruitment_ids, repr_field="agent_name", **audit)
        log_created(Perpetrator, perpetrators, perpetrator_ids, repr_field="name", **audit)
        for case_id, number, p in zip(case_ids, numbers, creates):
            p.outcome.case_id = case_id
            self._remember(p, case_id, number)

    def _record(self, case_id: int, parsed: ParsedRow) -> dict:
        return {
            "case_id": case_id, "organization_id": parsed.organization.pk, "key": parsed.outcome.key,
            "fingerprint": parsed.fingerprint, "job_id": self.job.pk if self.job else None, "imported_by_id": self.user.pk,
        }

    def _remember(self, parsed: ParsedRow, case_id: int, number: str | None = None) -> None:
        """What this run wrote, for the rows after it: every key that leads to the case."""
        known = self._known_for(parsed.organization.pk)
        known["keys"][parsed.outcome.key] = case_id
        known["fingerprints"][case_id] = parsed.fingerprint
        if parsed.case["register_number"]:
            known["register"][case_id] = parsed.case["register_number"]
        if passport := parsed.seeker.get("passport_number"):
            known["keys"].setdefault(f"passport:{passport}", case_id)
            if case_id not in known["passports"][passport]:
                known["passports"][passport].append(case_id)
        known["perpetrators"][case_id] = max(
            known["perpetrators"].get(case_id, 0), max((n for n, _v, _new in parsed.perpetrator_plan), default=0))
        if number:
            self._created_numbers.add(number)

    def _create_one(self, parsed: ParsedRow) -> None:
        number = self._allocate_numbers(1)[0]
        case = Case(**self._case_fields(parsed, number))
        case.save()
        case.categories.set(parsed.categories)
        case.sub_categories.set(parsed.sub_categories)
        case.expected_remedies.set(parsed.remedies)
        JusticeSeeker.objects.create(case=case, **_without_blanks(parsed.seeker))
        Recruitment.objects.create(case=case, **_without_blanks(parsed.recruitment))
        for perpetrator in self._new_perpetrators(parsed):
            Perpetrator.objects.create(case=case, **perpetrator)
        ImportedRecord.objects.create(**self._record(case.pk, parsed))
        parsed.outcome.case_id = case.pk
        self._remember(parsed, case.pk, number)

    def _update_one(self, parsed: ParsedRow) -> None:
        """Fill in and correct what the row says; never blank out what the row leaves empty."""
        case = Case.objects.select_for_update().get(pk=parsed.existing_case_id)
        for name, value in _without_blanks(parsed.case).items():
            if name != "created_at":
                setattr(case, name, value)
        case.save()
        if parsed.categories:
            case.categories.set(parsed.categories)
        if parsed.sub_categories:
            case.sub_categories.set(parsed.sub_categories)
        if parsed.remedies:
            case.expected_remedies.set(parsed.remedies)
        for model, values in ((JusticeSeeker, parsed.seeker), (Recruitment, parsed.recruitment)):
            obj = model.objects.filter(case=case).first() or model(case=case)
            for name, value in _without_blanks(values).items():
                setattr(obj, name, value)
            if model is JusticeSeeker:
                # "No" says there is nothing to describe.
                obj.minority_detail = obj.minority_detail if obj.is_minority else ""
                obj.disability_detail = obj.disability_detail if obj.has_disability else ""
            obj.save()
        existing = list(case.perpetrators.order_by("id"))
        for number, values, _new in parsed.perpetrator_plan:
            if number <= len(existing):
                perpetrator = existing[number - 1]
                for name, value in _without_blanks(values).items():
                    setattr(perpetrator, name, value)
                perpetrator.relation = perpetrator.relation if perpetrator.is_relative else ""
                perpetrator.save()
            else:  # added since the check (someone removed one meanwhile): add it after the others
                existing.append(Perpetrator.objects.create(case=case, **_new_perpetrator(values)))
        ImportedRecord.objects.update_or_create(
            case=case,
            defaults={"organization": parsed.organization, "key": parsed.outcome.key, "fingerprint": parsed.fingerprint,
                      "job": self.job, "imported_by": self.user},
        )
        self._remember(parsed, case.pk)
