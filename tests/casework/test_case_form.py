"""The add and change forms of a case (issue 4): kept files across the duplicate warning, the
checklist on change, coordinators' upazilas, "same as the agent", complaints filed on behalf,
passport numbers, the concept note's missing fields, macro files, personal fields under the
justice-seeker permission, grouped sub-categories, the permanent address and typed dates."""

from html import unescape
import re

import pytest
import rules
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.models import Attachment, Case, ChecklistItem, Perpetrator, RecruitingAgency, Upazila
from tests.casework.case_helpers import PDF, edit_data, office_zip, post_data, user
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _source():
    from casework.models import CaseSource

    return str(CaseSource.objects.get(code="community").pk)


def _pdf(name="receipt.pdf"):
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _duplicate_of(case_world, client):
    """Add one case, so that the next one with the same passport is a likely duplicate."""
    assert client.post("/en/cases/new/", post_data(case_world)).status_code == 302
    return Case.objects.count()


# --- 4. Files are kept through the duplicate warning --------------------------------------------
def _kept_folder(settings, client):
    """This session's folder of kept files (other tests of the process keep theirs elsewhere)."""
    from casework.uploads import PENDING_SESSION_KEY

    (entry,) = client.session[PENDING_SESSION_KEY].values()
    return settings.PRIVATE_MEDIA_ROOT / entry["folder"]


def _files(folder):
    return sorted(p.name for p in folder.glob("*") if p.is_file()) if folder.exists() else []


def test_files_survive_the_duplicate_warning_and_are_attached_on_confirm(client, case_world, settings):
    from casework.uploads import PENDING_DIR

    client.force_login(user("coord.okup1"))
    count = _duplicate_of(case_world, client)
    passport, receipt = case_world["documents"][:2]
    data = post_data(case_world, **{"js-name": "Someone Else", f"file_{passport.pk}": _pdf("passport.pdf"),
                                    "other_file": _pdf("letter.pdf"), "prior_complaint_file": _pdf("uno.pdf")})
    response = client.post("/en/cases/new/", data)
    html = response.content.decode()
    assert "This person may already have a case" in html
    assert Case.objects.count() == count
    token = response.context["pending_token"]
    assert token and f'value="{token}"' in html
    assert {"passport.pdf", "letter.pdf", "uno.pdf"} <= {f["name"] for f in response.context["kept_files"]}
    assert "You need not choose them again" in html
    folder = _kept_folder(settings, client)
    assert len(_files(folder)) == 3
    assert folder.is_relative_to(settings.PRIVATE_MEDIA_ROOT) and not folder.is_relative_to(settings.MEDIA_ROOT)
    assert f"{PENDING_DIR}/" not in html  # never a path or a URL

    # The person ticks "a different person" and saves without choosing the files again.
    response = client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Someone Else", "confirm_new": "1",
                                                                      "pending_uploads": token}))
    assert response.status_code == 302
    case = Case.objects.latest("pk")
    attachments = {a.original_name: a for a in Attachment.objects.filter(case=case)}
    assert set(attachments) == {"passport.pdf", "letter.pdf", "uno.pdf"}
    assert attachments["passport.pdf"].document_type == passport
    assert attachments["uno.pdf"].is_prior_complaint_copy and case.prior_complaint_copy_kept
    assert attachments["letter.pdf"].file.read() == PDF
    attachments["letter.pdf"].file.close()
    assert case.checklist.get(document_type=passport).available
    assert _files(folder) == [], "kept files are removed once attached"
    assert "casework_pending_uploads" not in client.session


def test_kept_files_belong_to_the_session_that_sent_them(client, case_world):
    client.force_login(user("coord.okup1"))
    _duplicate_of(case_world, client)
    response = client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "other_file": _pdf()}))
    token = response.context["pending_token"]
    # Another person (another session) cannot use the token.
    from django.test import Client

    other = Client()
    other.force_login(user("coord.okup1"))
    response = other.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "confirm_new": "1",
                                                                     "pending_uploads": token}))
    assert response.status_code == 302
    assert not Attachment.objects.filter(case=Case.objects.latest("pk")).exists()


