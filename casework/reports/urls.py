from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("<slug:slug>/", views.ReportView.as_view(), name="report"),
    path("<slug:slug>/xlsx/", views.ReportExportView.as_view(), name="report_xlsx"),
]
