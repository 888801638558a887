from .cases import (
    staff_user,
    CaseCategoryFactory,
    CaseFactory,
    DocumentTypeFactory,
    JusticeSeekerFactory,
    OrganizationFactory,
    PerpetratorFactory,
    RecruitmentFactory,
    StaffUserFactory,
    make_case,
)

__all__ = [
    "CaseCategoryFactory", "CaseFactory", "DocumentTypeFactory", "JusticeSeekerFactory", "OrganizationFactory",
    "PerpetratorFactory", "RecruitmentFactory", "StaffUserFactory", "make_case", "staff_user",
]
