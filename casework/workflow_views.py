"""Views of the workflow: the decision POST (SPEC §7), the actions and result surfaces, comments,
assignment, "my tasks" and notifications. Thin: rules decide, casework/workflow.py writes.

Answers: a case outside the user's scope is 404; in scope but not allowed is 403; an unknown
action, an action impossible in the case's state or invalid input is 400 with a message (a page
that keeps what the person wrote); never a 500.
"""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from casework import notifications as notes
from casework import timeliness, workflow
from casework.models import Case, Comment, ExternalReferral, FollowUp, Intervention, Notification, Referral, Transition
from casework.states import Status
from casework.workflow_forms import (
    AssignForm,
    CommentForm,
    ExternalReferralForm,
    FollowUpForm,
    InterventionForm,
    PostAnalysisForm,
    ReferenceNumberForm,
    ResultForm,
    TransitionForm,
)
from portal import roles


def _case_or_404(request, pk) -> Case:
    """The case, or 404 when it does not exist or is outside the user's scope (no hint it exists)."""
    case = Case.objects.select_related("advisor_sought__profile", "assigned_to", "entered_by").filter(pk=pk).first()
    if case is None or not request.user.has_perm("casework.view_case", case):
        raise Http404(_("No such case."))
    return case


def _back(case: Case, anchor: str = ""):
    return redirect(reverse("casework:case_detail", kwargs={"pk": case.pk}) + (f"#{anchor}" if anchor else ""))


def _refused(request, case: Case, message, *, note: str = "", status: int = 400):
    """The 400 page: the reason, what the person wrote (so it is not lost) and the way back."""
    return render(request, "casework/workflow/refused.html",
                  {"case": case, "message": message, "note": note}, status=status)


def _invalid(request, case: Case, form, title, action_url: str, anchor: str = ""):
    """A form with errors, on its own page (400), ready to correct and send again."""
    return render(request, "casework/workflow/form_page.html",
                  {"case": case, "form": form, "title": title, "action_url": action_url, "anchor": anchor}, status=400)


# --- The decision (SPEC §7) ------------------------------------------------------------------
@login_required
@require_POST
def case_transition(request, pk):
    case = _case_or_404(request, pk)
    form = TransitionForm(request.POST)
    note = (request.POST.get("note") or "")[: workflow.NOTE_MAX_LENGTH]
    if not form.is_valid():
        errors = "; ".join(f"{form.fields[k].label or k}: {' '.join(v)}" for k, v in form.errors.items())
        return _refused(request, case, errors, note=note)
    data = form.cleaned_data
    try:
        step = workflow.transition_apply(case=case, user=request.user, action=data["action"], note=data["note"],
                                         organization=data.get("organization"),
                                         reference_number=data.get("reference_number") or "")
    except workflow.TransitionDenied:
        raise
    except workflow.TransitionImpossible as exc:
        return _refused(request, case, exc.message, note=note)
    except ValidationError as exc:
        return _refused(request, case, " ".join(exc.messages), note=note)
    messages.success(request, _("Done: %(action)s. The case is now “%(state)s”.") % {
        "action": workflow.action_label(step.action), "state": case.get_status_display()})
    if not request.user.has_perm("casework.view_case", case):
        # e.g. a coordinator's case moved out of their hands: the case page would now be a 404.
        return redirect("casework:my_tasks")
    return _back(case)


# --- Small POST handlers: one form, one service ----------------------------------------------
def _handle(request, pk, *, form_class, perm, service, title, anchor, done_message, form_kwargs=None):
    case = _case_or_404(request, pk)
    if not request.user.has_perm(perm, case):
        raise PermissionDenied(_("Your role may not do this on this case."))
    form = form_class(request.POST, **(form_kwargs(case) if form_kwargs else {}))
    if not form.is_valid():
        return _invalid(request, case, form, title, request.path, anchor)
    try:
        service(case, form.cleaned_data)
    except workflow.TransitionDenied:
        raise
    except workflow.TransitionImpossible as exc:
        return _refused(request, case, exc.message)
    except ValidationError as exc:
        return _refused(request, case, " ".join(exc.messages))
    messages.success(request, done_message)
    return _back(case, anchor)


@login_required
@require_POST
def comment_add(request, pk):
    return _handle(request, pk, form_class=CommentForm, perm="casework.comment_case", title=_("Comment"),
                   anchor="comments", done_message=_("Comment added."),
                   service=lambda case, d: workflow.comment_add(case=case, user=request.user, body=d["body"]))


@login_required
@require_POST
def intervention_add(request, pk):
    return _handle(request, pk, form_class=InterventionForm, perm="casework.record_action", title=_("Intervention"),
                   anchor="actions", done_message=_("Intervention recorded."),
                   service=lambda case, d: workflow.intervention_add(case=case, user=request.user, type=d["type"],
                                                                     date=d["date"], note=d["note"]))


