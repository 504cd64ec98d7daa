"""The analysis: input checking, what to ask for, the international standard, the JSON shape."""

from __future__ import annotations

import json

import pytest

from wayhome.domain.law import (
    LawInputError,
    Measure,
    Offence,
    analyse,
    analyse_international,
    parse_offence,
)

REQUIRED_KEYS = {
    "country",
    "measure",
    "offence",
    "covered_by_national_law",
    "national_provisions",
    "international_standard",
    "request",
    "authority",
    "authority_language",
    "notes",
}


def error_for(*args: str | None) -> str:
    with pytest.raises(LawInputError) as info:
        analyse(*args)  # type: ignore[arg-type]
    return str(info.value)


def test_unknown_country_is_an_error_listing_the_profiles() -> None:
    msg = error_for("CHN", "charge", "fraud")
    assert msg.startswith("country: no profile for 'CHN'; expected one of ")
    assert "THA" in msg and "VNM" in msg


def test_unknown_measure_is_an_error_listing_the_measures() -> None:
    msg = error_for("THA", "arrest", None)
    assert msg == (
        "measure: unknown measure 'arrest'; expected one of "
        "detention, fine, charge, conviction, deportation"
    )


def test_unknown_offence_is_an_error_listing_the_offences() -> None:
    msg = error_for("THA", "charge", "jaywalking")
    assert msg.startswith("offence: unknown offence 'jaywalking'; expected one of immigration, ")
    assert "money_laundering" in msg


def test_input_error_is_a_value_error() -> None:
    assert issubclass(LawInputError, ValueError)


def test_input_is_case_insensitive() -> None:
    a = analyse("tha", "CHARGE", "Immigration")
    assert (a.country, a.measure, a.offence) == ("THA", Measure.CHARGE, Offence.IMMIGRATION)
    assert analyse(" Tha ", "Charge", "IRREGULAR-EXIT").offence is Offence.IRREGULAR_EXIT


@pytest.mark.parametrize(
    ("text", "offence"),
    [
        ("overstay", Offence.IMMIGRATION),
        ("Irregular entry", Offence.IMMIGRATION),
        ("scam", Offence.FRAUD),
        ("", None),
        (None, None),
    ],
)
def test_offence_aliases(text: str | None, offence: Offence | None) -> None:
    assert parse_offence(text) is offence


@pytest.mark.parametrize(
    ("measure", "asked"),
    [
        ("detention", "Release from detention"),
        ("fine", "Withdrawal of the fine"),
        ("charge", "Withdrawal of the charge"),
        ("conviction", "Expungement (quashing) of the conviction"),
        ("deportation", "Stay of removal"),
    ],
)
def test_the_request_follows_the_measure(measure: str, asked: str) -> None:
    result = analyse("KHM", measure, "immigration")
    assert result.request.startswith(asked)
    assert result.authority.endswith("(Cambodia)")
    assert result.authority_language == "km"


@pytest.mark.parametrize(
    ("country", "language"),
    [("THA", "th"), ("VNM", "vi"), ("MMR", "my"), ("LAO", "lo"), ("IDN", "id"), ("PHL", "en")],
)
def test_the_authority_language_is_the_states_official_language(
    country: str, language: str
) -> None:
    assert analyse(country, "charge", "fraud").authority_language == language


@pytest.mark.parametrize("measure", [m.value for m in Measure])
def test_the_international_standard_always_applies_and_is_sourced(measure: str) -> None:
    result = analyse("THA", measure, "fraud")
    ids = {s.id for s in result.international}
    assert "ohchr_2023_reasonable_grounds" in ids
    assert ids & {"sr_2021_para57_scope", "sr_2021_para57_liberty"}
    assert "applies_from_reasonable_grounds" in result.note_codes
    for standard in result.to_dict()["international_standard"]:
        assert standard["sources"] and standard["firmness"]


def test_detention_brings_release_and_para_57d() -> None:
    result = analyse("THA", "detention", "immigration")
    assert "sr_2021_para57_liberty" in {s.id for s in result.international}
    assert "release_from_detention" in result.note_codes


def test_conviction_brings_expungement() -> None:
    result = analyse("VNM", "conviction", "irregular_exit")
    assert "ohchr_2023_expungement" in {s.id for s in result.international}
    assert "expungement" in result.note_codes


def test_deportation_brings_non_refoulement_and_the_return_risk_factors() -> None:
    result = analyse("MMR", "deportation")
    ids = {s.id for s in result.international}
    assert {"non_refoulement", "voluntary_return"} <= ids
    assert {"non_refoulement", "consent_to_return"} <= set(result.note_codes)
    factors = [f.id for f in result.return_risk_factors]
    assert "persecution" in factors and "re_trafficking" in factors
    assert analyse("MMR", "charge").return_risk_factors == ()


def test_actip_is_listed_as_discretionary_and_to_verify() -> None:
    result = analyse("THA", "charge", "fraud")
    (actip,) = [s for s in result.international if s.id == "actip_art14_7"]
    assert actip.article == "art. 14(7)"
    assert actip.conditional and actip.firmness == "to verify"
    assert "standard_conditional_actip_art14_7" in result.note_codes


def test_a_reading_marked_to_verify_is_said_so() -> None:
    assert "measure_reading_to_verify" in analyse("THA", "fine", "immigration").note_codes
    # The OHCHR paper says s.41 exempts from prosecution: a charge is checked.
    assert "measure_reading_to_verify" not in analyse("THA", "charge", "immigration").note_codes


def test_to_dict_has_the_documented_keys_and_is_json() -> None:
    data = analyse("THA", "charge", "fraud").to_dict()
    assert REQUIRED_KEYS <= set(data)
    assert (data["country"], data["measure"], data["offence"]) == ("THA", "charge", "fraud")
    assert data["covered_by_national_law"] is False
    assert all(isinstance(n, str) for n in data["notes"])
    (p,) = data["national_provisions"]
    assert p["applies"] is False and p["source"] and p["firmness"] == "to verify"
    json.dumps(data)


def test_analyse_international_for_a_state_without_a_profile() -> None:
    result = analyse_international("detention", "immigration", country="chn")
    data = result.to_dict()
    assert data["country"] == "CHN"
    assert data["covered_by_national_law"] is None
    assert data["national_provisions"] == []
    assert "actip_art14_7" not in {s["id"] for s in data["international_standard"]}
    assert result.note_codes[0] == "no_profile"
