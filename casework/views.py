"""Case list, add, detail, edit, attachments and the audit page. Thin: rules decide, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from casework import selectors, services, uploads
from casework.fields import parse_id, parse_ids
from casework.filters import CaseFilter
from casework.forms import (
    AttachmentForm,
    AuditFilterForm,
    CaseForm,
    JusticeSeekerForm,
    PerpetratorFormSet,
    PersonSearchForm,
    RecruitmentForm,
)
from casework.models import AccessLog, Attachment, Case, ChecklistItem, Perpetrator, Union, Upazila
from casework.services import access_log_record, access_log_record_many, case_update, find_duplicates
from casework.timeliness import overdue_q
from casework.uploads import ALLOWED, safe_filename, validate_upload
from casework.workflow_views import detail_context
from portal import roles

CASE_PERMS = [
    "view_case", "change_case", "view_justice_seeker", "change_justice_seeker", "view_perpetrator",
    "change_perpetrator", "view_post_analysis", "change_post_analysis", "record_action", "comment_case",
    "view_attachment", "add_attachment", "review_case", "assign_case", "request_close", "close_case",
    "export_identified",
]
PAGE_SIZE = 25


def perms_for(user, case) -> dict[str, bool]:
    """Every case permission for this user and case, asked of casework/rules.py once per page."""
    return {perm: user.has_perm(f"casework.{perm}", case) for perm in CASE_PERMS}


def get_case_or_deny(request, pk, perm="view_case", queryset=None) -> Case:
    """404 when the case does not exist or is outside the user's scope; 403 when in scope but not allowed."""
    qs = queryset if queryset is not None else Case.objects.all()
    case = qs.filter(pk=pk).first()
    if case is None or not request.user.has_perm("casework.view_case", case):
        raise Http404(_("No such case."))
    if perm != "view_case" and not request.user.has_perm(f"casework.{perm}", case):
        raise PermissionDenied(_("You may not do this on this case."))
    return case


@login_required
def case_list(request):
    user = request.user
    if not user.has_perm("casework.list_cases"):
        raise PermissionDenied(_("Your role does not work with identified cases."))
    search_form = PersonSearchForm()
    if request.method == "POST":
        # Personal search terms never go into a URL (or the web server's log): kept in the session.
        search_form = PersonSearchForm(request.POST)
        if search_form.is_valid():
            request.session[selectors.PERSON_SEARCH_KEY] = search_form.cleaned_data["term"]
            return redirect(reverse("casework:case_list") + "?person=1")
    elif request.GET.get("clear_person"):
        request.session.pop(selectors.PERSON_SEARCH_KEY, None)

    queryset = selectors.case_list(user).select_related("justice_seeker")
    person_term = selectors.person_search_term(request)
    if person_term:
        queryset = queryset.filter(selectors.person_q(person_term))
    queryset = queryset.annotate(is_overdue=ExpressionWrapper(overdue_q(), output_field=BooleanField()))
    case_filter = CaseFilter(request.GET or None, queryset=queryset)
    results = case_filter.qs if case_filter.is_bound else case_filter.queryset.order_by("-created_at", "-id")
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = list(page.object_list)
    from knowledge.selectors import localize_many

    all_categories = [c for case in rows for c in case.categories.all()]
    names = {k: v.name for k, v in localize_many(all_categories).items()}
    for case in rows:
        case.category_names = [names.get(c.translation_key, c.name) for c in case.categories.all()]
        case.may_see_person = user.has_perm("casework.view_justice_seeker", case) and _seeker(case) is not None
    if person_term:
        access_log_record(user=user, action=AccessLog.Action.SEARCH, detail=f"person search; {paginator.count} results")
    # The page shows the name of each case's worker the reader may see: one access-log row per such
    # case (SPEC §6), written in one INSERT.
    access_log_record_many(user=user, detail="case list",
                           entries=[(AccessLog.Action.VIEW_JUSTICE_SEEKER, case) for case in rows if case.may_see_person])
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/case_list.html", {
        "filter": case_filter, "page": page, "rows": rows, "search_form": search_form,
        "person_search_active": bool(person_term), "querystring": query.urlencode(),
        "may_add": user.has_perm("casework.add_case"), "may_export": user.has_perm("casework.list_cases"),
    })


