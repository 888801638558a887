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


QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """seed_demo, run once for the module (it takes about a minute) as in production: with Wagtail's
    index updates queued as tasks for `manage.py db_worker`, which no test starts."""
    from django.test import override_settings

    from tests.conftest import module_transaction

    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(TASKS=QUEUED_TASKS):
            call_command("seed_demo", password="Seed-Pass-1!")
        yield


def test_seed_demo_twice_is_harmless(seeded, capsys):
    first = _counts()
    call_command("seed_demo", password="Seed-Pass-2!")
    assert _counts() == first
    out = capsys.readouterr().out
    assert "coord.okup1" in out
    # the second password applies
    assert get_user_model().objects.get(username="lead").check_password("Seed-Pass-2!")


def test_seed_demo_people_and_organisations(seeded):
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


def test_seed_demo_makes_home_page_in_both_languages(seeded):
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


# --- search index without a task worker (Wagtail queues index updates as django-tasks tasks) ----

def test_seed_demo_leaves_a_searchable_index_when_no_worker_runs(seeded, client):
    from wagtail.search.models import IndexEntry

    live_pages = Page.objects.live().filter(depth__gt=1).count()
    assert IndexEntry.objects.count() >= live_pages >= 30
    response = client.get("/bn/search/", {"query": "দালাল"})
    assert 'href="/bn/guides/cheated-by-a-middleman/"' in response.content.decode()


def test_a_page_published_later_is_indexed_without_a_worker(seeded, client, settings):
    from knowledge.models import GuideIndexPage, GuidePage
    from wagtail.search.models import IndexEntry

    settings.TASKS = QUEUED_TASKS
    index = GuideIndexPage.objects.get(locale__language_code="bn")
    guide = GuidePage(title="ভিসা যাচাই করুন", slug="check-the-visa", intro="ভিসা আসল কি না দেখুন।",
                      locale=index.locale)
    index.add_child(instance=guide)
    guide.save_revision().publish()
    assert IndexEntry.objects.filter(object_id=str(guide.pk)).exists()
    response = client.get("/bn/search/", {"query": "ভিসা যাচাই"})
    assert 'href="/bn/guides/check-the-visa/"' in response.content.decode()
