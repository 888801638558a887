"""Demo cases for `seed_demo --cases N`: believable people, places, agencies and histories.

Idempotent: demo cases carry register numbers DEMO-00001…; running again only adds missing ones.
Never used with production settings (seed_demo refuses).
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from casework.models import (
    Case,
    CaseSource,
    Country,
    DepartureRoute,
    EducationLevel,
    GapTag,
    JusticeSeeker,
    MaritalStatus,
    Organization,
    Perpetrator,
    PostAnalysis,
    Recruitment,
    RecruitingAgency,
    RecruitmentProcess,
    Referral,
    Religion,
    ResultType,
    Transition,
)
from casework.reference_data import DEMO_RECRUITING_AGENCIES
from casework.services import case_create
from casework.states import Channel, Status
from portal import roles

FEMALE_NAMES = ["রহিমা খাতুন", "Shahnaz Begum", "মোসাম্মৎ আকলিমা", "Parvin Akter", "নাসরিন সুলতানা", "Hasina Begum",
                "রোকসানা আক্তার", "Fatema Khatun", "মরিয়ম বেগম", "Jesmin Nahar"]
MALE_NAMES = ["মোঃ আব্দুল করিম", "Md. Jashim Uddin", "রফিকুল ইসলাম", "Shahidul Islam", "মোঃ কামাল হোসেন", "Abul Kalam",
              "নুরুল আমিন", "Monir Hossain", "সাইফুল ইসলাম", "Anwar Hossain", "মোঃ হাবিবুর রহমান", "Delwar Hossain"]
AGENTS = ["কাশেম দালাল", "Babul Mia", "মোঃ সেলিম", "Harun Dalal", "জাহাঙ্গীর আলম", "Kamrul (sub-agent)"]
DESCRIPTIONS = [
    "He paid {cost} taka to a local sub-agent in {year} for a job in {country}. The visa never came and the agent stopped answering the phone.",
    "She went to {country} as a domestic worker. The employer did not pay her salary for eight months and took her passport.",
    "He went to {country} with a work visa, but the company named in the contract did not exist. He worked without papers and was sent back.",
    "The agency took {cost} taka and promised a factory job in {country}. He got a cleaning job with half the pay.",
    "The worker died in {country}. The family has not received the body allowance or the compensation.",
    "She was promised a job in {country} but was kept locked in a house and not allowed to call home.",
]
STATE_PLAN = [
    Status.DRAFT, Status.PRIMARY_REVIEW, Status.RETURNED, Status.FINAL_REVIEW, Status.IN_REDRESS,
    Status.IN_REDRESS, Status.RESULT_RECORDED, Status.CLOSED, Status.CLOSED, Status.DECLINED, Status.REOPENED,
]
# The path each end state took (actions and the state after each).
HISTORY = {
    Status.DRAFT: [],
    Status.PRIMARY_REVIEW: [("submit", Status.PRIMARY_REVIEW)],
    Status.RETURNED: [("submit", Status.PRIMARY_REVIEW), ("return", Status.RETURNED)],
    Status.FINAL_REVIEW: [("submit", Status.PRIMARY_REVIEW), ("forward", Status.FINAL_REVIEW)],
    Status.IN_REDRESS: [("submit", Status.PRIMARY_REVIEW), ("forward", Status.FINAL_REVIEW), ("refer_bmet", Status.IN_REDRESS)],
    Status.RESULT_RECORDED: [("submit", Status.PRIMARY_REVIEW), ("refer_gmc", Status.IN_REDRESS), ("record_result", Status.RESULT_RECORDED)],
    Status.CLOSED: [("submit", Status.PRIMARY_REVIEW), ("forward", Status.FINAL_REVIEW), ("refer_bmet", Status.IN_REDRESS),
                    ("record_result", Status.RESULT_RECORDED), ("request_close", Status.RESULT_RECORDED), ("approve_close", Status.CLOSED)],
    Status.DECLINED: [("submit", Status.PRIMARY_REVIEW), ("forward", Status.FINAL_REVIEW), ("decline", Status.DECLINED)],
    Status.REOPENED: [("submit", Status.PRIMARY_REVIEW), ("refer_gmc", Status.IN_REDRESS), ("record_result", Status.RESULT_RECORDED),
                      ("approve_close", Status.CLOSED), ("reopen", Status.REOPENED)],
}
NOTES = {
    "submit": "All papers collected. Please advise.",
    "return": "Please collect the money receipt and the sub-agent's NID number.",
    "forward": "Strong documents. Forwarding for final legal advice.",
    "refer_bmet": "Complaint filed at BMET arbitration cell.",
    "refer_gmc": "Both sides agree to sit at the union GMC.",
    "record_result": "Result recorded after the hearing.",
    "request_close": "Money paid back. Requesting closure.",
    "approve_close": "Closure approved.",
    "decline": "No evidence of payment and the worker does not want to proceed.",
    "reopen": "The agent stopped paying the instalments.",
}


def _people():
    User = get_user_model()
    coordinators = list(
        User.objects.filter(groups__name=roles.FIELD_COORDINATOR).select_related("profile__organization")
        .prefetch_related("profile__upazilas").order_by("username")
    )
    by_role = lambda role: list(User.objects.filter(groups__name=role).select_related("profile").order_by("username"))  # noqa: E731
    return coordinators, by_role(roles.PRIMARY_ADVISOR), by_role(roles.LEGAL_ADVISOR)


@transaction.atomic
def seed_cases(n: int, stdout=None) -> int:
    """Create up to `n` demo cases (only the missing ones). Returns how many were created."""
    if n <= 0:
        return 0
    from knowledge.models import CaseCategory

    categories = list(CaseCategory.objects.filter(locale=Locale.get_default()).prefetch_related("sub_categories"))
    if not categories:
        if stdout:
            stdout.write("No case categories yet (knowledge content not loaded): no demo cases created.")
        return 0
    for name, licence, address in DEMO_RECRUITING_AGENCIES:
        RecruitingAgency.objects.get_or_create(licence_number=licence, defaults={"name": name, "address": address})
    coordinators, primaries, legals = _people()
    legal_org = Organization.objects.filter(type=Organization.Type.LEGAL_AID_NGO).first()
    existing = set(Case.objects.filter(register_number__startswith="DEMO-").values_list("register_number", flat=True))
    rng = random.Random(20261123)
    countries = list(Country.objects.filter(priority__lt=1000).order_by("priority")[:12])
    lists = {m: list(m.objects.all()) for m in (CaseSource, RecruitmentProcess, DepartureRoute, EducationLevel, Religion, MaritalStatus, ResultType, GapTag)}
    agencies = list(RecruitingAgency.objects.all())
    created = 0
    now = timezone.now()
    for i in range(1, n + 1):
        register = f"DEMO-{i:05d}"
        if register in existing:
            continue
        coordinator = coordinators[i % len(coordinators)]
        org = coordinator.profile.organization
        upazila = rng.choice(list(coordinator.profile.upazilas.all()))
        primary = next((p for p in primaries if p.profile.organization_id == org.id), None)
        legal = legals[i % len(legals)] if legals else None
        status = STATE_PLAN[i % len(STATE_PLAN)]
        female = rng.random() < 0.45
        country = rng.choice(countries)
        cost = rng.choice([250000, 350000, 450000, 520000, 600000, 180000])
        entered_at = now - timedelta(days=rng.randint(5, 700))
        category = rng.choice(categories)
        case = Case(
            organization=org, upazila=upazila, district=upazila.district, division=upazila.district.division,
            description=rng.choice(DESCRIPTIONS).format(cost=cost, year=entered_at.year - 1, country=country.name_en),
            source=rng.choice(lists[CaseSource]), destination_country=country,
            recruitment_process=rng.choice(lists[RecruitmentProcess]), migration_cost=Decimal(cost),
            departure_date=(entered_at - timedelta(days=rng.randint(60, 900))).date(),
            departure_route=rng.choice(lists[DepartureRoute]), consent_given=True, consent_store=True,
            consent_share=True, consent_case_study=rng.random() < 0.6, consent_date=entered_at.date(),
            consent_taken_by=coordinator.get_full_name(), advisor_sought=primary, assigned_to=coordinator,
            register_number=register,
        )
        name = rng.choice(FEMALE_NAMES if female else MALE_NAMES)
        seeker = JusticeSeeker(
            name=name, gender="female" if female else "male", age=rng.randint(20, 52),
            phone=f"+8801{rng.choice('3456789')}{rng.randint(10_000_000, 99_999_999)}",
            passport_number=f"{rng.choice(['A', 'B', 'E'])}{rng.choice('ABCDEFGH')}{rng.randint(1_000_000, 9_999_999)}",
            village=rng.choice(["উত্তরপাড়া", "Dakshin Para", "মধ্যপাড়া", "Bazar Para"]),
            marital_status=rng.choice(lists[MaritalStatus]), education=rng.choice(lists[EducationLevel]),
            religion=rng.choice(lists[Religion]), family_size=rng.randint(2, 9), is_minority=rng.random() < 0.12,
            has_disability=rng.random() < 0.05,
        )
        agent = rng.choice(AGENTS)
        recruitment = Recruitment(agency=rng.choice(agencies), agent_name=agent,
                                  agent_phone=f"+8801{rng.randint(300_000_000, 999_999_999)}")
        perpetrators = [Perpetrator(name=agent, same_as=Perpetrator.SameAs.AGENT, phone=recruitment.agent_phone)]
        case = case_create(user=coordinator, case=case, categories=[category],
                           sub_categories=list(category.sub_categories.all()[:1]), justice_seeker=seeker,
                           recruitment=recruitment, perpetrators=perpetrators)
        _history(case, status, coordinator, primary, legal, legal_org, entered_at, rng, lists)
        created += 1
    if stdout:
        stdout.write(f"Demo cases: {created} created, {len(existing)} already there.")
    return created


def _history(case, status, coordinator, primary, legal, legal_org, entered_at, rng, lists):
    when = entered_at
    actors = {"submit": coordinator, "return": primary, "forward": primary, "refer_gmc": primary}
    steps = HISTORY[status]
    prev = Status.DRAFT
    transitions = []
    for action, to_state in steps:
        when += timedelta(days=rng.randint(2, 20))
        actor = actors.get(action) or legal or primary
        transitions.append(Transition(case=case, action=action, from_status=prev, to_status=to_state,
                                      actor=actor, note=NOTES[action], created_at=when))
        if action == "forward" and legal_org:
            case.legal_aid_org = legal_org
        if action.startswith("refer_"):
            channel = action.removeprefix("refer_")
            case.channel = channel
            Referral.objects.create(case=case, channel=channel, date=when.date(), created_by=actor,
                                    reference_number=f"BMET-{rng.randint(10000, 99999)}" if channel == Channel.BMET else "")
        prev = to_state
    Transition.objects.bulk_create(transitions)
    if status in (Status.RESULT_RECORDED, Status.CLOSED, Status.REOPENED):
        case.result = rng.choice(lists[ResultType])
        case.result_favours_worker = rng.choice(["yes", "yes", "partly", "no"])
        case.money_recovered = Decimal(rng.choice([0, 50000, 120000, 200000, 350000]))
        case.result_date = when.date()
    if status == Status.CLOSED:
        case.closed_at = when
        pa = PostAnalysis.objects.create(
            case=case, author=legal or primary,
            analysis="The sub-agent had no licence and the agency denied responsibility. Mediation at the union worked "
                     "because the family knew the sub-agent's relatives.",
            went_well="Receipts and phone records were kept by the family.",
            went_wrong="The BMET hearing date was moved three times.",
            case_study=case.consent_case_study and rng.random() < 0.5, strategic_litigation=rng.random() < 0.1,
        )
        pa.gaps.set(rng.sample(lists[GapTag], k=2))
    case.status = status
    case.created_at = entered_at
    case.status_changed_at = when
    case.save()
