"""Casework lists and settings in the Wagtail admin (/cms/). Shared file: add viewsets with targeted edits.

Every ModelViewSet model gets a permission policy registered first thing (Wagtail 8 refuses a
viewset whose model fell back to the default policy). The policies ask `user.has_perm`, which
django-rules answers from casework/rules.py, so access is still decided there.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from casework.models import StateDuration

# Timeliness settings (SPEC §2.5): view and change for system admins (rules.py); no add or delete,
# there is one row per state and the code's defaults stand in for a missing one.
register_permission_policy(StateDuration, ModelPermissionPolicy(StateDuration))


class StateDurationViewSet(ModelViewSet):
    model = StateDuration
    icon = "time"
    menu_label = _("Expected days per state")
    add_to_admin_menu = True
    form_fields = ["expected_days"]
    list_display = [Column("status", accessor="get_status_display", label=_("state")), "expected_days"]
    ordering = ["status"]


@hooks.register("register_admin_viewset")
def register_state_duration_viewset():
    return StateDurationViewSet("state_durations")


# --- Reference lists (SPEC §2.1; editable by system_admin) -----------------------------------
from wagtail.admin.viewsets.model import ModelViewSetGroup  # noqa: E402

from casework.models import (  # noqa: E402
    CaseSource,
    DepartureRoute,
    EducationLevel,
    GapTag,
    InterventionType,
    MaritalStatus,
    RecruitingAgency,
    RecruitmentProcess,
    Religion,
    ResultType,
)

REFERENCE_MODELS = [CaseSource, RecruitmentProcess, DepartureRoute, EducationLevel, Religion, MaritalStatus,
                    InterventionType, ResultType, GapTag]
for _model in REFERENCE_MODELS + [RecruitingAgency]:
    register_permission_policy(_model, ModelPermissionPolicy(_model))


def _reference_viewset(model):
    fields = ["code", "name_bn", "name_en", "sort_order", "is_active", "needs_detail"]
    if model is GapTag:
        fields.append("kind")
    return type(
        f"{model.__name__}ViewSet",
        (ModelViewSet,),
        {
            "model": model, "icon": "list-ul", "form_fields": fields, "ordering": ["sort_order", "name_en"],
            "list_display": ["name_bn", "name_en", "code", "is_active"], "search_fields": ["name_bn", "name_en", "code"],
        },
    )


class RecruitingAgencyViewSet(ModelViewSet):
    model = RecruitingAgency
    icon = "group"
    form_fields = ["name_bn", "name", "licence_number", "address", "phone", "is_active"]
    list_display = ["name_bn", "name", "licence_number", "is_active"]
    search_fields = ["name_bn", "name", "licence_number"]


class ReferenceListGroup(ModelViewSetGroup):
    menu_label = _("Case lists")
    menu_icon = "list-ul"
    items = [_reference_viewset(m) for m in REFERENCE_MODELS] + [RecruitingAgencyViewSet]


@hooks.register("register_admin_viewset")
def register_reference_lists():
    return ReferenceListGroup()