@login_required
@require_POST
def external_referral_add(request, pk):
    return _handle(request, pk, form_class=ExternalReferralForm, perm="casework.record_action",
                   title=_("External referral"), anchor="actions", done_message=_("External referral recorded."),
                   service=lambda case, d: workflow.external_referral_add(case=case, user=request.user, **d))


@login_required
@require_POST
def follow_up_add(request, pk):
    return _handle(request, pk, form_class=FollowUpForm, perm="casework.record_action", title=_("Follow-up"),
                   anchor="follow-ups", done_message=_("Follow-up recorded."),
                   service=lambda case, d: workflow.follow_up_add(case=case, user=request.user, **d))


@login_required
@require_POST
def follow_up_done(request, pk, follow_up_id):
    case = _case_or_404(request, pk)
    item = FollowUp.objects.filter(case=case, pk=follow_up_id).select_related("case").first()
    if item is None:
        raise Http404(_("No such follow-up."))
    if not request.user.has_perm("casework.record_action", case):
        raise PermissionDenied(_("Your role may not do this on this case."))
    try:
        workflow.follow_up_mark_done(follow_up=item, user=request.user)
    except workflow.TransitionImpossible as exc:
        return _refused(request, case, exc.message)
    messages.success(request, _("Marked as done."))
    return _back(case, "follow-ups")


@login_required
@require_POST
def referral_reference(request, pk, referral_id):
    case = _case_or_404(request, pk)
    referral = Referral.objects.filter(case=case, pk=referral_id).select_related("case").first()
    if referral is None:
        raise Http404(_("No such referral."))
    return _handle(request, pk, form_class=ReferenceNumberForm, perm="casework.record_action",
                   title=_("Reference number"), anchor="actions", done_message=_("Reference number saved."),
                   service=lambda case, d: workflow.referral_set_reference(referral=referral, user=request.user,
                                                                           reference_number=d["reference_number"]))


@login_required
@require_POST
def result_save(request, pk):
    return _handle(request, pk, form_class=ResultForm, perm="casework.record_result", title=_("Result"),
                   anchor="result", done_message=_("Result recorded."),
                   service=lambda case, d: workflow.case_record_result(
                       case=case, user=request.user, result=d["result"], favours=d["favours"],
                       result_date=d["result_date"], money_recovered=d["money_recovered"], detail=d["detail"],
                       note=d["note"]))


@login_required
@require_POST
def post_analysis_save(request, pk):
    return _handle(request, pk, form_class=PostAnalysisForm, perm="casework.change_post_analysis",
                   title=_("Post-analysis"), anchor="post-analysis", done_message=_("Post-analysis saved."),
                   form_kwargs=lambda case: {"case": case},
                   service=lambda case, d: workflow.post_analysis_save(case=case, user=request.user, **d))


@login_required
@require_POST
def case_assign(request, pk):
    return _handle(request, pk, form_class=AssignForm, perm="casework.assign_case", title=_("Assign a coordinator"),
                   anchor="advisory", done_message=_("Coordinator assigned."),
                   form_kwargs=lambda case: {"case": case},
                   service=lambda case, d: workflow.case_assign(case=case, user=request.user, assignee=d["assignee"],
                                                                note=d["note"]))


# --- The detail page's workflow sections ----------------------------------------------------
def _at(value) -> datetime:
    """A sortable aware datetime for a date or a datetime (dates sort at noon of their day)."""
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value, time(12)))


def _timeline(transitions, comments, interventions, follow_ups, external_referrals) -> list[dict]:
    """One history, newest first: workflow steps, comments, interventions, follow-ups, external referrals."""
    entries = []
    for t in transitions:
        entries.append({"at": t.created_at, "kind": "step", "who": t.actor, "title": workflow.action_label(t.action),
                        "text": t.note, "to_status": t.get_to_status_display(), "action": t.action})
    for c in comments:
        entries.append({"at": c.created_at, "kind": "comment", "who": c.author, "title": _("Comment"), "text": c.body})
    for i in interventions:
        entries.append({"at": _at(i.date), "kind": "intervention", "who": i.recorded_by, "title": i.type.name,
                        "text": i.note, "date_only": True})
    for f in follow_ups:
        text = f.update + (f"\n{_('Next')}: {f.next_action}" if f.next_action else "")
        entries.append({"at": _at(f.date), "kind": "follow_up", "who": f.recorded_by, "title": _("Follow-up"),
                        "text": text, "next_date": f.next_date, "date_only": True})
    for e in external_referrals:
        entries.append({"at": _at(e.date), "kind": "external", "who": e.created_by,
                        "title": _("Referred to %(name)s") % {"name": e.to_name}, "text": e.purpose, "date_only": True})
    entries.sort(key=lambda e: e["at"], reverse=True)
    return entries


