"""Shared by the browser tests: Debian's Chromium driven by Playwright, and a login with
the second factor through the real pages."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..conftest import PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed: scripts/test.sh installs it (apt-get install chromium)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield b
        b.close()


def code(user: Any) -> str:
    d = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(d.bin_key, step=d.step, t0=d.t0, digits=d.digits):06d}"


def login(page: Any, base: str, user: Any) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/accounts/otp/.*"))
    page.fill("#id_token", code(user))
    page.click("main button[type=submit]")


def page_as(browser: Any, base: str, user: Any) -> Any:
    """A page in a browser context of its own, logged in as ``user``: each person keeps
    their own session, as on separate machines."""
    page = browser.new_context().new_page()
    login(page, base, user)
    page.wait_for_load_state()
    return page


