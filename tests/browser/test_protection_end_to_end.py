"""In a real Chromium, the protection path after reasonable grounds: a fraud charge is
recorded and analysed, the person is referred to a shelter that takes adult men and the
provider accepts, a return plan is blocked by a high non-refoulement risk until a
second team member clears it, and consent to return is recorded."""

from __future__ import annotations

import re
from typing import Any

import pytest
from pypdf import PdfReader
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.protection.models import ProtectionStatus
from wayhome.apps.screening import services as screening
from wayhome.apps.referrals.models import Referral, Service
from wayhome.apps.returns.models import ReturnConsent, ReturnPlan
from wayhome.demo import example_answers

from .conftest import page_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]



def test_charge_referral_and_return_plan_with_a_risk_review(
    browser: Any, live_server: Any, users: dict[str, Any], make_case: Any
) -> None:
    worker = users[Role.CASE_WORKER]
    reviewer = users[Role.SCREENING_OFFICER]
    provider = users[Role.SERVICE_PROVIDER]
    for u in (worker, reviewer, provider):
        TOTPDevice.objects.create(user=u, name="phone", confirmed=True)
    case = make_case(worker, given_name="Min Htet", sex="M", nationality="MMR", age_years=28)
    case_services.record_consent(worker, case, "services", True, "my")
    # Reasonable grounds, recorded by a named person after the engine's assessment
    # (the first browser test drives these pages; here they are the starting point).
    session = screening.start(worker, case, "en", "my")
    screening.save_answers(worker, session, example_answers()["answers"], {})
    screening.run_assessment(worker, session)
    screening.decide_grounds(worker, session, "reasonable_grounds", "Act, means, purpose.")
    assert ProtectionStatus.objects.get(case=case).active
    Service.objects.create(organisation=provider.organisation, added_by=worker,
                           name="Women's shelter", country="THA", kind="shelter",
                           accepts_adult_men=False, languages="th")
    men = Service.objects.create(organisation=provider.organisation, added_by=worker,
                                 name="Men's shelter Mae Sot", country="THA", kind="shelter",
                                 accepts_adult_women=False, languages="my,th")
    base, number = live_server.url, case.case_number

    # 1. The case worker records a fraud charge; Thai law does not cover it.
    page = page_as(browser, base, worker)
    page.goto(f"{base}/measures/cases/{number}/new/")
    page.select_option("#id_kind", "charge")
    page.select_option("#id_offence", "fraud")
    page.select_option("#id_country", "THA")
    page.fill("#id_ordered_on", "2026-03-02")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/measures/\d+/$"))
    analysis = page.locator("#analysis").inner_text()
    assert "international standard only" in analysis and "s.41" in analysis
    # s.41's scope is marked "to verify": the letter is a draft until the worker confirms
    # having checked it against the law.
    with page.expect_download() as download:
        page.click("text=Download the draft letter (PDF, marked [TO VERIFY])")
    draft = " ".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert "[TO VERIFY]" in draft
    page.locator("#letter-checked input[type=checkbox]").check()
    with page.expect_download() as download:
        page.click("#letter-checked button[type=submit]")
    letter = PdfReader(download.value.path())
    text = " ".join(p.extract_text() for p in letter.pages)
    assert "[TO VERIFY]" not in text
    assert "s.41" in text and number in text and "Min Htet" not in text
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in text)  # the Thai letter follows

    # 2. Referral: the women's shelter is refused for an adult man; the men's shelter works.
    page.goto(f"{base}/referrals/cases/{number}/send/")
    page.get_by_label(re.compile("Women's shelter")).check()
    page.click("main button[type=submit]:has-text('Send the referral')")
    page.wait_for_load_state()
    assert not Referral.objects.exists()
    page.get_by_label(re.compile("Men's shelter Mae Sot")).check()
    page.click("main button[type=submit]:has-text('Send the referral')")
    page.wait_for_load_state()
    referral = Referral.objects.get(service=men)

    # 3. The provider sees the referral (no name) and accepts it.
    shelter = page_as(browser, base, provider)
    shelter.goto(f"{base}/referrals/inbox/{referral.pk}/")
    assert "Min Htet" not in shelter.content()
    shelter.click("main button[type=submit]:has-text('ccept')")
    shelter.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.status == "accepted"

    # 4. Return: voluntary return chosen; one factor rated high blocks the plan.
    page.goto(f"{base}/returns/cases/{number}/")
    page.check("input[name=option][value=voluntary_return]")
    page.fill("input[name=decided_on]", "2026-03-10")
    page.click("main button[type=submit]:has-text('Record the option')")
    page.wait_for_load_state()
    page.click("summary:has-text('Assess the risk factors')")
    ratings = page.locator("select[name^=rating_]")
    for i in range(ratings.count()):
        ratings.nth(i).select_option("low")
    first = ratings.nth(0).get_attribute("name")
    page.select_option(f"select[name={first}]", "high")
    page.fill(f"textarea[name=note_{first.removeprefix('rating_')}]",
              "Recruiters threatened the family in Myawaddy.")
    page.click("main button[type=submit]:has-text('Record the assessment')")
    page.wait_for_load_state()
    page.select_option("#consent select[name=language]", "my")  # not the header switcher
    page.check("input[name=alternatives_explained]")
    page.check("input[name=not_condition_of_release]")
    page.click("main button[type=submit]:has-text('Record consent to return')")
    page.wait_for_load_state()
    consent = ReturnConsent.objects.get(case=case)
    assert consent.alternatives_explained and consent.not_condition_of_release
    page.click("main button[type=submit]:has-text('Create the return plan')")
    page.wait_for_load_state()
    assert not ReturnPlan.objects.filter(case=case).exists()  # blocked by the high risk

    # 5. A second team member clears the high rating with a reason; the plan can be made.
    second = page_as(browser, base, reviewer)
    second.goto(f"{base}/returns/cases/{number}/")
    second.fill("textarea[name=reason]", "Family moved to Yangon; protection plan agreed.")
    second.click("main button[type=submit]:has-text('Clear this high rating')")
    second.wait_for_load_state()
    page.goto(f"{base}/returns/cases/{number}/")
    page.click("main button[type=submit]:has-text('Create the return plan')")
    page.wait_for_load_state()
    assert ReturnPlan.objects.filter(case=case).exists()
    for p in (page, shelter, second):
        p.context.close()  # end every request before the live server stops
