"""Differencing: two overlapping queries must not give, by subtraction (or any linear
combination), a group of 1..k-1 cases."""

from __future__ import annotations

from wayhome.domain.disclosure import (
    Box,
    DisclosureError,
    Lattice,
    Status,
    counts_for,
    parse_period,
    release,
    table_spec,
)

from .audit import determined, value_of

K = 11
NATS = ("MMR", "VNM", "KHM")
MONTHS = ("2024-06", "2025-01", "2025-04", "2025-07", "2025-10")
LATTICE = Lattice({"nationality": NATS, "sex": ("M", "F")}, MONTHS)

# The cases, by month and nationality: 2024 holds 3 Vietnamese cases only.
ATOMS: dict[Box, int] = {}
for month, counts in {
    "2024-06": {"MMR": 0, "VNM": 3, "KHM": 0},
    "2025-01": {"MMR": 20, "VNM": 5, "KHM": 12},
    "2025-04": {"MMR": 15, "VNM": 6, "KHM": 11},
    "2025-07": {"MMR": 12, "VNM": 5, "KHM": 14},
    "2025-10": {"MMR": 13, "VNM": 4, "KHM": 2},
}.items():
    for nat, n in counts.items():
        ATOMS[Box.of(parse_period(month), {"nationality": nat})] = n


def _by_nationality(period: str, ledger: dict[Box, int] | None = None) -> dict[Box, int]:
    spec = table_spec(LATTICE, "nationality", None, parse_period(period))
    counts = {(n, None): value_of(spec.row_total(n), ATOMS) for n in NATS}
    result = release(counts_for(spec, counts), LATTICE, K, ledger)
    assert all(v == 0 or v >= K for v in result.published.values())
    return result.published


def _small_groups() -> list[Box]:
    """Every box of the lattice (nationality or total, any period) holding 1..k-1 cases."""
    boxes = []
    for gran in ("all", "year", "quarter", "month"):
        for period in LATTICE.periods(gran):
            for nat in (*NATS, None):
                box = Box.of(period, {"nationality": nat} if nat else {})
                if 1 <= value_of(box, ATOMS) < K:
                    boxes.append(box)
    return boxes


def test_without_the_ledger_two_overlapping_queries_reveal_a_small_group() -> None:
    """The attack works on plain small-cell suppression (so the next test can fail)."""
    first = _by_nationality("all")
    second = _by_nationality("2025")  # audited alone, as if nothing was released before
    vnm_2024 = Box.of(parse_period("2024"), {"nationality": "VNM"})
    assert value_of(vnm_2024, ATOMS) == 3
    assert determined(vnm_2024, ATOMS, [first, second])
    assert first[Box.of(parse_period("all"), {"nationality": "VNM"})] - \
        second[Box.of(parse_period("2025"), {"nationality": "VNM"})] == 3


def test_all_time_then_a_year_does_not_reveal_the_three_cases_of_the_other_year() -> None:
    first = _by_nationality("all")
    second = _by_nationality("2025", ledger=first)
    vnm_2024 = Box.of(parse_period("2024"), {"nationality": "VNM"})
    assert not determined(vnm_2024, ATOMS, [first, second])
    for box in _small_groups():
        assert not determined(box, ATOMS, [first, second]), box.key()


def test_the_second_release_names_differencing_as_the_reason() -> None:
    first = _by_nationality("all")
    spec = table_spec(LATTICE, "nationality", None, parse_period("2025"))
    counts = {(n, None): value_of(spec.row_total(n), ATOMS) for n in NATS}
    result = release(counts_for(spec, counts), LATTICE, K, first)
    assert result.cells[spec.row_total("VNM")].status == Status.DIFFERENCING
    assert result.cells[spec.grand_total].status == Status.DIFFERENCING


def test_a_year_minus_three_of_its_quarters_does_not_reveal_the_fourth() -> None:
    """2025-Q4 holds 2 Cambodian cases: year minus Q1, Q2 and Q3 would give them."""
    ledger: dict[Box, int] = {}
    releases = []
    for period in ("2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "all", "2024"):
        published = _by_nationality(period, ledger)
        releases.append(published)
        ledger.update(published)
    for box in _small_groups():
        assert not determined(box, ATOMS, releases), box.key()


def test_the_same_queries_in_the_other_order_are_also_safe() -> None:
    ledger: dict[Box, int] = {}
    releases = []
    for period in ("2025-Q3", "2024", "2025-Q1", "2025", "all", "2025-Q2", "2025-Q4"):
        published = _by_nationality(period, ledger)
        releases.append(published)
        ledger.update(published)
    for box in _small_groups():
        assert not determined(box, ATOMS, releases), box.key()


def test_all_cases_minus_all_but_one_nationality_is_not_a_small_group() -> None:
    """A one-way table by sex, then a two-way table nationality by sex: the cross-tab's
    margins must not let "all" minus "everyone but the Vietnamese" single out a group."""
    lattice = Lattice({"nationality": NATS, "sex": ("M", "F")}, ("2025-01",))
    cells = {("MMR", "M"): 30, ("MMR", "F"): 14, ("VNM", "M"): 4, ("VNM", "F"): 12,
             ("KHM", "M"): 25, ("KHM", "F"): 16}
    atoms = {Box.of(parse_period("all"), {"nationality": n, "sex": s}): v
             for (n, s), v in cells.items()}
    by_sex = table_spec(lattice, "sex", None, parse_period("all"))
    first = release(counts_for(by_sex, {(s, None): sum(v for (n, s2), v in cells.items()
                                                        if s2 == s) for s in ("M", "F")}),
                    lattice, K).published
    cross = table_spec(lattice, "nationality", "sex", parse_period("all"))
    second = release(counts_for(cross, cells), lattice, K, first).published
    vnm_m = Box.of(parse_period("all"), {"nationality": "VNM", "sex": "M"})
    assert not determined(vnm_m, atoms, [first, second])
    assert all(v == 0 or v >= K for v in second.values())


def test_a_count_that_changed_under_the_same_snapshot_is_refused_without_naming_it() -> None:
    """The message reaches a page, the API or a log: it states no count, neither the one
    published nor the true one now."""
    first = _by_nationality("all")
    spec = table_spec(LATTICE, "nationality", None, parse_period("all"))
    counts = {(n, None): value_of(spec.row_total(n), ATOMS) + 1 for n in NATS}
    try:
        release(counts_for(spec, counts), LATTICE, K, first)
    except DisclosureError as exc:
        message = str(exc)
        assert "published before over the same data" in message
        assert not any(ch.isdigit() for ch in message), message
    else:
        raise AssertionError("a ledger value that changed was accepted")


def test_a_count_published_earlier_with_a_lower_k_is_not_shown_again() -> None:
    lattice = Lattice({"nationality": NATS}, ("2025-01",))
    spec = table_spec(lattice, "nationality", None, parse_period("all"))
    counts = counts_for(spec, {("MMR", None): 30, ("VNM", None): 7, ("KHM", None): 12})
    earlier = release(counts, lattice, 5).published
    assert earlier[spec.row_total("VNM")] == 7
    now = release(counts, lattice, K, earlier)
    assert now.cells[spec.row_total("VNM")].value is None
    assert now.cells[spec.row_total("MMR")].value == 30  # not everything withheld
