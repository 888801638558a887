from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<uuid:pk>/columns/", views.mapping, name="mapping"),
    path("<uuid:pk>/run/", views.run, name="run"),
    path("<uuid:pk>/", views.progress, name="progress"),
    path("<uuid:pk>/status/", views.status, name="status"),
    path("<uuid:pk>/report.xlsx", views.report, name="report"),
]
