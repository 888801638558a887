"""The BMET complaint packet: both languages, the facts, the checklist states (the category matrix and
BMET's own list), consent, digits, permission, logging."""

import datetime as dt
import hashlib
import re

import pytest
import rules
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from casework.models import AccessLog, Attachment, Case, ChecklistItem, Recruitment
from knowledge.models import CategoryDocument, RedressChannel
from tests.factories import CaseCategoryFactory, DocumentTypeFactory, make_case, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    category = CaseCategoryFactory(name="ভিসা প্রতারণা")
    docs = [DocumentTypeFactory(name=name) for name in ("Passport copy", "Money receipt", "Visa copy")]
    for doc, required in zip(docs, (True, True, False)):
        CategoryDocument.objects.create(category=category, document_type=doc, required=required, locale=category.locale)
    case = make_case(categories=[category], status="final_review", consent_given=True, consent_share=True,
                     consent_store=True, consent_date=dt.date(2026, 3, 14), consent_taken_by="Shirin Akter")
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


def _article(page, lang):
    """The packet in one language (the page holds both)."""
    return re.search(rf'<article class="packet" lang="{lang}">(.*?)</article>', page, re.S).group(1)


def _rows(article):
    """Checklist rows as (document, needed, state), tags stripped."""
    body = re.search(r"<tbody>(.*?)</tbody>", article, re.S).group(1)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = [re.sub(r"<br><small>.*?</small>", "", c) for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
        rows.append(tuple(re.sub(r"<[^>]+>", "", c).strip() for c in cells))
    return rows


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
    # Who took the consent, and when.
    english = _article(page, "en")
    assert "Shirin Akter" in english and "14 March 2026" in english
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


# --- Consent ------------------------------------------------------------------------------------

@pytest.mark.parametrize("consent, reason", [
    ({"consent_given": True, "consent_share": False}, "has not agreed that we share their information"),
    ({"consent_given": False, "consent_share": True}, "informed consent is not recorded"),
    ({"consent_given": False, "consent_share": False}, "informed consent is not recorded"),
])
def test_without_consent_to_share_the_packet_is_refused(client, case, consent, reason):
    Case.objects.filter(pk=case.pk).update(**consent)
    client.force_login(staff_user(roles=["programme_lead"]))
    response = client.get(_url(case))
    assert response.status_code == 403
    page = response.content.decode()
    assert 'lang="bn"' in page and 'lang="en"' in page  # the reason in both languages
    assert reason in page and "record it in the case" in page
    assert reverse("casework:case_edit", kwargs={"pk": case.pk}) in page  # the lead may record it
    assert case.justice_seeker.name not in page and case.justice_seeker.passport_number not in page
    assert not AccessLog.objects.exists()  # nothing was printed


def test_refusal_tells_someone_who_may_not_change_the_case_whom_to_ask(client, case):
    Case.objects.filter(pk=case.pk).update(consent_share=False)
    coordinator = staff_user(roles=["field_coordinator"], organization=case.organization, upazilas=[case.upazila])
    client.force_login(coordinator)  # the case is in final review: a coordinator may no longer change it
    response = client.get(_url(case, "bn"))  # Bangla interface
    assert response.status_code == 403
    page = response.content.decode()
    assert "ask the field coordinator or the advisor" in page
    assert reverse("casework:case_edit", kwargs={"pk": case.pk}) not in page


# --- Digits -------------------------------------------------------------------------------------

@time_machine.travel(dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone.utc))
def test_bangla_packet_keeps_identifiers_as_stored_and_localises_dates_and_amounts(client, case):
    from casework.models import Referral

    Case.objects.filter(pk=case.pk).update(migration_cost=150000)
    Referral.objects.create(case=case, channel="bmet", date=dt.date(2026, 11, 30), reference_number="BMET-2026-0457",
                            created_by=case.entered_by)
    seeker = case.justice_seeker
    client.force_login(staff_user(roles=["programme_lead"]))
    page = client.get(_url(case, "bn")).content.decode()
    bangla, english = _article(page, "bn"), _article(page, "en")
    for identifier in (case.case_number, seeker.passport_number, seeker.phone, "+8801811000000", "BMET-2026-0457"):
        assert identifier in bangla, identifier
    assert "EB০" not in page and "PRK-২" not in page and "+৮৮" not in page
    assert "২ ডিসেম্বর ২০২৬" in bangla and "14 মার্চ 2026" not in bangla and "১৪ মার্চ ২০২৬" in bangla
    assert "১,৫০,০০০" in bangla and "150000" not in bangla and "(টাকা)" not in bangla
    assert "150,000" in english and "2 December 2026" in english


# --- BMET's own list of documents ----------------------------------------------------------------

