"""Ads for the job-ad checker tests: one written from published scam-compound recruitment
cases (OHCHR 2023; embassy warnings about jobs 'in Thailand' that end in Myawaddy), one
ordinary local job."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

SCAM_AD = (
    "URGENT HIRING!!! Customer service and typist jobs in Bangkok, Thailand. Salary "
    "$1500-$3000 per month plus bonus. Free accommodation, free meals, airfare paid by the "
    "company. No experience needed, only basic computer skills and English. Visa on arrival "
    "arranged. You travel to Mae Sot and our driver takes you to the office in Myawaddy. "
    "Contact our recruiter on Telegram only. Leave within 3 days and do not tell your "
    "family. Your passport is kept by the company on arrival."
)

LEGIT_AD = (
    "Senior civil engineer, road maintenance programme, Nairobi. Requirements: BSc in civil "
    "engineering, eight years of experience in pavement design and registration with the "
    "Engineers Board of Kenya. Apply with your CV and a cover letter through our careers "
    "page by 30 January. Shortlisted candidates will be interviewed in person at our "
    "Westlands office."
)

PAGE_LANGUAGES = ("en", "th", "vi", "my", "id", "fil", "km", "zh-hans")


@pytest.fixture(autouse=True)
def _fresh_throttle(request: pytest.FixtureRequest) -> Iterator[None]:
    """The API's throttle counts requests in the cache: each web test starts from zero
    (the pure data tests run without Django)."""
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