def test_kept_files_go_on_sign_out_and_after_a_day(client, case_world, settings):
    from datetime import timedelta

    from django.utils import timezone

    from casework.uploads import pending_purge

    client.force_login(user("coord.okup1"))
    _duplicate_of(case_world, client)
    client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "other_file": _pdf()}))
    folder = _kept_folder(settings, client)
    assert len(_files(folder)) == 1
    client.post("/en/accounts/logout/")
    assert _files(folder) == []

    client.force_login(user("coord.okup1"))
    client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "other_file": _pdf()}))
    folder = _kept_folder(settings, client)
    pending_purge()
    assert len(_files(folder)) == 1  # younger than a day
    assert pending_purge(now=timezone.now() + timedelta(days=1, minutes=1)) >= 1
    assert _files(folder) == []


def test_a_kept_file_can_be_left_out_or_replaced(client, case_world):
    client.force_login(user("coord.okup1"))
    _duplicate_of(case_world, client)
    first = client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "other_file": _pdf("a.pdf"),
                                                                   "prior_complaint_file": _pdf("b.pdf")}))
    token = first.context["pending_token"]
    second = client.post("/en/cases/new/", post_data(case_world, **{
        "js-name": "Other", "pending_uploads": token, "other_file": _pdf("c.pdf"), "pending_drop": "prior_complaint_file"}))
    assert [f["name"] for f in second.context["kept_files"]] == ["c.pdf"]
    client.post("/en/cases/new/", post_data(case_world, **{"js-name": "Other", "pending_uploads": token, "confirm_new": "1"}))
    assert list(Attachment.objects.filter(case=Case.objects.latest("pk")).values_list("original_name", flat=True)) == ["c.pdf"]


def test_files_are_kept_when_an_answer_needs_correcting(client, case_world):
    client.force_login(user("coord.okup1"))
    response = client.post("/en/cases/new/", post_data(case_world, **{"js-age": "5", "other_file": _pdf()}))
    assert "Age must be between 10 and 90." in response.content.decode()
    token = response.context["pending_token"]
    assert client.post("/en/cases/new/", post_data(case_world, pending_uploads=token)).status_code == 302
    assert Attachment.objects.filter(case=Case.objects.latest("pk")).count() == 1


# --- 5. The checklist follows the categories on change -----------------------------------------------
def test_changing_the_categories_rebuilds_the_checklist_and_keeps_what_is_known(client, case_world):
    from casework.services import attachment_add
    from casework.uploads import validate_upload

    passport, receipt, contract = case_world["documents"]
    fraud, wages, _death = case_world["categories"]
    coordinator = user("coord.okup1")
    client.force_login(coordinator)
    client.post("/en/cases/new/", post_data(case_world, doc=[str(passport.pk)]))
    case = Case.objects.latest("pk")
    assert {(i.document_type_id, i.available) for i in case.checklist.all()} == {(passport.pk, True), (receipt.pk, False)}
    upload = _pdf()
    attachment_add(case=case, user=coordinator, upload=upload, detected=validate_upload(upload), document_type_id=receipt.pk)

    page = client.get(f"/en/cases/{case.pk}/edit/")
    html = page.content.decode()
    assert f'name="doc" value="{passport.pk}" checked' in html  # the checklist with its ticks
    # Wage theft instead of fraud: the contract is suggested now; the passport (ticked) and the
    # receipt (a file is attached) stay; an unticked, unattached document would go.
    data = edit_data(page.context["forms"], **{"case-categories": [str(wages.pk)], "doc": [str(passport.pk), str(contract.pk)]})
    assert client.post(f"/en/cases/{case.pk}/edit/", data).status_code == 302
    items = {i.document_type_id: i.available for i in ChecklistItem.objects.filter(case=case)}
    assert items == {passport.pk: True, receipt.pk: True, contract.pk: True}

    # Unticking the passport (no longer suggested, no file) removes it; the receipt stays for its file
    # (an attached document counts as there, ticked or not).
    data = edit_data(client.get(f"/en/cases/{case.pk}/edit/").context["forms"], doc=[str(contract.pk)])
    client.post(f"/en/cases/{case.pk}/edit/", data)
    items = {i.document_type_id: i.available for i in ChecklistItem.objects.filter(case=case)}
    assert items == {receipt.pk: True, contract.pk: True}


