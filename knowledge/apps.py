from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge base")

    def ready(self):
        from django.db.models.signals import post_save, pre_delete

        from . import protection
        from .models import CaseCategory, ExpectedRemedy, RedressChannel, SubCategory

        # A channel page's search text includes its channel's facts: index it again when they change.
        post_save.connect(_reindex_channel_pages, sender=RedressChannel, dispatch_uid="protikar_reindex_channel")
        # Rows that cases use cannot be deleted (knowledge/protection.py).
        for model in (CaseCategory, SubCategory, ExpectedRemedy):
            pre_delete.connect(protection.refuse_delete_in_use, sender=model, dispatch_uid=f"protikar_protect_{model.__name__}")


def _reindex_channel_pages(sender, instance, raw=False, **kwargs):
    if raw:
        return
    from home.indexing import index_now

    for page in instance.pages.all():
        index_now(page)
