"""django-auditlog on every casework model: who changed what, when (SPEC §6)."""

from auditlog.registry import auditlog


def register_models() -> None:
    from casework import models as m

    auditlog.register(m.Case, m2m_fields={"categories", "sub_categories", "expected_remedies"})
    for model in (m.JusticeSeeker, m.Recruitment, m.Perpetrator, m.ChecklistItem, m.Attachment, m.Transition,
                  m.Comment, m.Intervention, m.Referral, m.ExternalReferral, m.FollowUp, m.PostAnalysis,
                  m.StateDuration, m.Organization, m.StaffProfile, m.CaseSource, m.RecruitmentProcess,
                  m.DepartureRoute, m.EducationLevel, m.Religion, m.MaritalStatus, m.InterventionType,
                  m.ResultType, m.GapTag, m.RecruitingAgency):
        auditlog.register(model)
