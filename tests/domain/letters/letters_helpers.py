"""Shared facts for the letters tests: a pseudonymous case, never a person's name."""

from __future__ import annotations

import datetime as dt
import io

from wayhome.domain.letters import LetterFacts, MeasureFacts

CASE_NUMBER = "THA-2026-0042"
ORGANISATION = "NGO Mae Sot"


def facts(
    *,
    authority: str = "Mae Sot Provincial Court",
    reference: str = "Black case 123/2569",
    organisation: str = ORGANISATION,
    case_number: str = CASE_NUMBER,
) -> LetterFacts:
    return LetterFacts(
        organisation=organisation,
        case_number=case_number,
        letter_date=dt.date(2026, 3, 10),
        grounds_recorded_on=dt.date(2026, 3, 4),
        measure=MeasureFacts(ordered_on=dt.date(2026, 3, 2), authority=authority,
                             reference=reference),
    )


def has_script(text: str, first: int, last: int) -> bool:
    return any(first <= ord(c) <= last for c in text)


def thai(text: str) -> bool:
    return has_script(text, 0x0E00, 0x0E7F)


def khmer(text: str) -> bool:
    return has_script(text, 0x1780, 0x17FF)


def pdf_pages(data: bytes) -> list[str]:
    """The text of each page, as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
