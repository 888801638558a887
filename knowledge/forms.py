"""Admin form of the case category: a sub-category that cases use cannot be removed from it."""

from wagtail.admin.forms import WagtailAdminModelForm

from .protection import cases_using, in_use_message


class CaseCategoryAdminForm(WagtailAdminModelForm):
    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("sub_categories") if valid else None
        for form in getattr(formset, "deleted_forms", []):
            sub = form.instance
            cases = cases_using(sub) if sub.pk else None
            count = cases.count() if cases is not None else 0
            if count:
                self.add_error(None, in_use_message(sub, count))
                valid = False
        return valid
