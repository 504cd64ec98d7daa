"""In a real Chromium: log in with a second factor, register, consent, screen, decide;
then log in as an immigration liaison and see only the protection status."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.accounts.models import Role

from .conftest import login as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_worker_identifies_and_liaison_sees_only_protection(
    browser: Any, live_server: Any, make_user: Any
) -> None:
    worker = make_user(Role.CASE_WORKER)
    liaison = make_user(Role.ENFORCEMENT_LIAISON)
    for u in (worker, liaison):
        TOTPDevice.objects.create(user=u, name="phone", confirmed=True)
    base = live_server.url
    page = browser.new_page()

    _login(page, base, worker)
    page.wait_for_url(base + "/cases/")
    page.click("text=Register a person >> nth=-1")
    page.fill("#id_given_name", "Kyaw Zin")
    page.fill("#id_family_name", "Oo")
    page.select_option("#id_nationality", "MMR")
    page.check("input[name=languages][value=my]")
    page.fill("#id_age_years", "27")
    page.check("#id_interpreter_needed")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/MMR-|.*/cases/THA-"))
    case_number = page.locator("h1").inner_text().split()[-1]
    assert "Kyaw Zin" in page.content()

    page.click("text=Record consent or its withdrawal")
    page.select_option("#id_purpose", "services")
    page.check("input[name=granted][value=yes]")
    page.click("main button[type=submit]")
    assert "Consent recorded" in page.content()

    page.select_option("#person_language", "my")
    page.click("text=Start a screening interview")
    # Questions appear in the worker's language and the person's language side by side.
    page.wait_for_selector("fieldset.question")
    assert page.locator("[lang=my]").count() > 0
    first = page.url
    page.locator("input[type=radio][value=yes]").first.check()
    page.click("button[name=save_exit]")  # save and come back later
    page.wait_for_url(re.compile(r".*/cases/.*"))
    page.goto(first)
    assert page.locator("input[type=radio][value=yes]").first.is_checked()
    while "/assessment/" not in page.url:
        for radio in page.locator("input[type=radio][value=yes]").all():
            radio.check()
        page.click("button[name=save_next]")
        page.wait_for_load_state()
    assert "Reasonable grounds" in page.locator("#recommended").inner_text()
    assert page.locator("#actions li").count() > 0
    page.select_option("#level", "reasonable_grounds")
    page.fill("#reason", "Indicators of act, means and purpose; forced to run scams at KK Park.")
    page.click("text=Record the decision")
    page.wait_for_url(re.compile(r".*/cases/.*"))
    assert "Under protection" in page.content()
    page.click("text=Log out")

    _login(page, base, liaison)
    page.wait_for_url(base + "/protection/")
    page.fill("#id_case_number", case_number)
    page.click("main button[type=submit]")
    status = page.locator("#status").inner_text()
    assert "Protected" in status
    assert "Do not deport" in status
    html = page.content()
    for private in ("Kyaw Zin", "Oo</", "KK Park", "forced to run scams"):
        assert private not in html
    # And the liaison cannot open the case itself.
    response = page.goto(f"{base}/cases/{case_number}/")
    assert response is not None and response.status == 403
    page.close()
