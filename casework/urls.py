from django.urls import path

from casework import views

app_name = "casework"


def _optional(module_path: str, attr: str):
    """A view provided by another module of the case system, if that module is installed."""
    import importlib

    try:
        return getattr(importlib.import_module(module_path), attr)
    except (ImportError, AttributeError):
        return None


urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("places/", views.places, name="places"),
    path("audit/", views.audit_log, name="audit_log"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/documents/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/documents/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
]

_export = _optional("casework.exports", "case_export_view")
if _export:
    urlpatterns.append(path("export/", _export, name="case_export"))
_packet = _optional("casework.packet", "packet_view")
if _packet:
    urlpatterns.append(path("<int:pk>/packet/", _packet, name="case_packet"))
_workflow = _optional("casework.urls_workflow", "urlpatterns")
if _workflow:
    urlpatterns += _workflow
