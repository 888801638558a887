"""Password rules of the case-management SOP, with messages in both languages (through gettext)."""

from __future__ import annotations

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class ComplexityValidator:
    """At least one upper-case letter, one lower-case letter, one digit and one symbol (SOP: "Ch1ldProt8tion!").

    Bangla digits count as digits (str.isdigit), and any character that is neither a letter, a digit nor a
    space counts as a symbol, so people who type on a Bangla keyboard are not locked out of the rule.
    """

    def validate(self, password, user=None):
        problems = []
        if not any(c.isupper() for c in password):
            problems.append(ValidationError(_("The password needs at least one capital letter (A–Z)."),
                                            code="password_no_upper"))
        if not any(c.islower() for c in password):
            problems.append(ValidationError(_("The password needs at least one small letter (a–z)."),
                                            code="password_no_lower"))
        if not any(c.isdigit() for c in password):
            problems.append(ValidationError(_("The password needs at least one number (0–9)."),
                                            code="password_no_digit"))
        if not any(not c.isalnum() and not c.isspace() for c in password):
            problems.append(ValidationError(
                _("The password needs at least one symbol, for example %(examples)s.") % {"examples": "! @ # $ % & *"},
                code="password_no_symbol"))
        if problems:
            raise ValidationError(problems)

    def get_help_text(self):
        return _("Use at least one capital letter, one small letter, one number and one symbol such as ! or #.")


class PasswordHistoryValidator:
    """The last N passwords (default 5) cannot be used again; also records each new password's hash.

    Django calls password_changed() for every validator when a user with a new password is saved, which is
    where the history row (and so the date the password was set, for the 90-day rule) comes from.
    """

    def __init__(self, remember=5):
        self.remember = remember

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        from portal.accounts.models import PasswordHistory

        recent = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.remember]
        current = [user.password] if user.password and user.has_usable_password() else []
        for stored in [*current, *recent]:
            if check_password(password, stored):
                raise ValidationError(
                    ngettext(
                        "You used this password before. Choose one that is different from your last password.",
                        "You used this password before. Choose one that is different from your last %(count)d passwords.",
                        self.remember,
                    ) % {"count": self.remember},
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None or not user.password or not user.has_usable_password():
            return
        from portal.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        # Keep only what the rule needs: fewer old hashes to steal.
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[self.remember:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return ngettext(
            "You cannot use your last password again.",
            "You cannot use any of your last %(count)d passwords again.",
            self.remember,
        ) % {"count": self.remember}
