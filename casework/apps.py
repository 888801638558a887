from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Case work")

    def ready(self):
        from django.db.models import Field

        from casework.audit import register_models
        from casework.bulk import AnyOf

        register_models()
        Field.register_lookup(AnyOf)
