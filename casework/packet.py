"""The BMET complaint packet: a printable complaint in Bangla and English with the facts the BMET
arbitration cell asks for (complainant, passport, destination, agency with its RL licence,
sub-agent, money paid, what happened, remedy sought), the worker's consent, and the documentation
checklist: the documents of the case's categories and those on BMET's own list (the BMET channel's
"documents needed" in the knowledge base), showing what is attached, what the worker has but is not
attached, and what is missing.

Only for users who may see both the justice seeker and the perpetrators of that case, and only when the
worker gave informed consent and agreed that we share the case with legal aid, BMET or court; every
print is recorded in the AccessLog (action "print").

Identifiers (case, passport, NID, phone and reference numbers) are printed exactly as stored, so that
they match the documents; dates, amounts and counts use the reader's digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.models import AccessLog, Attachment, Case, ChecklistItem, Perpetrator
from casework.reports.formatting import number
from casework.selectors import case_get
from casework.services import access_log_record
from casework.states import Channel
from portal.templatetags.portal_tags import local_digits

LANGUAGES = ("bn", "en")


@dataclass
class ChecklistLine:
    name: str
    required: bool
    state: str  # attached | has_it | missing
    state_label: str
    files: list[str]
    needed_label: str = ""


# Words that say nothing about which document a line of "documents needed" means.
_FILLER = {
    "a", "an", "the", "of", "and", "or", "for", "if", "you", "have", "them", "any", "your", "copy", "copies",
    "ও", "বা", "এবং", "কপি", "থাকলে",
}


def _words(text: str) -> set[str]:
    text = re.sub(r"\([^)]*\)", " ", text.casefold())  # "(if you have them)", "(iqama)"
    # Split on anything but letters, digits and the Bengali block (its vowel signs are not \w).
    return {w for w in re.split(r"[^\w\u0980-\u09ff]+", text) if w and w not in _FILLER}


def _same_word(a: str, b: str) -> bool:
    # "receipt"/"receipts", "পাসপোর্ট"/"পাসপোর্টের": one is the other with an ending.
    short, long_ = sorted((a, b), key=len)
    return a == b or (len(short) >= 3 and long_.startswith(short))


def _names_document(name_words: set[str], line_words: set[str]) -> bool:
    """Every word of a document's name is in the line: "National ID card" in "Copy of the national ID card"."""
    return bool(name_words) and all(any(_same_word(n, w) for w in line_words) for n in name_words)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _bmet_documents(channels: dict, default_lang: str, documents: list) -> tuple[list, dict]:
    """BMET's "documents needed", read as the knowledge base shows them (one per line).

    Returns the document types the lines name (translation keys, in the order of the default-locale
    list; any language's line counts) and, per language, the lines that name no document type.
    """
    names: dict = {}
    for key, name, code, _lang in documents:
        names.setdefault(key, [_words(code.replace("_", " "))]).append(_words(name))
    keys, found = [], {}
    for lang, channel in sorted(channels.items(), key=lambda item: item[0] != default_lang):
        found[lang] = []
        for line in _lines(channel.documents_needed):
            words = _words(line)
            matched = [key for key, variants in names.items() if any(_names_document(v, words) for v in variants)]
            keys += [key for key in matched if key not in keys]
            found[lang].append((line, bool(matched)))
    # A translation keeps the lines of its source: a line whose twin names a document is covered too.
    unmatched = {}
    for lang, lines in found.items():
        twins = [other for code, other in found.items() if code != lang and len(other) == len(lines)]
        unmatched[lang] = [line for i, (line, hit) in enumerate(lines) if not hit and not any(t[i][1] for t in twins)]
    return keys, unmatched


