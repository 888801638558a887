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

from casework import workflow
from casework.models import (
    Case,
    CaseSource,
    Country,
    DepartureRoute,
    EducationLevel,
    GapTag,
    InterventionType,
    JusticeSeeker,
    MaritalStatus,
    Organization,
    Perpetrator,
    Recruitment,
    RecruitingAgency,
    RecruitmentProcess,
    Religion,
    ResultType,
)
from casework.notifications import emails_suppressed
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
# The path each end state took, as workflow steps (see _history: each goes through casework.workflow,
# so the histories obey the same rules as real ones). "result" records the result, "analysis" writes
# the post-analysis, "resubmit" is a second submit after a return. `variant` alternates between
# two believable routes for the states that appear twice in STATE_PLAN.
HISTORY = {
    Status.DRAFT: [[]],
    Status.PRIMARY_REVIEW: [["submit"]],
    Status.RETURNED: [["submit", "return"]],
    Status.FINAL_REVIEW: [["submit", "return", "resubmit", "forward"], ["submit", "forward"]],
    Status.IN_REDRESS: [["submit", "forward", "refer_bmet"], ["submit", "refer_gmc", "refer_bmet"]],
    Status.RESULT_RECORDED: [["submit", "refer_gmc", "result"]],
    Status.CLOSED: [["submit", "forward", "refer_bmet", "result", "analysis", "request_close", "approve_close"],
                    ["submit", "refer_gmc", "result", "analysis", "request_close", "approve_close"]],
    Status.DECLINED: [["submit", "forward", "decline"]],
    Status.REOPENED: [["submit", "refer_gmc", "result", "analysis", "request_close", "approve_close", "reopen"]],
}
NOTES = {
    "submit": "All papers collected. Please advise.",
    "resubmit": "Money receipt and the sub-agent's NID added.",
    "return": "Please collect the money receipt and the sub-agent's NID number.",
    "forward": "Strong documents. Forwarding for final legal advice.",
    "refer_bmet": "Complaint filed at BMET arbitration cell.",
    "refer_gmc": "Both sides agree to sit at the union GMC.",
    "result": "Result recorded after the hearing.",
    "request_close": "Money paid back. Requesting closure.",
    "approve_close": "Closure approved.",
    "decline": "No evidence of payment and the worker does not want to proceed.",
    "reopen": "The agent stopped paying the instalments.",
}
ESCALATION_NOTE = "The sub-agent did not come to the GMC twice. Escalated to BMET."
FOLLOW_UPS = [
    ("Talked to the family; they have the receipts.", "Collect copies of the receipts"),
    ("BMET gave a hearing date.", "Go to the BMET hearing with the worker"),
    ("The agency asked for more time.", "Call the agency's office again"),
    ("GMC meeting held at the union office.", "Check that the first instalment is paid"),
]


AGENCY_NAMES_BN = {
    "RL-1021": "আল-আমিন ওভারসিজ", "RL-0873": "বাংলা গালফ রিক্রুটিং এজেন্সি", "RL-1457": "সোনার দেশ ম্যানপাওয়ার",
    "RL-0612": "চাটলা ওভারসিজ সার্ভিসেস", "RL-1689": "মেঘনা হিউম্যান রিসোর্সেস", "RL-0954": "পদ্মা ইন্টারন্যাশনাল",
}


