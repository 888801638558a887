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
        self._forget_cached_choices_on_change()

    @staticmethod
    def _forget_cached_choices_on_change():
        """An edit of a reference list drops its cached options and names (portal.widgets)."""
        from django.db.models.signals import post_delete, post_save

        from casework.models import Country, District, Division, Organization, ResultType, Upazila
        from knowledge.models import CaseCategory
        from portal.widgets import forget_choices

        def forget(sender, **kwargs):
            forget_choices(sender)

        for model in (Division, District, Upazila, Country, Organization, ResultType, CaseCategory):
            post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-choices-{model.__name__}")
            post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-choices-{model.__name__}")
