"""From register rows to cases: parse and check every row, then (unless a dry run) save.

Each row saves completely or not at all. New cases are written a chunk at a time with bulk
inserts inside one transaction (fast: a 10,000-row register in seconds); if anything in a chunk
fails at the database, the chunk is rolled back and redone row by row, each row in its own
savepoint, so one bad row never takes good ones with it and never half-saves.

Re-importing is idempotent: a row's key is its organisation plus the register's own case number
(or, without one, the passport number). A key seen before updates that case, or is skipped when
the row is unchanged (ImportedRecord keeps a fingerprint of the row as last imported).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.audit import log_created
from casework.bulk import insert_rows
from casework.models import Case, CaseNumberSequence, Gender, JusticeSeeker, Organization, Perpetrator, Recruitment
from casework.services import CASE_NUMBER_PREFIX
from casework.states import ENDED, Status

from . import normalise as n
from .headers import FIELDS_BY_NAME, IGNORE, MAX_PERPETRATORS, PERPETRATOR_FIELDS, perpetrator_field
from .lookups import Lookups
from .models import ImportedRecord
from .reader import Formula, Sheet

CHUNK = 500


def _char_limits(model) -> dict[str, tuple[int, object]]:
    return {f.attname: (f.max_length, f.verbose_name) for f in model._meta.concrete_fields if getattr(f, "max_length", None)}


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
    case: dict = field(default_factory=dict)
    categories: list[int] = field(default_factory=list)
    sub_categories: list[int] = field(default_factory=list)
    remedies: list[int] = field(default_factory=list)
    seeker: dict = field(default_factory=dict)
    recruitment: dict = field(default_factory=dict)
    perpetrators: list[dict] = field(default_factory=list)  # the named ones, in column order
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
        self.fallback_org = organization or default_organization()
        self.headers = {index: (sheet.headers[index] if index < len(sheet.headers) else "") for index in self.mapping}
        # The perpetrators (1st, 2nd…) that some column of this file names.
        mapped = set(self.mapping.values())
        self.perpetrator_numbers = [
            number for number in range(1, MAX_PERPETRATORS + 1)
            if any(perpetrator_field(name, number) in mapped for name in PERPETRATOR_FIELDS)
        ]
        self._known: dict[int, dict] = {}  # org id → {"key": case id}, {case id: fingerprint}
        self._seen_in_file: dict[tuple[int, str], tuple[int, str]] = {}
        self.result = ImportResult()
        self._labels: dict[str, str] = {}
        self.filed_by_words = with_labels(_FILED_BY, Case.FiledBy)
        self.kind_words = with_labels(_KIND, Perpetrator.Kind)
        self.gender_words = with_labels(n.GENDER_LOOKUP, Gender)
        self.yes_no_words = yes_no_words()

    # --- reading one row ----------------------------------------------------------------------
    def _label(self, name: str) -> str:
        """The column's own header in the file (what the person will look for in the report)."""
        label = self._labels.get(name)
        if label is None:
            label = next((self.headers[i] for i, mapped in self.mapping.items() if mapped == name and self.headers.get(i)), None)
            label = self._labels[name] = label or str(FIELDS_BY_NAME[name].label)
        return label

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
                errors.append(f"{self._label(name)}: {exc}")
                return None

        def text(name, limit):
            return self._text(values[name], name, limit, errors) if name in values else ""

        # Organisation: --organisation / the form's choice, else the column, else the programme lead's.
        org = self.forced_org
        if org is None and n.clean_text(values.get("organisation")):
            org = get("organisation", lk.choose, lk.organisations, self._label("organisation"))
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
        c["description"] = self._text(values.get("description"), "description", 20000, errors, multiline=True)
        if not c["description"]:
            errors.append(_("%(column)s is empty") % {"column": self._label("description")})
        date = get("date", n.parse_date)
        if date:
            c["created_at"] = timezone.make_aware(dt.datetime.combine(date, dt.time(12, 0)))
            if date > timezone.localdate():
                warnings.append(_("%(column)s is in the future") % {"column": self._label("date")})
        before = len(errors)
        parsed.categories = get("categories", lk.choose_many, lk.categories, self._label("categories")) or []
        if not parsed.categories and len(errors) == before:
            errors.append(_("%(column)s is empty") % {"column": self._label("categories")})
        parsed.sub_categories = get("sub_categories", lk.choose_many, lk.sub_categories, self._label("sub_categories")) or []
        parsed.remedies = get("expected_remedies", lk.choose_many, lk.remedies, self._label("expected_remedies")) or []
        source = get("source", lk.choose, lk.sources, self._label("source"))
        c["source_id"] = source.pk if source else None
        filed_by = get("filed_by", self._choice, self.filed_by_words)
        c["filed_by"] = filed_by or Case.FiledBy.VICTIM
        c["applicants_count"] = get("applicants_count", n.parse_int, minimum=1, maximum=1000) or 1
        c["prior_complaint"] = bool(get("prior_complaint", self._yes_no))

        before = len(errors)
        district_id = get("district", lk.districts.find, label=self._label("district"))
        upazila_id = None
        if not n.is_blank(values.get("upazila")) and len(errors) == before:
            upazila_id = get("upazila", lk.upazilas.find, parent=district_id, label=self._label("upazila"))
            if upazila_id and district_id is None:
                district_id = lk.upazilas.parent[upazila_id]
        union_id = None
        if upazila_id and not n.is_blank(values.get("union")):
            union_id = get("union", lk.unions.find, parent=upazila_id, label=self._label("union"))
        c["district_id"] = district_id
        c["division_id"] = lk.district_division.get(district_id) if district_id else None
        c["upazila_id"] = upazila_id
        country = get("destination_country", lk.choose, lk.countries, self._label("destination_country"))
        c["destination_country_id"] = country.pk if country else None
        process = get("recruitment_process", lk.choose, lk.processes, self._label("recruitment_process"))
        c["recruitment_process_id"] = process.pk if process else None
        c["migration_cost"] = get("migration_cost", n.parse_decimal)
        if c["migration_cost"] is not None and c["migration_cost"] >= 10**12:
            errors.append(_("%(column)s: the amount is too large") % {"column": self._label("migration_cost")})
        c["departure_date"] = get("departure_date", n.parse_date)
        route = get("departure_route", lk.choose, lk.routes, self._label("departure_route"))
        c["departure_route_id"] = route.pk if route else None

        s = parsed.seeker
        s["name"] = text("name", 200)
        if not s["name"]:
            errors.append(_("%(column)s is empty") % {"column": self._label("name")})
        before = len(errors)
        s["gender"] = get("gender", self._gender)
        if not s["gender"] and len(errors) == before:
            errors.append(_("%(column)s is empty") % {"column": self._label("gender")})
        s["age"] = get("age", n.parse_int, minimum=10, maximum=100)
        s["address_communication"] = self._text(values.get("address_communication"), "address_communication", 2000, errors, multiline=True)
        s["union_id"] = union_id
        s["police_station"] = text("police_station", 100)
        s["ward"] = text("ward", 50)
        s["village"] = text("village", 100)
        s["phone"] = get("phone", n.parse_phone) or ""
        s["last_used_phone"] = get("last_used_phone", n.parse_phone) or ""
        s["family_phone"] = get("family_phone", n.parse_phone) or ""
        s["passport_number"] = passport
        s["passport_issue_place"] = text("passport_issue_place", 100)
        for name, lookup in (("marital_status", lk.marital), ("education", lk.education), ("religion", lk.religions)):
            item = get(name, lk.choose, lookup, self._label(name))
            s[f"{name}_id"] = item.pk if item else None
        s["family_details"] = text("family_details", 300)

        r = parsed.recruitment
        agency_text = text("agency_name", 200)
        agency = lk.agencies.get(n.match_key(agency_text)) if agency_text else None
        r["agency_id"] = agency.pk if agency else None
        r["agency_name"] = "" if agency else agency_text
        r["agent_name"] = text("agent_name", 200)
        r["agent_phone"] = get("agent_phone", n.parse_phone) or ""

        for number in self.perpetrator_numbers:
            name = functools.partial(perpetrator_field, n=number)
            p = {"name": text(name("perpetrator_name"), 200)}
            p["kind"] = get(name("perpetrator_kind"), self._choice, self.kind_words) or Perpetrator.Kind.INDIVIDUAL
            p["is_relative"], p["relation"] = self._relative(values.get(name("perpetrator_relative")), errors,
                                                             name("perpetrator_relative"))
            p["address"] = text(name("perpetrator_address"), 300)
            p["phone"] = get(name("perpetrator_phone"), n.parse_phone) or ""
            p["nid"] = get(name("perpetrator_nid"), n.parse_nid) or ""
            if p["name"]:
                parsed.perpetrators.append(p)
            elif p["address"] or p["phone"] or p["nid"]:
                warnings.append(_("Perpetrator details without a name are not saved"))

        fingerprint_source = {name: n.clean_text(value) for name, value in sorted(values.items())}
        fingerprint_source["__org"] = parsed.organization.pk if parsed.organization else None
        parsed.fingerprint = hashlib.sha256(json.dumps(fingerprint_source, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
        if not errors:
            self._validate_models(parsed)
        if errors:
            parsed.outcome.action = "error"
        return parsed

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

    def _relative(self, value, errors, column: str = "perpetrator_relative") -> tuple[bool, str]:
        """'Yes', 'No', 'yes - uncle', 'হ্যাঁ, চাচা' → (is relative, which relation)."""
        if isinstance(value, Formula):
            errors.append(_("%(column)s: holds a formula; formulas are not read, type the value instead") % {"column": self._label(column)})
            return False, ""
        text = n.clean_text(value)
        if not text:
            return False, ""
        head, _sep, rest = text.replace("(", ",").replace("-", ",").replace(":", ",").partition(",")
        try:
            yes = self._yes_no(head)
        except n.NormaliseError:
            errors.append(f"{self._label(column)}: " + _("write yes or no, and the relation"))
            return False, ""
        return bool(yes), rest.strip(" )")[:60] if yes else ""

    def _validate_models(self, parsed: ParsedRow) -> None:
        """Lengths of text fields, checked against the models' own limits.

        Not full_clean(): building four model instances per row only to validate them halved the
        import speed, and every other field is already checked by its parser (choices, numbers,
        dates, places). A database error that slips through is caught per row in _save_chunk.
        """
        parts = [(parsed.case, _LIMITS["case"]), (parsed.seeker, _LIMITS["seeker"]), (parsed.recruitment, _LIMITS["recruitment"])]
        for values, limits in parts + [(p, _LIMITS["perpetrator"]) for p in parsed.perpetrators]:
            for name, value in values.items():
                limit = limits.get(name)
                if limit and isinstance(value, str) and len(value) > limit[0]:
                    parsed.outcome.errors.append(
                        _("%(column)s is longer than %(limit)s characters") % {"column": limit[1], "limit": limit[0]}
                    )

    def _case_fields(self, parsed: ParsedRow, number: str) -> dict:
        fields = {k: v for k, v in parsed.case.items() if not (k == "created_at" and v is None)}
        fields.update(
            case_number=number, organization_id=parsed.organization.pk, entered_by_id=self.user.pk, status=Status.DRAFT.value,
            status_changed_at=timezone.now(),
        )
        return fields

    # --- matching rows to existing cases ------------------------------------------------------
    def _known_for(self, org_id: int) -> dict:
        known = self._known.get(org_id)
        if known is None:
            keys = {}
            for pk, register, number in Case.objects.filter(organization_id=org_id).values_list("id", "register_number", "case_number"):
                keys[f"no:{number}"] = pk
                if register:
                    keys[f"no:{register}"] = pk
            for pk, passport in JusticeSeeker.objects.filter(case__organization_id=org_id).exclude(passport_number="").values_list(
                "case_id", "passport_number"
            ):
                keys.setdefault(f"passport:{passport}", pk)
            for key, pk in ImportedRecord.objects.filter(organization_id=org_id).values_list("key", "case_id"):
                keys.setdefault(key, pk)
            fingerprints = dict(ImportedRecord.objects.filter(organization_id=org_id).values_list("case_id", "fingerprint"))
            status = dict(Case.objects.filter(organization_id=org_id).values_list("id", "status"))
            known = self._known[org_id] = {"keys": keys, "fingerprints": fingerprints, "status": status}
        return known

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
        case_id = known["keys"].get(outcome.key)
        if case_id is None:
            outcome.action = "create"
            return
        parsed.existing_case_id = outcome.case_id = case_id
        if known["fingerprints"].get(case_id) == parsed.fingerprint:
            outcome.action = "skip"
        elif known["status"].get(case_id) in ENDED:
            outcome.action = "error"
            outcome.errors.append(_("The case is closed or declined in the system; it was not changed"))
        else:
            outcome.action = "update"

    # --- the run ------------------------------------------------------------------------------
    def run(self) -> ImportResult:
        from auditlog.context import set_actor

        total = len(self.sheet.rows)
        with set_actor(self.user):
            for start in range(0, total, CHUNK):
                chunk = [self.parse(number, cells) for number, cells in self.sheet.rows[start:start + CHUNK]]
                for parsed in chunk:
                    self.classify(parsed)
                if not self.dry_run:
                    self._save_chunk(chunk)
                for parsed in chunk:
                    self.result.outcomes.append(parsed.outcome)
                    self.result.count(parsed.outcome)
                if self.progress:
                    self.progress(min(start + CHUNK, total), total)
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
            parsed.outcome.errors.append(_("Could not be saved: %(reason)s") % {"reason": str(exc)[:200]})

    def _allocate_numbers(self, count: int) -> list[str]:
        """Reserve `count` case numbers at once (same sequence and lock as case_number_next)."""
        year = timezone.localdate().year
        CaseNumberSequence.objects.get_or_create(year=year)
        seq = CaseNumberSequence.objects.select_for_update().get(year=year)
        first = seq.last + 1
        seq.last += count
        seq.save(update_fields=["last"])
        return [f"{CASE_NUMBER_PREFIX}-{year}-{number:05d}" for number in range(first, first + count)]

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
                                  for case_id, p in zip(case_ids, creates) for item in getattr(p, attr)])
        seekers = [{"case_id": case_id, **p.seeker} for case_id, p in zip(case_ids, creates)]
        recruitments = [{"case_id": case_id, **p.recruitment} for case_id, p in zip(case_ids, creates)]
        perpetrators = [{"case_id": case_id, **perp} for case_id, p in zip(case_ids, creates) for perp in p.perpetrators]
        seeker_ids = insert_rows(JusticeSeeker, seekers)
        recruitment_ids = insert_rows(Recruitment, recruitments)
        perpetrator_ids = insert_rows(Perpetrator, perpetrators)
        insert_rows(ImportedRecord, [self._record(case_id, p) for case_id, p in zip(case_ids, creates)])
        audit = {"actor": self.user, "extra": {"import_job": str(self.job.pk)} if self.job else {}}
        category_names = self.lookups.category_names
        for case, p in zip(cases, creates):
            case["categories"] = {"type": "m2m", "operation": "add", "objects": [category_names.get(pk, str(pk)) for pk in p.categories]}
        log_created(Case, cases, case_ids, repr_field="case_number", **audit)
        log_created(JusticeSeeker, seekers, seeker_ids, repr_field="name", **audit)
        log_created(Recruitment, recruitments, recruitment_ids, repr_field="agent_name", **audit)
        log_created(Perpetrator, perpetrators, perpetrator_ids, repr_field="name", **audit)
        for case_id, p in zip(case_ids, creates):
            p.outcome.case_id = case_id
            self._remember(p, case_id)

    def _record(self, case_id: int, parsed: ParsedRow) -> dict:
        return {
            "case_id": case_id, "organization_id": parsed.organization.pk, "key": parsed.outcome.key,
            "fingerprint": parsed.fingerprint, "job_id": self.job.pk if self.job else None, "imported_by_id": self.user.pk,
        }

    def _remember(self, parsed: ParsedRow, case_id: int) -> None:
        known = self._known_for(parsed.organization.pk)
        known["keys"][parsed.outcome.key] = case_id
        known["fingerprints"][case_id] = parsed.fingerprint

    def _create_one(self, parsed: ParsedRow) -> None:
        case = Case(**self._case_fields(parsed, self._allocate_numbers(1)[0]))
        case.save()
        case.categories.set(parsed.categories)
        case.sub_categories.set(parsed.sub_categories)
        case.expected_remedies.set(parsed.remedies)
        JusticeSeeker.objects.create(case=case, **parsed.seeker)
        Recruitment.objects.create(case=case, **parsed.recruitment)
        for perpetrator in parsed.perpetrators:
            Perpetrator.objects.create(case=case, **perpetrator)
        ImportedRecord.objects.create(**self._record(case.pk, parsed))
        parsed.outcome.case_id = case.pk
        self._remember(parsed, case.pk)

    def _update_one(self, parsed: ParsedRow) -> None:
        """Fill in and correct what the row says; never blank out what the row leaves empty."""
        case = Case.objects.select_for_update().get(pk=parsed.existing_case_id)
        for name, value in parsed.case.items():
            if value not in (None, "") and name != "created_at":
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
            for name, value in values.items():
                if value not in (None, ""):
                    setattr(obj, name, value)
            obj.save()
        known = set(case.perpetrators.values_list("name", flat=True))
        for perpetrator in parsed.perpetrators:
            if perpetrator["name"] not in known:
                Perpetrator.objects.create(case=case, **perpetrator)
        ImportedRecord.objects.update_or_create(
            case=case,
            defaults={"organization": parsed.organization, "key": parsed.outcome.key, "fingerprint": parsed.fingerprint,
                      "job": self.job, "imported_by": self.user},
        )
        self._remember(parsed, case.pk)