def _local_names(model, keys) -> dict:
    """translation_key → name in the active language (falls back to whatever row exists)."""
    keys = set(keys)
    if not keys:
        return {}
    rows = list(model.objects.filter(translation_key__in=keys).select_related("locale").values_list("translation_key", "name", "locale__language_code"))
    lang = (translation.get_language() or "bn")[:2]
    names = {}
    for key, name, code in rows:
        if code == lang or key not in names:
            names[key] = name
    return names


def _date(value) -> str:
    return local_digits(formats.date_format(value, "j F Y")) if value else ""


def _place(seeker, case) -> str:
    parts = []
    if seeker:
        parts += [seeker.village, seeker.ward and f"{_('Ward')} {seeker.ward}", seeker.union.name if seeker.union_id else "",
                  seeker.police_station]
    parts += [case.upazila.name if case.upazila_id else "", case.district.name if case.district_id else ""]
    return ", ".join(p for p in parts if p)


def _bmet_channel_rows() -> tuple[dict, str]:
    """(language code → the BMET channel snippet, default language): the knowledge base's canonical
    default-locale row and its translations."""
    from wagtail.models import Locale

    from knowledge.models import ChannelCode, RedressChannel

    try:
        default = Locale.get_default()
    except Locale.DoesNotExist:  # a site without content yet: no BMET list to add
        return {}, ""
    source = RedressChannel.objects.filter(code=ChannelCode.BMET, locale=default).values("translation_key")
    rows = RedressChannel.objects.filter(translation_key__in=source).select_related("locale")
    return {row.locale.language_code: row for row in rows}, default.language_code


def packet_data(case: Case) -> dict:
    """Everything the packet shows, loaded once (the same rows serve both languages)."""
    from knowledge.models import CategoryDocument

    categories = list(case.categories.all())
    remedies = list(case.expected_remedies.all())
    links = list(
        CategoryDocument.objects.filter(category__in=categories).select_related("document_type").order_by("category__sort_order", "sort_order")
    )
    checklist = list(ChecklistItem.objects.filter(case=case).select_related("document_type"))
    attachments = list(Attachment.objects.filter(case=case).select_related("document_type"))
    from knowledge.models import CaseCategory, DocumentType, ExpectedRemedy

    documents = list(DocumentType.objects.values_list("translation_key", "name", "code", "locale__language_code"))
    channels, default_lang = _bmet_channel_rows()
    bmet_keys, bmet_unmatched = _bmet_documents(channels, default_lang, documents)
    return {
        "case": case,
        "seeker": getattr(case, "justice_seeker", None),
        "recruitment": getattr(case, "recruitment", None),
        "perpetrators": list(case.perpetrators.all()),
        "categories": categories,
        "remedies": remedies,
        "links": links,
        "checklist": checklist,
        "attachments": attachments,
        "bmet_referral": case.referrals.filter(channel=Channel.BMET).order_by("-date", "-id").first(),
        "models": {"categories": CaseCategory, "remedies": ExpectedRemedy},
        "documents": documents,
        "default_language": default_lang,
        "bmet_keys": bmet_keys,
        "bmet_unmatched": bmet_unmatched,
    }


def _document_names(data: dict) -> dict:
    """translation_key → document name in the active language, else the default language's, else any."""
    lang = (translation.get_language() or "bn")[:2]
    rank = {lang: 0, data["default_language"]: 1}
    names, ranks = {}, {}
    for key, name, _code, code in data["documents"]:
        if rank.get(code, 2) < ranks.get(key, 3):
            names[key], ranks[key] = name, rank.get(code, 2)
    return names


def _consent(case: Case) -> list:
    field = Case._meta.get_field
    return [
        (_("Date of consent"), _date(case.consent_date) or _("Not recorded")),
        (capfirst(field("consent_taken_by").verbose_name), case.consent_taken_by or _("Not recorded")),
        (capfirst(field("consent_share").verbose_name), _("Yes")),
    ]


