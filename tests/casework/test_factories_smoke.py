import pytest

from casework.models import Case
from tests.factories import make_case, staff_user

pytestmark = pytest.mark.django_db


def test_make_case_builds_a_complete_case_with_a_real_number():
    case = make_case(status="primary_review")
    assert case.case_number.startswith("PRK-")
    assert case.justice_seeker.name
    assert case.perpetrators.count() == 1
    assert case.categories.count() == 1
    assert Case.objects.get(pk=case.pk).status == "primary_review"


def test_staff_user_has_roles_and_profile():
    user = staff_user(roles=["primary_advisor"])
    assert user.groups.filter(name="primary_advisor").exists()
    assert user.profile.organization_id