def _seeker(case):
    """The case's justice seeker, or None (a case may have none)."""
    try:
        return case.justice_seeker
    except ObjectDoesNotExist:
        return None


def _checklist_documents(categories):
    """Documents the category matrix suggests for these categories: [(document_type, required)],
    each document with `local_name` (its name in the reader's language; one query for all)."""
    from knowledge.models import CategoryDocument

    seen: dict[int, tuple] = {}
    links = CategoryDocument.objects.filter(category__in=categories).select_related("document_type").order_by("sort_order")
    for link in links:
        doc = link.document_type
        required = link.required or (seen.get(doc.pk, (None, False))[1])
        seen[doc.pk] = (doc, required)
    documents = list(seen.values())
    _name_documents(doc for doc, _required in documents)
    return documents


def _name_documents(documents) -> None:
    """Give each document type its name in the reader's language (`local_name`), in one query for
    all of them: `DocumentType.localized` costs two queries per call."""
    from knowledge.selectors import localize_many

    documents = [doc for doc in documents if doc is not None]
    names = {key: row.name for key, row in localize_many({doc.pk: doc for doc in documents}.values()).items()}
    for doc in documents:
        doc.local_name = names.get(doc.translation_key, doc.name)


def _chosen_categories(data):
    """The categories ticked in a posted case form (canonical rows); ids that are not ids are ignored."""
    from knowledge.selectors import category_queryset

    return list(category_queryset().filter(pk__in=parse_ids(data.getlist("case-categories"))))


def _forms(request, user, case=None, perms=None, data=None, files=None):
    """The section forms the user may fill for this case (all of them for a new case). A data group's
    form is there only when the user may both see and change that group for this case."""
    perms = perms or {}
    new = case is None

    def may(perm):
        return new or perms.get(perm, False)

    may_person = may("change_justice_seeker") and may("view_justice_seeker")
    forms_ = {}
    if may("change_case"):
        forms_["case"] = CaseForm(data, files, user=user, instance=case, prefix="case", may_change_person=may_person)
    if data is not None and "case" in forms_ and "upazila" in forms_["case"].fields:
        upazila_id = parse_id(data.get("case-upazila"))
    else:
        upazila_id = case.upazila_id if case is not None else None
    if may_person:
        js = _seeker(case) if case else None
        if data is not None and "case" in forms_:
            filed_by = data.get("case-filed_by")
        else:
            filed_by = case.filed_by if case is not None else None
        forms_["justice_seeker"] = JusticeSeekerForm(data, instance=js, prefix="js", upazila_id=upazila_id,
                                                     on_behalf=filed_by == Case.FiledBy.ON_BEHALF)
    if may("change_perpetrator") and may("view_perpetrator"):
        rec = getattr(case, "recruitment", None) if case else None
        forms_["recruitment"] = RecruitmentForm(data, instance=rec, prefix="rec")
        forms_["perpetrators"] = PerpetratorFormSet(
            data, instance=case or Case(), prefix="perp", recruitment_form=forms_["recruitment"],
            queryset=case.perpetrators.all() if case else Perpetrator.objects.none(),
        )
    return forms_


def _all_valid(forms_) -> bool:
    return all([f.is_valid() for f in forms_.values()])  # list: validate every form, show every error


def _personal_groups_shown(forms_) -> list[str]:
    """The access-log actions for the personal data a case form shows (SPEC §6)."""
    shown = []
    case_form = forms_.get("case")
    if "justice_seeker" in forms_ or (case_form is not None and "description" in case_form.fields):
        shown.append(AccessLog.Action.VIEW_JUSTICE_SEEKER)
    if "perpetrators" in forms_ or "recruitment" in forms_:
        shown.append(AccessLog.Action.VIEW_PERPETRATOR)
    return shown


NO_ORGANISATION = gettext_lazy(
    "Your account belongs to no organisation, so a case cannot be saved under it. "
    "Ask the system administrator to add you to your organisation."
)
# Upload slots of the add form besides the checklist's file_<document id>.
OTHER_FILE, PRIOR_COMPLAINT_FILE = "other_file", "prior_complaint_file"


