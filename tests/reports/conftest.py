"""A small, fully known set of cases for the report tests.

Every case is made through the factories (the real case_create service), then its reportable
attributes are set from a spec list; the tests count the same specs in plain Python, so a report
figure is checked against a count that shares no code with casework/reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from casework.models import (
    Attachment, Case, ChecklistItem, Country, DepartureRoute, EducationLevel, GapTag, JusticeSeeker, MaritalStatus,
    PostAnalysis, Religion, Upazila,
)
from tests.conftest import module_transaction
from tests.factories import CaseCategoryFactory, DocumentTypeFactory, OrganizationFactory, make_case, staff_user


@dataclass
class Spec:
    org: str
    upazila: int  # index into the fixture's upazilas
    status: str
    gender: str
    category: int  # index; -1 means two categories (0 and 1)
    channel: str = ""
    favours: str = ""
    money: int = 0
    month: int = 1
    country: str = "SA"
    age: int | None = 30
    minority: bool = False
    consent_study: bool = False
    study: bool = False
    # Indexes into the fixture's reference rows (None: not recorded).
    route: int | None = None
    marital: int | None = None
    education: int | None = None
    religion: int | None = None
    disability: bool = False


def _specs() -> list[Spec]:
    """38 cases: enough for cells both above and below 5, across two organisations."""
    statuses = ["draft", "primary_review", "final_review", "in_redress", "result_recorded", "closed", "declined"]
    genders = ["female", "male", "female", "other", "male"]
    channels = ["", "gmc", "bmet", "court"]
    favours = ["yes", "partly", "no", ""]
    countries = ["SA", "MY", "AE"]
    specs = []
    for i in range(38):
        status = statuses[i % len(statuses)]
        resolved = status in ("result_recorded", "closed")
        specs.append(Spec(
            org="A" if i % 3 else "B",
            upazila=i % 4,
            status=status,
            gender=genders[i % len(genders)],
            category=-1 if i % 11 == 0 else i % 3,
            channel=channels[i % len(channels)] if status not in ("draft", "primary_review") else "",
            favours=favours[i % len(favours)] if resolved else "",
            # Case 11 (court, resolved) has one large settlement: anonymised money must not reveal it.
            money=550_000 if i == 11 else (1000 * (i + 1)) if resolved and i % 2 == 0 else 0,
            month=1 + i % 3,
            country=countries[i % len(countries)],
            age=None if i % 9 == 0 else 17 + i,
            minority=i % 4 == 0,
            consent_study=resolved and i % 2 == 0,
            study=resolved,
            route=None if i % 5 == 0 else i % 3,
            marital=None if i % 6 == 0 else i % 2,
            education=None if i % 7 == 3 else i % 4,
            religion=None if i % 13 == 0 else i % 2,
            disability=i % 6 == 1,
        ))
    return specs


@dataclass
class ReportData:
    specs: list
    cases: list
    orgs: dict
    upazilas: list
    categories: list
    documents: list
    gaps: list
    references: dict  # "route", "marital", "education", "religion" -> the rows the specs index


@pytest.fixture(scope="module")
def _report_data_module(django_db_setup, django_db_blocker) -> ReportData:
    """The 38 report cases, made once per test module and xdist worker inside a transaction rolled
    back when the module ends (tests.conftest.module_transaction): making them took 1.4 s a test."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            data = _make_report_data()
        yield data


@pytest.fixture
def report_data(_report_data_module, db) -> ReportData:
    """The report cases; each test runs in a savepoint, so what it changes is undone after it."""
    return _report_data_module


def _make_report_data() -> ReportData:
    orgs = {"A": OrganizationFactory(name="Report NGO A"), "B": OrganizationFactory(name="Report NGO B")}
    # Four upazilas in at least two districts.
    first = Upazila.objects.select_related("district").order_by("id").first()
    same_district = list(Upazila.objects.filter(district=first.district).order_by("id")[:2])
    others = list(Upazila.objects.exclude(district__division=first.district.division).order_by("id")[:2])
    upazilas = same_district + others
    categories = [CaseCategoryFactory(name=f"Report category {n}") for n in range(3)]
    documents = [DocumentTypeFactory(name=f"Report document {n}") for n in range(2)]
    gaps = list(GapTag.objects.order_by("id")[:2]) or [
        GapTag.objects.create(code=f"report-gap-{n}", name_en=f"Gap {n}", name_bn=f"ফাঁক {n}") for n in range(2)
    ]
    references = {
        "route": list(DepartureRoute.objects.order_by("id")[:3]),
        "marital": list(MaritalStatus.objects.order_by("id")[:2]),
        "education": list(EducationLevel.objects.order_by("id")[:4]),
        "religion": list(Religion.objects.order_by("id")[:2]),
    }
    assert all(len(rows) >= 2 for rows in references.values())  # seeded by migration 0004

    def ref(kind, index):
        return None if index is None else references[kind][index].pk

    specs = _specs()
    cases = []
    tz = timezone.get_current_timezone()
    for n, spec in enumerate(specs):
        cats = categories[:2] if spec.category == -1 else [categories[spec.category]]
        case = make_case(organization=orgs[spec.org], upazila=upazilas[spec.upazila],
                         categories=cats, destination_country=Country.objects.get(code=spec.country))
        Case.objects.filter(pk=case.pk).update(
            status=spec.status, channel=spec.channel, result_favours_worker=spec.favours,
            money_recovered=Decimal(spec.money) if spec.money else None,
            created_at=datetime(2025, spec.month, 10 + n % 10, 12, 0, tzinfo=tz),
            consent_case_study=spec.consent_study, departure_route_id=ref("route", spec.route),
        )
        JusticeSeeker.objects.filter(case=case).update(
            gender=spec.gender, age=spec.age, is_minority=spec.minority, has_disability=spec.disability,
            marital_status_id=ref("marital", spec.marital), education_id=ref("education", spec.education),
            religion_id=ref("religion", spec.religion),
        )
        if spec.study:
            analysis = PostAnalysis.objects.create(
                case=case, analysis=f"{case.justice_seeker.name} was helped after mediation.",
                went_well=f"The family called {case.justice_seeker.phone} and the agent repaid.",
                went_wrong="BMET took months to call the agency.", case_study=True, author=case.entered_by,
            )
            analysis.gaps.set(gaps[: 1 + n % 2])
        if n % 3 == 0:
            # Two suggested documents: the first available (and, every other time, uploaded).
            ChecklistItem.objects.create(case=case, document_type=documents[0], available=True)
            ChecklistItem.objects.create(case=case, document_type=documents[1], available=n % 2 == 0)
            if n % 2 == 0:
                Attachment.objects.create(
                    case=case, document_type=documents[0], file=f"cases/{case.pk}/x", original_name="a.pdf",
                    content_type="application/pdf", size=1, sha256="0" * 64, uploaded_by=case.entered_by,
                )
        case.refresh_from_db()
        cases.append(case)
    return ReportData(specs=specs, cases=cases, orgs=orgs, upazilas=upazilas, categories=categories,
                      documents=documents, gaps=gaps, references=references)


@pytest.fixture
def reporter(db):
    """A signed-in user in a role: reporter("programme_lead", org=..., upazilas=[...])."""

    def make(role, org=None, upazilas=None):
        return staff_user(roles=[role], organization=org, upazilas=upazilas)

    return make
