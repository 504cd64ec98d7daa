"""Bad input to a letter is refused with the field named first."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from letters_helpers import facts

from wayhome.domain import law
from wayhome.domain.letters import LetterError, LetterInputError, MeasureFacts, compose_letter

ANALYSIS = law.analyse("THA", "charge", "fraud")


def error(analysis: Any = ANALYSIS, fact: Any = None, language: Any = "en") -> str:
    with pytest.raises(LetterInputError) as info:
        compose_letter(analysis, fact if fact is not None else facts(), language)
    assert isinstance(info.value, LetterError) and isinstance(info.value, ValueError)
    return str(info.value)


def test_an_unknown_language_is_refused_listing_the_languages() -> None:
    msg = error(language="fr")
    assert msg.startswith("language: no letter template for 'fr'; expected one of en, ")
    assert "th" in msg and "km" in msg
    assert error(language=None).startswith("language:")


def test_a_missing_organisation_or_case_number_is_refused() -> None:
    assert error(fact=facts(organisation="  ")) == "facts.organisation: required"
    assert error(fact=facts(case_number="")) == "facts.case_number: required"


def test_dates_must_be_dates_and_not_after_the_letter() -> None:
    base = facts()
    moment = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
    assert error(fact=dataclasses.replace(base, grounds_recorded_on=moment)).startswith(
        "facts.grounds_recorded_on: expected a date (not a datetime")
    assert error(fact=dataclasses.replace(base, letter_date=None)).startswith(
        "facts.letter_date: expected a date")
    assert error(fact=dataclasses.replace(base, grounds_recorded_on=dt.date(2026, 4, 1))) == \
        "facts.grounds_recorded_on: after the date of the letter"
    late = dataclasses.replace(base, measure=MeasureFacts(ordered_on=dt.date(2026, 5, 1)))
    assert error(fact=late) == "facts.measure.ordered_on: after the date of the letter"


def test_facts_of_the_wrong_type_are_refused() -> None:
    assert error(fact={"organisation": "x"}).startswith("facts: expected LetterFacts")
    wrong = dataclasses.replace(facts(), measure="charge")
    assert error(fact=wrong).startswith("facts.measure: expected MeasureFacts")
    assert error(fact=dataclasses.replace(facts(), organisation=42)).startswith(
        "facts.organisation: expected text")


def test_an_analysis_without_the_needed_keys_is_refused() -> None:
    partial = {k: v for k, v in ANALYSIS.to_dict().items() if k != "national_provisions"}
    assert error(analysis=partial) == "analysis: missing national_provisions"
    assert error(analysis="THA charge").startswith("analysis: expected a law analysis")
    bad = {**ANALYSIS.to_dict(), "measure": "arrest"}
    assert error(analysis=bad).startswith("analysis: measure: unknown measure 'arrest'")
    odd = ANALYSIS.to_dict()
    odd["national_provisions"] = [{**odd["national_provisions"][0], "reason": "maybe"}]
    assert error(analysis=odd).startswith(
        "analysis: national_provisions[0].reason: unknown 'maybe'")


def test_whitespace_in_facts_is_tidied_to_one_line() -> None:
    letter = compose_letter(ANALYSIS, facts(organisation=" NGO \n Mae   Sot "), "en")
    assert next(b for b in letter.blocks if b.kind == "organisation").text == "NGO Mae Sot"
