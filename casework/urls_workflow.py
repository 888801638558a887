"""URL patterns of the workflow, added to casework/urls.py (namespace "casework")."""

from django.urls import path

from casework import workflow_views as views

urlpatterns = [
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:notification_id>/", views.notification_open, name="notification_open"),
    path("<int:pk>/transition/", views.case_transition, name="case_transition"),
    path("<int:pk>/assign/", views.case_assign, name="case_assign"),
    path("<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("<int:pk>/interventions/", views.intervention_add, name="intervention_add"),
    path("<int:pk>/external-referrals/", views.external_referral_add, name="external_referral_add"),
    path("<int:pk>/referrals/<int:referral_id>/reference/", views.referral_reference, name="referral_reference"),
    path("<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path("<int:pk>/follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/result/", views.result_save, name="result_save"),
    path("<int:pk>/post-analysis/", views.post_analysis_save, name="post_analysis_save"),
]
