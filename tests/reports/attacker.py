"""An attacker on anonymised reports, for the disclosure tests (tests/reports/test_disclosure.py).

It reads only what the reader sees: the figures of every table and tile of the pages it is given
(as the page prints them), which rows a table has, and the case-study and gap lists, for any
number of filtered views. It knows what anyone can know: the published rounding rule (a shown v
is v..v+4, "<5" is 0..4, "x" anything), the reference lists (every district and its division,
every country, status, channel…), that counts are never negative, that a case has one status,
one gender, one district, one month…, and how the reports count (the rows of a table share out
its cases, a quarter is three months, "In progress" is the open statuses…).

Every figure becomes an interval on one unknown, named by the set of conditions its cases meet
(for example {district=7, gender=female, outcome=declined}); the same set in another table or
view is the same unknown. Sums tie unknowns together (a set is the sum of its parts by gender,
by status, by month…; a division is the sum of its districts). Interval propagation then narrows
every unknown as far as these facts allow. An unknown narrowed to one value is recovered.

`rounded=False` reads shown numbers as exact (the reports before rounding), to measure the old
leak with the same attacker.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from django.utils import timezone

from casework.models import Case, ChecklistItem, Country, District, Division, GapTag, Organization, PostAnalysis
from casework.models import DepartureRoute, EducationLevel, MaritalStatus, Religion
from casework.reports import definitions as d
from knowledge.models import CaseCategory
from casework.reports.tables import OTHER, TOTAL
from casework.states import Channel, Status

BIG = 10**7  # "no upper bound": larger than any count, so it never pins anything
LIMIT = 30  # texts.LIMIT, which the attacker is assumed to know
MEMBERSHIP = {"category", "gap"}  # a case can have several: not a partition
OPEN = {s.value for s in Status} - {"result_recorded", "closed", "declined"}
RESOLVED = {"result_recorded", "closed"}

ROW_DIM = {
    "status": "status", "division": "division", "district": "district", "gender": "gender", "category": "category",
    "destination": "country", "channel": "channel", "route": "route", "month": "month", "quarter": "quarter",
    "age": "age", "minority": "minority", "disability": "disability", "marital": "marital",
    "education": "education", "religion": "religion", "document": "document", "gap": "gap",
    "completeness": "completeness",
}
COLUMN_DIM = {"outcome": "outcome", "outcome_money": "outcome", "gender": "gender", "status": "status",
              "channel": "channel", "count": None, "favours": "favours", "documents": "docstate"}


def _month(value):
    return (value.year, value.month) if value is not None else None


def _quarter(ym):
    return (ym[0], (ym[1] - 1) // 3 * 3 + 1)


def _value(dim, key):
    if dim == "gender" and key in ("", None):
        return "unknown"
    if dim == "channel" and key in ("", None):
        return "none"
    if dim == "favours" and key in ("", None):
        return "none"
    if dim == "month":
        return _month(key)
    if dim == "quarter":
        return _quarter(_month(key))
    return key


class World:
    """Public knowledge (the domains) and, for checking only, the truth of the test's fixture."""

    def __init__(self):
        first = timezone.localdate(Case.objects.order_by("created_at").first().created_at)
        last = max(timezone.localdate(), timezone.localdate(Case.objects.order_by("-created_at").first().created_at))
        months, y, m = [], first.year, first.month
        while (y, m) <= (last.year, last.month):
            months.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        self.division_of = dict(District.objects.values_list("pk", "division_id"))
        self.domains = {
            "gender": ["female", "male", "other", "unknown"],
            "status": [s.value for s in Status],
            "channel": [c.value for c in Channel] + ["none"],
            "outcome": ["open", "won", "lost", "declined"],
            "division": list(Division.objects.values_list("pk", flat=True)) + [None],
            "district": list(self.division_of) + [None],
            "country": list(Country.objects.values_list("pk", flat=True)) + [None],
            "route": list(DepartureRoute.objects.values_list("pk", flat=True)) + [None],
            "marital": list(MaritalStatus.objects.values_list("pk", flat=True)) + [None],
            "education": list(EducationLevel.objects.values_list("pk", flat=True)) + [None],
            "religion": list(Religion.objects.values_list("pk", flat=True)) + [None],
            "age": [k for k, _label in d.AGE_GROUPS],
            "minority": [True, False, None],
            "disability": [True, False, None],
            "month": months,
            "quarter": sorted({_quarter(m) for m in months}),
            "year": sorted({m[0] for m in months}),
            "org": list(Organization.objects.values_list("pk", flat=True)),
            "favours": ["yes", "partly", "no", "none"],
            "completeness": ["all", "some", "none", "no_list"],
            "docstate": ["uploaded", "available", "missing"],
            "document": sorted(set(ChecklistItem.objects.values_list("document_type_id", flat=True))),
            # Not partitions (a case can have several), but "Others" rows sum over them.
            "category": list(CaseCategory.objects.values_list("pk", flat=True)) + [None],
            "gap": list(GapTag.objects.values_list("pk", flat=True)) + [None],
        }
        self.names = {
            "division": {n: pk for pk, n in Division.objects.values_list("pk", "name_en")},
            "country": {n: pk for pk, n in Country.objects.values_list("pk", "name_en")},
            "category": {},
            "gap": {},
        }
        self._atoms()

    # --- truth (never shown to the attacker) ------------------------------------------------
    def _atoms(self):
        self.atoms = {"case": [], "study": [], "analysis": [], "item": []}
        gaps = defaultdict(set)
        for pa_id, case_id, tag in PostAnalysis.gaps.through.objects.values_list(
                "postanalysis_id", "postanalysis__case_id", "gaptag_id"):
            gaps[case_id].add(tag)
        cats = defaultdict(set)
        for case_id, cat in Case.categories.through.objects.values_list("case_id", "casecategory_id"):
            cats[case_id].add(cat)
        items = defaultdict(list)
        uploads = set(Case.objects.filter(attachments__isnull=False).values_list("pk", "attachments__document_type_id"))
        for case_id, doc, available in ChecklistItem.objects.values_list("case_id", "document_type_id", "available"):
            state = "uploaded" if (case_id, doc) in uploads else "available" if available else "missing"
            items[case_id].append((doc, state))
        for c in Case.objects.select_related("justice_seeker", "post_analysis"):
            js = getattr(c, "justice_seeker", None)
            pa = getattr(c, "post_analysis", None)
            local = timezone.localtime(c.created_at)
            outcome = ("open" if c.status in OPEN else "declined" if c.status == "declined" else
                       "won" if c.result_favours_worker in ("yes", "partly") else "lost")
            age = js.age if js else None
            n_items = len(items[c.pk])
            n_have = sum(1 for _doc, state in items[c.pk] if state != "missing")
            atom = {
                "status": c.status, "outcome": outcome, "gender": _value("gender", js.gender if js else ""),
                "channel": _value("channel", c.channel), "division": c.division_id, "district": c.district_id,
                "country": c.destination_country_id, "route": c.departure_route_id,
                "marital": js.marital_status_id if js else None, "education": js.education_id if js else None,
                "religion": js.religion_id if js else None,
                "age": ("unknown" if age is None else "u18" if age < 18 else "18-25" if age <= 25 else
                        "26-35" if age <= 35 else "36-45" if age <= 45 else "46+"),
                "minority": js.is_minority if js else None, "disability": js.has_disability if js else None,
                "month": (local.year, local.month), "quarter": _quarter((local.year, local.month)),
                "year": local.year, "org": c.organization_id, "favours": _value("favours", c.result_favours_worker),
                "completeness": ("no_list" if n_items == 0 else "all" if n_have == n_items else
                                 "none" if n_have == 0 else "some"),
                # Membership: the set of values, {None} for none (the reports' "No gap named" row).
                "category": cats[c.pk] or {None}, "gap": gaps[c.pk] or {None},
            }
            self.atoms["case"].append(atom)
            if pa is not None:
                self.atoms["analysis"].append(atom)
                if pa.case_study and c.consent_case_study:
                    self.atoms["study"].append(atom)
            for doc, state in items[c.pk]:
                self.atoms["item"].append({**atom, "document": doc, "docstate": state})

    @staticmethod
    def _matches(atom, conds) -> bool:
        for dim, value in conds:
            have = atom[dim]
            if dim in MEMBERSHIP:
                if value not in have:
                    return False
            elif dim == "outcome" and value == "resolved":
                if have not in ("won", "lost"):
                    return False
            elif dim == "docstate" and value == "have":
                if have == "missing":
                    return False
            elif have != value:
                return False
        return True

    def truth(self, var) -> int:
        if var[0] == "other":
            _tag, universe, conds, dim, named = var
            n = 0
            for atom in self.atoms[universe]:
                if self._matches(atom, conds):
                    have = atom[dim]
                    n += len(have - named) if dim in MEMBERSHIP else (have not in named)
            return n
        if var[0] == "slack":
            _tag, universe, conds = var
            return self.truth(("case", conds)) - self.truth((universe, conds))
        universe, conds = var
        return sum(1 for atom in self.atoms[universe] if self._matches(atom, conds))


