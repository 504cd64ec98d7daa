"""Linking on encodings alone finds the true pairs of a small cross-script set and refuses
encodings made with another key or other parameters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wayhome.domain.linkage import Record, link, load_settings
from wayhome.domain.pprl import (
    Encoder,
    PprlError,
    check_compatible,
    default_params,
    dumps,
    key_check_value,
    link_encoded,
    load_levels,
    loads,
    score,
)

KEY = bytes(range(32))
LEFT = [
    Record("L1", "สมหญิง ใจดี", "F", "1990-05-12", "THA"),
    Record("L2", "Nguyễn Văn Hùng", "M", "1988-02-01", "VNM"),
    Record("L3", "陳大文", "M", "1979-11-02", "CHN"),
    Record("L4", "အောင်ကျော်ဝင်း", "M", "1995-07-20", "MMR"),
    Record("L5", "សុខា ចាន់", "F", "2001-03-04", "KHM"),
    Record("L6", "ສຸກສະຫວັນ ພົມມະວົງ", "M", "1985-09-09", "LAO"),
]
RIGHT = [
    Record("R1", "Somyhing Jaidee", "F", "1990-12-05", "THA"),  # day-month swapped
    Record("R2", "HUNG NGUYEN VAN", "M", "1988", "VNM"),
    Record("R3", "Chan Tai Man", "M", "1979-11-02", ""),
    Record("R4", "ေအာင္ေက်ာ္ဝင္း", "M", "1995-07-20", "MMR"),  # Zawgyi
    Record("R5", "Chan Sokha", "F", "2001-03-04", "KHM"),
    Record("R6", "Souksavanh Phommavong", "", "1985-09-09", "LAO"),
    Record("R7", "Maria Santos", "F", "1990-05-12", "PHL"),  # nobody on the left
]
TRUTH = {(f"L{i}", f"R{i}") for i in range(1, 7)}


def _encode(records: list[Record], key: bytes = KEY) -> list:  # type: ignore[type-arg]
    enc = Encoder(key, default_params())
    return [enc.encode(r) for r in records]


def test_encoded_link_finds_the_true_cross_script_pairs() -> None:
    result = link_encoded(_encode(LEFT), _encode(RIGHT))
    found = {(m.left_id, m.right_id) for m in result.matches + result.review}
    assert found == TRUTH
    assert len(result.matches) >= 4


def test_encoded_link_agrees_with_the_plain_engine_on_this_set() -> None:
    plain = link(LEFT, RIGHT)
    encoded = link_encoded(_encode(LEFT), _encode(RIGHT))
    as_set = lambda r: {(m.left_id, m.right_id) for m in r.matches + r.review}  # noqa: E731
    assert as_set(plain) == as_set(encoded)


def test_encodings_under_different_keys_do_not_link() -> None:
    result = link_encoded(_encode(LEFT), _encode(RIGHT, bytes(range(1, 33))))
    assert not result.matches and not result.review


def test_files_with_different_keys_are_refused() -> None:
    params = default_params()
    other = bytes(range(1, 33))
    left = loads(dumps(_encode(LEFT), params, key_check_value(KEY)))
    right = loads(dumps(_encode(RIGHT, other), params, key_check_value(other)))
    with pytest.raises(PprlError, match="different keys"):
        check_compatible(left, right)


def test_files_with_different_parameters_are_refused() -> None:
    left = loads(dumps(_encode(LEFT), default_params(), key_check_value(KEY)))
    folded = default_params(xor_fold=True)
    enc = Encoder(KEY, folded)
    right = loads(dumps([enc.encode(r) for r in RIGHT], folded, key_check_value(KEY)))
    with pytest.raises(PprlError, match="different scheme parameters"):
        check_compatible(left, right)


def test_a_file_of_the_first_scheme_is_refused() -> None:
    # "wayhome-pprl/1" files carry no birth-date block keys: linked with today's, the
    # pairs only a date would find were silently lost. (Only the header's scheme is
    # changed here: the refusal reads nothing else.)
    params = default_params()
    assert params.scheme == "wayhome-pprl/2"
    text = dumps(_encode(LEFT), params, key_check_value(KEY)).replace(
        '"scheme": "wayhome-pprl/2"', '"scheme": "wayhome-pprl/1"')
    old = loads(text)
    assert old.params.scheme == "wayhome-pprl/1"
    new = loads(dumps(_encode(RIGHT), params, key_check_value(KEY)))
    with pytest.raises(PprlError, match="different scheme parameters"):
        check_compatible(old, new)


def test_xor_folded_encodings_still_link() -> None:
    folded = default_params(xor_fold=True)
    enc = Encoder(KEY, folded)
    result = link_encoded([enc.encode(r) for r in LEFT], [enc.encode(r) for r in RIGHT])
    found = {(m.left_id, m.right_id) for m in result.matches + result.review}
    assert len(found & TRUTH) >= 5


def test_encoded_link_on_generated_cross_script_lists_is_precise() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "datasets"))
    import crossscript as gen

    data = gen.generate_script("vietnamese", 60, 1)
    as_records = lambda rows: [Record(**r) for r in rows]  # noqa: E731
    result = link_encoded(_encode(as_records(data.left)), _encode(as_records(data.right)))
    found = {(m.left_id, m.right_id) for m in result.matches}
    assert found and len(found & data.truth) / len(found) >= 0.9


def test_encoded_link_of_long_lists_estimates_the_prior_as_the_plain_engine() -> None:
    import dataclasses

    from tests.domain.linkage.synthetic import lists
    from wayhome.domain.linkage import load_settings

    left_rows, right_rows, truth_idx = lists(300)
    left = _encode([Record(f"L{k}", r["name"], r["sex"], r["birth"], r["nationality"])
                    for k, r in enumerate(left_rows)])
    right = _encode([Record(f"R{k}", r["name"], r["sex"], r["birth"], r["nationality"])
                     for k, r in enumerate(right_rows)])
    truth = {(f"L{a}", f"R{b}") for a, b in truth_idx}
    fixed = dataclasses.replace(load_settings(), estimate_prior_from=0)
    before = {(m.left_id, m.right_id) for m in link_encoded(left, right, fixed).matches}
    after = {(m.left_id, m.right_id) for m in link_encoded(left, right).matches}
    assert len(after & truth) > len(before & truth)
    assert len(after - truth) <= len(before - truth) + 2


@pytest.mark.parametrize(("birth", "level"), [
    ("1990-05-12", "exact"),
    ("1990-12-05", "day_month_swapped"),
    ("1990", "same_year"),
    ("1990-08-20", "same_year_other_day"),
    ("1991-05-12", "year_slip"),
    ("1991", "year_only_within_1"),
    ("1991-08-20", "year_within_1"),
    ("1970-05-12", "disagree"),
    ("", "missing"),
])
def test_encoded_birth_levels_are_the_plain_engines(birth: str, level: str) -> None:
    enc = Encoder(KEY, default_params())
    base = enc.encode(Record("a", "Somchai Jaidee", birth="1990-05-12"))
    other = enc.encode(Record("b", "Somchai Jaidee", birth=birth))
    pair = score(base, other, load_levels(), load_settings())
    assert {lv.field: lv.level for lv in pair.levels}["birth"] == level


def test_a_slip_of_the_year_counts_for_more_than_another_day_a_year_apart() -> None:
    enc = Encoder(KEY, default_params())
    base = enc.encode(Record("a", "Somchai Jaidee", birth="1990-05-12"))
    slip = enc.encode(Record("b", "Somchai Jaidee", birth="1991-05-12"))
    other_day = enc.encode(Record("c", "Somchai Jaidee", birth="1991-08-20"))
    levels, settings = load_levels(), load_settings()
    assert score(base, slip, levels, settings).weight > \
        score(base, other_day, levels, settings).weight


def test_a_levels_table_lacking_a_birth_level_is_refused(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from wayhome.domain.pprl import match

    data = match.levels_data()
    broken = {**data, "birth": {k: v for k, v in data["birth"].items() if k != "year_slip"}}
    monkeypatch.setattr(match, "levels_data", lambda: broken)
    with pytest.raises(PprlError, match="levels.birth: expected the levels"):
        match.load_levels()


def test_encoded_records_born_the_same_day_meet_whatever_their_names() -> None:
    enc = Encoder(KEY, default_params())
    left = [enc.encode(Record("L", "Wira Chinnawat", "M", "2005-05-17", "THA"))]
    right = [enc.encode(Record("R", "Veera Shinawatra", "M", "2005-05-17", "THA")),
             enc.encode(Record("S", "Veera Shinawatra", "M", "2005", "THA"))]
    from wayhome.domain.pprl import candidate_pairs

    assert candidate_pairs(left, right, 60) == [(0, 0)]
