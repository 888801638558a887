import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from portal import roles
from tests.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_the_eight_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ALL_ROLES)
    assert len(roles.ALL_ROLES) == 8


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_login_page_is_at_lang_accounts_login(client, lang):
    with translation.override(lang):
        url = reverse("accounts:login")
    assert url == f"/{lang}/accounts/login/"
    assert client.get(url).status_code == 200


def test_login_works_and_lands_on_staff_home(client, demo_people):
    response = client.post("/bn/accounts/login/", {"username": "advisor.okup", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/bn/staff/"
    page = client.get("/bn/staff/")
    assert page.status_code == 200
    assert "ওকাপ" in page.content.decode()  # organisation in Bangla


@pytest.mark.parametrize(
    "lang,message",
    [("bn", "ইউজারনেম বা পাসওয়ার্ড ঠিক নয়"), ("en", "The username or password is not right")],
)
def test_failed_login_is_bilingual_and_does_not_reveal_the_user(client, demo_people, lang, message):
    wrong_password = client.post(f"/{lang}/accounts/login/", {"username": "advisor.okup", "password": "nope"})
    unknown_user = client.post(f"/{lang}/accounts/login/", {"username": "nobody.here", "password": "nope"})
    assert wrong_password.status_code == unknown_user.status_code == 200
    assert message in wrong_password.content.decode()
    # Same words whether or not the user exists.
    assert wrong_password.context["form"].non_field_errors() == unknown_user.context["form"].non_field_errors()


def test_inactive_user_gets_the_same_message(client, demo_people, django_user_model):
    django_user_model.objects.filter(username="advisor.okup").update(is_active=False)
    response = client.post("/en/accounts/login/", {"username": "advisor.okup", "password": DEMO_PASSWORD})
    assert "The username or password is not right" in response.content.decode()


def test_staff_home_requires_login(client):
    response = client.get("/bn/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/bn/accounts/login/")


def test_logout_is_post_only_and_ends_session(client, demo_people):
    client.post("/en/accounts/login/", {"username": "lead", "password": DEMO_PASSWORD})
    assert client.get("/en/staff/").status_code == 200
    assert client.get("/en/accounts/logout/").status_code == 405
    client.post("/en/accounts/logout/")
    assert client.get("/en/staff/").status_code == 302


@pytest.mark.parametrize(
    "username,expected_roles",
    [("coord.okup1", ["Field coordinator"]), ("meal", ["MEAL analyst"]), ("editor", ["Content editor"])],
)
def test_staff_home_shows_role(client, demo_people, username, expected_roles):
    client.post("/en/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    html = client.get("/en/staff/").content.decode()
    for label in expected_roles:
        assert label in html


def test_navigation_by_role(demo_people, user_in_role):
    from portal.navigation import staff_navigation

    editor_items = {i["name"] for i in staff_navigation(user_in_role(roles.CONTENT_EDITOR))}
    assert "wagtailadmin_home" in editor_items
    assert "casework:case_list" not in editor_items
    coordinator_items = {i["name"] for i in staff_navigation(user_in_role(roles.FIELD_COORDINATOR))}
    assert "wagtailadmin_home" not in coordinator_items
