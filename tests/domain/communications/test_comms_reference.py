"""Reading a Special Procedures reference: the valid spellings and each malformed one
with its message (pure engine, no Django)."""

from __future__ import annotations

from datetime import date

import pytest

from wayhome.domain.communications import (
    CommunicationType,
    Reference,
    ReferenceFormatError,
    canonical_reference,
    is_valid_reference,
    parse_reference,
)

TODAY = date(2025, 6, 1)


@pytest.mark.parametrize("text, expected", [
    ("AL KHM 1/2025", Reference(CommunicationType.AL, "KHM", 1, 2025)),
    ("AL CHN 4/2025", Reference(CommunicationType.AL, "CHN", 4, 2025)),
    ("AL THA 3/2025", Reference(CommunicationType.AL, "THA", 3, 2025)),
    ("AL OTH 17/2025", Reference(CommunicationType.AL, "OTH", 17, 2025)),
    ("UA MMR 12/2024", Reference(CommunicationType.UA, "MMR", 12, 2024)),
    ("OL PHL 2/2023", Reference(CommunicationType.OL, "PHL", 2, 2023)),
    ("AL KHM 2/2022", Reference(CommunicationType.AL, "KHM", 2, 2022)),
])
def test_the_documented_forms_are_read_into_their_parts(text: str, expected: Reference) -> None:
    assert parse_reference(text, TODAY) == expected
    assert str(parse_reference(text, TODAY)) == text


def test_lowercase_and_extra_spaces_are_normalised_to_one_canonical_form() -> None:
    assert canonical_reference("  al  khm\t1/2025 ", TODAY) == "AL KHM 1/2025"
    assert canonical_reference("Al Oth 17/2025", TODAY) == "AL OTH 17/2025"


def test_a_letter_to_a_state_is_told_from_one_to_a_non_state_addressee() -> None:
    assert parse_reference("AL THA 3/2025", TODAY).is_state
    assert not parse_reference("AL OTH 17/2025", TODAY).is_state


@pytest.mark.parametrize("text, code, words", [
    ("", "empty", "empty"),
    ("   ", "empty", "empty"),
    ("Ref.: AL KHM 1/2025", "prefix", "Ref.:"),
    ("ALKHM1/2025", "missing_space", "spaces"),
    ("KHM 1/2025", "missing_part", "type or the addressee is missing"),
    ("AL KHM 1 / 2025", "space_in_number", "without spaces around the slash"),
    ("AL KHM 1-2025", "missing_slash", "slash"),
    ("AL KHM 12025", "missing_slash", "slash"),
    ("AL KHM 1 2025", "missing_slash", "slash"),
    ("AL KHM 1/", "missing_year", "year is missing"),
    ("AL KHM 0/2025", "number_zero", "starts at 1"),
    ("AL KHM 01/2025", "leading_zero", "leading zeros"),
    ("XX KHM 1/2025", "unknown_type", "UA (urgent appeal), AL (allegation letter), OL"),
    ("JAL KHM 1/2025", "joint_type", "joint letters keep the plain type"),
    ("JUA THA 1/2025", "joint_type", "'JUA'"),
    ("AL KH 1/2025", "country_length", "three-letter"),
    ("AL XYZ 1/2025", "unknown_country", "'XYZ' is not an ISO 3166 alpha-3"),
    ("AL KHM 1/25", "year_digits", "four digits"),
    ("AL KHM 1/1999", "year_range", "1999 is out of range"),
    ("AL KHM 1/2026", "year_range", "from 2000 to 2025"),
    ("AL KHM one/2025", "shape", "Not a communication reference"),
])
def test_each_malformed_form_is_refused_with_a_message_naming_the_fault(
        text: str, code: str, words: str) -> None:
    with pytest.raises(ReferenceFormatError) as err:
        parse_reference(text, TODAY)
    assert err.value.code == code
    assert words in err.value.message
    assert not is_valid_reference(text, TODAY)


def test_the_upper_bound_of_the_year_is_the_current_year() -> None:
    assert parse_reference("AL KHM 1/2026", date(2026, 1, 1)).year == 2026
    with pytest.raises(ReferenceFormatError):
        parse_reference("AL KHM 1/2026", date(2025, 12, 31))


def test_the_error_is_a_value_error_so_callers_can_catch_it_generically() -> None:
    with pytest.raises(ValueError):
        parse_reference("nonsense", TODAY)
