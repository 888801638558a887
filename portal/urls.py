from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from portal import health
from portal import views as portal_views

urlpatterns = [
    # SPEC §7: the bare / goes to Bangla, whatever the browser's Accept-Language or the language
    # cookie say (they still apply to prefixed URLs through the language switcher).
    path("", RedirectView.as_view(url=f"/{settings.LANGUAGE_CODE}/", query_string=True), name="root"),
    path("healthz", health.healthz, name="healthz"),  # load balancers: outside i18n, no redirect, no session
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("portal.accounts.urls")),
    path("staff/", portal_views.StaffHomeView.as_view(), name="staff_home"),
    path("search/", home_views.search, name="search"),
    path("cases/", include("casework.urls")),
    path("reports/", include("casework.reports.urls")),
    path("imports/", include("casework.imports.urls")),
    # Wagtail's page serving catches everything else, so it comes last.
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# The 500 page needs neither the database nor context processors (templates/500.html).
handler500 = home_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
