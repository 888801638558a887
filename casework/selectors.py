"""Reads: querysets already scoped to what the user may see.

`case_scope_q(user)` is the queryset twin of `rules.in_scope`: keep the two in step
(tests/casework/test_scope_parity.py checks every role against every demo case).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casework.models import Case
from casework.rules import _profile_org_id, assigned_upazila_ids
from portal import roles

NOTHING = Q(pk__in=[])


def case_scope_q(user) -> Q:
    """A Q object for the cases `user` may see (SPEC §1 scopes), OR-ed over the user's roles."""
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return Q()  # emergencies only; every case page they open is still access-logged
    mine = roles.user_roles(user)
    if roles.PROGRAMME_LEAD in mine:
        return Q()
    org_id = _profile_org_id(user)
    q = NOTHING
    if roles.FIELD_COORDINATOR in mine:
        q |= Q(assigned_to_id=user.pk)
        if org_id is not None:
            q |= Q(organization_id=org_id, upazila_id__in=list(assigned_upazila_ids(user)))
    if roles.PRIMARY_ADVISOR in mine and org_id is not None:
        q |= Q(organization_id=org_id)
    if roles.LEGAL_ADVISOR in mine:
        q |= Q(entered_by_id=user.pk)
        if org_id is not None:
            q |= Q(legal_aid_org_id=org_id)
    return q


def case_list(user) -> QuerySet[Case]:
    """Cases visible to the user, with what the list page shows (one query, no personal data)."""
    return (
        Case.objects.filter(case_scope_q(user))
        .select_related("district", "district__division", "organization", "destination_country")
        .prefetch_related("categories")
    )


def case_get(user, pk) -> Case | None:
    """The case if it exists and is in the user's scope, else None (the view answers 404)."""
    return Case.objects.filter(case_scope_q(user), pk=pk).first()
