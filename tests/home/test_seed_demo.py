import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page

from casework.models import Organization, StaffProfile
from home.models import HomePage
from portal import roles

pytestmark = pytest.mark.django_db


def _counts():
    User = get_user_model()
    return (User.objects.count(), Organization.objects.count(), StaffProfile.objects.count(),
            Page.objects.count(), HomePage.objects.count())


def test_seed_demo_twice_is_harmless(capsys):
    call_command("seed_demo", password="Seed-Pass-1!")
    first = _counts()
    call_command("seed_demo", password="Seed-Pass-2!")
    assert _counts() == first
    out = capsys.readouterr().out
    assert "coord.okup1" in out
    # the second password applies
    assert get_user_model().objects.get(username="lead").check_password("Seed-Pass-2!")


def test_seed_demo_people_and_organisations():
    call_command("seed_demo", password="Seed-Pass-1!")
    types = Organization.Type
    assert Organization.objects.filter(type=types.PROGRAMME_LEAD).count() == 1
    assert Organization.objects.filter(type=types.MIGRATION_NGO).count() == 3
    assert Organization.objects.filter(type=types.LEGAL_AID_NGO).count() == 1
    User = get_user_model()
    for role in roles.ALL_ROLES:
        users = User.objects.filter(groups__name=role)
        assert users.exists(), role
        for user in users:
            assert user.get_full_name()
            assert user.profile.gender in {"female", "male", "other"}
    for mngo in Organization.objects.filter(type=types.MIGRATION_NGO):
        staff = User.objects.filter(profile__organization=mngo)
        assert staff.filter(groups__name=roles.PRIMARY_ADVISOR).exists()
        assert staff.filter(groups__name=roles.ORG_ADMIN).exists()
        coordinators = staff.filter(groups__name=roles.FIELD_COORDINATOR)
        assert coordinators.exists()
        for c in coordinators:
            upazilas = list(c.profile.upazilas.all())
            assert upazilas
            # coordinators work where their organisation works
            assert {u.district_id for u in upazilas} <= set(mngo.districts.values_list("id", flat=True))


def test_seed_demo_makes_home_page_in_both_languages():
    call_command("seed_demo", password="Seed-Pass-1!")
    pages = HomePage.objects.live()
    assert {p.locale.language_code for p in pages} == {"bn", "en"}
    bn = pages.get(locale__language_code="bn")
    en = pages.get(locale__language_code="en")
    assert en.translation_key == bn.translation_key
    assert "প্রতিকার" in bn.intro and "remedy" not in bn.intro


def test_seed_demo_refuses_production_settings(settings):
    settings.PROTIKAR_ENV = "production"
    with pytest.raises(CommandError):
        call_command("seed_demo", password="x")