class Attacker:
    def __init__(self, world: World, *, rounded: bool = True):
        self.world = world
        self.rounded = rounded
        self.bounds: dict = {}
        self.equations: set = set()
        self.published: set = set()
        self.registered: set = set()
        self.structural: set = set()  # unknowns no case can be in: knowing they are 0 is no leak
        self.marked: set = set()  # unknowns a page showed as "<5" or "x"

    # --- unknowns --------------------------------------------------------------------------
    def canonical(self, universe, conds):
        """The unknown for cases meeting `conds`, or None when no case can (e.g. two genders)."""
        by_dim = defaultdict(set)
        for dim, value in conds:
            by_dim[dim].add(value)
        if any(len(v) > 1 for dim, v in by_dim.items() if dim not in MEMBERSHIP):
            return None
        one = {dim: next(iter(v)) for dim, v in by_dim.items() if dim not in MEMBERSHIP}
        w = self.world
        if one.get("district") is not None and "division" in one:
            if w.division_of.get(one["district"]) != one["division"]:
                return None
            del one["division"]
        if "month" in one:
            for coarse, of in (("quarter", _quarter(one["month"])), ("year", one["month"][0])):
                if coarse in one:
                    if one[coarse] != of:
                        return None
                    del one[coarse]
        if "quarter" in one and "year" in one:
            if one["quarter"][0] != one["year"]:
                return None
            del one["year"]
        if "status" in one and "outcome" in one:
            s, o = one["status"], one["outcome"]
            implied = "open" if s in OPEN else "declined" if s == "declined" else None
            if implied is not None:
                if o != implied:
                    return None
                del one["outcome"]
            elif o == "resolved":
                del one["outcome"]
            elif o not in ("won", "lost"):
                return None
        out = {(dim, v) for dim, v in one.items()}
        out |= {(dim, v) for dim, vs in by_dim.items() if dim in MEMBERSHIP for v in vs}
        return (universe, frozenset(out))

    def bound(self, var, lo, hi):
        if var is None:
            return
        old = self.bounds.get(var, (0, BIG))
        self.bounds[var] = (max(old[0], lo), min(old[1], hi))

    def publish(self, var, lo, hi):
        if var is None:
            return
        self.bound(var, lo, hi)
        self.published.add(var)

    def equation(self, total, parts):
        """total = sum(parts); None parts are impossible sets (zero) and drop out."""
        parts = [p for p in parts if p is not None]
        if total is None:
            for p in parts:
                self.bound(p, 0, 0)
            return
        for v in [total, *parts]:
            self.bounds.setdefault(v, (0, BIG))
        terms = tuple(sorted([(total, -1)] + [(p, 1) for p in parts], key=repr))
        self.equations.add(terms)

    # --- reading what the page shows ---------------------------------------------------------
    def interval(self, text):
        text = (text or "").strip().replace(",", "")
        if text == "<5":
            return (0, 4)
        if not re.fullmatch(r"\d+", text):
            return None  # "x", "–": nothing
        v = int(text)
        return (v, v + 4) if self.rounded else (v, v)

    def read_page(self, context, sections, conds: frozenset):
        """One page: `sections` are its definitions.Section objects, `conds` its filters and scope."""
        by_key = {s.key: s for s in sections}
        for tile in context.get("tiles") or []:
            self._tile(tile, conds)
        for shown in context.get("sections") or []:
            self._table(shown, by_key[shown["table"].key], conds)
        if context.get("texts"):
            self._texts(context["texts"], context["report"].texts, conds)

    def _tile(self, tile, conds):
        extra = {"received": set(), "unresolved": {("outcome", "open")}, "declined": {("outcome", "declined")},
                 "resolved": {("outcome", "resolved")}}.get(tile["key"])
        found = self.interval(tile["text"])
        if extra is None or found is None:
            return
        var = self.canonical("case", conds | extra)
        self.publish(var, *found)
        self._register(var)

    def _table(self, shown, section, conds):
        table = shown["table"]
        universe = {"checklist": "item", "gaps": "analysis", "case_studies": "study"}.get(section.kind, "case")
        row_dim = {"checklist": "document", "gaps": "gap", "completeness": "completeness"}.get(
            section.kind, ROW_DIM.get(section.dimension))
        col_dim = COLUMN_DIM[section.columns.key]
        col_conds = [set() if ck == TOTAL or col_dim is None else {(col_dim, _value(col_dim, ck))}
                     for ck in table.col_keys]
        row_keys = table.row_keys
        named = {_value(row_dim, k) for k in row_keys if k not in (TOTAL, OTHER)}
        has_other = OTHER in row_keys
        if not row_keys:  # "No cases match these filters": exactly none
            self.publish(self.canonical(universe, conds), 0, 0)
            return
        for rk, line in zip(row_keys, shown["rows"]):
            for cc, cell in zip(col_conds, line["cells"]):
                found = self.interval(cell["text"])
                marked = cell["text"].strip() in ("<5", "x")
                if rk == OTHER:
                    base = self.canonical(universe, conds | cc)
                    if base is None:
                        continue  # no case can be in this cell (e.g. a gender the filter excludes)
                    var = ("other", universe, base[1], row_dim, frozenset(named))
                    parts = [self.canonical(universe, conds | cc | {(row_dim, v)})
                             for v in self.world.domains.get(row_dim, []) if v not in named]
                    if all(p is None for p in parts):
                        self.structural.add(var)  # e.g. "Others" of the district table, filtered by district
                    self.equation(var, parts)
                else:
                    rc = set() if rk == TOTAL else {(row_dim, _value(row_dim, rk))}
                    var = self.canonical(universe, conds | rc | cc)
                if found is not None:
                    self.publish(var, *found)
                if marked and var is not None:
                    self.marked.add(var)
                if var is not None and var[0] != "other":
                    self._register(var)
            for derived, cell in zip(table.derived, line["derived"]):
                rc = set() if rk in (TOTAL, OTHER) else {(row_dim, _value(row_dim, rk))}
                if rk == OTHER:
                    continue
                if derived.key == "resolved":
                    found = self.interval(cell["text"])
                    var = self.canonical(universe, conds | rc | {("outcome", "resolved")})
                    if found is not None:
                        self.publish(var, *found)
                    self._register(var)
                elif derived.key == "share":
                    self._share(cell["text"], line, table, universe, conds | rc)
        # Which rows are there: rows under 5 are in "Others" (each of them 0..4); without an
        # "Others" row, a missing row is a set with no case at all.
        if row_dim in self.world.domains:
            for v in self.world.domains[row_dim]:
                if v not in named:
                    var = self.canonical(universe, conds | {(row_dim, v)})
                    self.bound(var, 0, 4 if has_other else 0)

    def _share(self, text, line, table, universe, conds):
        # "Available (%)" is 100 × (uploaded + available) / total from rounded figures: it gives
        # the rounded (uploaded + available) away; read it back.
        total = self.interval(line["cells"][-1]["text"]) if table.show_row_totals else None
        try:
            rate = float(text.replace(",", ""))
        except ValueError:
            return
        if not total or total[0] == 0:
            return
        t = total[0]
        fits = [a for a in range(0, t + 5, 5 if self.rounded else 1) if round(100.0 * a / t, 1) == rate]
        if len(fits) == 1:
            a = fits[0]
            self.publish(self.canonical(universe, conds | {("docstate", "have")}), a, a + 4 if self.rounded else a)

    def _texts(self, items, kind, conds):
        universe = "study" if kind == "case_studies" else "analysis"
        facts_per_item = []
        for item in items:
            facts = set()
            for label, value in item["facts"]:
                facts |= self._fact(label, value)
            facts_per_item.append(facts)
        complete = len(items) < LIMIT
        # A list of case studies is the whole set when shorter than LIMIT (rounded down to a
        # multiple of 5 by the new rules, so then up to 4 may be missing).
        slack = 4 if self.rounded else 0
        subsets = {frozenset()}
        for facts in facts_per_item:
            for size in (1, 2):
                subsets |= {frozenset(c) for c in itertools.combinations(sorted(facts, key=repr), size)}
        for subset in subsets:
            n = sum(1 for facts in facts_per_item if subset <= facts)
            var = self.canonical(universe, conds | subset)
            exact_list = complete and universe == "study"
            self.bound(var, n, n + slack if exact_list else BIG)
            self.published.add(var)
            self._register(var)

    def _fact(self, label, value) -> set:
        w = self.world
        if label == "Year received" and re.fullmatch(r"\d{4}", value):
            return {("year", int(value))}
        if label in ("Place", "Division") and value in w.names["division"]:
            return {("division", w.names["division"][value])}
        if label == "Destination country" and value in w.names["country"]:
            return {("country", w.names["country"][value])}
        if label == "Case categories":
            return {("category", w.names["category"][v]) for v in value.split(", ") if v in w.names["category"]}
        if label == "Gaps":
            if value == "No gap named":
                return {("gap", None)}
            return {("gap", w.names["gap"][v]) for v in value.split(", ") if v in w.names["gap"]}
        if label == "Redress channel":
            choices = [*Channel.choices, ("", "Not referred yet")]
            return {("channel", k if k else "none") for k, v in choices if v == value}
        if label == "Result favours the worker":
            return {("favours", k) for k, v in [("yes", "Yes"), ("partly", "Partly"), ("no", "No"),
                                                   ("none", "No result recorded")] if v == value}
        return set()

    # --- sums ------------------------------------------------------------------------------
    def _register(self, var):
        """Remember which sums `var` is a part of (added in solve())."""
        if var is None or var[0] in ("other", "slack"):
            return
        universe, conds = var
        for dim, value in conds:
            rest = conds - {(dim, value)}
            if dim not in MEMBERSHIP and not (dim == "outcome" and value == "resolved") and \
                    not (dim == "docstate" and value == "have"):
                self.registered.add(("partition", universe, rest, dim))
            if dim == "district" and value is not None:
                self.registered.add(("hier", universe, rest, "division", self.world.division_of[value]))
            if dim == "month":
                self.registered.add(("hier", universe, rest, "quarter", _quarter(value)))
            if dim in ("month", "quarter"):
                year = value[0]
                self.registered.add(("hier", universe, rest, "year", year))
            if dim in ("status", "outcome"):
                self.registered.add(("outcome", universe, rest))
            if dim == "docstate":
                self.registered.add(("have", universe, rest))
        if universe in ("study", "analysis") and not any(dim == "gap" for dim, _v in conds):
            self.registered.add(("subset", universe, conds))

    def _sums(self):
        w = self.world
        for entry in self.registered:
            kind, universe, rest = entry[0], entry[1], entry[2]
            c = lambda extra: self.canonical(universe, rest | extra)  # noqa: E731
            if kind == "partition":
                dim = entry[3]
                self.equation(c(set()), [c({(dim, v)}) for v in w.domains.get(dim, [])])
            elif kind == "hier":
                coarse, value = entry[3], entry[4]
                # Months and quarters outside the domain (before the first case, after today) hold none.
                if coarse == "division":
                    fine = [c({("district", k)}) for k, div in w.division_of.items() if div == value]
                elif coarse == "quarter":
                    fine = [c({("month", m)}) for m in w.domains["month"] if _quarter(m) == value]
                else:
                    fine = [c({("quarter", q)}) for q in w.domains["quarter"] if q[0] == value]
                self.equation(c({(coarse, value)}), fine)
            elif kind == "outcome":
                self.equation(c({("outcome", "open")}), [c({("status", s)}) for s in OPEN])
                self.equation(c({("outcome", "declined")}), [c({("status", "declined")})])
                self.equation(c({("outcome", "resolved")}), [c({("outcome", "won")}), c({("outcome", "lost")})])
                self.equation(c({("outcome", "resolved")}), [c({("status", s)}) for s in RESOLVED])
            elif kind == "have":
                have = [c({("docstate", "uploaded")}), c({("docstate", "available")})]
                self.equation(c({("docstate", "have")}), have)
            elif kind == "subset":
                self.equation(self.canonical("case", rest), [(universe, rest), ("slack", universe, rest)])

    def solve(self, max_rounds: int = 200):
        self._sums()
        by_var = defaultdict(list)
        eqs = list(self.equations)
        for i, eq in enumerate(eqs):
            for var, _sign in eq:
                by_var[var].append(i)
                self.bounds.setdefault(var, (0, BIG))
        queue, queued = list(range(len(eqs))), set(range(len(eqs)))
        rounds = 0
        while queue and rounds < max_rounds * len(eqs):
            rounds += 1
            i = queue.pop()
            queued.discard(i)
            eq = eqs[i]
            # sum(sign * x) = 0: each term lies in [-(others' max), -(others' min)].
            lows = [(lo if s > 0 else -hi) for (v, s) in eq for lo, hi in [self.bounds[v]]]
            highs = [(hi if s > 0 else -lo) for (v, s) in eq for lo, hi in [self.bounds[v]]]
            total_low, total_high = sum(lows), sum(highs)
            for (var, sign), low, high in zip(eq, lows, highs):
                term_low, term_high = -(total_high - high), -(total_low - low)
                lo, hi = self.bounds[var]
                new = (max(lo, term_low), min(hi, term_high)) if sign > 0 else (max(lo, -term_high), min(hi, -term_low))
                if new != (lo, hi):
                    self.bounds[var] = new
                    for j in by_var[var]:
                        if j not in queued:
                            queue.append(j)
                            queued.add(j)
        return self

    # --- results ---------------------------------------------------------------------------
    def recovered(self) -> dict:
        """Unknowns narrowed to one value: {unknown: value}."""
        return {v: lo for v, (lo, hi) in self.bounds.items() if lo == hi}

    def unsound(self) -> list:
        """Unknowns whose true value lies outside what the attacker derived (a bug in the
        attacker or a page that prints a figure outside its stated range)."""
        out = []
        for var, (lo, hi) in self.bounds.items():
            t = self.world.truth(var)
            if not lo <= t <= hi:
                out.append((var, lo, hi, t))
        return out