def legal_aid_entry(i: int) -> bool:
    """Demo case i is entered by a legal advisor: every other run of 11 (STATE_PLAN), as a draft or
    waiting for primary advice, so it stays in that advisor's scope only because they entered it."""
    return i % len(STATE_PLAN) in (0, 1) and (i // len(STATE_PLAN)) % 2 == 1


def reassigned(i: int) -> bool:
    """Demo case i is assigned to a coordinator whose upazilas do not include the case's."""
    return i % 7 == 3


def _people():
    User = get_user_model()
    coordinators = list(
        User.objects.filter(groups__name=roles.FIELD_COORDINATOR).select_related("profile__organization")
        .prefetch_related("profile__upazilas").order_by("username")
    )
    by_role = lambda role: list(User.objects.filter(groups__name=role).select_related("profile").order_by("username"))  # noqa: E731
    return coordinators, by_role(roles.PRIMARY_ADVISOR), by_role(roles.LEGAL_ADVISOR), by_role(roles.PROGRAMME_LEAD)


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
        RecruitingAgency.objects.get_or_create(licence_number=licence, defaults={
            "name": name, "name_bn": AGENCY_NAMES_BN.get(licence, ""), "address": address})
    coordinators, primaries, legals, leads = _people()
    lead = leads[0] if leads else None
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
        # Every scope branch of SPEC §1 occurs: some cases are entered by a legal advisor (received at
        # district or national level: owned by the legal-aid NGO, in nobody's upazila scope), and some
        # are assigned to another coordinator of the organisation, outside that coordinator's upazilas.
        entrant, assignee = coordinator, coordinator
        if legal is not None and legal_aid_entry(i):
            entrant, assignee, org, primary = legal, None, legal.profile.organization, lead
        elif reassigned(i):
            assignee = next((c for c in coordinators if c.profile.organization_id == org.id and c != coordinator
                             and upazila not in c.profile.upazilas.all()), coordinator)
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
            consent_taken_by=entrant.get_full_name(), advisor_sought=primary, assigned_to=assignee,
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
        case = case_create(user=entrant, case=case, categories=[category],
                           sub_categories=list(category.sub_categories.all()[:1]), justice_seeker=seeker,
                           recruitment=recruitment, perpetrators=perpetrators)
        Case.objects.filter(pk=case.pk).update(created_at=entered_at, status_changed_at=entered_at)
        case.refresh_from_db()
        people = {"coordinator": entrant, "primary": primary or lead, "legal": legal or lead, "lead": lead}
        with emails_suppressed():
            _history(case, HISTORY[status][i % len(HISTORY[status])], people, legal_org, entered_at, now, rng, lists)
        created += 1
    if stdout:
        stdout.write(f"Demo cases: {created} created, {len(existing)} already there.")
    return created


def _history(case, steps, people, legal_org, entered_at, now, rng, lists):
    """Walk the case through `steps` with the workflow services, spread over the days since input."""
    coordinator, primary, legal, lead = people["coordinator"], people["primary"], people["legal"], people["lead"]
    days = max((now - entered_at).days - 1, 1)
    gap = max(days // (len(steps) + 2), 1)
    when = entered_at
    kinds = {t.code: t for t in InterventionType.objects.filter(is_active=True)}

    def later():
        nonlocal when
        when = min(when + timedelta(days=rng.randint(max(gap // 2, 1), gap), hours=rng.randint(0, 8)), now)
        return when

    def intervention(code, user, note=""):
        if code in kinds:
            workflow.intervention_add(case=case, user=user, type=kinds[code], date=timezone.localdate(later()), note=note)

    def follow_up(user, upcoming=False):
        update, next_action = rng.choice(FOLLOW_UPS)
        day = timezone.localdate(later())
        next_date = (timezone.localdate(now) + timedelta(days=rng.randint(1, 10)) if upcoming
                     else day + timedelta(days=rng.randint(3, 15)))
        workflow.follow_up_add(case=case, user=user, date=day, update=update, next_action=next_action, next_date=next_date)

    def final():  # the legal-aid NGO's advisor once forwarded, else the programme lead
        return legal if case.legal_aid_org_id else lead

    if steps:
        intervention("info_shared", coordinator, "Explained the BMET and GMC routes to the family.")
        intervention("evidence_collected", coordinator)
    for step in steps:
        note = NOTES.get(step, "")
        if step in ("submit", "resubmit"):
            workflow.case_submit(case=case, user=coordinator, note=note, when=later())
        elif step == "return":
            workflow.case_return(case=case, user=primary, note=note, when=later())
            workflow.comment_add(case=case, user=coordinator, body="I will visit the family on market day.")
        elif step == "forward":
            workflow.case_forward(case=case, user=primary, note=note, organization=legal_org, when=later())
        elif step in ("refer_gmc", "refer_bmet"):
            channel = step.removeprefix("refer_")
            escalation = case.status == Status.IN_REDRESS
            user = final() if channel != Channel.GMC else (primary if case.status == Status.PRIMARY_REVIEW else final())
            reference = f"BMET-{when.year}-{rng.randint(1000, 9999)}" if channel == Channel.BMET else ""
            workflow.case_refer(case=case, user=user, channel=channel, note=ESCALATION_NOTE if escalation else note,
                                reference_number=reference, when=later())
            intervention({"gmc": "referred_gmc", "bmet": "complaint_bmet"}[channel], coordinator)
            follow_up(coordinator, upcoming=(step == steps[-1]))
        elif step == "result":
            workflow.case_record_result(
                case=case, user=final() if case.legal_aid_org_id else primary, result=rng.choice(lists[ResultType]),
                favours=rng.choice(["yes", "yes", "partly", "no"]), result_date=timezone.localdate(later()),
                money_recovered=Decimal(rng.choice([0, 50000, 120000, 200000, 350000])), detail="Details in the file.",
                note=note, when=when)
        elif step == "analysis":
            workflow.post_analysis_save(
                case=case, user=final(),
                analysis="The sub-agent had no licence and the agency denied responsibility. Mediation at the union "
                         "worked because the family knew the sub-agent's relatives.",
                gaps=rng.sample(lists[GapTag], k=2), went_well="Receipts and phone records were kept by the family.",
                went_wrong="The BMET hearing date was moved three times.",
                case_study=case.consent_case_study and rng.random() < 0.5, strategic_litigation=rng.random() < 0.1)
        elif step == "request_close":
            workflow.case_request_close(case=case, user=primary if not case.legal_aid_org_id else legal, note=note,
                                        when=later())
        elif step in ("approve_close", "decline", "reopen"):
            service = {"approve_close": workflow.case_approve_close, "decline": workflow.case_decline,
                       "reopen": workflow.case_reopen}[step]
            service(case=case, user=final(), note=note, when=later())