def test_the_worker_has_it_can_be_ticked_after_entry_without_a_file(client, case_world):
    passport = case_world["documents"][0]
    client.force_login(user("coord.okup1"))
    client.post("/en/cases/new/", post_data(case_world))
    case = Case.objects.latest("pk")
    assert not case.checklist.get(document_type=passport).available
    data = edit_data(client.get(f"/en/cases/{case.pk}/edit/").context["forms"], doc=[str(passport.pk)])
    assert client.post(f"/en/cases/{case.pk}/edit/", data).status_code == 302
    assert case.checklist.get(document_type=passport).available


def test_an_empty_checklist_is_filled_when_categories_are_corrected(client, case_world):
    """A case entered with a category that suggests nothing gets the suggestions of the right one."""
    death, fraud = case_world["categories"][2], case_world["categories"][0]
    client.force_login(user("coord.okup1"))
    client.post("/en/cases/new/", post_data(case_world, **{"case-categories": [str(death.pk)]}))
    case = Case.objects.latest("pk")
    assert not case.checklist.exists()
    data = edit_data(client.get(f"/en/cases/{case.pk}/edit/").context["forms"], **{"case-categories": [str(fraud.pk)]})
    client.post(f"/en/cases/{case.pk}/edit/", data)
    assert case.checklist.count() == 2


# --- 6. Coordinators enter cases in their upazilas ----------------------------------------------------
def test_coordinator_is_offered_and_may_use_only_their_upazilas(client, case_world):
    coordinator = user("coord.okup1")
    mine = set(coordinator.profile.upazilas.values_list("pk", flat=True))
    client.force_login(coordinator)
    form = client.get("/en/cases/new/").context["forms"]["case"]
    offered = {pk for _group, options in form.fields["upazila"].choices[1:] for pk, _name in options}
    assert offered == mine
    assert {pk for _g, options in form.fields["district"].choices[1:] for pk, _n in options} == {
        u.district_id for u in coordinator.profile.upazilas.all()}
    elsewhere = Upazila.objects.get(name_en="Kalihati")
    before = Case.objects.count()
    data = post_data(case_world, **{"case-upazila": str(elsewhere.pk), "case-district": str(elsewhere.district_id),
                                    "case-division": str(elsewhere.district.division_id)})
    response = client.post("/en/cases/new/", data)
    assert response.status_code == 200 and Case.objects.count() == before
    assert response.context["forms"]["case"].errors["upazila"]


@pytest.mark.parametrize("username", ["legal1", "lead"])
def test_legal_advisors_and_the_lead_enter_cases_anywhere(client, case_world, username):
    client.force_login(user(username))
    form = client.get("/en/cases/new/").context["forms"]["case"]
    assert sum(len(options) for _g, options in form.fields["upazila"].choices[1:]) == Upazila.objects.count()
    elsewhere = Upazila.objects.get(name_en="Kalihati")
    data = post_data(case_world, **{"case-upazila": str(elsewhere.pk), "case-district": str(elsewhere.district_id),
                                    "case-division": str(elsewhere.district.division_id)})
    assert client.post("/en/cases/new/", data).status_code == 302
    assert Case.objects.latest("pk").upazila == elsewhere


def test_an_assigned_coordinator_keeps_the_cases_upazila_when_correcting_it(client, case_world):
    coordinator = user("coord.okup2")  # Nabinagar only
    elsewhere = Upazila.objects.get(name_en="Debidwar")
    case = make_case(organization=coordinator.profile.organization, upazila=elsewhere, assigned_to=coordinator,
                     status="returned")
    client.force_login(coordinator)
    page = client.get(f"/en/cases/{case.pk}/edit/")
    offered = {pk for _g, options in page.context["forms"]["case"].fields["upazila"].choices[1:] for pk, _n in options}
    assert elsewhere.pk in offered and len(offered) == 2
    data = edit_data(page.context["forms"], **{"js-name": "Corrected", "case-source": _source()})
    assert client.post(f"/en/cases/{case.pk}/edit/", data).status_code == 302


