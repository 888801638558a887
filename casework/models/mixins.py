class CasePartMixin:
    """Audit log entries of a case's parts carry the case id, so the audit page can find them by case."""

    def get_additional_data(self):
        return {"case_id": self.case_id}
