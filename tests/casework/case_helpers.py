"""Shared set-up for the case record tests (add, change, documents, access log): the demo people,
three categories (the first suggests two documents) and a valid add-form POST to start from."""

from __future__ import annotations

import io
import re
import zipfile

import polib
from django.contrib.auth import get_user_model

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def user(username):
    return get_user_model().objects.get(username=username)


def make_world():
    from knowledge.models import CategoryDocument, SubCategory
    from tests.factories import CaseCategoryFactory, DocumentTypeFactory

    categories = [CaseCategoryFactory(name=n) for n in ("Fraud by a sub-agent", "Wage theft", "Death abroad")]
    passport = DocumentTypeFactory(code="passport-copy", name="Passport copy")
    receipt = DocumentTypeFactory(code="receipt", name="Money receipt")
    contract = DocumentTypeFactory(code="contract-copy", name="Employment contract")
    locale = categories[0].locale
    CategoryDocument.objects.create(category=categories[0], document_type=passport, required=True, locale=locale)
    CategoryDocument.objects.create(category=categories[0], document_type=receipt, required=False, locale=locale)
    CategoryDocument.objects.create(category=categories[1], document_type=contract, required=True, locale=locale)
    subs = [SubCategory.objects.create(category=categories[0], code="no-visa", name="No visa", locale=locale),
            SubCategory.objects.create(category=categories[1], code="half-pay", name="Half the promised pay", locale=locale)]
    return {"categories": categories, "documents": [passport, receipt, contract], "sub_categories": subs}


def post_data(world, **overrides):
    """A complete, valid add-form POST (Bangla digits where people type them)."""
    from casework.models import CaseSource, Upazila

    upazila = Upazila.objects.get(name_en="Debidwar")
    data = {
        "case-categories": [str(world["categories"][0].pk)],
        "case-description": "২০২৪ সালে দালালকে ৪ লাখ টাকা দিয়েছেন, ভিসা পাননি।",
        "case-source": str(CaseSource.objects.get(code="community").pk),
        "case-filed_by": "victim",
        "case-applicants_count": "১",
        "case-division": str(upazila.district.division_id),
        "case-district": str(upazila.district_id),
        "case-upazila": str(upazila.pk),
        "case-migration_cost": "৪,০০,০০০",
        "case-departure_date": "",
        "case-consent_given": "on",
        "case-consent_date": "২০২৬-১১-০১",
        "js-name": "রাবেয়া পরীক্ষা সুলতানা",
        "js-gender": "female",
        "js-age": "৩২",
        "js-phone": "০১৭১১-২২৩৩৪৪",
        "js-passport_number": "ez 7654321",
        "perp-TOTAL_FORMS": "1", "perp-INITIAL_FORMS": "0", "perp-MIN_NUM_FORMS": "0", "perp-MAX_NUM_FORMS": "1000",
        "perp-0-kind": "individual", "perp-0-name": "কাশেম দালাল", "perp-0-phone": "01811000000",
        "save": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(form_context, **overrides):
    """The POST a browser sends for an edit form as rendered (every bound value), with changes."""
    data = {}
    for key, form in form_context.items():
        if key == "perpetrators":
            for name, field in form.management_form.fields.items():
                data[form.management_form.add_prefix(name)] = str(form.management_form[name].value())
            for sub in form.forms:
                _fill(data, sub)
            continue
        _fill(data, form)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def _fill(data, form):
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            data[form.add_prefix(name)] = [str(v) for v in value]
        elif isinstance(value, bool):
            if value:
                data[form.add_prefix(name)] = "on"
        else:
            data[form.add_prefix(name)] = str(value)


def office_zip(*parts: str, content_types: str = "<Types/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", content_types)
        for part in parts:
            zf.writestr(part, "<x/>" if part.endswith(".xml") else b"\x00binary")
    return buffer.getvalue()


# --- Translations waiting in locale/pending (the lead merges them into locale/bn) -----------------
def pending_catalogue() -> dict:
    """msgid (or (msgid, plural index)) → Bangla, from locale/pending/case-record*.{tsv,po}."""
    from django.conf import settings

    root = settings.BASE_DIR / "locale" / "pending"
    entries: dict = {}
    tsv = root / "case-record.tsv"
    if tsv.exists():
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                msgid, msgstr = line.split("\t", 1)
                entries[_unescape(msgid)] = _unescape(msgstr)
    po = root / "case-record-plural.po"
    if po.exists():
        for entry in polib.pofile(str(po)):
            if entry.msgid_plural:
                for index, text in entry.msgstr_plural.items():
                    entries[(entry.msgid, int(index))] = text
            else:
                entries[entry.msgid] = entry.msgstr
    return entries


def _unescape(text: str) -> str:
    return text.replace("\\t", "\t").replace("\\n", "\n")


def errors_in(html: str) -> list[str]:
    """The texts of every error list and error message on a page."""
    found = re.findall(r'<ul class="errorlist[^"]*">(.*?)</ul>', html, flags=re.S)
    found += re.findall(r'<div class="message error"[^>]*>(.*?)</div>', html, flags=re.S)
    found += re.findall(r'<li class="message error">(.*?)</li>', html, flags=re.S)
    return [re.sub(r"<[^>]+>", " ", chunk) for chunk in found]
