from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from wagtail.signals import page_published

        from .indexing import on_page_published

        # Index published pages at once, not only through the background worker (home/indexing.py).
        page_published.connect(on_page_published, dispatch_uid="protikar_index_on_publish")