@login_required
def case_create(request):
    user = request.user
    if not user.has_perm("casework.add_case"):
        raise PermissionDenied(_("Your role cannot add cases."))
    if services.staff_profile(user) is None:  # the emergency superuser: a case needs an organisation
        return render(request, "casework/no_organisation.html", {"message": NO_ORGANISATION}, status=403)
    data = request.POST if request.method == "POST" else None
    forms_ = _forms(request, user, data=data, files=request.FILES if data else None)
    refresh = bool(data and data.get("refresh"))
    duplicates = []
    upload_errors: list[str] = []
    checklist_docs = _checklist_documents(_chosen_categories(data) if data is not None else [])
    slots = _upload_slots(checklist_docs)
    session = request.session
    token = (data.get("pending_uploads") or "")[:64] if data is not None else None
    if data is not None:
        uploads.pending_drop(session, token, set(data.getlist("pending_drop")))
        new_uploads = _collect_uploads(request, slots, upload_errors)
        if not refresh and _all_valid(forms_) and not upload_errors:
            js = forms_["justice_seeker"].instance
            case_data = forms_["case"].cleaned_data
            duplicates = find_duplicates(user=user, passport=js.passport_number, phone=js.phone, name=js.name,
                                         district=case_data.get("district"))
            if not duplicates or data.get("confirm_new") == "1":
                replaced = {slot for slot, _upload, _detected in new_uploads}
                kept = [f for f in uploads.pending_list(session, token) if f["slot"] in slots and f["slot"] not in replaced]
                try:
                    case = _save_new_case(user, forms_, checklist_docs, data, new_uploads, kept)
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                else:
                    uploads.pending_discard(session, token)
                    messages.success(request, _("Case %(number)s saved.") % {"number": case.case_number})
                    return redirect("casework:case_detail", pk=case.pk)
        if new_uploads:
            # Not saved yet (a duplicate to check, an answer to correct, a list to update): the files
            # that passed the checks are kept for the next step, so nobody has to send them again.
            token = uploads.pending_keep(session, token, new_uploads)
        if not refresh and (upload_errors or not all(f.is_valid() for f in forms_.values())):
            messages.error(request, _("Some answers need a correction. Nothing was saved yet. Please see the messages in red below."))
    kept_files = [f for f in uploads.pending_list(session, token) if f["slot"] in slots]
    return render(request, "casework/case_form.html", {
        "forms": forms_, "creating": True, "refresh": refresh, "duplicates": duplicates,
        "checklist_docs": checklist_docs, "upload_errors": upload_errors,
        "checked_docs": {str(pk) for pk in parse_ids(data.getlist("doc"))} if data else set(),
        "pending_token": token if kept_files else "", "kept_files": kept_files,
        "kept_slots": {f["slot"] for f in kept_files}, "kept_doc_ids": {_slot_document(f["slot"]) for f in kept_files},
        "entrant": _entrant(user),
    })


def _entrant(user) -> dict:
    """Who is entering the case, as the last step of the form shows it (from their profile)."""
    profile = services.staff_profile(user)
    return {
        "name": user.get_full_name() or user.get_username(),
        "designation": profile.designation if profile else "",
        "organisation": profile.organization.display_name if profile else "",
        "area": _area(profile.upazilas.select_related("district")) if profile else "",
    }


def _area(upazilas) -> str:
    """"Debidwar, Barura (Cumilla)": upazilas grouped under their district, in the reader's language."""
    by_district: dict = {}
    for upazila in upazilas:
        by_district.setdefault(upazila.district, []).append(upazila.name)
    return "; ".join(f"{', '.join(names)} ({district.name})" for district, names in by_district.items())


def _upload_slots(checklist_docs) -> set[str]:
    return {f"file_{doc.pk}" for doc, _required in checklist_docs} | {OTHER_FILE, PRIOR_COMPLAINT_FILE}


def _collect_uploads(request, slots, errors):
    """Check every uploaded file before anything is saved: [(slot, upload, Detected)]."""
    found = []
    for slot, upload in request.FILES.items():
        if slot not in slots:
            continue
        try:
            detected = validate_upload(upload)
        except ValidationError as exc:
            errors.append(f"{upload.name[:60]}: {' '.join(exc.messages)}")
            continue
        found.append((slot, upload, detected))
    return found


