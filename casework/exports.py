"""The case list as .xlsx (xlsxwriter), with only the columns each reader may see.

- Without `casework.export_identified`: summary columns only (no personal data).
- With it: justice-seeker columns filled only for cases where `view_justice_seeker` holds, and
  perpetrator columns only where `view_perpetrator` holds (checked per case through rules).
- Every text cell that a spreadsheet could run as a formula is escaped; every export is recorded
  in the AccessLog with the row count and the names of the filters used (never their values).

Headers are the import's labels (casework.imports.headers), so an export imports back.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import xlsxwriter
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from casework.imports.headers import (
    FIELDS_BY_NAME, JUSTICE_SEEKER, MAX_PERPETRATORS, PERPETRATOR, STATUS_LABEL, SUMMARY, SYSTEM_NUMBER_LABEL,
    perpetrator_field,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Text that no spreadsheet will run: a leading = + - @ tab or CR gets an apostrophe
    (OWASP CSV-injection advice). The importer strips that apostrophe again."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@dataclass(frozen=True)
class Column:
    field: str | None  # import field name (None for the system's own columns)
    group: str
    value: Callable

    @property
    def label(self) -> str:
        if self.field == "__number__":
            return str(SYSTEM_NUMBER_LABEL)
        if self.field == "__status__":
            return str(STATUS_LABEL)
        return str(FIELDS_BY_NAME[self.field].label)


def _name(obj) -> str:
    return "" if obj is None else (getattr(obj, "name", None) or str(obj))


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _nth_perpetrator(n: int) -> Callable:
    def get(case):
        perpetrators = list(case.perpetrators.all())  # prefetched: no query
        return perpetrators[n - 1] if len(perpetrators) >= n else None
    return get


def _recruitment(case):
    try:
        return case.recruitment
    except Exception:  # RelatedObjectDoesNotExist: the case has no recruitment row
        return None


def _seeker(case):
    try:
        return case.justice_seeker
    except Exception:  # RelatedObjectDoesNotExist
        return None


def _localized_names(items, names: dict) -> str:
    return "; ".join(names.get(item.translation_key, item.name) for item in items)


def _yes_and(flag: bool, detail: str) -> str:
    """"Yes, uncle" / "Yes" / "No": how the import reads a yes/no with its detail."""
    if flag:
        return f"{_('Yes')}, {detail}" if detail else _("Yes")
    return _("No")


def _relative(p) -> str:
    return "" if p is None else _yes_and(p.is_relative, p.relation)


def _agency(r) -> str:
    if r is None:
        return ""
    return r.agency.name if r.agency_id else r.agency_name


def perpetrator_columns(n: int) -> list[Column]:
    """The n-th perpetrator's columns (the import reads them back into the n-th perpetrator)."""
    perp = _nth_perpetrator(n)
    field = functools.partial(perpetrator_field, n=n)
    return [
        Column(field("perpetrator_kind"), PERPETRATOR, lambda c: perp(c) and perp(c).get_kind_display()),
        Column(field("perpetrator_relative"), PERPETRATOR, lambda c: _relative(perp(c))),
        Column(field("perpetrator_name"), PERPETRATOR, lambda c: perp(c) and perp(c).name),
        Column(field("perpetrator_address"), PERPETRATOR, lambda c: perp(c) and perp(c).address),
        Column(field("perpetrator_phone"), PERPETRATOR, lambda c: perp(c) and perp(c).phone),
        Column(field("perpetrator_nid"), PERPETRATOR, lambda c: perp(c) and perp(c).nid),
    ]


