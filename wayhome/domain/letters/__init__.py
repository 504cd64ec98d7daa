"""Wayhome request letters: ask an authority to apply the non-punishment principle.

Pure Python (no Django). A letter is composed from the law engine's analysis of one
measure (:func:`wayhome.domain.law.analyse`) and the case's facts (:class:`LetterFacts`:
the organisation, its pseudonymous case number, the dates, the measure's authority and
reference; there is no field for the person's name), in English and in the language the
authority is written to in, and printed to one PDF.

Usage::

    from wayhome.domain import law, letters

    facts = letters.LetterFacts(
        organisation="NGO Mae Sot", case_number="THA-2026-0042",
        letter_date=date(2026, 3, 10), grounds_recorded_on=date(2026, 3, 4),
        measure=letters.MeasureFacts(ordered_on=date(2026, 3, 2),
                                     authority="Mae Sot Provincial Court",
                                     reference="Black case 123/2569"),
    )
    analysis = law.analyse("THA", "charge", "fraud")
    pdf_bytes = letters.request_letter_pdf(analysis, facts)   # English, then Thai

The sentences are data: one TOML file per language under ``data/`` (see
:mod:`.templates`). Every translation is marked ``review = "machine-drafted: needs review
by a native-speaking lawyer"`` until a lawyer has checked it, and the PDF prints that
mark in its footer. Fonts and text shaping: see :mod:`.fonts` and :mod:`.render`.

A letter citing a provision the law data marks "to verify" is a draft (a notice on top,
``[TO VERIFY]`` after each such citation, "not to be sent" in the footer) until the caller
passes the keys of :func:`unverified_citations` a staff member confirmed checking as
``checked``; see :mod:`.compose`.

Bad input raises :class:`LetterInputError`; a malformed template :class:`LetterDataError`;
text that cannot be printed :class:`LetterRenderError` (all are :class:`LetterError`, a
ValueError).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from wayhome.domain.law import Analysis

from .compose import compose_letter, compose_letters, letter_languages, unverified_citations
from .model import (
    Block,
    Letter,
    LetterDataError,
    LetterError,
    LetterFacts,
    LetterInputError,
    LetterRenderError,
    MeasureFacts,
    TO_VERIFY_FACTS,
    TO_VERIFY_MARK,
    UnverifiedCitation,
)
from .render import render_pdf
from .templates import (
    MACHINE_DRAFTED,
    TEXT_PLACEHOLDERS,
    Template,
    available_languages,
    load_template,
    placeholders,
)


def request_letter_pdf(
    analysis: Analysis | Mapping[str, Any], facts: LetterFacts, *, checked: Collection[str] = ()
) -> bytes:
    """The PDF of the letter in English, then in the authority's language (new page); a
    draft while it cites a provision to verify whose key is not in `checked`."""
    return render_pdf(compose_letters(analysis, facts, checked=checked))


__all__ = [
    "MACHINE_DRAFTED",
    "TEXT_PLACEHOLDERS",
    "TO_VERIFY_FACTS",
    "TO_VERIFY_MARK",
    "Block",
    "Letter",
    "LetterDataError",
    "LetterError",
    "LetterFacts",
    "LetterInputError",
    "LetterRenderError",
    "MeasureFacts",
    "Template",
    "UnverifiedCitation",
    "available_languages",
    "compose_letter",
    "compose_letters",
    "letter_languages",
    "load_template",
    "placeholders",
    "render_pdf",
    "request_letter_pdf",
    "unverified_citations",
]
