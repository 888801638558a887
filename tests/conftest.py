import pytest

DEMO_PASSWORD = "Demo-Pass-2026!"


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
