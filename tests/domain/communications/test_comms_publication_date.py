"""The 60-day publication rule: calendar days from the date sent, across month, year
and leap-year boundaries; replies public with the letter or as received."""

from __future__ import annotations

from datetime import date

import pytest

from wayhome.domain.communications import (
    SentDateError,
    check_sent,
    days_since,
    is_published,
    parse_reference,
    publication_date,
    reply_publication_date,
)


@pytest.mark.parametrize("sent, public", [
    (date(2025, 3, 10), date(2025, 5, 9)),     # the seeded letters
    (date(2025, 1, 31), date(2025, 4, 1)),     # across February of a common year
    (date(2024, 1, 31), date(2024, 3, 31)),    # across 29 February 2024
    (date(2024, 2, 29), date(2024, 4, 29)),    # sent on a leap day
    (date(2025, 11, 15), date(2026, 1, 14)),   # across the new year
    (date(2025, 12, 31), date(2026, 3, 1)),    # new year and February together
    (date(2023, 12, 31), date(2024, 2, 29)),   # lands on a leap day
])
def test_publication_is_sixty_calendar_days_after_sending(sent: date, public: date) -> None:
    assert publication_date(sent) == public
    assert (public - sent).days == 60


def test_weekends_count_the_date_may_fall_on_a_saturday() -> None:
    # 2025-03-10 + 60 days = Friday 9 May; 2025-03-15 + 60 = Wednesday 14 May;
    # 2025-03-12 + 60 = Sunday 11 May: no shift to a working day.
    assert publication_date(date(2025, 3, 12)) == date(2025, 5, 11)
    assert publication_date(date(2025, 3, 12)).weekday() == 6


def test_a_reply_received_before_the_date_is_published_with_the_letter() -> None:
    assert reply_publication_date(date(2025, 3, 10), date(2025, 4, 20)) == date(2025, 5, 9)


def test_a_reply_received_after_the_date_is_published_as_received() -> None:
    assert reply_publication_date(date(2025, 3, 10), date(2025, 7, 1)) == date(2025, 7, 1)


def test_a_reply_cannot_come_before_the_letter() -> None:
    with pytest.raises(ValueError):
        reply_publication_date(date(2025, 3, 10), date(2025, 3, 9))


def test_is_published_switches_on_the_publication_day_itself() -> None:
    assert not is_published(date(2025, 3, 10), date(2025, 5, 8))
    assert is_published(date(2025, 3, 10), date(2025, 5, 9))
    assert days_since(date(2025, 3, 10), date(2025, 5, 9)) == 60


def test_the_year_sent_must_be_the_year_of_the_reference() -> None:
    ref = parse_reference("AL KHM 1/2025", date(2025, 6, 1))
    assert check_sent(ref, date(2025, 3, 10), date(2025, 6, 1)) == date(2025, 3, 10)
    with pytest.raises(SentDateError) as err:
        check_sent(ref, date(2024, 12, 30), date(2025, 6, 1))
    assert err.value.code == "sent_year"


def test_a_letter_cannot_be_sent_in_the_future() -> None:
    ref = parse_reference("AL KHM 1/2025", date(2025, 6, 1))
    with pytest.raises(SentDateError) as err:
        check_sent(ref, date(2025, 6, 2), date(2025, 6, 1))
    assert err.value.code == "sent_future"