# --- 7. "Same as the agent / agency" --------------------------------------------------------------------
@pytest.mark.parametrize("same_as,recruitment,expected", [
    ("agent", {"rec-agent_name": "Kashem Dalal", "rec-agent_phone": "01811000999", "rec-agent_nid": "1234567890"},
     {"name": "Kashem Dalal", "phone": "+8801811000999", "nid": "1234567890", "kind": "individual"}),
    ("agency", {"rec-agency_name": "Not Listed Travels", "rec-agency_address": "Paltan"},
     {"name": "Not Listed Travels", "address": "Paltan", "kind": "company"}),
])
def test_same_as_copies_without_retyping_the_name(client, case_world, same_as, recruitment, expected):
    client.force_login(user("coord.okup1"))
    data = post_data(case_world, **{"perp-0-name": "", "perp-0-phone": "", "perp-0-same_as": same_as, **recruitment})
    response = client.post("/en/cases/new/", data)
    assert response.status_code == 302, response.context["forms"]["perpetrators"].errors
    perpetrator = Case.objects.latest("pk").perpetrators.get()
    assert {k: getattr(perpetrator, k) for k in expected} == expected


def test_same_as_a_listed_agency_uses_its_name(client, case_world):
    agency = RecruitingAgency.objects.create(name="Sonar Desh Manpower", name_bn="সোনার দেশ ম্যানপাওয়ার", licence_number="RL-1457")
    client.force_login(user("coord.okup1"))
    data = post_data(case_world, **{"perp-0-name": "", "perp-0-same_as": "agency", "rec-agency": str(agency.pk)})
    assert client.post("/en/cases/new/", data).status_code == 302
    assert Case.objects.latest("pk").perpetrators.get().name == "Sonar Desh Manpower"


@pytest.mark.parametrize("same_as,message", [
    ("", "Write the name of the person or company the complaint is against."),
    ("agent", "first write the agency's or agent's name"),
])
def test_a_perpetrator_without_any_name_is_refused_clearly(client, case_world, same_as, message):
    client.force_login(user("coord.okup1"))
    before = Case.objects.count()
    response = client.post("/en/cases/new/", post_data(case_world, **{"perp-0-name": "", "perp-0-same_as": same_as}))
    assert response.status_code == 200 and Case.objects.count() == before
    assert message in unescape(response.content.decode())


def test_an_untouched_extra_perpetrator_block_is_ignored(client, case_world):
    client.force_login(user("coord.okup1"))
    data = post_data(case_world, **{"perp-TOTAL_FORMS": "2", "perp-1-kind": "individual"})
    assert client.post("/en/cases/new/", data).status_code == 302
    assert Case.objects.latest("pk").perpetrators.count() == 1


# --- 8. Filed on the worker's behalf -------------------------------------------------------------------
def test_filed_on_behalf_needs_the_applicants_name_and_a_way_to_reach_them(client, case_world):
    client.force_login(user("coord.okup1"))
    before = Case.objects.count()
    response = client.post("/en/cases/new/", post_data(case_world, **{"case-filed_by": "on_behalf"}))
    html = response.content.decode()
    assert Case.objects.count() == before
    assert "write the name of the person who made it" in html
    assert "Give the contact number or the address of the person who made the complaint." in html
    response = client.post("/en/cases/new/", post_data(case_world, **{
        "case-filed_by": "on_behalf", "js-applicant_name": "Rahim Uddin", "js-applicant_address": "Rampur, Cumilla"}))
    assert response.status_code == 302
    assert Case.objects.latest("pk").justice_seeker.applicant_name == "Rahim Uddin"


def test_filed_on_behalf_message_in_bangla(client, case_world, pending_bangla):
    client.force_login(user("coord.okup1"))
    html = client.post("/bn/cases/new/", post_data(case_world, **{"case-filed_by": "on_behalf"})).content.decode()
    assert "write the name of the person" not in html
    assert "যিনি অভিযোগ করেছেন তাঁর নাম লিখুন" in html


