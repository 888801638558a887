"""Accounts: invitations, the code of conduct, password history and the sessions each user has open."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal import roles


def hash_token(token: str) -> str:
    # Only a hash is stored: someone who reads the database (or a backup) cannot use a pending link.
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time link with which an invited person sets their first password.

    The user account is created (inactive, with no usable password) when the invitation is made, so the
    administrator sees it in the user list at once; it becomes active only when the link is used.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=40, choices=[(k, v) for k, v in roles.ROLE_LABELS.items()])
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def issue(cls, user, role: str, created_by) -> tuple[Invitation, str]:
        """Create an invitation and return it with the raw token (shown only in the e-mailed link).

        Earlier pending invitations of the same user are revoked, so only the newest link works.
        """
        now = timezone.now()
        cls.objects.filter(user=user).pending().update(revoked_at=now)
        token = secrets.token_urlsafe(32)
        hours = getattr(settings, "INVITATION_VALID_HOURS", 72)
        invitation = cls.objects.create(
            user=user,
            role=role,
            token_hash=hash_token(token),
            created_by=created_by,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token: str) -> Invitation | None:
        if not token or len(token) > 100:
            return None
        return cls.objects.pending().select_related("user").filter(token_hash=hash_token(token)).first()


class CodeOfConduct(models.Model):
    """One published version of the confidentiality code. A new version means everyone accepts again."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title_en = models.CharField(_("title in English"), max_length=200)
    title_bn = models.CharField(_("title in Bangla"), max_length=200)
    text_en = models.TextField(_("text in English"))
    text_bn = models.TextField(_("text in Bangla"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("code of conduct")
        verbose_name_plural = _("codes of conduct")

    def __str__(self) -> str:
        return f"{self.title_en} v{self.version}"

    @classmethod
    def current(cls) -> CodeOfConduct | None:
        return cls.objects.order_by("-version").first()

    @property
    def title(self) -> str:
        return self.title_bn if (get_language() or "bn").startswith("bn") else self.title_en

    @property
    def text(self) -> str:
        return self.text_bn if (get_language() or "bn").startswith("bn") else self.text_en


class CodeOfConductAcceptance(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conduct_acceptances")
    code = models.ForeignKey(CodeOfConduct, on_delete=models.PROTECT, related_name="acceptances")
    version = models.PositiveIntegerField(_("version"))
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        ordering = ["-accepted_at"]
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_acceptance_per_version")]
        verbose_name = _("code of conduct acceptance")
        verbose_name_plural = _("code of conduct acceptances")

    def __str__(self) -> str:
        return f"{self.user_id} v{self.version}"


class PasswordHistory(models.Model):
    """Hashes of a user's recent passwords, newest first: the reuse rule and the 90-day age read them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=256)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("password history entry")
        verbose_name_plural = _("password history")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class UserSession(models.Model):
    """The session keys a user signed in with, so "sign out everywhere" and deactivation can end them all.

    Looking sessions up by user this way works with any session engine (database, cache, Redis), which a
    scan of django_session would not.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracked_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
