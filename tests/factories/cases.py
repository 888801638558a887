"""factory_boy factories for cases and the people around them.

`make_case(...)` builds a complete case (justice seeker, recruitment, a perpetrator) through the
same service the UI uses, so case numbers and validation are real.
"""

import random
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from casework.models import (
    Case,
    Country,
    JusticeSeeker,
    Organization,
    Perpetrator,
    Recruitment,
    StaffProfile,
    Upazila,
)
from knowledge.models import CaseCategory, DocumentType


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Test NGO {n}")
    name_bn = factory.Sequence(lambda n: f"টেস্ট এনজিও {n}")
    short_name = factory.Sequence(lambda n: f"T{n}")
    type = Organization.Type.MIGRATION_NGO


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A staff user with a profile and roles: StaffUserFactory(roles=["primary_advisor"], organization=org)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", "Test-Pass-2026!")

    @factory.post_generation
    def setup(obj, create, extracted, **kwargs):
        obj.save()
        org = kwargs.get("organization") or OrganizationFactory()
        profile = StaffProfile.objects.create(user=obj, organization=org, gender=kwargs.get("gender", "female"))
        if kwargs.get("upazilas"):
            profile.upazilas.set(kwargs["upazilas"])
        for role in kwargs.get("roles", []):
            obj.groups.add(Group.objects.get(name=role))


def staff_user(*, roles, organization=None, upazilas=None, **kwargs):
    return StaffUserFactory(setup__roles=roles, setup__organization=organization, setup__upazilas=upazilas, **kwargs)


class DocumentTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentType

    code = factory.Sequence(lambda n: f"doc-{n}")
    name = factory.Sequence(lambda n: f"Document {n}")
    locale = factory.LazyFunction(Locale.get_default)


class CaseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseCategory

    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")
    migration_stage = "before_departure"
    locale = factory.LazyFunction(Locale.get_default)


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case (no people). Prefer make_case() for a realistic one."""

    class Meta:
        model = Case
        skip_postgeneration_save = True

    case_number = factory.Sequence(lambda n: f"PRK-2026-9{n:04d}")
    organization = factory.SubFactory(OrganizationFactory)
    description = "Paid a sub-agent for a visa that never came."
    upazila = factory.LazyFunction(lambda: Upazila.objects.order_by("?").first())
    district = factory.LazyAttribute(lambda o: o.upazila.district if o.upazila else None)
    division = factory.LazyAttribute(lambda o: o.district.division if o.district else None)
    destination_country = factory.LazyFunction(lambda: Country.objects.get(code="SA"))
    migration_cost = Decimal("450000")
    entered_by = factory.LazyAttribute(lambda o: staff_user(roles=["field_coordinator"], organization=o.organization))

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if not create:
            return
        obj.categories.set(extracted if extracted is not None else [CaseCategoryFactory()])


class JusticeSeekerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JusticeSeeker

    name = factory.Iterator(["Rahima Khatun", "Abdul Malek", "রাশেদা বেগম", "মোঃ জসিম উদ্দিন"])
    gender = factory.Iterator(["female", "male", "female", "male"])
    age = factory.LazyFunction(lambda: random.randint(19, 55))
    phone = factory.Sequence(lambda n: f"+88017{n:08d}")
    passport_number = factory.Sequence(lambda n: f"EB{n:07d}")


class RecruitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recruitment

    agent_name = "Kashem Dalal"
    agent_phone = "+8801811000000"


class PerpetratorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perpetrator

    name = "Kashem Dalal"
    kind = Perpetrator.Kind.INDIVIDUAL


def make_case(*, status="draft", justice_seeker=True, perpetrators=1, post_analysis=False, **case_kwargs) -> Case:
    """A realistic case with its people, saved through casework.services.case_create."""
    from casework.models import PostAnalysis
    from casework.services import case_create

    case_kwargs.setdefault("organization", OrganizationFactory())
    case = CaseFactory.build(**{k: v for k, v in case_kwargs.items() if k != "categories"})
    user = case.entered_by
    categories = case_kwargs.get("categories") or [CaseCategoryFactory()]
    js = JusticeSeekerFactory.build() if justice_seeker else None
    case = case_create(
        user=user, case=case, categories=categories, justice_seeker=js,
        recruitment=RecruitmentFactory.build(),
        perpetrators=[PerpetratorFactory.build() for _ in range(perpetrators)],
    )
    if status != "draft":
        Case.objects.filter(pk=case.pk).update(status=status, status_changed_at=timezone.now())
        case.refresh_from_db()
    if post_analysis:
        PostAnalysis.objects.create(case=case, analysis="The sub-agent repaid after mediation.", author=user)
    return case