# --- 9. Passport numbers ---------------------------------------------------------------------------------
@pytest.mark.parametrize("typed,stored", [
    ("A01234567", "A01234567"), ("a0123 4567", "A01234567"), ("EB0123456", "EB0123456"), ("eb-০১২৩৪৫৬", "EB0123456"),
    ("AB01234567", "AB01234567"),
])
def test_passport_numbers_old_and_electronic(client, case_world, typed, stored):
    client.force_login(user("coord.okup1"))
    assert client.post("/en/cases/new/", post_data(case_world, **{"js-passport_number": typed})).status_code == 302
    assert Case.objects.latest("pk").justice_seeker.passport_number == stored


@pytest.mark.parametrize("typed", ["A123456", "ABC1234567", "A012345678", "1234567", "A²234567", "AB12345６7"])
def test_passport_numbers_refused(typed):
    from django.core.exceptions import ValidationError

    from casework.fields import PassportField

    with pytest.raises(ValidationError):
        PassportField(required=False).clean(typed)


# --- 11. The concept note's missing fields ------------------------------------------------------------
def test_entrant_designation_and_area_are_kept_as_they_were_at_entry(client, case_world):
    coordinator = user("coord.okup1")
    client.force_login(coordinator)
    assert "Upazila coordinator" in client.get("/en/cases/new/").content.decode()
    client.post("/en/cases/new/", post_data(case_world, **{"case-prior_complaint": "on", "case-prior_complaint_where": "UNO office",
                                                           "case-prior_complaint_copy_kept": "on"}))
    case = Case.objects.latest("pk")
    assert case.entered_by_designation == "Upazila coordinator"
    assert set(case.entered_by_upazilas.values_list("name_en", flat=True)) == {"Debidwar", "Barura"}
    assert case.prior_complaint_copy_kept
    # The person changes job: the case still says who entered it, as they were.
    coordinator.profile.designation = "District officer"
    coordinator.profile.save()
    coordinator.profile.upazilas.set([Upazila.objects.get(name_en="Kalihati")])
    client.force_login(user("lead"))
    html = client.get(f"/en/cases/{case.pk}/").content.decode()
    assert "Upazila coordinator" in html and "District officer" not in html
    assert "Debidwar" in html and "Barura" in html and "(Cumilla)" in html
    assert "a copy is kept" in html


def test_recruiting_agency_names_in_both_languages(client, case_world):
    from django.utils import translation

    agency = RecruitingAgency.objects.create(name="Sonar Desh Manpower", name_bn="সোনার দেশ ম্যানপাওয়ার", licence_number="RL-1457")
    bare = RecruitingAgency.objects.create(name="Padma International", licence_number="0954")
    with translation.override("en"):
        assert str(agency) == "Sonar Desh Manpower (RL-1457)"
        assert str(bare) == "Padma International (RL-0954)"
    with translation.override("bn"):
        assert str(agency) == "সোনার দেশ ম্যানপাওয়ার (RL-1457)"
        assert str(bare) == "Padma International (RL-0954)"  # no Bangla name yet: the English one


