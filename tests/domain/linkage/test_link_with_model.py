"""link_with_model: Record lists linked under a table model whose m/u are learnt from them."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "datasets"))

import registry as gen  # noqa: E402

from wayhome.domain.linkage import (  # noqa: E402
    LinkageDataError,
    LinkageInputError,
    Record,
    link_with_model,
    load_table_model,
    run,
)
from wayhome.domain.linkage.modelled import MIN_RECORDS  # noqa: E402

COLS = ("name", "sex", "birth", "nationality")


@cache
def _lists() -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    reports, registered, truth = gen.generate(1500, seed=3, profile="clerical")

    def records(rows: list[dict[str, str]]) -> list[Record]:
        return [Record(r["id"], *(r[c] for c in COLS)) for r in rows]

    return records(reports), records(registered), set(truth)


def test_matches_are_the_table_runs_one_to_one_matches_and_mostly_true() -> None:
    left, right, truth = _lists()
    result = link_with_model(left, right, "registry")
    model = load_table_model("registry")
    table = run(model, {c: [getattr(r, c) for r in left] for c in COLS},
                {c: [getattr(r, c) for r in right] for c in COLS})
    li, ri = table.matches(model.match_threshold)
    expected = sorted((left[a].id, right[b].id) for a, b in zip(li, ri, strict=True))
    assert [(m.left_id, m.right_id) for m in result.matches] == expected
    found = {(m.left_id, m.right_id) for m in result.matches}
    assert len(found & truth) / len(found) > 0.95  # precision
    assert len(found & truth) / len(truth) > 0.9  # recall
    assert all(m.probability >= model.match_threshold and m.band == "match"
               for m in result.matches)
    assert (result.left_count, result.right_count) == (1500, 1500)
    assert result.pairs_compared >= len(result.matches)


def test_review_band_takes_only_records_left_unmatched_once_each() -> None:
    left, right, _ = _lists()
    result = link_with_model(left, right)
    model = load_table_model("registry")
    assert result.review, "this data has pairs between the two thresholds"
    matched_l = {m.left_id for m in result.matches}
    matched_r = {m.right_id for m in result.matches}
    review_l = [m.left_id for m in result.review]
    review_r = [m.right_id for m in result.review]
    assert not (set(review_l) & matched_l) and not (set(review_r) & matched_r)
    assert len(set(review_l)) == len(review_l) and len(set(review_r)) == len(review_r)
    assert all(model.review_threshold <= m.probability < model.match_threshold
               for m in result.review)


def test_short_lists_are_refused_with_the_reason() -> None:
    left, right, _ = _lists()
    with pytest.raises(LinkageInputError) as exc:
        link_with_model(left[:10], right)
    assert any(f"needs at least {MIN_RECORDS}" in str(p) for p in exc.value.problems)


def test_every_invalid_record_is_listed() -> None:
    left, right, _ = _lists()
    bad = [*left[:-2], Record("X", "Somchai", sex="Q"), Record(left[0].id, "Mai")]
    with pytest.raises(LinkageInputError) as exc:
        link_with_model(bad, right)
    text = " ".join(str(p) for p in exc.value.problems)
    assert "sex 'Q'" in text and "duplicate" in text


def test_a_model_reading_columns_the_lists_lack_is_refused() -> None:
    left, right, _ = _lists()
    with pytest.raises(LinkageDataError, match="do not have"):
        link_with_model(left, right, "historical")


def test_an_unknown_model_names_the_packaged_ones() -> None:
    with pytest.raises(LinkageDataError, match="packaged: .*registry"):
        load_table_model("no-such-model")
