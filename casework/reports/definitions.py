"""One declarative definition per report: what its tables group by and what they count.

A table is a *dimension* (the rows: district, gender, month…) crossed with a *column set* (a
partition of the cases: statuses, genders, outcomes…). aggregates.py turns each pair into one
GROUP BY query with conditional counts; nothing here touches the database except the label lookups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case as CaseWhen
from django.db.models import CharField, F, Q, Value, When
from django.db.models.functions import Coalesce, TruncMonth, TruncQuarter
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.templatetags.portal_tags import local_digits

from casework.models import Country, DepartureRoute, District, Division, EducationLevel, MaritalStatus, Religion
from casework.models.people import Gender
from casework.states import Channel, Status

from .tables import Derived

NOT_RECORDED = _("Not recorded")


# --- Label helpers ---------------------------------------------------------------------------
def _bilingual(model, order_field="name_en"):
    def labels(keys):
        rows = model.objects.filter(pk__in=[k for k in keys if k is not None]).values_list("pk", "name_en", "name_bn")
        bn = (get_language() or "bn").startswith("bn")
        return {pk: ((name_bn or name_en) if bn else (name_en or name_bn)) for pk, name_en, name_bn in rows}

    return labels


def _district_labels(keys):
    rows = District.objects.filter(pk__in=[k for k in keys if k is not None]).values_list(
        "pk", "name_en", "name_bn", "division__name_en", "division__name_bn"
    )
    bn = (get_language() or "bn").startswith("bn")
    return {
        pk: f"{(d_bn or d_en) if bn else d_en} ({(v_bn or v_en) if bn else v_en})"
        for pk, d_en, d_bn, v_en, v_bn in rows
    }


def _translated_labels(model, keys) -> dict:
    """pk → name in the reader's language of rows of a translatable model (cases point at the
    default-locale rows), falling back to the row's own name. One query."""
    from knowledge.selectors import current_language_codes

    keys = {k for k in keys if k is not None}
    if not keys:
        return {}
    active_code, _default = current_language_codes()
    rows = model.objects.filter(
        translation_key__in=model.objects.filter(pk__in=keys).values("translation_key")
    ).values_list("pk", "translation_key", "locale__language_code", "name")
    base, by_key = {}, {}
    for pk, tkey, code, name in rows:
        if code == active_code:
            by_key[tkey] = name
        elif pk in keys:
            by_key.setdefault(tkey, name)
        if pk in keys:
            base[pk] = tkey
    return {pk: by_key.get(tkey, "") for pk, tkey in base.items()}


def _category_labels(keys):
    """pk → name in the reader's language of the (Bangla-locale) categories cases point at, from
    the cached category options (knowledge.selectors.cached_category_choices): no query."""
    from knowledge.selectors import cached_category_choices

    labels = dict(cached_category_choices())
    return {k: labels[k] for k in keys if k in labels}


def _document_labels(keys):
    from knowledge.models import DocumentType

    return _translated_labels(DocumentType, keys)


def _gap_labels(keys):
    from casework.models import GapTag

    bn = (get_language() or "bn").startswith("bn")
    out = {}
    for pk, name_en, name_bn, kind in GapTag.objects.filter(pk__in=[k for k in keys if k is not None]).values_list(
        "pk", "name_en", "name_bn", "kind"
    ):
        name = (name_bn or name_en) if bn else (name_en or name_bn)
        out[pk] = f"{name} ({GapTag.Kind(kind).label})"
    return out


def _choices(choices):
    return lambda keys: {k: str(label) for k, label in choices}


def month_label(day) -> str:
    """"March 2026", "মার্চ ২০২৬": Django's month names with the reader's digits."""
    return local_digits(formats.date_format(day, "YEAR_MONTH_FORMAT"))


def quarter_label(year: int, quarter: int) -> str:
    # Digits go in as text: a number would be printed with Western digits in Bangla too.
    return _("Quarter %(q)s, %(year)s") % {"q": local_digits(quarter), "year": local_digits(year)}


def _month_label(keys):
    return {k: month_label(k) for k in keys if k is not None}


