import contextlib

import pytest

# One browser for the whole session, shared by tests/e2e and any other browser test.
pytest_plugins = ["tests.browser_fixtures"]

DEMO_PASSWORD = "Demo-Pass-2026!"


@pytest.fixture(autouse=True)
def _english_unless_told():
    """Every test starts in English, with an empty cache, whatever an earlier test activated: otherwise a test's
    messages and reversed URLs (/bn/… or /en/…) depend on which test ran before it on the same
    worker. Bangla tests say so (translation.override("bn") or a /bn/ URL)."""
    from django.core.cache import cache
    from django.utils import translation

    translation.activate("en")
    cache.clear()  # cached option lists, rate limits: nothing carries over from an earlier test
    yield
    translation.deactivate()


@pytest.fixture
def demo_people(db):
    """The demo organisations and one or more users in every role (home.demo)."""
    from home.demo import seed_people

    seed_people(DEMO_PASSWORD)


@pytest.fixture
def home_pages(db):
    from home.content import ensure_home_pages

    return ensure_home_pages()


@pytest.fixture
def user_in_role(demo_people, django_user_model):
    """Return the first demo user in a role: user_in_role("primary_advisor")."""

    def get(role, org=None):
        qs = django_user_model.objects.filter(groups__name=role).order_by("username")
        if org:
            qs = qs.filter(profile__organization__short_name=org)
        return qs.first()

    return get


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """A transaction around a whole test module, rolled back when it ends: data seeded in it once
    is seen by each test of the module, which runs in a savepoint within it (pytest-django's `db`),
    so what a test changes is undone after it, as with a per-test seeding."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def _demo_world_module(django_db_setup, django_db_blocker):
    """The demo world, seeded once per test module and xdist worker (module_transaction): seeding
    44 cases took about 10 s a test."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            world = _seed_demo_world()
        yield world


def _seed_demo_world() -> dict:
    from casework.demo import seed_cases
    from home.demo import seed_people
    from knowledge.models import CategoryDocument
    from tests.factories import CaseCategoryFactory, DocumentTypeFactory

    seed_people(DEMO_PASSWORD)
    categories = [CaseCategoryFactory(name=n) for n in ("Fraud by a sub-agent", "Wage theft", "Death abroad")]
    passport = DocumentTypeFactory(code="passport-copy", name="Passport copy")
    receipt = DocumentTypeFactory(code="receipt", name="Money receipt")
    CategoryDocument.objects.create(category=categories[0], document_type=passport, required=True, locale=categories[0].locale)
    CategoryDocument.objects.create(category=categories[0], document_type=receipt, required=False, locale=categories[0].locale)
    seed_cases(44)
    return {"categories": categories, "documents": [passport, receipt]}


@pytest.fixture
def demo_world(_demo_world_module, db):
    """Demo people plus 44 demo cases (every workflow state several times) over three categories,
    seeded once per module (see _demo_world_module); each test's own changes are rolled back."""
    return _demo_world_module



def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(items):
    """Transactional tests (threads, browsers) flush the database when they end, which also removes
    what data migrations load. Run them last, as Django's own runner does; each of them restores that
    data first (see _migration_data)."""
    items.sort(key=_is_transactional)


@pytest.fixture(autouse=True)
def _migration_data(request):
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        ensure_migration_data()


def ensure_migration_data():
    """What the data migrations load (groups, geography, countries, reference lists, Wagtail root),
    put back after a transactional test's flush. A no-op when it is there."""
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page

    from casework.geography import load_countries, load_geography
    from casework.reference_data import load_reference_data
    from portal import roles

    if Group.objects.filter(name=roles.PROGRAMME_LEAD).exists() and Page.objects.exists():
        return
    for name in roles.ALL_ROLES:
        Group.objects.get_or_create(name=name)
    load_geography()
    load_countries()
    load_reference_data()
    Locale.objects.get_or_create(language_code="bn")
    if not Page.objects.exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.objects.get(language_code="bn")))
