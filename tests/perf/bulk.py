"""Fast bulk seeding of realistic cases for benchmarks: `bulk_seed_cases(100_000, seed=0)`.

Cases, justice seekers, categories, referrals, post-analyses (with gap tags) and checklist items,
spread over organisations, districts, workflow states and five years. On PostgreSQL rows go in with
COPY (about ten times faster than INSERT); elsewhere with bulk_create. No signals run, so nothing
is written to the audit log. Call it once per database and seed: case numbers carry the seed.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import connection, models, transaction
from django.utils import timezone

BATCH = 5_000
STATUS_WEIGHTS = {
    "draft": 5, "primary_review": 8, "returned": 3, "final_review": 6, "in_redress": 20,
    "result_recorded": 10, "closed": 40, "declined": 5, "reopened": 3,
}
REFERRED = {"in_redress", "result_recorded", "closed", "reopened"}
RESOLVED = {"result_recorded", "closed"}
CHANNELS = ["gmc", "gmc", "gmc", "bmet", "bmet", "wewb", "court"]


def _insert(model, objects: list) -> None:
    """Insert unsaved instances with casework.bulk.insert_rows (COPY on PostgreSQL)."""
    from casework.bulk import insert_rows

    fields = [f.attname for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    for start in range(0, len(objects), BATCH):
        insert_rows(model, [{name: getattr(obj, name) for name in fields} for obj in objects[start:start + BATCH]])


def _prerequisites(rng: random.Random):
    """Organisations, one entering user each, and the reference rows the cases point at."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale

    from casework.models import (
        Country, DepartureRoute, EducationLevel, GapTag, MaritalStatus, Organization, Religion, ResultType,
        StaffProfile, Upazila,
    )
    from knowledge.models import CaseCategory, DocumentType

    orgs, users = [], []
    for n in range(1, 6):
        org, _ = Organization.objects.get_or_create(
            name=f"Bench NGO {n}", defaults={"name_bn": f"বেঞ্চ এনজিও {n}", "type": Organization.Type.MIGRATION_NGO}
        )
        user, created = get_user_model().objects.get_or_create(username=f"bench-entry-{n}")
        if created:
            StaffProfile.objects.create(user=user, organization=org)
        orgs.append(org.pk)
        users.append(user.pk)
    locale = Locale.get_default()
    categories = list(CaseCategory.objects.filter(locale=locale).values_list("pk", flat=True))
    for n in range(len(categories), 8):
        categories.append(CaseCategory.objects.create(
            code=f"bench-category-{n}", name=f"Bench category {n}", migration_stage="before_departure", locale=locale
        ).pk)
    documents = list(DocumentType.objects.filter(locale=locale).values_list("pk", flat=True))
    for n in range(len(documents), 5):
        documents.append(DocumentType.objects.create(code=f"bench-doc-{n}", name=f"Bench document {n}", locale=locale).pk)
    upazilas = list(Upazila.objects.values_list("pk", "district_id", "district__division_id"))
    rng.shuffle(upazilas)
    return {
        "orgs": orgs, "users": users, "categories": categories, "documents": documents,
        "upazilas": upazilas[:120],
        "countries": list(Country.objects.order_by("priority").values_list("pk", flat=True)[:15]),
        "routes": list(DepartureRoute.objects.values_list("pk", flat=True)) or [None],
        "marital": list(MaritalStatus.objects.values_list("pk", flat=True)) or [None],
        "education": list(EducationLevel.objects.values_list("pk", flat=True)) or [None],
        "religion": list(Religion.objects.values_list("pk", flat=True)) or [None],
        "results": list(ResultType.objects.values_list("pk", flat=True)) or [None],
        "gaps": list(GapTag.objects.values_list("pk", flat=True)),
    }


