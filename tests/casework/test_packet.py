"""The BMET complaint packet: both languages, the facts, the checklist states, permission, logging."""

import hashlib

import pytest
import rules
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from casework.models import AccessLog, Attachment, ChecklistItem, Recruitment
from knowledge.models import CategoryDocument
from tests.factories import CaseCategoryFactory, DocumentTypeFactory, make_case, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    category = CaseCategoryFactory(name="ভিসা প্রতারণা")
    docs = [DocumentTypeFactory(name=name) for name in ("Passport copy", "Money receipt", "Visa copy")]
    for doc, required in zip(docs, (True, True, False)):
        CategoryDocument.objects.create(category=category, document_type=doc, required=required, locale=category.locale)
    case = make_case(categories=[category], status="final_review")
    Recruitment.objects.filter(case=case).update(agent_name="Kashem Dalal", agent_phone="+8801811000000")
    content = b"%PDF-1.4 passport"
    Attachment.objects.create(case=case, document_type=docs[0], file=ContentFile(content, name="p.pdf"), original_name="passport.pdf",
                              content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                              uploaded_by=case.entered_by)
    ChecklistItem.objects.create(case=case, document_type=docs[1], available=True)
    return case


def _url(case, lang="en"):
    with translation.override(lang):
        return reverse("casework:case_packet", kwargs={"pk": case.pk})


def test_programme_lead_prints_the_packet_in_both_languages(client, case, django_assert_max_num_queries):
    lead = staff_user(roles=["programme_lead"])
    client.force_login(lead)
    with django_assert_max_num_queries(30):
        response = client.get(_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="bn"' in page and 'lang="en"' in page
    assert case.justice_seeker.name in page and case.justice_seeker.passport_number in page
    assert "Kashem Dalal" in page and "Saudi Arabia" in page
    assert "Complaint of a migrant worker" in page
    # Checklist: passport attached, receipt with the worker, visa copy missing.
    assert "passport.pdf" in page
    assert "The worker has it; not attached yet" in page
    assert "Missing" in page
    assert "1 required document is not attached yet." in page
    log = AccessLog.objects.get()
    assert (log.user, log.case, log.action) == (lead, case, "print")
    assert case.justice_seeker.name not in log.detail


def test_coordinator_in_scope_may_print(client, case):
    coordinator = staff_user(roles=["field_coordinator"], organization=case.organization, upazilas=[case.upazila])
    client.force_login(coordinator)
    assert client.get(_url(case, "bn")).status_code == 200


@pytest.mark.parametrize("role", ["meal_analyst", "org_admin", "system_admin", "content_editor", "primary_advisor"])
def test_people_without_the_case_get_404_and_nothing_is_logged(client, case, role):
    client.force_login(staff_user(roles=[role]))  # another organisation
    assert client.get(_url(case)).status_code == 404
    assert not AccessLog.objects.exists()


def test_without_perpetrator_permission_the_packet_is_refused(client, case):
    client.force_login(staff_user(roles=["programme_lead"]))
    original = rules.permissions.permissions["casework.view_perpetrator"]
    rules.set_perm("casework.view_perpetrator", rules.always_deny)
    try:
        assert client.get(_url(case)).status_code == 403
    finally:
        rules.set_perm("casework.view_perpetrator", original)
    assert not AccessLog.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, case):
    response = client.get(_url(case))
    assert response.status_code == 302 and "login" in response.url