def test_system_admin_edits_the_agency_bangla_name_in_the_wagtail_admin(client, demo_people):
    agency = RecruitingAgency.objects.create(name="Meghna Human Resources", licence_number="RL-1689")
    client.force_login(user("sysadmin"))
    response = client.get(f"/cms/recruitingagency/edit/{agency.pk}/", follow=True)
    url = response.redirect_chain[-1][0] if response.redirect_chain else f"/cms/recruitingagency/edit/{agency.pk}/"
    assert response.status_code == 200 and 'name="name_bn"' in response.content.decode()
    response = client.post(url, {"name_bn": "মেঘনা হিউম্যান রিসোর্সেস", "name": agency.name, "licence_number": "RL-1689",
                                 "address": "", "phone": "", "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    agency.refresh_from_db()
    assert agency.name_bn == "মেঘনা হিউম্যান রিসোর্সেস"


# --- 13. Macro-enabled Office files ---------------------------------------------------------------------
@pytest.mark.parametrize("name,parts,content_types", [
    ("letter.docm", ("word/document.xml", "word/vbaProject.bin"), "<Types/>"),
    ("letter.docx", ("word/document.xml", "word/vbaProject.bin"), "<Types/>"),
    ("sheet.xlsx", ("xl/workbook.xml", "xl/vbaProject.bin"), "<Types/>"),
    ("sheet.xlsx", ("xl/workbook.xml", "xl/activeX/activeX1.xml"), "<Types/>"),
    ("sheet.xlsx", ("xl/workbook.xml", "xl/macrosheets/sheet1.xml"), "<Types/>"),
    ("letter.docx", ("word/document.xml",), '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>'),
    ("letter.docm", ("word/document.xml",), "<Types/>"),
    ("book.xlsm", ("xl/workbook.xml",), "<Types/>"),
])
def test_macro_enabled_office_files_are_refused(client, case_world, name, parts, content_types):
    coordinator = user("coord.okup1")
    case = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first())
    client.force_login(coordinator)
    upload = SimpleUploadedFile(name, office_zip(*parts, content_types=content_types), "application/octet-stream")
    response = client.post(f"/en/cases/{case.pk}/documents/", {"file": upload}, follow=True)
    assert "can hold macros" in response.content.decode()
    assert not Attachment.objects.filter(case=case).exists()


def test_plain_office_files_are_still_accepted(client, case_world):
    coordinator = user("coord.okup1")
    case = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first())
    client.force_login(coordinator)
    for name, part in (("letter.docx", "word/document.xml"), ("sheet.xlsx", "xl/workbook.xml")):
        upload = SimpleUploadedFile(name, office_zip(part), "application/octet-stream")
        client.post(f"/en/cases/{case.pk}/documents/", {"file": upload})
    assert Attachment.objects.filter(case=case).count() == 2


# --- 15. Description and upazila go with the justice-seeker permission -----------------------------------
@pytest.fixture
def without_justice_seeker():
    """view/change_justice_seeker refused whatever the case (a latent leak: the case form held them)."""
    saved = {name: rules.permissions.permissions[name] for name in ("casework.view_justice_seeker", "casework.change_justice_seeker")}
    for name in saved:
        rules.set_perm(name, rules.always_deny)
    yield
    for name, predicate in saved.items():
        rules.set_perm(name, predicate)


