"""Who may do what with a case: the only place access is decided.

Predicates answer one question each and are safe with obj=None (they then say False, except the
pure role checks). Combined predicates build the scopes of SPEC §1; `rules.add_perm` ties them to
the permission codenames that views, templates, exports and downloads ask through
`user.has_perm(perm, case)`. `casework.selectors.case_scope_q` builds the same scopes as a queryset
filter; tests/casework/test_scope_parity.py holds the two together.
"""

import rules

from casework.states import EDITABLE_BY_COORDINATOR, ENDED, Status
from portal import roles


def _profile_org_id(user):
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return profile.organization_id if profile else None


def assigned_upazila_ids(user) -> frozenset[int]:
    """The upazilas a user is assigned to, cached on the user object for the request."""
    cached = getattr(user, "_protikar_upazilas", None)
    if cached is None:
        profile = getattr(user, "profile", None) if user.is_authenticated else None
        cached = frozenset(profile.upazilas.values_list("id", flat=True)) if profile else frozenset()
        user._protikar_upazilas = cached
    return cached


def _role(name):
    @rules.predicate(name=f"has_role_{name}")
    def check(user):
        return name in roles.user_roles(user)

    return check


is_field_coordinator = _role(roles.FIELD_COORDINATOR)
is_primary_advisor = _role(roles.PRIMARY_ADVISOR)
is_legal_advisor = _role(roles.LEGAL_ADVISOR)
is_programme_lead = _role(roles.PROGRAMME_LEAD)
is_meal_analyst = _role(roles.MEAL_ANALYST)
is_org_admin = _role(roles.ORG_ADMIN)
is_system_admin = _role(roles.SYSTEM_ADMIN)
is_content_editor = _role(roles.CONTENT_EDITOR)


@rules.predicate
def is_in_case_org(user, case):
    """The case is owned by the user's organisation."""
    return case is not None and case.organization_id is not None and case.organization_id == _profile_org_id(user)


@rules.predicate
def is_in_assigned_upazila(user, case):
    """The worker's upazila is one the user is assigned to."""
    return case is not None and case.upazila_id is not None and case.upazila_id in assigned_upazila_ids(user)


@rules.predicate
def is_assigned(user, case):
    """The case is assigned to the user (as its coordinator)."""
    return case is not None and case.assigned_to_id is not None and case.assigned_to_id == user.pk


@rules.predicate
def is_case_legal_aid_org(user, case):
    """The case was forwarded or referred to the user's (legal-aid) organisation."""
    return case is not None and case.legal_aid_org_id is not None and case.legal_aid_org_id == _profile_org_id(user)


@rules.predicate
def is_case_entrant(user, case):
    return case is not None and case.entered_by_id == user.pk


@rules.predicate
def is_editable_by_coordinator(user, case):
    """Draft or returned: the coordinator may still correct what they entered."""
    return case is not None and case.status in EDITABLE_BY_COORDINATOR


@rules.predicate
def is_ended(user, case):
    return case is not None and case.status in ENDED


@rules.predicate
def is_upazila_assigned(user, upazila):
    """`obj` is an Upazila here: one of the user's assigned upazilas."""
    return upazila is not None and upazila.pk in assigned_upazila_ids(user)


@rules.predicate
def is_attachment_uploader(user, attachment):
    return attachment is not None and attachment.uploaded_by_id == user.pk


@rules.predicate
def is_attachment_case_in_input(user, attachment):
    """The attachment's case is still being entered or corrected (draft or returned)."""
    return attachment is not None and attachment.case.status in EDITABLE_BY_COORDINATOR


@rules.predicate
def is_attachment_case_in_scope(user, attachment):
    return attachment is not None and in_scope.test(user, attachment.case)


@rules.predicate
def is_in_state_primary_review(user, case):
    return case is not None and case.status == Status.PRIMARY_REVIEW


@rules.predicate
def is_in_state_final_review(user, case):
    return case is not None and case.status == Status.FINAL_REVIEW


# --- Scopes (SPEC §1 "Need to know") ---------------------------------------------------------
coordinator_scope = is_field_coordinator & ((is_in_case_org & is_in_assigned_upazila) | is_assigned)
primary_scope = is_primary_advisor & is_in_case_org
legal_scope = is_legal_advisor & (is_case_legal_aid_org | is_case_entrant)
advisor_scope = primary_scope | legal_scope | is_programme_lead
in_scope = coordinator_scope | advisor_scope

# Coordinators correct personal data only while the case is with them (draft or returned).
coordinator_may_edit = coordinator_scope & is_editable_by_coordinator
may_edit_personal = (coordinator_may_edit | advisor_scope) & ~is_ended

has_case_role = is_field_coordinator | is_primary_advisor | is_legal_advisor | is_programme_lead

