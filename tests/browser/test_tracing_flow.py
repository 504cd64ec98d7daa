"""In a real Chromium: a tracer takes a family report written in Thai script with the
family's consent, finds the person registered in Latin letters, confirms; the case
worker asks the person, who agrees; the tracer then sees the contact route only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services

from .conftest import page_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_a_thai_family_report_is_matched_confirmed_and_disclosed_only_with_consent(
    browser: Any, live_server: Any, users: dict[str, Any], make_case: Any
) -> None:
    worker, tracer = users[Role.CASE_WORKER], users[Role.TRACER]
    for u in (worker, tracer):
        TOTPDevice.objects.create(user=u, name="phone", confirmed=True)
    case = make_case(worker, given_name="Somying", family_name="Jaidee", sex="F",
                     nationality="THA", date_of_birth="1994-08-02", languages="th")
    case_services.record_consent(worker, case, "tracing", True, "th")
    base = live_server.url

    # 1. The tracer takes the report, in Thai script, with the family's consent.
    page = page_as(browser, base, tracer)
    page.click("text=Family reports")
    page.click("text=Take a family report")
    page.fill("#id_reporter_name", "บุญมี ใจดี")
    page.fill("#id_reporter_relation", "mother")
    page.fill("#id_reporter_contact", "+66 81 000 0000")
    page.fill("#id_missing_name", "สมหญิง ใจดี")
    page.select_option("#id_sex", "F")
    page.fill("#id_birth", "1994-08-02")
    page.select_option("#id_nationality", "THA")
    page.check("#id_consent_given")
    page.fill("#id_consent_by", "บุญมี ใจดี")
    page.select_option("#id_consent_language", "th")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/tracing/reports/FR-.*/$"))
    report_url = page.url

    # 2. Matching finds the person registered in Latin letters; the tracer confirms.
    page.click("text=Look for this person now")
    page.wait_for_load_state()
    candidate = page.locator(".candidate").first
    assert "Somying Jaidee" in candidate.inner_text()
    assert case.case_number not in page.content()
    candidate.locator("text=Confirm: this is the person").click()
    page.wait_for_load_state()
    assert "do not tell the family that anyone was found" in page.content()

    # 3. The case worker asks the person, who agrees, and gives a contact route.
    team = page_as(browser, base, worker)
    team.click("text=Tracing requests")
    team.click(f"text={case.case_number}")
    team.check("#adult_agrees_0")
    team.select_option("#adult_language", "th")
    team.fill("#adult_contact_route", "Call the Mae Sot office, ask for Malee")
    team.click("text=Record the person's answer")
    team.wait_for_load_state()
    assert "The family may be told" in team.locator("#request-status").inner_text()

    # 4. The tracer sees that the person agrees, with the contact route and nothing else.
    page.goto(report_url)
    outcome = page.locator(".outcome").inner_text()
    assert "The person agrees that the family is told." in outcome
    assert "Call the Mae Sot office, ask for Malee" in outcome
