"""Which cases a user's reports count, and whether the figures must be anonymised (SPEC §1, reports row).

Why this is not `casework.selectors.case_scope_q`: that one decides which *identified* cases a
person may open, case by case. Reports only ever show counts, so the SPEC gives them a wider, area-
or programme-level scope: a legal advisor opens only the cases forwarded to their organisation but
counts the whole programme; a field coordinator counts every case in their upazilas (whichever
partner holds it), plus the cases assigned to them. The anonymised roles (MEAL, org admin) see no
case at all, yet count the programme or their organisation with small numbers suppressed.

| role               | report scope                                   | figures     |
|--------------------|------------------------------------------------|-------------|
| field_coordinator  | cases in their assigned upazilas, or assigned to them | identified |
| primary_advisor    | cases of their organisation                    | identified  |
| legal_advisor      | all cases (programme)                          | identified  |
| programme_lead     | all cases (programme)                          | identified  |
| meal_analyst       | all cases (programme)                          | anonymised  |
| org_admin          | cases of their organisation                    | anonymised  |

A person with several roles gets the union. If an anonymised role widens what their identified
roles already cover (a coordinator who is also MEAL analyst), the whole report is anonymised: the
stricter treatment wins, because one page cannot mix suppressed and unsuppressed cells of the same
table without letting the unsuppressed ones reveal the others.

"Identified" here still means aggregate: no report shows names, contacts, passports or documents to
anyone. It means small counts are shown as they are, and case studies carry their case numbers,
for the cases whose post-analysis the reader may open (texts.py asks rules.py per case). What the
anonymised roles see is decided in suppression.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.rules import _profile_org_id, assigned_upazila_ids
from casework.selectors import NOTHING
from portal import roles


@dataclass(frozen=True)
class ReportScope:
    q: Q  # filter over casework.Case
    anonymised: bool
    label: str  # what the figures cover, for the page and the export

    @property
    def is_empty(self) -> bool:
        return self.q == NOTHING


def _identified_q(user, mine) -> tuple[Q, bool]:
    """The union of the identified roles' scopes, and whether it is the whole programme."""
    if user.is_superuser or mine & {roles.PROGRAMME_LEAD, roles.LEGAL_ADVISOR}:
        return Q(), True
    org_id = _profile_org_id(user)
    q = NOTHING
    if roles.FIELD_COORDINATOR in mine:
        q |= Q(assigned_to_id=user.pk)
        upazilas = sorted(assigned_upazila_ids(user))
        if upazilas:
            q |= Q(upazila_id__in=upazilas)
    if roles.PRIMARY_ADVISOR in mine and org_id is not None:
        q |= Q(organization_id=org_id)
    return q, False


def report_scope(user) -> ReportScope:
    """The cases `user`'s reports count (see the module docstring for the table)."""
    if not user.is_authenticated or not user.is_active:
        return ReportScope(NOTHING, True, "")
    mine = roles.user_roles(user)
    org_id = _profile_org_id(user)
    identified, whole_programme = _identified_q(user, mine)

    anonymised_q = NOTHING
    if roles.MEAL_ANALYST in mine:
        anonymised_q = Q()
    elif roles.ORG_ADMIN in mine and org_id is not None:
        anonymised_q = Q(organization_id=org_id)

    if anonymised_q == NOTHING:
        label = _("All cases in the programme") if whole_programme else _scope_label(mine)
        return ReportScope(identified, False, label)
    # Does an identified role already cover what the anonymised role adds?
    covered = whole_programme or (
        roles.MEAL_ANALYST not in mine and roles.PRIMARY_ADVISOR in mine and org_id is not None
    )
    if covered:
        label = _("All cases in the programme") if whole_programme else _scope_label(mine)
        return ReportScope(identified, False, label)
    union = Q() if (anonymised_q == Q() or identified == Q()) else (identified | anonymised_q)
    label = _("All cases in the programme (anonymised)") if union == Q() else _("Cases of your organisation (anonymised)")
    return ReportScope(union, True, label)


def _scope_label(mine) -> str:
    if roles.PRIMARY_ADVISOR in mine:
        return _("Cases of your organisation")
    if roles.FIELD_COORDINATOR in mine:
        return _("Cases in your upazilas and cases assigned to you")
    return _("No cases")
