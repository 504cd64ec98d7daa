"""k is at least 5; periods are the fixed lattice (all, year, quarter, month)."""

from __future__ import annotations

import pytest

from wayhome.domain.disclosure import (
    DEFAULT_K,
    DisclosureError,
    Lattice,
    check_k,
    counts_for,
    parse_period,
    release,
    table_spec,
)

LATTICE = Lattice({"sex": ("M", "F")}, ("2025-01",))


@pytest.mark.parametrize("k", [4, 0, -11, 1])
def test_k_below_five_is_refused(k: int) -> None:
    with pytest.raises(DisclosureError, match="below the minimum of 5"):
        check_k(k)


def test_release_refuses_k_below_five() -> None:
    spec = table_spec(LATTICE, "sex", None, parse_period("all"))
    with pytest.raises(DisclosureError):
        release(counts_for(spec, {("M", None): 3}), LATTICE, 4)


def test_k_of_five_and_the_default_of_eleven_are_accepted() -> None:
    assert check_k(5) == 5
    assert DEFAULT_K == 11 and check_k(DEFAULT_K) == 11


@pytest.mark.parametrize("text,granularity", [
    ("all", "all"), ("2025", "year"), ("2025-Q3", "quarter"), ("2025-03", "month")])
def test_periods_on_the_lattice_are_read(text: str, granularity: str) -> None:
    assert parse_period(text).granularity == granularity


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "March", "2025-03-01", "25"])
def test_periods_off_the_lattice_are_refused(text: str) -> None:
    with pytest.raises(DisclosureError):
        parse_period(text)


def test_a_quarter_coarsens_to_its_year() -> None:
    assert parse_period("2025-Q4").coarsen("year") == parse_period("2025")
    assert parse_period("2025-11").coarsen("quarter") == parse_period("2025-Q4")


def test_an_unknown_value_is_refused() -> None:
    spec = table_spec(LATTICE, "sex", None, parse_period("all"))
    with pytest.raises(DisclosureError, match="outside the table"):
        counts_for(spec, {("Z", None): 3})
