"""Independent counts over the fixture's specs, in plain Python (no code shared with casework/reports)."""

from __future__ import annotations

from collections import Counter, defaultdict

OPEN = {"draft", "primary_review", "returned", "final_review", "in_redress", "reopened"}
RESOLVED = {"result_recorded", "closed"}


def outcome(spec) -> str:
    if spec.status in OPEN:
        return "open"
    if spec.status == "declined":
        return "declined"
    return "won" if spec.favours in ("yes", "partly") else "lost"


def age_group(age) -> str:
    if age is None:
        return "unknown"
    if age < 18:
        return "u18"
    if age <= 25:
        return "18-25"
    if age <= 35:
        return "26-35"
    if age <= 45:
        return "36-45"
    return "46+"


def row_keys(dim: str, spec, case, data) -> list:
    """The row(s) a case falls in, keyed like the database keys."""
    cats = data.categories[:2] if spec.category == -1 else [data.categories[spec.category]]

    def ref(kind, index):
        return None if index is None else data.references[kind][index].pk

    return {
        "status": lambda: [spec.status],
        "division": lambda: [case.division_id],
        "district": lambda: [case.district_id],
        "gender": lambda: [spec.gender],
        "category": lambda: [c.pk for c in cats],
        "destination": lambda: [case.destination_country_id],
        "channel": lambda: [spec.channel],
        "route": lambda: [ref("route", spec.route)],
        "month": lambda: [(2025, spec.month)],
        "quarter": lambda: [(2025, (spec.month - 1) // 3 * 3 + 1)],
        "age": lambda: [age_group(spec.age)],
        "minority": lambda: [spec.minority],
        "disability": lambda: [spec.disability],
        "marital": lambda: [ref("marital", spec.marital)],
        "education": lambda: [ref("education", spec.education)],
        "religion": lambda: [ref("religion", spec.religion)],
    }[dim]()


def column_key(colset: str, spec) -> str:
    return {
        "outcome": lambda: outcome(spec),
        "outcome_money": lambda: outcome(spec),
        "gender": lambda: spec.gender,
        "status": lambda: spec.status,
        "channel": lambda: spec.channel or "none",
        "count": lambda: "n",
        "favours": lambda: spec.favours or "none",
    }[colset]()


def crosstab(dim: str, colset: str, data, include=lambda spec, case: True) -> dict:
    """{row key: Counter(column key -> n)} plus the distinct totals under the key "__total__"."""
    table = defaultdict(Counter)
    for spec, case in zip(data.specs, data.cases):
        if not include(spec, case):
            continue
        col = column_key(colset, spec)
        for rk in row_keys(dim, spec, case, data):
            table[rk][col] += 1
        table["__total__"][col] += 1
    return table


def normalise_key(key):
    """Month and quarter keys come back from the database as datetimes."""
    if hasattr(key, "year") and hasattr(key, "month"):
        return (key.year, key.month)
    return key
