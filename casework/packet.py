"""The BMET complaint packet: a printable complaint in Bangla and English with the facts the BMET
arbitration cell asks for (complainant, passport, destination, agency with its RL licence,
sub-agent, money paid, what happened, remedy sought) and the documentation checklist of the case's
categories, showing what is attached, what the worker has but is not attached, and what is missing.

Only for users who may see both the justice seeker and the perpetrators of that case; every print
is recorded in the AccessLog (action "print").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from casework.models import AccessLog, Attachment, Case, ChecklistItem, Perpetrator
from casework.selectors import case_get
from casework.services import access_log_record
from casework.states import Channel

LANGUAGES = ("bn", "en")


@dataclass
class ChecklistLine:
    name: str
    required: bool
    state: str  # attached | has_it | missing
    state_label: str
    files: list[str]


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
    return formats.date_format(value, "j F Y") if value else ""


def _place(seeker, case) -> str:
    parts = []
    if seeker:
        parts += [seeker.village, seeker.ward and f"{_('Ward')} {seeker.ward}", seeker.union.name if seeker.union_id else "",
                  seeker.police_station]
    parts += [case.upazila.name if case.upazila_id else "", case.district.name if case.district_id else ""]
    return ", ".join(p for p in parts if p)


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

    keys_docs = {link.document_type.translation_key for link in links} | {
        a.document_type.translation_key for a in attachments if a.document_type_id
    } | {c.document_type.translation_key for c in checklist}
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
        "models": {"categories": CaseCategory, "remedies": ExpectedRemedy, "documents": DocumentType},
        "doc_keys": keys_docs,
    }


def packet_section(data: dict) -> dict:
    """The packet's text in the active language: (label, value) facts and the checklist."""
    case, seeker, rec = data["case"], data["seeker"], data["recruitment"]
    cat_names = _local_names(data["models"]["categories"], [c.translation_key for c in data["categories"]])
    remedy_names = _local_names(data["models"]["remedies"], [r.translation_key for r in data["remedies"]])
    doc_names = _local_names(data["models"]["documents"], data["doc_keys"])

    complainant = [
        (_("Name"), seeker.name if seeker else ""),
        (_("Gender"), seeker.get_gender_display() if seeker else ""),
        (_("Age"), seeker.age if seeker and seeker.age else ""),
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
        (_("Money paid for migration (BDT)"), formats.number_format(case.migration_cost, 0, force_grouping=True) if case.migration_cost is not None else ""),
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
    lines, seen = [], set()
    for link in data["links"]:
        key = link.document_type.translation_key
        if key in seen:
            continue
        seen.add(key)
        files = attached_by_key.get(key, [])
        state = "attached" if files else ("has_it" if key in has_it else "missing")
        label = {"attached": _("Attached"), "has_it": _("The worker has it; not attached yet"), "missing": _("Missing")}[state]
        lines.append(ChecklistLine(doc_names.get(key, link.document_type.name), link.required, state, label, files))
    others = [a.title or a.original_name for a in data["attachments"]
              if not a.document_type_id or a.document_type.translation_key not in seen]
    return {
        "complainant": [f for f in complainant if f[1] not in ("", None)],
        "migration": [f for f in migration if f[1] not in ("", None)],
        "perpetrators": [[f for f in p if f[1] not in ("", None)] for p in perpetrators],
        "complaint": [f for f in complaint if f[1] not in ("", None)],
        "checklist": lines,
        "other_documents": others,
        "missing_required": sum(1 for line in lines if line.required and line.state != "attached"),
    }


@login_required
def packet_view(request, pk):
    case = case_get(request.user, pk)
    if case is None:
        raise Http404
    user = request.user
    if not (user.has_perm("casework.view_justice_seeker", case) and user.has_perm("casework.view_perpetrator", case)):
        raise PermissionDenied
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
            sections.append({"language": language, **packet_section(data)})
    access_log_record(user=user, action=AccessLog.Action.PRINT, case=case, detail="BMET complaint packet")
    return render(request, "casework/packet.html", {
        "case": case, "sections": sections, "printed_at": timezone.localtime(),
        "printed_by": user.get_full_name() or user.get_username(),
    })
