from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseImportsConfig(AppConfig):
    name = "casework.imports"
    label = "case_imports"
    verbose_name = _("Case imports")
    default_auto_field = "django.db.models.BigAutoField"