def _translated(obj, **fields):
    copy = obj.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def bmet_list(case):
    """The BMET channel snippet as the knowledge base holds it (Bangla source, English translation), and
    document types in both languages (the matrix's three get their Bangla names)."""
    for english, bangla in (("Passport copy", "পাসপোর্ট"), ("Money receipt", "টাকা দেওয়ার রসিদ"), ("Visa copy", "ভিসার কপি")):
        doc = CategoryDocument.objects.get(document_type__name=english).document_type
        _translated(doc, name=english)
        type(doc).objects.filter(pk=doc.pk).update(name=bangla)
    nid = DocumentTypeFactory(code="nid", name="জাতীয় পরিচয়পত্র")
    _translated(nid, name="National ID card")
    contract = DocumentTypeFactory(code="contract", name="কাজের চুক্তিপত্র")
    _translated(contract, name="Employment contract")
    channel = RedressChannel.objects.create(
        locale=Locale.get_default(), code="bmet", name="বিএমইটিতে অভিযোগ",
        documents_needed="পাসপোর্টের কপি\nজাতীয় পরিচয়পত্রের কপি\nভিসা ও চুক্তিপত্রের কপি (থাকলে)\nমালিকের চিঠি")
    english = _translated(channel, name="Complaint to BMET", documents_needed=(
        "Copy of the passport\nCopy of the national ID card\nCopies of the visa and the contract (if you have them)\n"
        "Letter from the employer"))
    ChecklistItem.objects.create(case=case, document_type=nid, available=True)
    content = b"%PDF-1.4 contract"
    Attachment.objects.create(case=case, document_type=contract, file=ContentFile(content, name="c.pdf"), original_name="contract.pdf",
                              content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                              uploaded_by=case.entered_by)
    return {"channel": channel, "english": english}


def test_bmet_documents_join_the_checklist_once_each(client, case, bmet_list, django_assert_max_num_queries):
    client.force_login(staff_user(roles=["programme_lead"]))
    with django_assert_max_num_queries(32):
        page = client.get(_url(case)).content.decode()
    assert _rows(_article(page, "en")) == [
        ("Passport copy", "Required · BMET asks for it", "Attached"),  # in both lists: once
        ("Money receipt", "Required", "The worker has it; not attached yet"),
        ("Visa copy", "Recommended · BMET asks for it", "Missing"),
        ("National ID card", "BMET asks for it", "The worker has it; not attached yet"),
        ("Employment contract", "BMET asks for it", "Attached"),
        ("Letter from the employer", "BMET asks for it", "Missing"),  # names no document type: as written
    ]
    bangla = _rows(_article(page, "bn"))
    assert [row[0] for row in bangla] == [
        "পাসপোর্ট", "টাকা দেওয়ার রসিদ", "ভিসার কপি", "জাতীয় পরিচয়পত্র", "কাজের চুক্তিপত্র", "মালিকের চিঠি"]
    assert "contract.pdf" in page
    assert "1 required document is not attached yet." in page  # BMET's list adds no required documents


def test_bmet_list_falls_back_to_the_default_language(client, case, bmet_list):
    bmet_list["english"].delete()
    client.force_login(staff_user(roles=["programme_lead"]))
    english = _rows(_article(client.get(_url(case)).content.decode(), "en"))
    assert [row[0] for row in english] == [
        "Passport copy", "Money receipt", "Visa copy", "National ID card", "মালিকের চিঠি"]  # contract: only the English list named it


def test_an_untyped_attachment_named_like_a_bmet_line_counts_as_attached(client, case, bmet_list):
    content = b"%PDF-1.4 letter"
    Attachment.objects.create(case=case, title="Letter from the employer (Riyadh)", file=ContentFile(content, name="l.pdf"),
                              original_name="scan.pdf", content_type="application/pdf", size=len(content),
                              sha256=hashlib.sha256(content).hexdigest(), uploaded_by=case.entered_by)
    client.force_login(staff_user(roles=["programme_lead"]))
    article = _article(client.get(_url(case)).content.decode(), "en")
    assert ("Letter from the employer", "BMET asks for it", "Attached") in _rows(article)
    assert "Other documents attached" not in article


def test_the_seeded_bmet_list_names_the_seeded_document_types():
    """knowledge/content/snippets.py, as seed_knowledge stores it: every BMET line names a document type."""
    from types import SimpleNamespace

    from casework.packet import _bmet_documents
    from knowledge.content.snippets import CHANNELS, DOCUMENT_TYPES

    bmet = next(c for c in CHANNELS if c["code"] == "bmet")["text"]["documents_needed"]
    channels = {lang: SimpleNamespace(documents_needed=bmet[i]) for i, lang in enumerate(("bn", "en"))}
    documents = [(d["code"], d["text"]["name"][i], d["code"], lang)
                 for d in DOCUMENT_TYPES for i, lang in enumerate(("bn", "en"))]
    keys, unmatched = _bmet_documents(channels, "bn", documents)
    # In the Bangla list's order; the contract only by the English line ("কাজের চুক্তিপত্র" vs "চুক্তিপত্রের").
    assert keys == ["passport", "visa", "money_receipt", "agent_details", "nid", "contract"]
    assert unmatched == {"bn": [], "en": []}


@pytest.mark.parametrize("share", [True, False])
def test_case_page_offers_the_packet_only_with_consent_to_share(client, case, share):
    Case.objects.filter(pk=case.pk).update(consent_given=True, consent_share=share)
    client.force_login(staff_user(roles=["programme_lead"]))
    page = client.get(reverse("casework:case_detail", kwargs={"pk": case.pk})).content.decode()
    packet = reverse("casework:case_packet", kwargs={"pk": case.pk})
    assert (packet in page) is share
    assert ("consent to share first" in page) is not share
