"""When a communication and its replies become public.

law.md section 4 (and every seeded letter): "This communication and any response
received ... will be made public via the communications reporting website within 60
days." So:

- The publication date of a letter is the date it was sent plus 60 *calendar* days.
  The letters say "days" with no qualifier, and the procedure runs on calendar days
  (no holiday calendar of any state applies to a UN website), so weekends and holidays
  count. It is the latest date by which the letter is public ("within"); it may appear
  sooner, and a press release may come sooner still.
- A reply received before that date is published with the letter, on the publication
  date; a reply received later is published as it is received. Hence
  :func:`reply_publication_date` is the later of the two dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from .reference import Reference

#: Days from sending to publication (calendar days).
PUBLICATION_DAYS = 60


class SentDateError(ValueError):
    """A sending date that cannot belong to the reference. ``code`` is stable (for
    translations), ``message`` English."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def check_sent(reference: Reference, sent: date, today: date | None = None) -> date:
    """Check that ``sent`` fits ``reference``: a reference is numbered within the year
    the letter is sent, so the years must agree, and a letter cannot be sent in the
    future. Returns ``sent``."""
    today = today or date.today()
    if sent > today:
        raise SentDateError(
            "sent_future", f"The date sent ({sent.isoformat()}) is in the future.")
    if sent.year != reference.year:
        raise SentDateError(
            "sent_year",
            f"The letter was sent in {sent.year}, but its reference {reference} is numbered "
            f"in {reference.year}: the year of the reference is the year of sending.")
    return sent


def publication_date(sent: date) -> date:
    """The date by which a letter sent on ``sent`` is public (sent + 60 calendar days)."""
    if not isinstance(sent, date):
        raise TypeError("sent must be a date")
    return sent + timedelta(days=PUBLICATION_DAYS)


def reply_publication_date(sent: date, received: date) -> date:
    """When a reply received on ``received`` to a letter sent on ``sent`` is public."""
    if received < sent:
        raise ValueError("a reply cannot be received before the letter was sent")
    return max(publication_date(sent), received)


def days_since(start: date, today: date) -> int:
    """Whole days from ``start`` to ``today`` (negative if ``start`` is in the future)."""
    return (today - start).days


def is_published(sent: date, today: date) -> bool:
    """True once the publication date has been reached."""
    return today >= publication_date(sent)