def packet_section(data: dict) -> dict:
    """The packet's text in the active language: (label, value) facts and the checklist."""
    case, seeker, rec = data["case"], data["seeker"], data["recruitment"]
    cat_names = _local_names(data["models"]["categories"], [c.translation_key for c in data["categories"]])
    remedy_names = _local_names(data["models"]["remedies"], [r.translation_key for r in data["remedies"]])
    doc_names = _document_names(data)

    complainant = [
        (_("Name"), seeker.name if seeker else ""),
        (_("Gender"), seeker.get_gender_display() if seeker else ""),
        (_("Age"), number(seeker.age) if seeker and seeker.age else ""),
        (_("Permanent address"), _place(seeker, case)),
        (_("Address for communication"), seeker.address_communication if seeker else ""),
        (_("Mobile number"), seeker.phone if seeker else ""),
        (_("Family or other number"), seeker.family_phone if seeker else ""),
        (_("Passport number"), seeker.passport_number if seeker else ""),
        (_("Passport issue place"), seeker.passport_issue_place if seeker else ""),
    ]
    if case.filed_by == Case.FiledBy.ON_BEHALF and seeker:
        complainant += [
            (_("Complaint made on their behalf by"), seeker.applicant_name),
            (_("Relation to the worker"), seeker.applicant_relation),
            (_("Applicant's address"), seeker.applicant_address),
            (_("Applicant's mobile number"), seeker.applicant_phone),
        ]
    agency = ""
    if rec:
        agency = str(rec.agency) if rec.agency_id else rec.agency_name
    migration = [
        (_("Country of destination"), case.destination_country.name if case.destination_country_id else ""),
        (_("Recruitment process"), case.recruitment_process.name if case.recruitment_process_id else ""),
        (_("Date of departure"), _date(case.departure_date)),
        (_("Route of departure"), case.departure_route.name if case.departure_route_id else ""),
        (_("Recruiting agency (name and RL licence)"), agency),
        (_("Agency address"), (rec.agency.address if rec and rec.agency_id else rec.agency_address) if rec else ""),
        (_("Agency phone"), (rec.agency.phone if rec and rec.agency_id else rec.agency_phone) if rec else ""),
        (_("Agent or sub-agent (dalal)"), rec.agent_name if rec else ""),
        (_("Agent's address"), rec.agent_address if rec else ""),
        (_("Agent's phone"), rec.agent_phone if rec else ""),
        (_("Agent's NID"), rec.agent_nid if rec else ""),
        (_("Money paid for migration"),
         _("BDT %(amount)s") % {"amount": number(case.migration_cost)} if case.migration_cost is not None else ""),
    ]
    perpetrators = []
    for p in data["perpetrators"]:
        relation = (_("Yes") + (f" ({p.relation})" if p.relation else "")) if p.is_relative else _("No")
        perpetrators.append([
            (_("Name"), p.name), (_("Individual or company"), p.get_kind_display()), (_("Address"), p.address),
            (_("Phone"), p.phone), (_("NID"), p.nid if p.kind == Perpetrator.Kind.INDIVIDUAL else ""),
            (_("A relative of the worker"), relation),
        ])
    complaint = [
        (_("Kind of complaint"), "; ".join(cat_names.get(c.translation_key, c.name) for c in data["categories"])),
        (_("Remedy sought"), "; ".join(remedy_names.get(r.translation_key, r.name) for r in data["remedies"])),
        (_("Complained before"), (_("Yes") + ": " + ", ".join(x for x in [case.prior_complaint_where, _date(case.prior_complaint_date), case.prior_complaint_number] if x)) if case.prior_complaint else _("No")),
    ]
    if data["bmet_referral"] and data["bmet_referral"].reference_number:
        complaint.append((_("BMET complaint tracking number"), data["bmet_referral"].reference_number))

    attached_by_key: dict = {}
    for a in data["attachments"]:
        if a.document_type_id:
            attached_by_key.setdefault(a.document_type.translation_key, []).append(a.title or a.original_name)
    has_it = {c.document_type.translation_key for c in data["checklist"] if c.available}
    states = {"attached": _("Attached"), "has_it": _("The worker has it; not attached yet"), "missing": _("Missing")}
    bmet = set(data["bmet_keys"])
    on_bmet_list = _("BMET asks for it")

    def line(key, name, required, needed):
        files = attached_by_key.get(key, [])
        state = "attached" if files else ("has_it" if key in has_it else "missing")
        if key in bmet and needed != on_bmet_list:
            needed = f"{needed} · {on_bmet_list}"
        return ChecklistLine(name, required, state, states[state], files, needed)

    lines, seen = [], set()
    for link in data["links"]:
        key = link.document_type.translation_key
        if key in seen:
            continue
        seen.add(key)
        needed = _("Required") if link.required else _("Recommended")
        lines.append(line(key, doc_names.get(key, link.document_type.name), link.required, needed))
    for key in data["bmet_keys"]:
        if key not in seen:
            seen.add(key)
            lines.append(line(key, doc_names.get(key, key), False, on_bmet_list))
    # BMET lines that name no document type: attached when an untyped attachment's title names it.
    others = [a for a in data["attachments"] if not a.document_type_id or a.document_type.translation_key not in seen]
    lang = (translation.get_language() or "bn")[:2]
    unmatched = data["bmet_unmatched"].get(lang, data["bmet_unmatched"].get(data["default_language"], []))
    for text in unmatched:
        files = [a for a in others if _names_document(_words(a.title or a.original_name), _words(text))]
        others = [a for a in others if a not in files]
        state = "attached" if files else "missing"
        lines.append(ChecklistLine(text, False, state, states[state], [a.title or a.original_name for a in files], on_bmet_list))
    others = [a.title or a.original_name for a in others]
    missing_required = sum(1 for item in lines if item.required and item.state != "attached")
    return {
        "complainant": [f for f in complainant if f[1] not in ("", None)],
        "migration": [f for f in migration if f[1] not in ("", None)],
        "perpetrators": [[f for f in p if f[1] not in ("", None)] for p in perpetrators],
        "complaint": [f for f in complaint if f[1] not in ("", None)],
        "consent": _consent(case),
        "checklist": lines,
        "other_documents": others,
        "missing_required": missing_required,
        # ngettext, not {% blocktranslate count %}: the same message, with the count in the reader's digits.
        "missing_required_text": ngettext(
            "%(n)s required document is not attached yet.", "%(n)s required documents are not attached yet.",
            missing_required,
        ) % {"n": number(missing_required)},
    }


