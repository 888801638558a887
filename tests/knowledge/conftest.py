import pytest
from django.db import transaction
from wagtail.models import Locale


@pytest.fixture(scope="package")
def seeded_knowledge(django_db_setup, django_db_blocker):
    """Seed the knowledge base once for the tests of this package (per xdist worker, and again when
    the worker comes back to the package after other tests), inside a transaction rolled back at the end.

    Seeding makes ~40 pages with revisions and wagtail-localize translations (several seconds), so
    each test runs inside this transaction (pytest-django's per-test atomic becomes a savepoint)
    instead of seeding again. The public-site browser test (tests/e2e/test_public_site.py) seeds for itself.
    """
    from home.content import ensure_home_pages
    from knowledge.seed import seed_knowledge

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            ensure_home_pages()
            yield seed_knowledge(demo_focal_points=True)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def knowledge(seeded_knowledge, db):
    """The seeded knowledge base (both languages), home pages included. (Wagtail caches site root
    paths: tests/conftest.py empties the cache before every test.)"""
    return seeded_knowledge


@pytest.fixture
def bn(db):
    return Locale.objects.get(language_code="bn")


@pytest.fixture
def en(db):
    return Locale.objects.get(language_code="en")
