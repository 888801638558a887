"""Fixtures for import tests: a category matrix in both languages, organisations, a lead."""

import io
import uuid

import openpyxl
import pytest
from wagtail.models import Locale

from casework.models import Organization
from knowledge.models import CaseCategory, ExpectedRemedy
from tests.factories import OrganizationFactory, staff_user

CATEGORIES = [
    ("visa-fraud", "ভিসা প্রতারণা", "Visa fraud"),
    ("wage-theft", "বেতন না পাওয়া", "Wage theft"),
    ("death-injury", "মৃত্যু বা আঘাত", "Death or injury"),
]


@pytest.fixture
def matrix(db):
    """Three categories (Bangla rows canonical, English translations) and a remedy."""
    bn = Locale.get_default()
    en, _ = Locale.objects.get_or_create(language_code="en")
    out = {}
    for code, name_bn, name_en in CATEGORIES:
        key = uuid.uuid4()
        out[code] = CaseCategory.objects.create(code=code, name=name_bn, migration_stage="abroad", locale=bn, translation_key=key)
        CaseCategory.objects.create(code=code, name=name_en, migration_stage="abroad", locale=en, translation_key=key)
    key = uuid.uuid4()
    out["refund"] = ExpectedRemedy.objects.create(code="refund", name="টাকা ফেরত", locale=bn, translation_key=key)
    ExpectedRemedy.objects.create(code="refund", name="Money back", locale=en, translation_key=key)
    return out


@pytest.fixture
def lead_org(db):
    return OrganizationFactory(name="Helvetas Bangladesh (SIMS)", name_bn="হেলভেটাস", short_name="Helvetas",
                               type=Organization.Type.PROGRAMME_LEAD)


@pytest.fixture
def okup(db):
    return OrganizationFactory(name="OKUP", name_bn="ওকাপ", short_name="OKUP")


@pytest.fixture
def lead(lead_org):
    return staff_user(roles=["programme_lead"], organization=lead_org)


def workbook_bytes(rows, *, title=None, blank_rows=0, merge_title_over=0) -> bytes:
    """An .xlsx with an optional merged title row and blank rows above the given rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        if merge_title_over:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=merge_title_over)
    for _ in range(blank_rows):
        sheet.append([])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
