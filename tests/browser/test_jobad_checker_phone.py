"""On a phone-sized screen (390x844, touch), a logged-out visitor pastes a job ad into the
public checker, sees the risk and the flags, nothing is wider than the screen, and the
page switches language from its own language links."""

from __future__ import annotations

import os
from typing import Any

import pytest

from ..apps.prevention.conftest import SCAM_AD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}


def _shot(page: Any, name: str) -> None:
    """Full-page screenshots for a human look, when WAYHOME_SCREENSHOTS names a folder."""
    folder = os.environ.get("WAYHOME_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"jobad-checker-{name}.png"), full_page=True)


def _fits(page: Any) -> bool:
    return bool(page.evaluate(
        "document.documentElement.scrollWidth <= window.innerWidth"))


def test_a_visitor_checks_an_ad_on_a_phone_and_switches_language(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/check-an-ad/?lang=en")
    assert page.locator("h1").inner_text() == "Check a job ad"
    assert _fits(page)

    page.fill("textarea[name=text]", SCAM_AD + " " + "https://example.org/" + "x" * 120)
    page.select_option("select[name=country]", "PHL")
    page.click("form.adcheck-form button[type=submit]")
    page.wait_for_selector("#result")

    assert page.locator(".risk-badge").inner_text() == "High risk"
    assert page.locator(".adcheck-flag").count() >= 2
    assert page.locator(".adcheck-text mark").count() >= 2
    assert page.locator("#country-PHL[open]").count() == 1
    assert page.locator('#country-PHL a[href="tel:1343"]').is_visible()
    assert _fits(page), "the result page scrolls sideways on a phone"
    _shot(page, "result-en")

    page.click('.adcheck-langs a[hreflang="id"]')
    page.wait_for_selector('html[lang="id"]')
    assert page.locator("h1").inner_text() != "Check a job ad"
    assert _fits(page)
    page.fill("textarea[name=text]", SCAM_AD)
    page.click("form.adcheck-form button[type=submit]")
    page.wait_for_selector("#result")
    assert page.locator('html[lang="id"]').count() == 1
    assert page.locator(".risk-badge").inner_text() != "High risk"
    assert _fits(page)
    _shot(page, "result-id")
    cookies = {c["name"] for c in context.cookies()}
    assert "sessionid" not in cookies
    context.close()