def test_change_form_without_justice_seeker_permission_shows_no_personal_fields(client, case_world, without_justice_seeker):
    coordinator = user("coord.okup1")
    case = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first())
    case.description = "The secret story of what happened"
    case.prior_complaint_number = "UNO-77/23"
    case.save()
    client.force_login(user("advisor.okup"))
    response = client.get(f"/en/cases/{case.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "The secret story" not in html and 'name="case-description"' not in html
    assert 'name="case-upazila"' not in html and case.upazila.name_en not in html
    assert "UNO-77/23" not in html and case.justice_seeker.name not in html
    # Posting them anyway changes nothing.
    data = edit_data(response.context["forms"], **{"case-description": "Overwritten", "case-source": _source(),
                                                   "case-upazila": str(Upazila.objects.exclude(pk=case.upazila_id).first().pk)})
    assert client.post(f"/en/cases/{case.pk}/edit/", data).status_code == 302
    case.refresh_from_db()
    assert case.description == "The secret story of what happened"


# --- 16. Sub-categories, permanent address, dates ---------------------------------------------------------
def test_sub_categories_are_grouped_under_their_category(client, case_world):
    client.force_login(user("coord.okup1"))
    html = client.get("/en/cases/new/").content.decode()
    fraud, wages, _ = case_world["categories"]
    group = re.search(rf'<fieldset class="check-group" data-group="{fraud.pk}"><legend>Fraud by a sub-agent</legend>(.*?)</fieldset>', html, re.S)
    assert group and "No visa" in group.group(1) and "Half the promised pay" not in group.group(1)
    assert f'data-group="{wages.pk}"' in html


def test_a_sub_category_of_an_unchosen_category_is_refused(client, case_world):
    client.force_login(user("coord.okup1"))
    wages_sub = case_world["sub_categories"][1]
    response = client.post("/en/cases/new/", post_data(case_world, **{"case-sub_categories": [str(wages_sub.pk)]}))
    assert "Choose sub-categories only of the categories you chose." in response.content.decode()


def test_permanent_address_is_one_labelled_group(client, case_world):
    client.force_login(user("coord.okup1"))
    html = client.get("/en/cases/new/").content.decode()
    block = re.search(r'<fieldset class="sub-section place-fields" id="permanent-address">\s*<legend>Permanent address</legend>(.*?)</fieldset>', html, re.S)
    assert block
    for name in ("case-division", "case-district", "case-upazila", "js-union", "js-police_station", "js-ward", "js-village"):
        assert f'name="{name}"' in block.group(1), name
    assert 'name="js-name"' not in block.group(1) and 'name="js-address_communication"' not in block.group(1)


@pytest.mark.parametrize("typed", ["15/03/2025", "১৫/০৩/২০২৫", "15-03-2025", "15.3.2025", "2025-03-15", "১৫ / ৩ / ২৫", "15/03/25"])
def test_dates_typed_without_a_date_picker(client, case_world, typed):
    client.force_login(user("coord.okup1"))
    assert client.post("/en/cases/new/", post_data(case_world, **{"case-departure_date": typed})).status_code == 302
    assert str(Case.objects.latest("pk").departure_date) == "2025-03-15"


def test_date_inputs_stay_date_pickers_with_a_day_first_hint(client, case_world):
    client.force_login(user("coord.okup1"))
    html = client.get("/en/cases/new/").content.decode()
    assert re.search(r'<input type="date" name="case-departure_date" placeholder="dd/mm/yyyy"', html)


def test_date_that_is_not_a_date_is_refused(client, case_world):
    client.force_login(user("coord.okup1"))
    response = client.post("/en/cases/new/", post_data(case_world, **{"case-departure_date": "31/02/2025"}))
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()


# --- 12. Bangla pages: Bangla messages, Bangla digits ---------------------------------------------------
ENGLISH = ["Ensure this value", "This field is required", "Select a valid choice", "is not a valid value",
           "ManagementForm", "Enter a whole number", "Enter a number", "Enter a valid date", "Null characters",
           "Please submit", "Age must be"]


def _assert_bangla_errors(html):
    from tests.casework.case_helpers import errors_in

    errors = errors_in(html)
    assert errors, "the page shows no errors at all"
    text = " ".join(errors)
    assert not re.search(r"[0-9]", unescape(text)), [e for e in errors if re.search(r"[0-9]", unescape(e))]
    for english in ENGLISH:
        assert english not in text, english


def test_add_form_errors_in_bangla_have_bangla_words_and_digits(client, case_world, pending_bangla):
    client.force_login(user("coord.okup1"))
    data = post_data(case_world, **{
        "case-other_category": "অ" * 301, "case-applicants_count": "৫০১", "js-family_size": "0",
        "case-source": "999999", "case-categories": [str(case_world["categories"][0].pk), "²"], "js-age": "৫",
        "case-prior_complaint_number": "১" * 61, "js-name": "", "case-migration_cost": "1" * 14,
        "case-departure_date": "৩১/০২/২০২৫", "js-union": "১২৩৪৫৬৭৮",
    })
    response = client.post("/bn/cases/new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "৩০০" in html  # the limit, in Bangla digits
    _assert_bangla_errors(html)


def test_a_broken_formset_says_so_in_bangla(client, case_world, pending_bangla):
    client.force_login(user("coord.okup1"))
    data = {k: v for k, v in post_data(case_world).items() if not k.startswith("perp-")}
    html = client.post("/bn/cases/new/", data).content.decode()
    assert "ফর্মের কিছু অংশ পৌঁছায়নি" in html
    _assert_bangla_errors(html)


def test_numbers_inside_bangla_text_are_bangla(client, case_world, pending_bangla):
    from casework.models import StateDuration

    coordinator = user("coord.okup1")
    case = make_case(organization=coordinator.profile.organization, upazila=coordinator.profile.upazilas.first(),
                     status="primary_review")
    StateDuration.objects.update_or_create(status="primary_review", defaults={"expected_days": 7})
    client.force_login(coordinator)
    html = client.get(f"/bn/cases/{case.pk}/").content.decode()
    assert "৭ দিনের মধ্যে" in html and "7 দিন" not in html
    client.force_login(user("lead"))
    html = client.get(f"/bn/cases/{case.pk}/edit/").content.decode()
    assert "অভিযুক্ত ১" in html
    assert not re.search(r"<h3>[^<]*[0-9]</h3>", html)
