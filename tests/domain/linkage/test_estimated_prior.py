"""link() estimates the prior from two lists of mostly the same people."""

from __future__ import annotations

import dataclasses

import pytest

from tests.domain.linkage.synthetic import lists
from wayhome.domain.linkage import LinkageDataError, Record, link, load_settings
from wayhome.domain.linkage.scoring import estimated_prior, parse_settings


def _records(rows: list[dict[str, str]], prefix: str) -> list[Record]:
    return [Record(f"{prefix}{k}", r["name"], r["sex"], r["birth"], r["nationality"])
            for k, r in enumerate(rows)]


def _truth(n: int) -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    left, right, truth = lists(n)
    return (_records(left, "L"), _records(right, "R"),
            {(f"L{a}", f"R{b}") for a, b in truth})


def test_prior_of_lists_of_mostly_the_same_people_is_far_above_the_hand_set_one() -> None:
    settings = load_settings()
    # 100 candidate pairs, 60 of them one-to-one pairs the weights make near-certain
    prior = estimated_prior([30.0] * 60, 100, settings)
    assert prior == pytest.approx(0.5)  # capped at one in two
    prior = estimated_prior([30.0] * 60, 3000, settings)
    assert prior == pytest.approx(60 / 3000, rel=1e-3)
    # weights near zero: the matches are what the prior says they are, a fixed point
    low = estimated_prior([-40.0] * 60, 3000, settings)
    assert low < settings.prior


def test_estimating_the_prior_matches_more_true_pairs_without_false_ones() -> None:
    left, right, truth = _truth(300)
    fixed = dataclasses.replace(load_settings(), estimate_prior_from=0)
    estimating = dataclasses.replace(load_settings(), estimate_prior_from=100)
    before = {(m.left_id, m.right_id) for m in link(left, right, fixed).matches}
    after = {(m.left_id, m.right_id) for m in link(left, right, estimating).matches}
    assert len(after & truth) > len(before & truth)
    assert len(after - truth) <= len(before - truth) + 1


def test_short_lists_keep_the_hand_set_prior() -> None:
    left, right, _ = _truth(60)
    settings = dataclasses.replace(load_settings(), estimate_prior_from=100)
    fixed = dataclasses.replace(settings, estimate_prior_from=0)
    assert link(left, right, settings) == link(left, right, fixed)


def test_both_backends_estimate_the_same_prior() -> None:
    left, right, _ = _truth(300)
    assert link(left, right, backend="python") == link(left, right, backend="vectorised")


def test_a_negative_threshold_is_refused() -> None:
    import tomllib
    from importlib import resources

    text = resources.files("wayhome.domain.linkage").joinpath(
        "data", "linkage.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    data["model"]["estimate_prior_from"] = -1
    with pytest.raises(LinkageDataError, match="estimate_prior_from"):
        parse_settings(data)


def test_backends_break_ties_between_equal_pairs_the_same_way() -> None:
    # Z9 and A1 tie on R0 (R0 gives no nationality); the pure path gives R0 to A1 (ids in
    # order) and Z9 then takes R1, which suits Z9 better than A1 (same nationality). A
    # backend breaking the tie by row order instead gives R0 to Z9, A1 takes R1 at a
    # lower weight, and the two estimate different priors.
    left = [Record("Z9", "Somchai Jaidee", "M", "1990", "THA"),
            Record("A1", "Somchai Jaidee", "M", "1990", "")] + [
        Record(f"L{k:03d}", f"Name{k} Family{k}", "F", f"19{50 + k % 40}-01-0{1 + k % 9}",
               "VNM") for k in range(120)]
    right = [Record("R0", "Somchai Jaidee", "M", "1990-04-05", ""),
             Record("R1", "Somchai Jaidee", "M", "1985-04-05", "THA")] + [
        Record(f"R{k:03d}x", f"Name{k} Family{k}", "F", f"19{50 + k % 40}-01-0{1 + k % 9}",
               "VNM") for k in range(120)]
    assert link(left, right, backend="python") == link(left, right, backend="vectorised")