def bulk_seed_cases(n: int, *, seed: int = 0) -> None:
    """Create `n` realistic cases with their people, referrals, post-analyses and checklists."""
    from casework.models import Case, ChecklistItem, JusticeSeeker, PostAnalysis, Referral

    rng = random.Random(seed)
    ref = _prerequisites(rng)
    now = timezone.now()
    start = now - timedelta(days=5 * 365)
    statuses, weights = zip(*STATUS_WEIGHTS.items())
    prefix = f"BN{seed}-"
    with transaction.atomic():
        cases = []
        for i in range(n):
            status = rng.choices(statuses, weights)[0]
            created = start + timedelta(seconds=rng.randrange(int((now - start).total_seconds())))
            changed = min(created + timedelta(days=rng.randint(0, 200)), now)
            upazila, district, division = rng.choice(ref["upazilas"])
            resolved = status in RESOLVED
            favours = rng.choice(["yes", "yes", "partly", "no", ""]) if resolved else ""
            cases.append(Case(
                case_number=f"{prefix}{i:08d}", status=status, organization_id=rng.choice(ref["orgs"]),
                description="Paid a sub-agent for a visa that never came.",
                division_id=division, district_id=district, upazila_id=upazila,
                destination_country_id=rng.choice(ref["countries"]), departure_route_id=rng.choice(ref["routes"]),
                migration_cost=Decimal(rng.randrange(100_000, 800_000, 1000)),
                consent_given=True, consent_store=True, consent_share=True,
                consent_case_study=rng.random() < 0.5,
                entered_by_id=rng.choice(ref["users"]), created_at=created, updated_at=changed,
                status_changed_at=changed, channel=rng.choice(CHANNELS) if status in REFERRED else "",
                result_id=rng.choice(ref["results"]) if resolved else None, result_favours_worker=favours,
                money_recovered=Decimal(rng.randrange(5_000, 300_000, 500)) if favours in ("yes", "partly") else None,
                closed_at=changed if status == "closed" else None,
            ))
        _insert(Case, cases)
        ids = dict(Case.objects.filter(case_number__startswith=prefix).values_list("case_number", "pk"))
        del cases

        people, links, referrals, analyses, checklist = [], [], [], [], []
        through = Case.categories.through
        rng = random.Random(seed + 1)
        for i in range(n):
            case_id = ids[f"{prefix}{i:08d}"]
            roll = rng.random()
            people.append(JusticeSeeker(
                case_id=case_id, name=f"Bench Worker {i}", gender="male" if roll < 0.6 else ("female" if roll < 0.98 else "other"),
                age=None if rng.random() < 0.05 else rng.randint(17, 62), phone=f"+88017{i:08d}",
                passport_number=f"B{i:08d}", marital_status_id=rng.choice(ref["marital"]),
                education_id=rng.choice(ref["education"]), religion_id=rng.choice(ref["religion"]),
                is_minority=rng.random() < 0.1, has_disability=rng.random() < 0.03,
            ))
            for category in rng.sample(ref["categories"], rng.choice([1, 1, 1, 2])):
                links.append(through(case_id=case_id, casecategory_id=category))
            if rng.random() < 0.5:
                for doc in rng.sample(ref["documents"], 2):
                    checklist.append(ChecklistItem(case_id=case_id, document_type_id=doc, available=rng.random() < 0.6))
        _insert(JusticeSeeker, people)
        _insert(through, links)
        _insert(ChecklistItem, checklist)
        del people, links, checklist

        # Referrals and post-analyses follow each case's state, read back from the database.
        user = ref["users"][0]
        referred = Case.objects.filter(case_number__startswith=prefix).exclude(channel="").values_list("pk", "channel", "created_at")
        for case_id, channel, created in referred.iterator(chunk_size=BATCH):
            referrals.append(Referral(case_id=case_id, channel=channel, date=(created + timedelta(days=30)).date(),
                                      created_by_id=user))
        _insert(Referral, referrals)
        closed = Case.objects.filter(case_number__startswith=prefix, status="closed").values_list("pk", flat=True)
        for case_id in closed.iterator(chunk_size=BATCH):
            analyses.append(PostAnalysis(
                case_id=case_id, analysis="The sub-agent repaid after mediation at the union parishad.",
                went_well="The family kept the receipts.", went_wrong="BMET took months to call the agency.",
                case_study=rng.random() < 0.1, strategic_litigation=rng.random() < 0.02, author_id=user,
                updated_at=now,
            ))
        _insert(PostAnalysis, analyses)
        if ref["gaps"]:
            gap_through = PostAnalysis.gaps.through
            pa_ids = PostAnalysis.objects.filter(case__case_number__startswith=prefix).values_list("pk", flat=True)
            gap_links = []
            for pa_id in pa_ids.iterator(chunk_size=BATCH):
                for gap in rng.sample(ref["gaps"], rng.choice([0, 1, 1, 2])):
                    gap_links.append(gap_through(postanalysis_id=pa_id, gaptag_id=gap))
            _insert(gap_through, gap_links)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a live system


__all__ = ["bulk_seed_cases"]