def columns(names: dict, perpetrators: int = 1) -> list[Column]:
    """The export layout. `names` maps a snippet's translation_key to its name in the reader's
    language (categories, sub-categories and remedies are stored as the Bangla rows);
    `perpetrators` is how many perpetrators' columns to write (at least the first's)."""
    js, rec = _seeker, _recruitment
    return [
        Column("__number__", SUMMARY, lambda c: c.case_number),
        Column("case_number", SUMMARY, lambda c: c.register_number or c.case_number),
        Column("organisation", SUMMARY, lambda c: c.organization.name),
        Column("__status__", SUMMARY, lambda c: c.get_status_display()),
        Column("categories", SUMMARY, lambda c: _localized_names(c.categories.all(), names)),
        Column("sub_categories", SUMMARY, lambda c: _localized_names(c.sub_categories.all(), names)),
        Column("other_category", SUMMARY, lambda c: c.other_category),
        Column("date", SUMMARY, lambda c: timezone.localtime(c.created_at).date()),
        Column("source", SUMMARY, lambda c: _name(c.source)),
        Column("source_detail", SUMMARY, lambda c: c.source_detail),
        Column("expected_remedies", SUMMARY, lambda c: _localized_names(c.expected_remedies.all(), names)),
        Column("filed_by", SUMMARY, lambda c: c.get_filed_by_display()),
        Column("applicants_count", SUMMARY, lambda c: c.applicants_count),
        Column("prior_complaint", SUMMARY, lambda c: _yes_no(c.prior_complaint)),
        # Where and when, as the case page shows them to everyone on the case; the complaint's own
        # number finds the worker's file at BMET or court, so it is justice-seeker data (below).
        Column("prior_complaint_where", SUMMARY, lambda c: c.prior_complaint_where),
        Column("prior_complaint_date", SUMMARY, lambda c: c.prior_complaint_date),
        Column("prior_complaint_copy_kept", SUMMARY, lambda c: _yes_no(c.prior_complaint_copy_kept) if c.prior_complaint else ""),
        Column("district", SUMMARY, lambda c: _name(c.district)),
        Column("destination_country", SUMMARY, lambda c: _name(c.destination_country)),
        Column("recruitment_process", SUMMARY, lambda c: _name(c.recruitment_process)),
        Column("migration_cost", SUMMARY, lambda c: c.migration_cost),
        Column("departure_date", SUMMARY, lambda c: c.departure_date),
        Column("departure_route", SUMMARY, lambda c: _name(c.departure_route)),
        Column("departure_route_detail", SUMMARY, lambda c: c.departure_route_detail),
        Column("description", JUSTICE_SEEKER, lambda c: c.description),
        Column("prior_complaint_number", JUSTICE_SEEKER, lambda c: c.prior_complaint_number),
        Column("name", JUSTICE_SEEKER, lambda c: js(c) and js(c).name),
        Column("gender", JUSTICE_SEEKER, lambda c: js(c) and js(c).get_gender_display()),
        Column("age", JUSTICE_SEEKER, lambda c: js(c) and js(c).age),
        Column("address_communication", JUSTICE_SEEKER, lambda c: js(c) and js(c).address_communication),
        # The upazila is below district level: personal data (casework.models.case).
        Column("upazila", JUSTICE_SEEKER, lambda c: _name(c.upazila)),
        Column("police_station", JUSTICE_SEEKER, lambda c: js(c) and js(c).police_station),
        Column("union", JUSTICE_SEEKER, lambda c: js(c) and _name(js(c).union)),
        Column("ward", JUSTICE_SEEKER, lambda c: js(c) and js(c).ward),
        Column("village", JUSTICE_SEEKER, lambda c: js(c) and js(c).village),
        Column("phone", JUSTICE_SEEKER, lambda c: js(c) and js(c).phone),
        Column("last_used_phone", JUSTICE_SEEKER, lambda c: js(c) and js(c).last_used_phone),
        Column("family_phone", JUSTICE_SEEKER, lambda c: js(c) and js(c).family_phone),
        Column("passport_number", JUSTICE_SEEKER, lambda c: js(c) and js(c).passport_number),
        Column("passport_issue_place", JUSTICE_SEEKER, lambda c: js(c) and js(c).passport_issue_place),
        Column("marital_status", JUSTICE_SEEKER, lambda c: js(c) and _name(js(c).marital_status)),
        Column("family_size", JUSTICE_SEEKER, lambda c: js(c) and js(c).family_size),
        Column("family_details", JUSTICE_SEEKER, lambda c: js(c) and js(c).family_details),
        Column("education", JUSTICE_SEEKER, lambda c: js(c) and _name(js(c).education)),
        Column("religion", JUSTICE_SEEKER, lambda c: js(c) and _name(js(c).religion)),
        Column("is_minority", JUSTICE_SEEKER, lambda c: js(c) and _yes_and(js(c).is_minority, js(c).minority_detail)),
        Column("has_disability", JUSTICE_SEEKER, lambda c: js(c) and _yes_and(js(c).has_disability, js(c).disability_detail)),
        Column("applicant_name", JUSTICE_SEEKER, lambda c: js(c) and js(c).applicant_name),
        Column("applicant_address", JUSTICE_SEEKER, lambda c: js(c) and js(c).applicant_address),
        Column("applicant_phone", JUSTICE_SEEKER, lambda c: js(c) and js(c).applicant_phone),
        Column("applicant_relation", JUSTICE_SEEKER, lambda c: js(c) and js(c).applicant_relation),
        Column("agency_name", PERPETRATOR, lambda c: _agency(rec(c))),
        Column("agency_address", PERPETRATOR, lambda c: rec(c) and rec(c).agency_address),
        Column("agency_phone", PERPETRATOR, lambda c: rec(c) and rec(c).agency_phone),
        Column("agent_name", PERPETRATOR, lambda c: rec(c) and rec(c).agent_name),
        Column("agent_address", PERPETRATOR, lambda c: rec(c) and rec(c).agent_address),
        Column("agent_phone", PERPETRATOR, lambda c: rec(c) and rec(c).agent_phone),
        Column("agent_nid", PERPETRATOR, lambda c: rec(c) and rec(c).agent_nid),
    ] + [column for n in range(1, max(1, perpetrators) + 1) for column in perpetrator_columns(n)]


