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
        """An edit of a reference list drops its cached options and names (portal.widgets); so does
        a migration, which may change the lists without a signal."""
        from django.db.models.signals import post_delete, post_migrate, post_save

        from casework.reference_cache import cached_models, forget_all
        from portal.widgets import forget_choices

        def forget(sender, **kwargs):
            forget_choices(sender)

        for model in cached_models():
            post_save.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-choices-{model.__name__}")
            post_delete.connect(forget, sender=model, weak=False, dispatch_uid=f"forget-choices-{model.__name__}")
        post_migrate.connect(lambda **kwargs: forget_all(), weak=False, dispatch_uid="forget-choices-migrate")
