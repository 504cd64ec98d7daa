"""Password, then second factor; enrolment on first login; lockout; short sessions."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.accounts.models import Role

from ...conftest import PASSWORD


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_login_asks_for_the_second_factor_before_any_case_page(caseworker: Any) -> None:
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    c = Client()
    r = c.post("/accounts/login/", {"username": caseworker.username, "password": PASSWORD})
    assert r.status_code == 302 and r["Location"].startswith("/accounts/otp/")
    assert c.get("/cases/").status_code == 302  # not yet
    r = c.post("/accounts/otp/", {"token": "000000" if _code(device) != "000000" else "111111"})
    assert r.status_code == 200 and "not valid" in r.content.decode()
    r = c.post("/accounts/otp/", {"token": _code(device)})
    assert r.status_code == 200 and "Too many wrong codes" in r.content.decode()  # throttled
    device.refresh_from_db()
    device.throttle_reset()  # as if the throttle delay had passed
    r = c.post("/accounts/otp/", {"token": _code(device)})
    assert r.status_code == 302
    assert c.get("/cases/").status_code == 200


def test_first_login_enrols_an_authenticator_with_a_qr_code(caseworker: Any) -> None:
    c = Client()
    c.post("/accounts/login/", {"username": caseworker.username, "password": PASSWORD})
    r = c.get("/accounts/otp/")
    assert "<svg" in r.content.decode()
    device = TOTPDevice.objects.get(user=caseworker)
    assert not device.confirmed
    c.post("/accounts/otp/", {"token": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert c.get("/cases/").status_code == 200


@pytest.mark.parametrize("role", Role.values)
def test_every_role_needs_the_second_factor(role: str, users: dict[str, Any]) -> None:
    assert users[role].needs_second_factor


def test_account_locks_after_five_failed_passwords(caseworker: Any) -> None:
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        c.post("/accounts/login/", {"username": caseworker.username, "password": "wrong"})
    r = c.post("/accounts/login/", {"username": caseworker.username, "password": PASSWORD})
    assert r.status_code == 429
    assert "locked" in r.content.decode().lower()


def test_production_hashing_is_argon2_and_sessions_are_short() -> None:
    import wayhome.web.settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert prod.SESSION_COOKIE_AGE <= 30 * 60
    assert prod.SESSION_SAVE_EVERY_REQUEST  # idle timeout, not absolute
    assert any(v["NAME"].endswith("MinimumLengthValidator") for v in prod.AUTH_PASSWORD_VALIDATORS)


def test_next_parameter_cannot_redirect_off_site(caseworker: Any) -> None:
    device = TOTPDevice.objects.create(user=caseworker, name="phone", confirmed=True)
    c = Client()
    c.post("/accounts/login/", {"username": caseworker.username, "password": PASSWORD})
    r = c.post("/accounts/otp/", {"token": _code(device), "next": "https://evil.example/"})
    assert r["Location"] == "/"
