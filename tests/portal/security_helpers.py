"""Helpers shared by the security tests (tests/portal/test_accounts_*.py and test_security*.py)."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import DEMO_PASSWORD

STRONG = "Nodi-Jol-2026!"


def sign_in(client, username, password=DEMO_PASSWORD, lang="en", **extra):
    return client.post(f"/{lang}/accounts/login/", {"username": username, "password": password}, **extra)


def totp_token(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def add_totp(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def link_from_mail(body: str) -> str:
    match = re.search(r"https?://[^\s]+/accounts/invitation/[^\s]+/", body)
    assert match, body
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def user(username):
    return get_user_model().objects.get(username=username)