def _slot_document(slot: str) -> int | None:
    return parse_id(slot.removeprefix("file_")) if slot.startswith("file_") else None


@transaction.atomic
def _save_new_case(user, forms_, checklist_docs, data, new_uploads, kept):
    """The case, its parts, its checklist and its files, all or nothing."""
    case_form = forms_["case"]
    case = case_form.save(commit=False)
    perpetrators = [f.instance for f in forms_["perpetrators"].forms
                    if f.has_changed() and f.is_valid() and not f.cleaned_data.get("DELETE") and f.instance.name]
    opened = uploads.pending_open(kept)
    files = list(new_uploads) + opened
    ticked = set(parse_ids(data.getlist("doc"))) | {_slot_document(slot) for slot, _f, _d in files}
    checklist = [ChecklistItem(document_type=doc, available=doc.pk in ticked) for doc, _required in checklist_docs]
    if "assigned_to" not in case_form.changed_data and roles.has_role(user, roles.FIELD_COORDINATOR):
        case.assigned_to = user
    if any(slot == PRIOR_COMPLAINT_FILE for slot, _f, _d in files):
        case.prior_complaint_copy_kept = True
    stored = []
    try:
        case = services.case_create(
            user=user, case=case, categories=case_form.cleaned_data["categories"],
            sub_categories=case_form.cleaned_data.get("sub_categories") or [],
            expected_remedies=case_form.cleaned_data.get("expected_remedies") or [],
            justice_seeker=forms_["justice_seeker"].instance, recruitment=forms_["recruitment"].instance,
            perpetrators=perpetrators, checklist=checklist,
        )
        for slot, upload, detected in files:
            stored.append(services.attachment_add(
                case=case, user=user, upload=upload, detected=detected, document_type_id=_slot_document(slot),
                is_prior_complaint_copy=slot == PRIOR_COMPLAINT_FILE,
            ))
    except Exception:
        for attachment in stored:  # the rows roll back; their files must not stay behind
            attachment.file.delete(save=False)
        raise
    finally:
        for _slot, handle, _detected in opened:
            handle.close()
    return case


def _detail_queryset():
    return Case.objects.select_related(
        "organization", "division", "district", "upazila", "destination_country", "recruitment_process",
        "departure_route", "source", "entered_by", "advisor_sought", "assigned_to", "legal_aid_org", "result",
        "justice_seeker__union", "justice_seeker__marital_status", "justice_seeker__education",
        "justice_seeker__religion", "recruitment__agency",
    ).prefetch_related(
        "categories", "sub_categories", "expected_remedies", "perpetrators",
        Prefetch("entered_by_upazilas", queryset=Upazila.objects.select_related("district")),
        Prefetch("attachments", queryset=Attachment.objects.select_related("document_type", "uploaded_by")),
        Prefetch("checklist", queryset=ChecklistItem.objects.select_related("document_type")),
    )