# --- Permissions -----------------------------------------------------------------------------
rules.add_perm("casework.view_case", in_scope)
rules.add_perm("casework.change_case", may_edit_personal)
rules.add_perm("casework.add_case", is_field_coordinator | is_legal_advisor | is_programme_lead)
# Where a new case may be entered (`obj` is the Upazila): coordinators in their assigned upazilas
# (SPEC §1); legal advisors (cases from district and national level) and the programme lead anywhere.
# casework.selectors.case_entry_upazilas is the same rule as a queryset (the form's choices).
# Advisors review and correct their organisation's cases wherever they are; only coordinators are
# held to the upazilas they are assigned to.
enters_cases_anywhere = is_primary_advisor | is_legal_advisor | is_programme_lead
rules.add_perm("casework.enter_cases_anywhere", enters_cases_anywhere)
rules.add_perm("casework.enter_case_in_upazila", enters_cases_anywhere | (is_field_coordinator & is_upazila_assigned))
rules.add_perm("casework.list_cases", has_case_role)
rules.add_perm("casework.view_justice_seeker", in_scope)
rules.add_perm("casework.change_justice_seeker", may_edit_personal)
rules.add_perm("casework.view_perpetrator", in_scope)
rules.add_perm("casework.change_perpetrator", may_edit_personal)
rules.add_perm("casework.view_post_analysis", advisor_scope)
rules.add_perm("casework.change_post_analysis", (legal_scope | is_programme_lead) & ~is_ended)
# Actions, follow-ups, comments and attachments: everyone on the case, while it is open.
rules.add_perm("casework.record_action", in_scope & ~is_ended)
rules.add_perm("casework.comment_case", in_scope)
rules.add_perm("casework.view_attachment", in_scope)
rules.add_perm("casework.add_attachment", may_edit_personal)
# Removing a wrongly attached document: the programme lead or whoever attached it, while the case is
# still in input (draft or returned), so nothing an advisor already relied on disappears. `obj` is the
# Attachment (the codename is not Django's delete_attachment, which the model backend also answers).
rules.add_perm(
    "casework.remove_attachment",
    is_attachment_case_in_scope & is_attachment_case_in_input & (is_programme_lead | is_attachment_uploader),
)
rules.add_perm("casework.review_case", advisor_scope)
rules.add_perm("casework.assign_case", (primary_scope | is_programme_lead) & ~is_ended)
rules.add_perm("casework.request_close", advisor_scope)
rules.add_perm("casework.close_case", legal_scope | is_programme_lead)
rules.add_perm("casework.export_identified", is_primary_advisor | is_legal_advisor | is_programme_lead)
rules.add_perm("casework.import_cases", is_programme_lead)
rules.add_perm("casework.view_audit_log", is_programme_lead)
rules.add_perm(
    "casework.view_reports",
    has_case_role | is_meal_analyst | is_org_admin,
)
# Identified figures (names, per-case rows) in reports: never for MEAL or org admins.
rules.add_perm("casework.view_identified_reports", has_case_role)
rules.add_perm("casework.manage_reference_lists", is_system_admin)

# --- Reports (casework/reports) ---------------------------------------------------------------
# The free-text parts of post-analyses (what went well or wrong, case studies) appear in reports
# only redacted, and only for the roles the SPEC §1 matrix lets see post-analyses (MEAL: anonymised
# text). Coordinators and org admins get the gap counts, never the text.
rules.add_perm(
    "casework.view_report_texts",
    is_primary_advisor | is_legal_advisor | is_programme_lead | is_meal_analyst,
)

# --- Workflow transitions (casework/workflow.py, SPEC §2.2 and §7) ------------------------------
# One permission per action. Each says WHO may take the action; whether the action is possible in
# the case's current state is casework.workflow's question (an impossible action answers 400, a
# refused one 403). Where the role depends on the state (return and refer_gmc are the primary
# advisor's in primary review but the legal advisor's in final review), the state is part of the rule.
# The primary advisor of the organisation that owns the case, or the programme lead.
primary_reviewer = primary_scope | is_programme_lead
# A legal advisor of the legal-aid NGO the case was forwarded to (or who entered it), or the programme lead.
final_reviewer = legal_scope | is_programme_lead
# Whoever entered the case, if they work on cases at all (legal advisors and the lead enter cases too).
entrant_with_case_role = is_case_entrant & has_case_role

rules.add_perm("casework.transition_submit", coordinator_scope | entrant_with_case_role)
rules.add_perm(
    "casework.transition_return",
    (is_in_state_primary_review & primary_reviewer) | (is_in_state_final_review & final_reviewer),
)
rules.add_perm("casework.transition_forward", primary_reviewer)
rules.add_perm(
    "casework.transition_refer_gmc",
    (is_in_state_primary_review & primary_reviewer) | (is_in_state_final_review & final_reviewer),
)
# BMET, WEWB and court: final advisory, escalations while in redress, new referrals after reopening.
rules.add_perm("casework.transition_refer_bmet", final_reviewer)
rules.add_perm("casework.transition_refer_wewb", final_reviewer)
rules.add_perm("casework.transition_refer_court", final_reviewer)
rules.add_perm("casework.transition_decline", final_reviewer)
rules.add_perm("casework.transition_request_close", advisor_scope)
rules.add_perm("casework.transition_approve_close", final_reviewer)
rules.add_perm("casework.transition_reopen", final_reviewer)
# Recording the result of the redress channel (moves the case to result_recorded): advisors on the case.
rules.add_perm("casework.record_result", advisor_scope & ~is_ended)
# Expected days per state (timeliness settings in the Wagtail admin): system admins only.
rules.add_perm("casework.view_stateduration", is_system_admin)
rules.add_perm("casework.change_stateduration", is_system_admin)

# --- Reference lists in the Wagtail admin: system admins keep them (SPEC §1) --------------------
for _model in ("casesource", "recruitmentprocess", "departureroute", "educationlevel", "religion", "maritalstatus",
               "interventiontype", "resulttype", "gaptag", "recruitingagency"):
    for _action in ("add", "change", "delete", "view"):
        rules.add_perm(f"casework.{_action}_{_model}", is_system_admin)
rules.add_perm("wagtailadmin.access_admin", is_system_admin | is_content_editor)
