"""The public job-ad checker page: no login, in eight languages, a risk level with each
flag, its triggering words highlighted (HTML-escaped) and what to do; bad input gets a
clear error."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils import translation

from wayhome.domain import jobads
from wayhome.domain.jobads import advice

from .conftest import LEGIT_AD, PAGE_LANGUAGES, SCAM_AD

pytestmark = pytest.mark.django_db

ENGINE_LANG = {"zh-hans": "zh"}


def _post(client: Client, **data: Any) -> str:
    response = client.post(reverse("prevention:check"), data)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_the_page_opens_without_login_in_each_of_the_eight_languages(code: str) -> None:
    response = Client().get(reverse("prevention:check"), {"lang": code})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}">' in html
    assert f'<span aria-current="page" lang="{code}">' in html
    assert html.count('class="adcheck-langs"') == 1 and html.count('href="?lang=') == 7
    step = advice.steps()[0].text(ENGINE_LANG.get(code, code))
    assert escape(step) in html
    with translation.override(code):
        title = translation.gettext("Check a job ad")
    assert f"<h1>{title}</h1>" in html
    if code != "en":
        assert title != "Check a job ad", f"the page title is not translated into {code}"


def test_a_scam_ad_is_high_risk_with_its_flags_and_highlighted_words() -> None:
    html = _post(Client(), text=SCAM_AD, lang="en")
    expected = jobads.check(SCAM_AD)
    assert expected.risk == "high"
    assert 'class="card adcheck-result risk-high"' in html
    assert "High risk" in html
    for flag in expected.flags:
        assert f'data-flag="{flag.id}"' in html
        assert escape(flag.title("en")) in html
        for word in flag.matched:
            assert f"<mark>{escape(word)}</mark>" in html
    marked = re.findall(r'<mark data-flags="[\d ]+">(.*?)<sup>', html)
    assert marked, "no word of the ad is highlighted"
    assert all(m.casefold() in escape(SCAM_AD).casefold() for m in marked)


def test_a_legitimate_ad_is_low_risk() -> None:
    html = _post(Client(), text=LEGIT_AD, lang="en")
    assert jobads.check(LEGIT_AD).risk == "low"
    assert 'class="card adcheck-result risk-low"' in html
    assert "Low risk" in html


def test_the_ad_is_shown_back_escaped_never_as_markup() -> None:
    html = _post(Client(), text=SCAM_AD + ' <script>alert("x")</script><b>bold</b>', lang="en")
    assert "<script>alert" not in html and "<b>bold</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_flag_reasons_come_in_the_language_chosen_on_the_page() -> None:
    html = _post(Client(), text=SCAM_AD, lang="vi")
    flag = jobads.check(SCAM_AD).flags[0]
    assert '<html lang="vi">' in html
    assert escape(flag.reason("vi")) in html


def test_the_chosen_country_shows_its_licensing_body_and_hotlines_first() -> None:
    html = _post(Client(), text=SCAM_AD, lang="en", country="PHL")
    phl = advice.country("PHL")
    assert phl is not None
    assert '<details class="adcheck-country" id="country-PHL" open>' in html
    assert html.index("country-PHL") < html.index("country-VNM")
    assert escape(phl.licensing.body) in html
    for hotline in phl.hotlines:
        assert f'href="tel:{hotline.dial}"' in html


def test_an_unverified_hotline_is_marked_as_such() -> None:
    html = Client().get(reverse("prevention:check"), {"lang": "en"}).content.decode()
    unverified = [h for c in advice.countries() for h in c.hotlines if not h.verified]
    assert unverified
    assert html.count("Not yet confirmed against an official source") >= len(unverified)


def test_an_empty_ad_gets_a_clear_error() -> None:
    html = _post(Client(), text="   \n ", lang="en")
    assert "The ad is empty: paste the text of the job advertisement." in html
    assert "adcheck-result" not in html


def test_an_ad_over_100_kb_gets_a_clear_error() -> None:
    html = _post(Client(), text="x" * (jobads.MAX_BYTES + 1), lang="en")
    assert "The ad is longer than 100 KB: paste one job advertisement at a time." in html
    assert "adcheck-result" not in html


def test_a_text_file_is_checked_like_pasted_text() -> None:
    upload = SimpleUploadedFile("ad.txt", SCAM_AD.encode("utf-8"), "text/plain")
    html = _post(Client(), text="", file=upload, lang="en")
    assert 'class="card adcheck-result risk-high"' in html


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 20,   # binary
    "Caf\u00e9 job in Dubai, salaire \u00e9lev\u00e9, logement gratuit".encode("cp1252"),
    b"",                                                          # empty file
    b"a" * (jobads.MAX_BYTES + 10),                               # too big
    b"a" * (3 * 1024 * 1024),                                     # far too big
], ids=["binary", "wrong-encoding", "empty", "too-big", "far-too-big"])
def test_an_unreadable_file_gets_a_clear_error(content: bytes) -> None:
    upload = SimpleUploadedFile("ad.txt", content, "text/plain")
    html = _post(Client(), text="", file=upload, lang="en")
    assert "adcheck-result" not in html
    assert "This file cannot be checked:" in html


def test_the_page_is_never_cached_and_needs_no_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("prevention:check"), {"text": SCAM_AD, "lang": "en"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "no-store" in client.get(reverse("prevention:check"))["Cache-Control"]


def test_everyone_sees_the_check_a_job_ad_link_in_the_header(
    caseworker: Any, client_for: Any
) -> None:
    link = f'href="{reverse("prevention:check")}"'
    anonymous = Client().get(reverse("accounts:login")).content.decode()
    assert link in anonymous and "Check a job ad" in anonymous
    staff = client_for(caseworker).get(reverse("cases:list")).content.decode()
    assert link in staff


def test_reassuring_signs_are_shown_with_a_warning_to_check_them() -> None:
    """A licence number lowers the score, so the page says which words did it and that
    scammers copy such words: the person checks them instead of trusting them."""
    ad = ("Farm work in New Zealand under the seasonal worker scheme. Licensed agency, "
          "DMW license no 123-LB-0456. No placement fee.")
    result = jobads.check(ad)
    assert result.signals, "the example no longer raises a reassuring sign"
    html = _post(Client(), text=ad, lang="en")
    assert "Reassuring signs that lowered the score" in html
    assert "Scammers copy these too" in html
    for signal in result.signals:
        assert f'data-signal="{signal.id}"' in html


def test_no_reassuring_signs_section_when_there_are_none() -> None:
    assert not jobads.check(SCAM_AD).signals
    assert "Reassuring signs" not in _post(Client(), text=SCAM_AD, lang="en")