@login_required
def case_detail(request, pk):
    user = request.user
    case = get_case_or_deny(request, pk, queryset=_detail_queryset())
    perms = perms_for(user, case)
    from knowledge.selectors import localize_many

    categories, subs = list(case.categories.all()), list(case.sub_categories.all())
    localized = localize_many(categories)
    category_names = [localized[c.translation_key].name for c in categories]
    localized_subs = localize_many(subs)  # one query, not one per sub-category
    sub_names = [localized_subs[s.translation_key].name for s in subs]
    checklist = list(case.checklist.all())
    # Every document type on the page (checklist, attachments, the advisory's missing list) named
    # in one query: the same instances are shown by the workflow sections.
    _name_documents([item.document_type for item in checklist] + [a.document_type for a in case.attachments.all()])
    attachments = list(case.attachments.all()) if perms["view_attachment"] else []
    for attachment in attachments:
        attachment.may_remove = user.has_perm("casework.remove_attachment", attachment)
    attached_types = {a.document_type_id for a in attachments}
    context = {
        "case": case, "perms_for_case": perms, "category_names": category_names, "sub_category_names": sub_names,
        "checklist": checklist, "attachments": attachments, "attached_types": attached_types,
        "justice_seeker": _seeker(case) if perms["view_justice_seeker"] else None,
        "recruitment": getattr(case, "recruitment", None) if perms["view_perpetrator"] else None,
        "perpetrators": list(case.perpetrators.all()) if perms["view_perpetrator"] else [],
        "attachment_form": AttachmentForm() if perms["add_attachment"] else None,
        "workflow_templates": WORKFLOW_SECTIONS,
        "entered_by_area": _area(case.entered_by_upazilas.all()),
    }
    context.update(detail_context(request, case))
    wf = context["wf"]
    # Edits and uploads join the workflow's history (casework.selectors.case_history_extra).
    extra = selectors.case_history_extra(case, attachments=attachments if perms["view_attachment"] else None)
    wf["timeline"] = sorted(wf["timeline"] + extra, key=lambda e: e["at"], reverse=True)
    shown = []
    if perms["view_justice_seeker"]:
        shown.append((AccessLog.Action.VIEW_JUSTICE_SEEKER, case))
    if perms["view_perpetrator"]:
        shown.append((AccessLog.Action.VIEW_PERPETRATOR, case))
    if perms["view_post_analysis"] and wf.get("post_analysis") is not None:
        shown.append((AccessLog.Action.VIEW_POST_ANALYSIS, case))
    access_log_record_many(user=user, entries=shown)
    return render(request, "casework/case_detail.html", context)


# The workflow sections of the detail page (casework/workflow_views.py fills their context).
WORKFLOW_SECTIONS = [f"casework/detail/{part}.html" for part in ("_advisory", "_actions", "_result", "_comments", "_timeline")]


@login_required
def case_edit(request, pk):
    user = request.user
    case = get_case_or_deny(request, pk, queryset=_detail_queryset())
    perms = perms_for(user, case)
    if not (perms["change_case"] or perms["change_justice_seeker"] or perms["change_perpetrator"]):
        raise PermissionDenied(_("You may not change this case now."))
    data = request.POST if request.method == "POST" else None
    forms_ = _forms(request, user, case=case, perms=perms, data=data)
    refresh = bool(data and data.get("refresh"))
    # The checklist goes with the categories (the case form): suggested documents of the categories
    # as posted (or as saved), plus the items the case already has.
    checklist_docs, checklist_rows, ticked = [], [], set()
    if "case" in forms_:
        categories = _chosen_categories(data) if data is not None else list(case.categories.all())
        checklist_docs = _checklist_documents(categories)
        items = {item.document_type_id: item for item in case.checklist.all()}
        _name_documents(item.document_type for item in items.values())
        suggested = {doc.pk for doc, _required in checklist_docs}
        checklist_rows = checklist_docs + [(item.document_type, False) for pk, item in items.items() if pk not in suggested]
        if data is not None:
            ticked = set(parse_ids(data.getlist("doc")))
        else:
            ticked = {pk for pk, item in items.items() if item.available}
        ticked |= {a.document_type_id for a in case.attachments.all() if a.document_type_id}
    if data is not None and not refresh:
        if _all_valid(forms_):
            case_update(user=user, case=case, forms=forms_,
                        checklist=(checklist_docs, ticked) if "case" in forms_ else None)
            messages.success(request, _("Changes saved."))
            return redirect("casework:case_detail", pk=case.pk)
        messages.error(request, _("Some answers need a correction. Nothing was saved yet. Please see the messages in red below."))
    access_log_record_many(user=user, entries=[(action, case) for action in _personal_groups_shown(forms_)],
                           detail="edit form")
    return render(request, "casework/case_form.html", {
        "forms": forms_, "creating": False, "case": case, "refresh": refresh, "checklist_docs": checklist_rows,
        "checked_docs": {str(pk) for pk in ticked},
        "attached_types": {a.document_type_id for a in case.attachments.all()},
    })


