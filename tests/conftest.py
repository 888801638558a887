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
