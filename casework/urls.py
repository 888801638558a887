from django.urls import path

from casework import urls_workflow, views
from casework.exports import case_export_view
from casework.packet import packet_view

app_name = "casework"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("places/", views.places, name="places"),
    path("audit/", views.audit_log, name="audit_log"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/documents/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/documents/<int:attachment_id>/", views.attachment_download, name="attachment_download"),
    path("<int:pk>/documents/<int:attachment_id>/remove/", views.attachment_remove, name="attachment_remove"),
    path("export/", case_export_view, name="case_export"),
    path("<int:pk>/packet/", packet_view, name="case_packet"),
] + urls_workflow.urlpatterns
