import pytest

# One browser for the whole session, shared by tests/e2e and any other browser test.
pytest_plugins = ["tests.browser_fixtures"]

DEMO_PASSWORD = "Demo-Pass-2026!"


@pytest.fixture(autouse=True)
def _english_unless_told():
    """Every test starts in English, whatever an earlier test activated: otherwise a test's
    messages and reversed URLs (/bn/… or /en/…) depend on which test ran before it on the same
    worker. Bangla tests say so (translation.override("bn") or a /bn/ URL)."""
    from django.utils import translation

    translation.activate("en")
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


@pytest.fixture
def demo_world(demo_people):
    """Demo people plus 44 demo cases (every workflow state several times) over three categories."""
    from casework.demo import seed_cases
    from knowledge.models import CategoryDocument
    from tests.factories import CaseCategoryFactory, DocumentTypeFactory

    categories = [CaseCategoryFactory(name=n) for n in ("Fraud by a sub-agent", "Wage theft", "Death abroad")]
    passport = DocumentTypeFactory(code="passport-copy", name="Passport copy")
    receipt = DocumentTypeFactory(code="receipt", name="Money receipt")
    CategoryDocument.objects.create(category=categories[0], document_type=passport, required=True, locale=categories[0].locale)
    CategoryDocument.objects.create(category=categories[0], document_type=receipt, required=False, locale=categories[0].locale)
    seed_cases(44)
    return {"categories": categories, "documents": [passport, receipt]}



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