@login_required
def packet_view(request, pk):
    case = case_get(request.user, pk)
    if case is None:
        raise Http404
    user = request.user
    if not (user.has_perm("casework.view_justice_seeker", case) and user.has_perm("casework.view_perpetrator", case)):
        raise PermissionDenied
    if not case.may_be_shared:
        # The packet hands the worker's name, passport and story to BMET: only with their consent.
        return render(request, "casework/packet_no_consent.html", {
            "case": case, "languages": LANGUAGES, "may_record": user.has_perm("casework.change_case", case),
        }, status=403)
    case = (
        Case.objects.select_related(
            "justice_seeker", "justice_seeker__union", "recruitment", "recruitment__agency", "district", "upazila",
            "destination_country", "recruitment_process", "departure_route", "organization",
        ).prefetch_related("categories", "expected_remedies", "perpetrators").get(pk=case.pk)
    )
    data = packet_data(case)
    sections = []
    for language in LANGUAGES:
        with translation.override(language):
            sections.append({"language": language, "printed": _date(timezone.localdate()), **packet_section(data)})
    access_log_record(user=user, action=AccessLog.Action.PRINT, case=case, detail="BMET complaint packet")
    return render(request, "casework/packet.html", {
        "case": case, "sections": sections,
        "printed_by": user.get_full_name() or user.get_username(),
    })
