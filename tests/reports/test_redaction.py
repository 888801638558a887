"""Redaction of post-analysis text for reports (casework/reports/redaction.py)."""

import pytest

from casework.models import Case, JusticeSeeker, Recruitment, Referral, Union
from casework.models.reference import RecruitingAgency
from casework.reports.redaction import personal_values, redact
from tests.factories import make_case

MARK = "[removed]"


@pytest.mark.parametrize("text", ["রহিমার মা থানায় গেলেন", "এজেন্ট রহিমাকে ফেরত দিল", "রহিমাদের বাড়ি", "রহিমা এলেন"])
def test_bangla_endings_do_not_keep_the_name(text):
    assert "রহিমা" not in redact(text, {"রহিমা খাতুন"})


def test_a_name_inside_a_longer_word_is_left_alone():
    assert redact("রহিম এলেন", {"রহিমা"}) == "রহিম এলেন"
    assert redact("Karimganj market", {"Karim"}) == "Karimganj market"


def test_both_spellings_of_ya_match():
    composed, decomposed = "\u09df", "\u09af\u09bc"  # য় as one character, and as য + nukta
    name = f"সু{composed}েল"
    assert MARK not in redact("নাম", {name})
    assert redact(f"সু{decomposed}েলকে ডাকা হলো", {name}).startswith(MARK)
    assert redact(f"সু{composed}েল এলো", {f"সু{decomposed}েল"}).startswith(MARK)


@pytest.mark.parametrize("phone", ["01712.345.678", "০১৭১২.৩৪৫.৬৭৮", "01712-345678", "+880 1712 345678", "০১৭১২৩৪৫৬৭৮"])
def test_phones_in_any_writing_are_removed(phone):
    assert redact(f"call {phone} today", set()) == f"call {MARK} today"


def test_role_words_and_short_numbers_are_not_removed_on_their_own():
    values = {"Kamrul (sub-agent)", "7", "House 12, Road 5, Mirpur"}  # the ward is recorded as "7"
    text = "The sub-agent said the agent in ward 7 of Mirpur took 12 days; Kamrul (sub-agent) denied it."
    out = redact(text, values)
    assert "sub-agent said the agent in ward 7" in out and "took 12 days" in out
    assert "Kamrul" not in out and "Mirpur" not in out


@pytest.mark.django_db
def test_every_personal_field_of_the_case_is_read():
    case = make_case()
    agency = RecruitingAgency.objects.create(name="Shapla Overseas", licence_number="RL-1234")
    union = Union.objects.select_related("upazila").order_by("id").first()
    JusticeSeeker.objects.filter(case=case).update(
        address_communication="Shantinagar lane", applicant_address="Bokultola", family_details="wife Salma",
        passport_issue_place="Narsingdi", union=union,
    )
    Recruitment.objects.filter(case=case).update(agent_address="Chowrasta", agency_address="Purana Paltan",
                                                 agency=agency)
    Case.objects.filter(pk=case.pk).update(consent_taken_by="Nasrin Akter", prior_complaint_number="BMET/7781",
                                           register_number="REG-0042", upazila=union.upazila)
    Referral.objects.create(case=case, channel="bmet", reference_number="TRK-99812", created_by=case.entered_by)
    values = personal_values([Case.objects.get(pk=case.pk)])[case.pk]
    text = ("Shantinagar, Bokultola, Salma, Narsingdi, Chowrasta, Purana Paltan, Shapla Overseas, RL-1234, "
            "Nasrin, BMET/7781, REG-0042, TRK-99812")
    out = redact(text, values)
    for word in text.split(", "):
        assert word not in out, word
    assert {union.name_en, union.name_bn, union.upazila.name_en, union.upazila.name_bn} <= values
    assert redact(f"{union.upazila.name_bn}ের হাটে", values).startswith(MARK)


@pytest.mark.django_db
def test_personal_values_of_many_cases_come_in_one_query_each_case_its_own():
    """Several perpetrators and referrals per case, a case without a justice seeker or a
    recruitment, and no value of one case among another's."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from casework.models import Perpetrator

    first, second, bare = make_case(), make_case(), make_case()
    for case, names in ((first, ("Jalal Mia", "Kobir Dalal")), (second, ("Selim Reza",))):
        Perpetrator.objects.filter(case=case).delete()
        for n, name in enumerate(names):
            Perpetrator.objects.create(case=case, name=name, phone=f"0171200000{n}", nid=f"19901234567{n}",
                                       address=f"{name} road")
    for ref in ("TRK-1001", "COURT-77/2026"):
        Referral.objects.create(case=first, channel="bmet", reference_number=ref, created_by=first.entered_by)
    JusticeSeeker.objects.filter(case=bare).delete()
    Recruitment.objects.filter(case=bare).delete()
    Perpetrator.objects.filter(case=bare).delete()
    cases = list(Case.objects.filter(pk__in=[first.pk, second.pk, bare.pk]))
    personal_values(cases)  # fills the cached upazila names
    with CaptureQueriesContext(connection) as captured:
        values = personal_values(cases)
    assert len(captured.captured_queries) == 1
    assert {"Jalal Mia", "Kobir Dalal", "01712000000", "01712000001", "199012345670", "Jalal Mia road",
            "TRK-1001", "COURT-77/2026"} <= values[first.pk]
    assert "Selim Reza" in values[second.pk] and not {"Jalal Mia", "TRK-1001"} & values[second.pk]
    assert first.justice_seeker.name in values[first.pk] and first.justice_seeker.name not in values[second.pk]
    assert "Selim Reza" not in values[bare.pk] and "Jalal Mia" not in values[bare.pk]
    assert personal_values([]) == {}