def export_queryset(queryset):
    """Everything the columns read, in a constant number of queries."""
    return queryset.select_related(
        "organization", "district", "upazila", "source", "destination_country", "recruitment_process", "departure_route",
        "justice_seeker", "justice_seeker__union", "justice_seeker__marital_status", "justice_seeker__education",
        "justice_seeker__religion", "recruitment", "recruitment__agency",
    ).prefetch_related("categories", "sub_categories", "expected_remedies", "perpetrators")


def _snippet_names(cases: list) -> dict:
    """translation_key → name in the reader's language, for the snippets these cases use."""
    from django.apps import apps
    from wagtail.models import Locale

    keys = {item.translation_key for case in cases for attr in ("categories", "sub_categories", "expected_remedies")
            for item in getattr(case, attr).all()}
    if not keys:
        return {}
    try:
        locale = Locale.objects.get(language_code=(get_language() or "bn")[:2])
    except Locale.DoesNotExist:
        return {}
    names = {}
    for model_name in ("CaseCategory", "SubCategory", "ExpectedRemedy"):
        model = apps.get_model("knowledge", model_name)
        names.update(model.objects.filter(translation_key__in=keys, locale=locale).values_list("translation_key", "name"))
    return names


def write_cases_xlsx(cases: Iterable, *, visible: Callable[[object, str], bool], groups: set[str]) -> tuple[bytes, int]:
    """The workbook for `cases`: the columns of `groups`, each cell only where
    `visible(case, group)` holds. Returns (bytes, number of rows)."""
    cases = list(cases)
    # As many perpetrator column groups as the most any case has (the import takes MAX_PERPETRATORS).
    most = max((len(case.perpetrators.all()) for case in cases), default=1)
    cols = [c for c in columns(_snippet_names(cases), min(most, MAX_PERPETRATORS)) if c.group in groups]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    sheet = book.add_worksheet(_("Cases")[:31])
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "text_wrap": True, "valign": "top"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for col, column in enumerate(cols):
        sheet.write_string(0, col, safe_cell(column.label), bold)
    for row, case in enumerate(cases, start=1):
        shown = {group: visible(case, group) for group in groups}
        for col, column in enumerate(cols):
            if not shown[column.group]:
                continue
            value = column.value(case)
            if value is None or value == "":
                continue
            if isinstance(value, (dt.datetime, dt.date)):
                sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()) if not isinstance(value, dt.datetime) else value, date_format)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, col, value)
            elif hasattr(value, "as_tuple"):  # Decimal
                sheet.write_number(row, col, float(value))
            else:
                sheet.write_string(row, col, safe_cell(value))
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, max(0, len(cols) - 1), 18)
    book.close()
    return buffer.getvalue(), len(cases)


def export_for_user(user, queryset) -> tuple[bytes, int]:
    """The workbook a user may have for these cases (the permission rules of the module doc)."""
    identified = user.has_perm("casework.export_identified")
    groups = {SUMMARY} | ({JUSTICE_SEEKER, PERPETRATOR} if identified else set())
    perms = {JUSTICE_SEEKER: "casework.view_justice_seeker", PERPETRATOR: "casework.view_perpetrator"}

    def visible(case, group):
        if group == SUMMARY:
            return True
        return identified and user.has_perm(perms[group], case)

    return write_cases_xlsx(export_queryset(queryset), visible=visible, groups=groups)


def _filter_names(request, filterset) -> list[str]:
    """The names of the filters actually used: never their values (they can be personal)."""
    return sorted(name for name in filterset.filters if any(v.strip() for v in request.GET.getlist(name)))


@login_required
def case_export_view(request):
    """GET with the case list's filters → the filtered list as .xlsx. 403 without a case role."""
    from casework.filters import CaseFilter
    from casework.models import AccessLog
    from casework.selectors import case_list, person_q, person_search_term
    from casework.services import access_log_record

    if not request.user.has_perm("casework.list_cases"):
        raise PermissionDenied
    scoped = case_list(request.user)
    # The same rows as the list on screen: with its person search, when one is active (session).
    person_term = person_search_term(request)
    if person_term:
        scoped = scoped.filter(person_q(person_term))
    filterset = CaseFilter(request.GET, queryset=scoped)
    queryset = filterset.qs if filterset.is_valid() else scoped.none()
    data, count = export_for_user(request.user, queryset)
    used = _filter_names(request, filterset) + (["person search"] if person_term else [])
    detail = f"rows={count}; filters={','.join(used) or '-'}"
    access_log_record(user=request.user, action=AccessLog.Action.EXPORT, detail=detail)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="cases-{stamp}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
