"""Case list, add, detail, edit, attachments and the audit page. Thin: rules decide, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework import selectors
from casework.fields import ascii_digits, normalise_bd_mobile
from casework.filters import CaseFilter
from casework.forms import (
    AttachmentForm,
    CaseForm,
    JusticeSeekerForm,
    PerpetratorFormSet,
    PersonSearchForm,
    RecruitmentForm,
)
from casework.models import AccessLog, Attachment, Case, ChecklistItem, Perpetrator, Union, Upazila
from casework import services
from casework.services import access_log_record, case_update, find_duplicates
from casework.timeliness import overdue_q
from casework.workflow_views import detail_context
from casework.uploads import ALLOWED, safe_filename, validate_upload

CASE_PERMS = [
    "view_case", "change_case", "view_justice_seeker", "change_justice_seeker", "view_perpetrator",
    "change_perpetrator", "view_post_analysis", "change_post_analysis", "record_action", "comment_case",
    "view_attachment", "add_attachment", "review_case", "assign_case", "request_close", "close_case",
    "export_identified",
]
PAGE_SIZE = 25
SEARCH_SESSION_KEY = "casework_person_search"


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
            request.session[SEARCH_SESSION_KEY] = search_form.cleaned_data["term"]
            return redirect(reverse("casework:case_list") + "?person=1")
    elif request.GET.get("clear_person"):
        request.session.pop(SEARCH_SESSION_KEY, None)

    queryset = selectors.case_list(user).select_related("justice_seeker")
    person_term = request.session.get(SEARCH_SESSION_KEY) if request.GET.get("person") == "1" else None
    if person_term:
        queryset = queryset.filter(_person_q(person_term))
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
        case.may_see_person = user.has_perm("casework.view_justice_seeker", case)
    if person_term:
        access_log_record(user=user, action=AccessLog.Action.SEARCH, detail=f"person search; {paginator.count} results")
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "casework/case_list.html", {
        "filter": case_filter, "page": page, "rows": rows, "search_form": search_form,
        "person_search_active": bool(person_term), "querystring": query.urlencode(),
        "may_add": user.has_perm("casework.add_case"), "may_export": user.has_perm("casework.list_cases"),
    })


def _person_q(term: str) -> Q:
    term = term.strip()
    phone = normalise_bd_mobile(term)
    compact = ascii_digits(term).replace(" ", "").upper()
    q = Q(justice_seeker__name__icontains=term)
    if phone:
        q |= Q(justice_seeker__phone=phone) | Q(justice_seeker__last_used_phone=phone) | Q(justice_seeker__family_phone=phone)
    if compact.isalnum() and any(ch.isdigit() for ch in compact):
        q |= Q(justice_seeker__passport_number=compact)
    return q


def _checklist_documents(categories):
    """Documents the category matrix suggests for these categories: [(document_type, required)]."""
    from knowledge.models import CategoryDocument

    seen: dict[int, tuple] = {}
    links = CategoryDocument.objects.filter(category__in=categories).select_related("document_type").order_by("sort_order")
    for link in links:
        doc = link.document_type
        required = link.required or (seen.get(doc.pk, (None, False))[1])
        seen[doc.pk] = (doc, required)
    return list(seen.values())


def _forms(request, user, case=None, perms=None, data=None, files=None):
    """The section forms the user may fill for this case (all of them for a new case)."""
    perms = perms or {}
    new = case is None
    forms_ = {}
    if new or perms.get("change_case"):
        forms_["case"] = CaseForm(data, files, user=user, instance=case, prefix="case")
    upazila_id = None
    if data is not None:
        upazila_id = ascii_digits(data.get("case-upazila") or "") or None
    elif case is not None:
        upazila_id = case.upazila_id
    if new or perms.get("change_justice_seeker"):
        js = getattr(case, "justice_seeker", None) if case else None
        forms_["justice_seeker"] = JusticeSeekerForm(data, instance=js, prefix="js", upazila_id=upazila_id if str(upazila_id or "").isdigit() else None)
    if new or perms.get("change_perpetrator"):
        rec = getattr(case, "recruitment", None) if case else None
        forms_["recruitment"] = RecruitmentForm(data, instance=rec, prefix="rec")
        forms_["perpetrators"] = PerpetratorFormSet(
            data, instance=case or Case(), prefix="perp", recruitment_form=forms_["recruitment"],
            queryset=case.perpetrators.all() if case else Perpetrator.objects.none(),
        )
    return forms_


def _all_valid(forms_) -> bool:
    return all([f.is_valid() for f in forms_.values()])  # list: validate every form, show every error


@login_required
def case_create(request):
    user = request.user
    if not user.has_perm("casework.add_case"):
        raise PermissionDenied(_("Your role cannot add cases."))
    data = request.POST if request.method == "POST" else None
    forms_ = _forms(request, user, data=data, files=request.FILES if data else None)
    refresh = bool(data and data.get("refresh"))
    duplicates = []
    upload_errors: list[str] = []
    chosen_categories = []
    if data is not None:
        chosen_ids = [ascii_digits(v) for v in data.getlist("case-categories") if ascii_digits(v).isdigit()]
        from knowledge.selectors import category_queryset

        chosen_categories = list(category_queryset().filter(pk__in=chosen_ids))
    checklist_docs = _checklist_documents(chosen_categories)
    if data is not None and not refresh:
        uploads = _collect_uploads(request, checklist_docs, upload_errors)
        if _all_valid(forms_) and not upload_errors:
            js = forms_["justice_seeker"].instance
            case_data = forms_["case"].cleaned_data
            duplicates = find_duplicates(user=user, passport=js.passport_number, phone=js.phone, name=js.name,
                                         district=case_data.get("district"))
            if not duplicates or data.get("confirm_new") == "1":
                case = _save_new_case(user, forms_, checklist_docs, data, uploads)
                messages.success(request, _("Case %(number)s saved.") % {"number": case.case_number})
                return redirect("casework:case_detail", pk=case.pk)
        if upload_errors or not all(f.is_valid() for f in forms_.values()):
            messages.error(request, _("Some answers need a correction. Nothing was saved yet. Please see the messages in red below, and choose any files again."))
    return render(request, "casework/case_form.html", {
        "forms": forms_, "creating": True, "refresh": refresh, "duplicates": duplicates,
        "checklist_docs": checklist_docs, "upload_errors": upload_errors,
        "checked_docs": set(data.getlist("doc")) if data else set(),
    })


def _collect_uploads(request, checklist_docs, errors):
    """Validate every uploaded file before anything is saved."""
    uploads = []
    allowed_doc_ids = {str(doc.pk) for doc, _req in checklist_docs}
    for key, upload in request.FILES.items():
        doc_id = key.removeprefix("file_") if key.startswith("file_") else None
        if key not in ("other_file",) and not (doc_id and doc_id in allowed_doc_ids):
            continue
        try:
            detected = validate_upload(upload)
        except ValidationError as exc:
            errors.append(f"{upload.name[:60]}: {' '.join(exc.messages)}")
            continue
        uploads.append((int(doc_id) if doc_id else None, upload, detected))
    return uploads


@transaction.atomic
def _save_new_case(user, forms_, checklist_docs, data, uploads):
    case_form = forms_["case"]
    case = case_form.save(commit=False)
    perpetrators = [f.instance for f in forms_["perpetrators"].forms
                    if f.has_changed() and f.is_valid() and not f.cleaned_data.get("DELETE") and f.instance.name]
    ticked = set(data.getlist("doc"))
    uploaded_doc_ids = {doc_id for doc_id, _u, _d in uploads if doc_id}
    checklist = [ChecklistItem(document_type=doc, available=str(doc.pk) in ticked or doc.pk in uploaded_doc_ids)
                 for doc, _required in checklist_docs]
    if "assigned_to" not in case_form.changed_data and user.groups.filter(name="field_coordinator").exists():
        case.assigned_to = user
    case = services.case_create(
        user=user, case=case, categories=case_form.cleaned_data["categories"],
        sub_categories=case_form.cleaned_data.get("sub_categories") or [],
        expected_remedies=case_form.cleaned_data.get("expected_remedies") or [],
        justice_seeker=forms_["justice_seeker"].instance, recruitment=forms_["recruitment"].instance,
        perpetrators=perpetrators, checklist=checklist,
    )
    for doc_id, upload, detected in uploads:
        _store_attachment(case=case, user=user, upload=upload, detected=detected, document_type_id=doc_id)
    return case


def _store_attachment(*, case, user, upload, detected, document_type_id=None, title=""):
    attachment = Attachment(
        case=case, document_type_id=document_type_id, title=title, original_name=upload.name[:200],
        content_type=detected.content_type, size=detected.size, sha256=detected.sha256, uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:  # if the database write fails, the file must not stay behind
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def _detail_queryset():
    return Case.objects.select_related(
        "organization", "division", "district", "upazila", "destination_country", "recruitment_process",
        "departure_route", "source", "entered_by", "advisor_sought", "assigned_to", "legal_aid_org", "result",
        "justice_seeker__union", "justice_seeker__marital_status", "justice_seeker__education",
        "justice_seeker__religion", "recruitment__agency",
    ).prefetch_related(
        "categories", "sub_categories", "expected_remedies", "perpetrators",
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
    attachments = list(case.attachments.all()) if perms["view_attachment"] else []
    attached_types = {a.document_type_id for a in attachments}
    if perms["view_justice_seeker"]:
        access_log_record(user=user, action=AccessLog.Action.VIEW_JUSTICE_SEEKER, case=case)
    if perms["view_perpetrator"]:
        access_log_record(user=user, action=AccessLog.Action.VIEW_PERPETRATOR, case=case)
    context = {
        "case": case, "perms_for_case": perms, "category_names": category_names, "sub_category_names": sub_names,
        "checklist": checklist, "attachments": attachments, "attached_types": attached_types,
        "justice_seeker": getattr(case, "justice_seeker", None) if perms["view_justice_seeker"] else None,
        "recruitment": getattr(case, "recruitment", None) if perms["view_perpetrator"] else None,
        "perpetrators": list(case.perpetrators.all()) if perms["view_perpetrator"] else [],
        "attachment_form": AttachmentForm() if perms["add_attachment"] else None,
        "workflow_templates": WORKFLOW_SECTIONS,
    }
    context.update(detail_context(request, case))
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
    if data is not None and not refresh:
        if _all_valid(forms_):
            case_update(user=user, case=case, forms=forms_)
            messages.success(request, _("Changes saved."))
            return redirect("casework:case_detail", pk=case.pk)
        messages.error(request, _("Some answers need a correction. Nothing was saved yet. Please see the messages in red below."))
    return render(request, "casework/case_form.html", {
        "forms": forms_, "creating": False, "case": case, "refresh": refresh, "checklist_docs": [],
    })


@login_required
@require_POST
def attachment_add(request, pk):
    case = get_case_or_deny(request, pk, perm="add_attachment")
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with transaction.atomic():
            _store_attachment(case=case, user=request.user, upload=form.cleaned_data["file"], detected=form.detected,
                              document_type_id=form.cleaned_data["document_type"].pk if form.cleaned_data["document_type"] else None,
                              title=form.cleaned_data["title"])
            if form.cleaned_data["document_type"]:
                ChecklistItem.objects.update_or_create(case=case, document_type=form.cleaned_data["document_type"],
                                                       defaults={"available": True})
        messages.success(request, _("Document added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
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
    parent = ascii_digits(request.GET.get("parent", ""))
    if not parent.isdigit() or level not in {"upazila", "union"}:
        return HttpResponseBadRequest(_("Unknown place list."))
    rows = Union.objects.filter(upazila_id=parent) if level == "union" else Upazila.objects.filter(district_id=parent)
    return JsonResponse({"options": [{"id": r.pk, "name": r.name} for r in rows]})


@login_required
def audit_log(request):
    """Changes (django-auditlog) and reads of personal data (AccessLog), by case, user and date."""
    if not request.user.has_perm("casework.view_audit_log"):
        raise PermissionDenied(_("Only the programme lead sees the audit log."))
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from casework.fields import LocalDateField

    case_number = (request.GET.get("case") or "").strip().upper()
    username = (request.GET.get("user") or "").strip()
    day_field = LocalDateField(required=False)
    try:
        day = day_field.clean(request.GET.get("date") or "")
    except ValidationError:
        day = None
        messages.error(request, _("The date is not valid."))
    casework_types = ContentType.objects.filter(app_label="casework")
    changes = LogEntry.objects.filter(content_type__in=casework_types).select_related("actor", "content_type")
    reads = AccessLog.objects.select_related("user", "case")
    if case_number:
        case = Case.objects.filter(case_number=case_number).first()
        case_id = case.pk if case else -1
        changes = changes.filter(Q(content_type__model="case", object_pk=str(case_id)) | Q(additional_data__case_id=case_id))
        reads = reads.filter(case_id=case_id)
    if username:
        changes = changes.filter(actor__username=username)
        reads = reads.filter(user__username=username)
    if day:
        changes = changes.filter(timestamp__date=day)
        reads = reads.filter(created_at__date=day)
    changes_page = Paginator(changes.order_by("-timestamp"), 50).get_page(request.GET.get("cpage"))
    reads_page = Paginator(reads, 50).get_page(request.GET.get("rpage"))
    return render(request, "casework/audit_log.html", {
        "changes": changes_page, "reads": reads_page, "case_number": case_number, "username": username,
        "day": day,
    })
