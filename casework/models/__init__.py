from .actions import (
    Comment,
    ExternalReferral,
    FollowUp,
    Intervention,
    Notification,
    PostAnalysis,
    Referral,
    StateDuration,
    Transition,
)
from .audit import AccessLog
from .bilingual import BilingualName
from .case import Case, CaseNumberSequence
from .countries import Country
from .documents import Attachment, ChecklistItem
from .geography import District, Division, PlaceAlias, Union, Upazila
from .organisations import Organization, StaffProfile
from .people import Gender, JusticeSeeker, Perpetrator, Recruitment
from .reference import (
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

__all__ = [
    "AccessLog", "Attachment", "BilingualName", "Case", "CaseNumberSequence", "CaseSource", "ChecklistItem",
    "Comment", "Country", "DepartureRoute", "District", "Division", "EducationLevel", "ExternalReferral",
    "FollowUp", "GapTag", "Gender", "Intervention", "InterventionType", "JusticeSeeker", "MaritalStatus",
    "Notification", "Organization", "PlaceAlias", "Perpetrator", "PostAnalysis", "Recruitment",
    "RecruitingAgency", "RecruitmentProcess", "Referral", "Religion", "ResultType", "StaffProfile",
    "StateDuration", "Transition", "Union", "Upazila",
]
