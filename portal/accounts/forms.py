from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    # One message for a wrong password and for an unknown user: never tell which.
    error_messages = {
        "invalid_login": _("The username or password is not right. Please try again. Both are case-sensitive."),
        "inactive": _("The username or password is not right. Please try again. Both are case-sensitive."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username")
        self.fields["password"].label = _("Password")
