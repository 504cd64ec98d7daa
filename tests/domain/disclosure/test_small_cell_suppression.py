"""Primary and secondary suppression: no published count of 1..k-1 cases, and no hidden
small count can be computed back from the published totals."""

from __future__ import annotations

import random

import pytest

from wayhome.domain.disclosure import (
    Box,
    Lattice,
    Status,
    counts_for,
    parse_period,
    release,
    shape,
    table_spec,
)

from .audit import determined

K = 11
NATIONALITIES = ("MMR", "VNM", "KHM", "IDN")
SEXES = ("M", "F", "X")
LATTICE = Lattice({"nationality": NATIONALITIES, "sex": SEXES}, ("2025-01",))
ALL = parse_period("all")


def _random_table(rng: random.Random) -> dict[tuple[str, str | None], int]:
    return {(n, s): rng.choice([0, 0, 1, 2, 3, 5, 8, 10, 11, 12, 15, 20, 40])
            for n in NATIONALITIES for s in SEXES}


def test_no_published_cell_holds_one_to_k_minus_one_cases() -> None:
    rng = random.Random(6)
    for _ in range(200):
        spec = table_spec(LATTICE, "nationality", "sex", ALL)
        result = release(counts_for(spec, _random_table(rng)), LATTICE, K)
        assert all(v == 0 or v >= K for v in result.published.values())


def test_a_small_cell_is_suppressed_and_labelled_primary() -> None:
    spec = table_spec(LATTICE, "nationality", None, ALL)
    result = release(counts_for(spec, {("MMR", None): 40, ("VNM", None): 3}), LATTICE, K)
    cell = result.cells[spec.row_total("VNM")]
    assert cell.status == Status.PRIMARY and cell.value is None


def test_the_total_cannot_be_used_to_recover_a_suppressed_cell() -> None:
    # Without secondary suppression: total 63 - MMR 40 - KHM 20 = VNM 3.
    spec = table_spec(LATTICE, "nationality", None, ALL)
    counts = {("MMR", None): 40, ("VNM", None): 3, ("KHM", None): 20}
    table = shape(spec, release(counts_for(spec, counts), LATTICE, K))
    published = {r.value: r.total for r in table.rows}
    assert published["VNM"] is None
    assert published["KHM"] is None  # the smallest other cell, hidden with it
    assert published["MMR"] == 40 and table.grand_total == 63


def test_secondary_suppression_picks_the_smallest_cell_of_the_row() -> None:
    spec = table_spec(LATTICE, "nationality", "sex", ALL)
    counts = {("MMR", "M"): 40, ("MMR", "F"): 3, ("MMR", "X"): 15,
              ("VNM", "M"): 30, ("VNM", "F"): 30, ("VNM", "X"): 30}
    result = release(counts_for(spec, counts), LATTICE, K)
    assert result.cells[spec.cell("MMR", "F")].status == Status.PRIMARY
    assert result.cells[spec.cell("MMR", "X")].status == Status.SECONDARY
    assert result.cells[spec.cell("MMR", "M")].value == 40


def test_no_hidden_small_cell_can_be_computed_from_the_published_counts() -> None:
    """Checked with exact linear algebra over every published count of the table."""
    rng = random.Random(11)
    checked = 0
    for _ in range(150):
        counts = _random_table(rng)
        spec = table_spec(LATTICE, "nationality", "sex", ALL)
        result = release(counts_for(spec, counts), LATTICE, K)
        atoms = {spec.cell(n, s): counts[(n, s)] for n in NATIONALITIES for s in SEXES}
        for box, cell in result.cells.items():
            if cell.status == Status.PRIMARY and box in atoms:
                checked += 1
                assert not determined(box, atoms, [result.published]), box.key()
    assert checked > 100


@pytest.mark.parametrize("value", [0, K, 500])
def test_zero_and_counts_of_k_or_more_are_published(value: int) -> None:
    spec = table_spec(LATTICE, "nationality", None, ALL)
    counts = {("MMR", None): value, ("VNM", None): 30}
    result = release(counts_for(spec, counts), LATTICE, K)
    assert result.value(spec.row_total("MMR")) == value


def test_a_box_key_survives_the_round_trip_to_text() -> None:
    box = Box.of(parse_period("2025-Q2"), {"sex": "F", "nationality": "VNM"})
    assert Box.from_key(box.key()) == box