@login_required
@require_POST
def attachment_add(request, pk):
    case = get_case_or_deny(request, pk, perm="add_attachment")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        document_type = form.cleaned_data["document_type"]
        services.attachment_add(case=case, user=request.user, upload=form.cleaned_data["file"], detected=form.detected,
                                document_type_id=document_type.pk if document_type else None,
                                title=form.cleaned_data["title"],
                                is_prior_complaint_copy=form.cleaned_data["is_prior_complaint_copy"])
        messages.success(request, _("Document added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(reverse("casework:case_detail", kwargs={"pk": case.pk}) + "#documents")


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    """Remove a wrongly attached document (programme lead or uploader, while the case is in input)."""
    case = get_case_or_deny(request, pk)
    attachment = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise Http404(_("No such document."))
    attachment.case = case
    if not request.user.has_perm("casework.remove_attachment", attachment):
        raise PermissionDenied(_("Only the programme lead or the person who attached it may remove a document, "
                                 "and only while the case is a draft or returned for correction."))
    services.attachment_remove(user=request.user, attachment=attachment)
    messages.success(request, _("Document removed."))
    return redirect(reverse("casework:case_detail", kwargs={"pk": case.pk}) + "#documents")


@login_required
@require_GET
def attachment_download(request, pk, attachment_id):
    case = get_case_or_deny(request, pk, perm="view_attachment")
    attachment = Attachment.objects.filter(case=case, pk=attachment_id).first()
    if attachment is None:
        raise Http404(_("No such document."))
    access_log_record(user=request.user, action=AccessLog.Action.DOWNLOAD, case=case, detail=f"attachment {attachment.pk}")
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from storage. Please tell the system administrator."))
    response = FileResponse(handle, as_attachment=True, content_type=attachment.content_type,
                            filename=safe_filename(attachment.original_name, ALLOWED.get(attachment.content_type, "bin")))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def places(request):
    """Districts, upazilas or unions of a parent, for the form's quicker selects (public data)."""
    level = request.GET.get("level")
    parent = parse_id(request.GET.get("parent"))
    if parent is None or level not in {"upazila", "union"}:
        return HttpResponseBadRequest(_("Unknown place list."))
    rows = Union.objects.filter(upazila_id=parent) if level == "union" else Upazila.objects.filter(district_id=parent)
    return JsonResponse({"options": [{"id": r.pk, "name": r.name} for r in rows]})


AUDIT_PAGE_SIZE = 50


@login_required
def audit_log(request):
    """Changes (django-auditlog) and reads of personal data (AccessLog), by case, user and date."""
    if not request.user.has_perm("casework.view_audit_log"):
        raise PermissionDenied(_("Only the programme lead sees the audit log."))
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Some filters were not understood and are not used: see the messages below."))
    chosen = form.values() if form.is_bound else {"case": "", "user": "", "date": None}
    casework_types = ContentType.objects.filter(app_label="casework")
    changes = LogEntry.objects.filter(content_type__in=casework_types).select_related("actor", "content_type")
    reads = AccessLog.objects.select_related("user", "case")
    if chosen["case"]:
        case = Case.objects.filter(case_number=chosen["case"]).first()
        case_id = case.pk if case else -1
        changes = changes.filter(Q(content_type__model="case", object_pk=str(case_id)) | Q(additional_data__case_id=case_id))
        reads = reads.filter(case_id=case_id)
    if chosen["user"]:
        changes = changes.filter(actor__username=chosen["user"])
        reads = reads.filter(user__username=chosen["user"])
    if chosen["date"]:
        changes = changes.filter(timestamp__date=chosen["date"])
        reads = reads.filter(created_at__date=chosen["date"])
    changes_page = Paginator(changes.order_by("-timestamp", "-pk"), AUDIT_PAGE_SIZE).get_page(request.GET.get("cpage"))
    reads_page = Paginator(reads.order_by("-created_at", "-pk"), AUDIT_PAGE_SIZE).get_page(request.GET.get("rpage"))
    return render(request, "casework/audit_log.html", {
        "form": form if form.is_bound else AuditFilterForm(), "changes": changes_page, "reads": reads_page,
        # Page links keep the filters and the other list's page.
        "changes_query": _query_without(request, "cpage"), "reads_query": _query_without(request, "rpage"),
    })


def _query_without(request, name: str) -> str:
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()
