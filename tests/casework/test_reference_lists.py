import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from casework.models import CaseSource, ResultType

pytestmark = pytest.mark.django_db


def _login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def _edit_url():
    return reverse("casesource:edit", args=[CaseSource.objects.get(code="community").pk])


def test_reference_lists_are_seeded_in_both_languages():
    assert CaseSource.objects.filter(code="community", name_bn="কমিউনিটি থেকে").exists()
    assert ResultType.objects.count() >= 9
    assert all(r.name_bn and r.name_en for r in ResultType.objects.all())


def test_system_admin_edits_a_reference_list_in_the_cms(client, demo_people):
    _login(client, "sysadmin")
    assert client.get("/cms/").status_code == 200
    assert client.get(reverse("casesource:index")).status_code == 200
    response = client.post(_edit_url(), {"code": "community", "name_bn": "গ্রাম থেকে", "name_en": "From the village",
                                         "sort_order": "10", "is_active": "on"})
    assert response.status_code == 302
    assert CaseSource.objects.get(code="community").name_en == "From the village"


@pytest.mark.parametrize("username", ["coord.okup1", "advisor.okup", "meal", "lead"])
def test_other_roles_cannot_edit_reference_lists(client, demo_people, username):
    _login(client, username)
    response = client.post(_edit_url(), {"code": "community", "name_bn": "x", "name_en": "x", "sort_order": "1"})
    assert response.status_code in (302, 403)  # 302: sent to the CMS login; 403: no access
    assert CaseSource.objects.get(code="community").name_en == "From the community"