def _quarter_label(keys):
    return {k: quarter_label(k.year, (k.month - 1) // 3 + 1) for k in keys if k is not None}


def _bool_labels(yes, no):
    return lambda keys: {True: str(yes), False: str(no)}


# --- Dimensions (rows) -----------------------------------------------------------------------
@dataclass(frozen=True)
class Dimension:
    key: str
    header: object  # lazy label
    expr: object  # a field path or expression over casework.Case (or the table's base model)
    labels: object  # callable(keys) -> {key: label}
    order: object = "label"  # "label", "key", "count", or a list of keys in order
    partition: bool = True  # each unit in exactly one row
    chart: str = "hbar"


AGE_GROUPS = [
    ("u18", _("Under 18")),
    ("18-25", _("18 to 25")),
    ("26-35", _("26 to 35")),
    ("36-45", _("36 to 45")),
    ("46+", _("46 and over")),
    ("unknown", NOT_RECORDED),
]

DIMENSIONS = {
    "status": Dimension("status", _("Status"), F("status"), _choices(Status.choices), order=list(Status.values)),
    "division": Dimension("division", _("Division"), F("division_id"), _bilingual(Division)),
    "district": Dimension("district", _("District"), F("district_id"), _district_labels),
    "gender": Dimension(
        "gender", _("Gender"), Coalesce(F("justice_seeker__gender"), Value(""), output_field=CharField()),
        _choices([*Gender.choices, ("", NOT_RECORDED)]), order=[*Gender.values, ""],
    ),
    "category": Dimension("category", _("Case category"), F("categories"), _category_labels, partition=False),
    "destination": Dimension("destination", _("Destination country"), F("destination_country_id"), _bilingual(Country),
                             order="count"),
    "channel": Dimension(
        "channel", _("Redress channel"), F("channel"),
        _choices([*Channel.choices, ("", _("Not referred yet"))]), order=[*Channel.values, ""],
    ),
    "route": Dimension("route", _("Departure route"), F("departure_route_id"), _bilingual(DepartureRoute)),
    "month": Dimension("month", _("Month received"), TruncMonth("created_at"), _month_label, order="key",
                       chart="columns"),
    "quarter": Dimension("quarter", _("Quarter received"), TruncQuarter("created_at"), _quarter_label, order="key",
                         chart="columns"),
    "age": Dimension(
        "age", _("Age group"),
        CaseWhen(
            When(justice_seeker__age__isnull=True, then=Value("unknown")),
            When(justice_seeker__age__lt=18, then=Value("u18")),
            When(justice_seeker__age__lte=25, then=Value("18-25")),
            When(justice_seeker__age__lte=35, then=Value("26-35")),
            When(justice_seeker__age__lte=45, then=Value("36-45")),
            default=Value("46+"), output_field=CharField(),
        ),
        _choices(AGE_GROUPS), order=[k for k, _label in AGE_GROUPS],
    ),
    "minority": Dimension(
        "minority", _("Minority or disadvantaged group"), F("justice_seeker__is_minority"),
        _bool_labels(_("From a minority or disadvantaged group"), _("Not from a minority group")), order=[True, False, None],
    ),
    "disability": Dimension(
        "disability", _("Disability"), F("justice_seeker__has_disability"),
        _bool_labels(_("Has a disability"), _("No disability")), order=[True, False, None],
    ),
    "marital": Dimension("marital", _("Marital status"), F("justice_seeker__marital_status_id"), _bilingual(MaritalStatus)),
    "education": Dimension("education", _("Education"), F("justice_seeker__education_id"), _bilingual(EducationLevel)),
    "religion": Dimension("religion", _("Religion"), F("justice_seeker__religion_id"), _bilingual(Religion)),
}


# --- Column sets (each a partition of the row's cases) ----------------------------------------
OPEN_STATES = [Status.DRAFT, Status.PRIMARY_REVIEW, Status.RETURNED, Status.FINAL_REVIEW, Status.IN_REDRESS, Status.REOPENED]
RESOLVED_STATES = [Status.RESULT_RECORDED, Status.CLOSED]
FAVOURABLE = ["yes", "partly"]


@dataclass(frozen=True)
class ColumnSet:
    key: str
    columns: tuple  # (key, label, Q over the table's base model, with `prefix` for the case)
    derived: tuple = ()
    total_label: object = _("Total")


def outcome_columns(prefix: str = "") -> ColumnSet:
    p = prefix
    return ColumnSet(
        "outcome",
        (
            ("open", _("In progress"), Q(**{f"{p}status__in": OPEN_STATES})),
            ("won", _("Resolved for the worker"),
             Q(**{f"{p}status__in": RESOLVED_STATES, f"{p}result_favours_worker__in": FAVOURABLE})),
            ("lost", _("Resolved, not for the worker or no result"),
             Q(**{f"{p}status__in": RESOLVED_STATES, f"{p}result_favours_worker__in": ["no", ""]})),
            ("declined", _("Declined"), Q(**{f"{p}status": Status.DECLINED})),
        ),
        (
            Derived("resolved", _("Resolved"), "sum", ("won", "lost")),
            Derived("rate", _("Success rate (%)"), "rate", ("won",), ("won", "lost")),
        ),
        total_label=_("Received"),
    )


OUTCOME = outcome_columns()
OUTCOME_MONEY = ColumnSet(
    "outcome_money", OUTCOME.columns,
    OUTCOME.derived + (Derived("money", _("Money recovered (BDT)"), "money", ("__total__",)),),
    total_label=OUTCOME.total_label,
)
GENDER_COLUMNS = ColumnSet(
    "gender",
    (
        ("female", Gender.FEMALE.label, Q(justice_seeker__gender="female")),
        ("male", Gender.MALE.label, Q(justice_seeker__gender="male")),
        ("other", Gender.OTHER.label, Q(justice_seeker__gender="other")),
        ("unknown", NOT_RECORDED, Q(justice_seeker__isnull=True) | Q(justice_seeker__gender="")),
    ),
    total_label=_("Cases"),
)
STATUS_COLUMNS = ColumnSet(
    "status", tuple((s.value, s.label, Q(status=s.value)) for s in Status), total_label=_("Cases"),
)
CHANNEL_COLUMNS = ColumnSet(
    "channel",
    tuple((c.value, c.label, Q(channel=c.value)) for c in Channel) + (("none", _("Not referred yet"), Q(channel="")),),
    total_label=_("Cases"),
)
COUNT_ONLY = ColumnSet("count", (("n", _("Cases"), Q()),), total_label=_("Cases"))


def favour_columns(prefix: str = "", total_label=_("Cases")) -> ColumnSet:
    """The result of each case: for the worker, partly, not, or none recorded yet."""
    field_name = f"{prefix}result_favours_worker"
    return ColumnSet(
        "favours",
        (
            ("yes", _("Result for the worker"), Q(**{field_name: "yes"})),
            ("partly", _("Partly for the worker"), Q(**{field_name: "partly"})),
            ("no", _("Not for the worker"), Q(**{field_name: "no"})),
            ("none", _("No result recorded"), Q(**{field_name: ""})),
        ),
        total_label=total_label,
    )


# Post-analyses (gaps report): the result of the case each analysis is about.
GAP_RESULT_COLUMNS = favour_columns("case__", _("Post-analyses"))
CASE_STUDY_COLUMNS = favour_columns("", _("Case studies"))
# Checklist items (documentation report): a partition of the suggested documents.
DOCUMENT_COLUMNS = ColumnSet(
    "documents",
    (
        ("uploaded", _("Worker has it, copy uploaded"), Q(has_upload=True)),
        ("available", _("Worker has it, no copy yet"), Q(has_upload=False, available=True)),
        ("missing", _("Missing"), Q(has_upload=False, available=False)),
    ),
    (Derived("share", _("Available (%)"), "rate", ("uploaded", "available"), ("__total__",)),),
    total_label=_("Documents asked for"),
)
COMPLETENESS_DIMENSION = Dimension(
    "completeness", _("Documents of the case"), None,
    _choices([
        ("all", _("All suggested documents available")),
        ("some", _("Some documents missing")),
        ("none", _("No suggested document available")),
        ("no_list", _("No checklist yet")),
    ]),
    order=["all", "some", "none", "no_list"],
)


# --- Reports ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Section:
    key: str
    title: object
    dimension: str = ""  # key in DIMENSIONS ("" for a one-row summary)
    columns: ColumnSet = OUTCOME
    kind: str = "cases"  # cases | summary | checklist | completeness | gaps
    note: object = ""


@dataclass(frozen=True)
class Report:
    slug: str
    title: object
    description: object
    sections: tuple = field(default_factory=tuple)
    texts: str = ""  # "" | "case_studies" | "gaps": free text listed after the tables
    printable: bool = False


MULTI_CATEGORY_NOTE = _("A case with more than one category is counted once in each, so the rows add up to more "
                        "than the total, which counts each case once.")

REPORTS = [
    Report(
        "status", _("Cases received and their status"),
        _("Cases received in the period, by their status today and the worker's gender."),
        (Section("by_status", _("Status by gender"), "status", GENDER_COLUMNS),
         Section("by_month", _("Cases received each month, by status"), "month", STATUS_COLUMNS)),
    ),
    Report(
        "district", _("District-wise status"),
        _("Where the workers come from (permanent address), with the status of their cases and their gender."),
        (Section("by_division", _("Status by division"), "division", OUTCOME),
         Section("by_district", _("Status by district"), "district", OUTCOME),
         Section("district_gender", _("Gender by district"), "district", GENDER_COLUMNS)),
    ),
    Report(
        "gender", _("Gender: cases received and resolved"),
        _("Cases received and resolved for women, men and others."),
        (Section("by_gender", _("Received and resolved by gender"), "gender", OUTCOME_MONEY),),
    ),
    Report(
        "category", _("Cases by category"),
        _("The problems the workers brought, with the status of their cases."),
        (Section("by_category", _("Status by case category"), "category", OUTCOME, note=MULTI_CATEGORY_NOTE),
         Section("category_gender", _("Gender by case category"), "category", GENDER_COLUMNS, note=MULTI_CATEGORY_NOTE)),
    ),
    Report(
        "destination", _("Cases by destination country"),
        _("The countries the workers went to or were going to."),
        (Section("by_destination", _("Status by destination country"), "destination", OUTCOME),
         Section("destination_gender", _("Gender by destination country"), "destination", GENDER_COLUMNS)),
    ),
    Report(
        "success", _("Success rate and progress"),
        _("How many cases were resolved in the worker's favour (fully or partly), by the quarter they came in, "
          "and the money recovered."),
        (Section("overall", _("All cases"), "", OUTCOME_MONEY, kind="summary"),
         Section("by_quarter", _("Progress by quarter received"), "quarter", OUTCOME_MONEY)),
    ),
    Report(
        "channel", _("Cases by redress channel"),
        _("The redress channel each case is with now (GMC, BMET, WEWB or court), with its status."),
        (Section("by_channel", _("Status by redress channel"), "channel", OUTCOME_MONEY),
         Section("channel_month", _("Cases by redress channel over time"), "month", CHANNEL_COLUMNS)),
    ),
    Report(
        "route", _("Departure route"),
        _("How the workers left Bangladesh, by gender."),
        (Section("by_route", _("Gender by departure route"), "route", GENDER_COLUMNS),
         Section("route_outcome", _("Status by departure route"), "route", OUTCOME)),
    ),
    Report(
        "documentation", _("Documentation status"),
        _("Which documents the category matrix suggests for the cases, and whether the workers have them."),
        (Section("completeness", _("Cases by completeness of their documents"), "completeness", COUNT_ONLY,
                 kind="completeness"),
         Section("by_document", _("Suggested documents"), "document", DOCUMENT_COLUMNS, kind="checklist")),
    ),
    Report(
        "psychosocial", _("Psychosocial factors"),
        _("Who the workers are: minority or disadvantaged groups, disability, age, marital status, education and "
          "religion, by gender."),
        (Section("minority", _("Minority or disadvantaged group"), "minority", GENDER_COLUMNS),
         Section("disability", _("Disability"), "disability", GENDER_COLUMNS),
         Section("age", _("Age group"), "age", GENDER_COLUMNS),
         Section("marital", _("Marital status"), "marital", GENDER_COLUMNS),
         Section("education", _("Education"), "education", GENDER_COLUMNS),
         Section("religion", _("Religion"), "religion", GENDER_COLUMNS)),
    ),
    Report(
        "periodic", _("Periodic report"),
        _("The figures of one month or quarter on printable pages, one theme per page. Choose the period, then "
          "print or save as PDF."),
        (Section("overall", _("Cases received and resolved"), "", OUTCOME_MONEY, kind="summary"),
         Section("by_status", _("Cases by stage"), "status", COUNT_ONLY),
         Section("by_gender", _("Women and men"), "gender", OUTCOME),
         Section("by_category", _("Problems"), "category", COUNT_ONLY, note=MULTI_CATEGORY_NOTE),
         Section("by_channel", _("Redress channels"), "channel", OUTCOME),
         Section("by_district", _("Districts"), "district", COUNT_ONLY),
         Section("by_destination", _("Destination countries"), "destination", COUNT_ONLY)),
        printable=True,
    ),
    Report(
        "case-studies", _("Case studies and success stories"),
        _("Cases flagged as case studies whose workers agreed to anonymised use. Names, numbers and places below "
          "district are removed."),
        (Section("by_result", _("Case studies by redress channel and result"), "channel", CASE_STUDY_COLUMNS,
                 kind="case_studies"),),
        texts="case_studies",
    ),
    Report(
        "gaps", _("Policy and procedure gaps"),
        _("What the post-analyses found: gaps in law and procedure, what went well and what went wrong."),
        (Section("by_gap", _("Gaps named in post-analyses, by result of the case"), "gap", GAP_RESULT_COLUMNS,
                 kind="gaps",
                 note=_("A post-analysis can name several gaps, so the rows add up to more than the total.")),),
        texts="gaps",
    ),
]
REPORTS_BY_SLUG = {r.slug: r for r in REPORTS}

DASHBOARD_SECTIONS = (
    Section("overall", _("Key figures"), "", OUTCOME, kind="summary"),
    Section("by_status", _("Cases by stage"), "status", COUNT_ONLY),
    Section("channel_month", _("Cases by redress channel over time"), "month", CHANNEL_COLUMNS),
)

EXTRA_DIMENSIONS = {
    "document": Dimension("document", _("Document"), F("document_type_id"), _document_labels),
    "gap": Dimension("gap", _("Gap"), F("gaps"), _gap_labels, partition=False),
    "completeness": COMPLETENESS_DIMENSION,
}

