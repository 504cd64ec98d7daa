"""The return risk factors per person: the data file is the one list, the child-only
factor is assessed only for a child (or a person presumed to be one)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from wayhome.domain.law import LawDataError, load_profiles, read_profiles, return_risk_factors

DATA = resources.files("wayhome.domain.law").joinpath("data/countries.toml")


def test_a_child_is_assessed_on_every_factor_of_the_data_file_in_its_order() -> None:
    assert return_risk_factors(child=True) == load_profiles().return_risk_factors


def test_an_adult_is_not_assessed_on_the_child_only_factor() -> None:
    ids = [f.id for f in return_risk_factors(child=False)]
    assert "child_best_interests" not in ids
    assert ids == [f.id for f in load_profiles().return_risk_factors if f.applies_to == "all"]
    assert "re_trafficking" in ids and "persecution" in ids


def test_the_child_factor_is_marked_child_only_in_the_data() -> None:
    factors = {f.id: f for f in load_profiles().return_risk_factors}
    assert factors["child_best_interests"].applies_to == "child"
    assert factors["child_best_interests"].to_dict()["applies_to"] == "child"
    assert all(f.applies_to == "all" for k, f in factors.items() if k != "child_best_interests")


def test_the_factors_come_from_the_profiles_given(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8").replace(
        'id = "stigma"\nlabel = "stigma"\nexamples = []\n',
        'id = "stigma"\nlabel = "stigma"\nexamples = []\napplies_to = "child"\n', 1)
    path = tmp_path / "countries.toml"
    path.write_text(text, encoding="utf-8")
    ids = [f.id for f in return_risk_factors(child=False, profiles=read_profiles(path))]
    assert "stigma" not in ids and "child_best_interests" not in ids


def test_an_unknown_applies_to_is_a_data_error_naming_the_factor(tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8").replace(
        'examples = []\napplies_to = "child"', 'examples = []\napplies_to = "adult"', 1)
    path = tmp_path / "countries.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LawDataError, match=r"child_best_interests\)\.applies_to"):
        read_profiles(path)