def detail_context(request, case: Case) -> dict:
    """What the workflow sections of the case page need, in a constant number of queries (about 12)."""
    user = request.user
    may = {perm: user.has_perm(f"casework.{perm}", case) for perm in (
        "record_action", "comment_case", "record_result", "view_post_analysis", "change_post_analysis", "assign_case")}
    transitions = list(Transition.objects.filter(case=case).select_related("actor").order_by("created_at", "pk"))
    comments = list(Comment.objects.filter(case=case).select_related("author"))
    interventions = list(Intervention.objects.filter(case=case).select_related("type", "recorded_by"))
    referrals = list(Referral.objects.filter(case=case).select_related("created_by"))
    external = list(ExternalReferral.objects.filter(case=case).select_related("created_by"))
    follow_ups = list(FollowUp.objects.filter(case=case).select_related("recorded_by"))
    post_analysis = None
    if may["view_post_analysis"]:
        from casework.models import GapTag, PostAnalysis

        post_analysis = (PostAnalysis.objects.filter(case=case).select_related("author")
                         .prefetch_related(Prefetch("gaps", queryset=GapTag.objects.order_by("sort_order"))).first())
    actions = workflow.available_actions(user, case)
    durations = timeliness.expected_days()
    # The checklist is prefetched by the case page; a document counts as there if ticked or attached.
    attached = {a.document_type_id for a in case.attachments.all()} if user.has_perm("casework.view_attachment", case) else set()
    missing = [item for item in case.checklist.all() if not item.available and item.document_type_id not in attached]
    last_return = next((t for t in reversed(transitions) if t.action == "return"), None)
    open_ = case.status not in (Status.CLOSED, Status.DECLINED)
    pa_form = None
    if may["change_post_analysis"] and case.result_id:
        initial = {}
        if post_analysis:
            initial = {f: getattr(post_analysis, f) for f in ("analysis", "external_factors", "went_well", "went_wrong",
                                                              "case_study", "strategic_litigation")}
            initial["gaps"] = [g.pk for g in post_analysis.gaps.all()]
        pa_form = PostAnalysisForm(initial=initial, case=case)
    result_form = None
    if may["record_result"] and case.status in workflow.RESULT_SOURCES:
        initial = {}
        if case.result_id:
            initial = {"result": case.result_id, "detail": case.result_detail, "favours": case.result_favours_worker,
                       "money_recovered": case.money_recovered, "result_date": case.result_date}
        result_form = ResultForm(initial=initial)
    wf = {
        "actions": actions,
        "action_names": {a.name for a in actions},
        "transition_form": TransitionForm() if actions else None,
        "needs_org_choice": any(a.name == "forward" for a in actions),
        "missing_documents": missing,
        "last_return": last_return if case.status == Status.RETURNED else None,
        "is_overdue": timeliness.is_overdue(case, durations=durations),
        "due_at": timeliness.due_date(case, durations),
        "expected_days": durations.get(case.status),
        "may": may,
        "open": open_,
        "transitions": transitions,
        "comments": comments,
        "interventions": interventions,
        "referrals": referrals,
        "external_referrals": external,
        "follow_ups": follow_ups,
        "post_analysis": post_analysis,
        "timeline": _timeline(transitions, comments, interventions, follow_ups, external),
        "comment_form": CommentForm() if may["comment_case"] else None,
        "intervention_form": InterventionForm() if may["record_action"] and open_ else None,
        "external_form": ExternalReferralForm() if may["record_action"] and open_ else None,
        "follow_up_form": FollowUpForm() if may["record_action"] and open_ else None,
        "reference_form": ReferenceNumberForm() if may["record_action"] and open_ else None,
        "result_form": result_form,
        "post_analysis_form": pa_form,
        "assign_form": AssignForm(case=case) if may["assign_case"] else None,
        "today": timezone.localdate(),
    }
    return {"wf": wf}


# --- My tasks and notifications --------------------------------------------------------------
@login_required
@require_GET
def my_tasks(request):
    user = request.user
    if not (roles.user_roles(user) & roles.CASE_ROLES):
        raise PermissionDenied(_("Your role does not work with identified cases."))
    tasks = timeliness.my_tasks(user)
    return render(request, "casework/my_tasks.html", {
        **tasks, "caseload": timeliness.caseload(user),
        "notifications": notes.notification_list(user, limit=10),
    })


@login_required
@require_GET
def notification_list(request):
    return render(request, "casework/workflow/notifications.html",
                  {"notifications": notes.notification_list(request.user)})


@login_required
@require_POST
def notification_open(request, notification_id):
    """Mark one notification read and go to its case (POST: reading changes state)."""
    row = Notification.objects.filter(pk=notification_id, user=request.user).first()
    if row is None:
        raise Http404(_("No such notification."))
    if row.read_at is None:
        row.read_at = timezone.now()
        row.save(update_fields=["read_at"])
    return redirect("casework:case_detail", pk=row.case_id)


@login_required
@require_POST
def notifications_read_all(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    messages.success(request, _("All notifications marked as read."))
    return redirect("casework:notifications")
