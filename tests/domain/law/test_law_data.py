"""The data file: every entry sourced and marked; a broken copy gives an error naming the entry."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from wayhome.domain.law import (
    FIRMNESS_VALUES,
    LawDataError,
    analyse,
    load_profiles,
    read_profiles,
)

DATA = resources.files("wayhome.domain.law").joinpath("data/countries.toml")
PROFILES = load_profiles()


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    text = DATA.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "countries.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_packaged_file_loads_with_a_version() -> None:
    assert PROFILES.version
    assert read_profiles(DATA) == PROFILES


def test_every_provision_has_sources_with_firmness_marks_and_an_existence_source() -> None:
    for country in PROFILES.countries.values():
        for p in country.provisions:
            assert p.sources, p.id
            assert all(s.firmness in FIRMNESS_VALUES and s.title for s in p.sources), p.id
            assert any(s.about == "existence" for s in p.sources), p.id
            assert p.firmness in FIRMNESS_VALUES
            assert all(mark in FIRMNESS_VALUES for mark in p.measures.values())
            assert p.to_dict()["source"]


def test_every_other_entry_has_sources_with_firmness_marks() -> None:
    entries = [*PROFILES.standards, *PROFILES.guidance.values(), *PROFILES.return_risk_factors]
    for country in PROFILES.countries.values():
        entries.extend(country.facts)
        for sources in (
            country.status_sources,
            country.forced_criminality_sources,
            country.language_sources,
        ):
            assert sources and all(s.firmness in FIRMNESS_VALUES for s in sources)
    for entry in entries:
        assert entry.sources and all(s.firmness in FIRMNESS_VALUES for s in entry.sources)


def test_provision_ids_are_unique() -> None:
    ids = [p.id for c in PROFILES.countries.values() for p in c.provisions]
    assert len(ids) == len(set(ids))


def test_the_return_risk_factors_of_law_md_are_all_there() -> None:
    assert [f.id for f in PROFILES.return_risk_factors] == [
        "re_trafficking",
        "reprisals",
        "persecution",
        "torture_or_threat_to_life",
        "punishment_on_return",
        "stigma",
        "no_reintegration_support",
        "child_best_interests",
        "pending_proceedings",
    ]
    assert "blocks removal" in PROFILES.return_rules.block_rule


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'measures = { charge = "checked"',
            'measures = { arrest = "checked"',
            "country.THA.provision[0] (tha_ahta_s41).measures: unknown measure 'arrest'",
        ),
        (
            'measures = { charge = "checked"',
            'measures = { charge = "sure"',
            "country.THA.provision[0] (tha_ahta_s41).measures.charge: unknown firmness mark 'sure'",
        ),
        (
            'offences = ["immigration", "false_documents"]',
            'offences = ["immigration", "theft"]',
            "country.MYS.provision[0] (mys_atipsom_s25).offences[1]: unknown offence 'theft'",
        ),
        (
            '{ ref = "idn_law_21_2007", firmness = "to verify", about = "article" }',
            '{ ref = "idn_law_2007", firmness = "to verify", about = "article" }',
            "country.IDN.provision[0] (idn_law21_2007_art18).sources[1].ref: "
            "unknown source 'idn_law_2007'",
        ),
        (
            'summary = "Acts the victim was forced',
            'resume = "Acts the victim was forced',
            "country.IDN.provision[0] (idn_law21_2007_art18).summary: expected a non-empty string",
        ),
        (
            'offences = "unknown"\nmeasures = {}',
            'offences = "unknown"\nmeasures = { fine = "checked" }',
            "country.BRN.provision[0] (brn_unnamed).measures: a provision of unknown scope",
        ),
        (
            'id = "lao_unnamed"',
            'id = "brn_unnamed"',
            "country.LAO.provision[0] (brn_unnamed).id: duplicate provision id",
        ),
        (
            'has_provision = false\nstatus_sources = [{ ref = "ohchr_2023", firmness = "checked", '
            'note = "no provision listed in the paper" }]\nforced_criminality = false\n'
            'forced_criminality_sources = [{ ref = "ohchr_2023", firmness = "checked" }]\n\n'
            "[country.IDN]",
            'has_provision = true\nstatus_sources = [{ ref = "ohchr_2023", firmness = "checked" }]'
            "\nforced_criminality = false\n"
            'forced_criminality_sources = [{ ref = "ohchr_2023", firmness = "checked" }]\n\n'
            "[country.IDN]",
            "country.KHM: has_provision is true but no [[country.KHM.provision]] is given",
        ),
        (
            'applies_to = "asean"',
            'applies_to = "europe"',
            'standard[4] (actip_art14_7).applies_to: expected "all" or "asean"',
        ),
        ("[measure.fine]", "[measure.penalty]", "measure.penalty: unknown measure 'penalty'"),
        ("[country.THA]", "[country.TH]", "country.TH: expected an ISO 3166 alpha-3 code"),
    ],
)
def test_a_broken_entry_is_named_in_the_error(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    with pytest.raises(LawDataError) as info:
        read_profiles(broken_copy(tmp_path, old, new))
    assert str(info.value).startswith(expected)


def test_invalid_toml_names_the_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(LawDataError) as info:
        read_profiles(broken_copy(tmp_path, 'version = "2025.1"', "version = "))
    assert str(info.value).startswith("countries.toml: not valid TOML:")
    assert "line" in str(info.value)


def test_the_engine_uses_the_profiles_it_is_given(tmp_path: Path) -> None:
    # A profile where Thailand's list also named fraud: the engine follows the data.
    path = broken_copy(
        tmp_path,
        '"prostitution", "unauthorised_work"]',
        '"prostitution", "unauthorised_work", "fraud"]',
    )
    profiles = read_profiles(path)
    assert analyse("THA", "charge", "fraud", profiles=profiles).covered_by_national_law is True
    assert analyse("THA", "charge", "fraud").covered_by_national_law is False
