from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("logout/everywhere/", views.SignOutEverywhereView.as_view(), name="sign_out_everywhere"),
    path("session/", views.SessionStatusView.as_view(), name="session_status"),
    path("me/", views.AccountView.as_view(), name="account"),
    # passwords
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/expired/", views.PasswordExpiredView.as_view(), name="password_expired"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # invitations and users
    path("invitation/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation_accept"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/invite/", views.InviteView.as_view(), name="invite"),
    path("users/<int:pk>/role/", views.ChangeRoleView.as_view(), name="change_role"),
    path("users/<int:pk>/deactivate/", views.DeactivateView.as_view(), name="deactivate"),
    path("users/<int:pk>/resend/", views.ResendInvitationView.as_view(), name="resend_invitation"),
    path("users/<int:pk>/unlock/", views.UnlockView.as_view(), name="unlock"),
    # code of conduct
    path("code-of-conduct/", views.CodeOfConductView.as_view(), name="code_of_conduct"),
    path("code-of-conduct/edit/", views.CodeOfConductEditView.as_view(), name="code_of_conduct_edit"),
    # two-factor login
    path("two-factor/setup/", views.OTPSetupView.as_view(), name="otp_setup"),
    path("two-factor/verify/", views.OTPVerifyView.as_view(), name="otp_verify"),
    path("two-factor/backup-codes/", views.BackupCodesView.as_view(), name="backup_codes"),
]