def filter_conds(params: dict, *, org=None) -> frozenset:
    """The conditions a view's filters (and an org admin's scope) put on every figure."""
    conds = set()
    for name, value in params.items():
        if name == "gender":
            conds.add(("gender", value))
        elif name in ("district", "division"):
            conds.add((name, int(value)))
        elif name == "channel":
            conds.add(("channel", value))
        elif name == "category":
            conds.add(("category", int(value)))
        elif name == "destination":
            conds.add(("country", int(value)))
        elif name == "organization":
            conds.add(("org", int(value)))
        elif name == "period":
            m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q(\d))?", value)
            if m.group(2):
                conds.add(("month", (int(m.group(1)), int(m.group(2)))))
            elif m.group(3):
                conds.add(("quarter", (int(m.group(1)), (int(m.group(3)) - 1) * 3 + 1)))
            else:
                conds.add(("year", int(m.group(1))))
    if org is not None:
        conds.add(("org", org))
    return frozenset(conds)


def marked_recoveries(attacker: Attacker) -> list:
    """Figures a page showed as "<5" or "x" that the attacker worked out exactly."""
    return sorted(((var, value) for var, value in attacker.recovered().items()
                   if var in attacker.marked and var not in attacker.structural), key=repr)


def small_recoveries(attacker: Attacker) -> list:
    """Recovered unknowns whose true value is under 5 (the leaks the rules must prevent)."""
    return sorted(((var, value) for var, value in attacker.recovered().items()
                   if value < 5 and var not in attacker.structural), key=repr)


def name_lists(world: World, categories, gaps):
    world.names["category"] = {c.name: c.pk for c in categories}
    for tag in gaps:
        label = f"{tag.name_en} ({GapTag.Kind(tag.kind).label})"
        world.names["gap"][label] = tag.pk
    return world

