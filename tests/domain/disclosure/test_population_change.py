"""A population that shrank: counts published over {H1, H2}, then (next snapshot, fresh
ledger) over {H1} alone, because H2 stopped sharing. With the cases unchanged, "earlier
minus now" is H2's count: the engine, given the earlier release as ``wider``, must not
let any group of 1..k-1 of H2's cases (nor any other small group) be worked out."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping

import numpy as np
import pytest

from wayhome.domain.disclosure import (
    Box,
    Lattice,
    Narrower,
    Status,
    Wider,
    counts_for,
    parse_period,
    release,
    table_spec,
)

from .audit import inside

K = 11
NATS = ("MMR", "VNM", "KHM")
HOLDERS = ("H1", "H2")
Atom = tuple[str, Box]  # (holder, finest box: one month, one nationality)


def _atoms(cases: Mapping[tuple[str, str, str], int]) -> dict[Atom, int]:
    """{(holder, month, nationality): n} as atoms."""
    return {(h, Box.of(parse_period(m), {"nationality": n})): v
            for (h, m, n), v in cases.items()}


def _lattice(atoms: Mapping[Atom, int], holders: Iterable[str]) -> Lattice:
    """As the app builds it: the months the population has cases in."""
    mine = set(holders)
    months = sorted({a.period.key for (h, a), v in atoms.items() if h in mine and v})
    return Lattice({"nationality": NATS}, tuple(months))


def _count(box: Box, atoms: Mapping[Atom, int], holders: Iterable[str]) -> int:
    mine = set(holders)
    return sum(v for (h, a), v in atoms.items() if h in mine and inside(a, box))


def _publish(atoms: Mapping[Atom, int], holders: tuple[str, ...], periods: Iterable[str],
             wider: list[Wider] | None = None,
             narrower: list[Narrower] | None = None) -> dict[Box, int]:
    """Tables by nationality for each period, in turn, over one population and one
    snapshot (one ledger)."""
    lattice = _lattice(atoms, holders)
    ledger: dict[Box, int] = {}
    for period in periods:
        p = parse_period(period)
        if p.granularity != "all" and not lattice.subperiods(p, "month"):
            continue  # the app refuses a period without a case
        spec = table_spec(lattice, "nationality", None, p)
        counts: dict[tuple[str, str | None], int] = {
            (n, None): _count(spec.row_total(n), atoms, holders) for n in NATS}
        result = release(counts_for(spec, counts), lattice, K, ledger, wider or [],
                         narrower or [])
        assert all(v == 0 or v >= K for v in result.published.values())
        ledger.update(result.published)
    return ledger


def _small_groups_learnt(atoms: Mapping[Atom, int],
                         releases: list[tuple[tuple[str, ...], Mapping[Box, int]]]) -> list[str]:
    """Independent attacker (exact linear algebra over the atoms of both holders): every
    group of 1..k-1 cases (a box over H1, over H2 or over both) whose count is a
    combination of what was published."""
    order = sorted(atoms)

    def row(box: Box, holders: tuple[str, ...]) -> list[float]:
        return [1.0 if h in holders and inside(a, box) else 0.0 for h, a in order]

    m = np.array([row(b, hs) for hs, pub in releases for b in pub])
    rank = np.linalg.matrix_rank(m)
    found = []
    for box in _boxes(atoms):
        for holders in (("H1",), ("H2",), HOLDERS):
            if 1 <= _count(box, atoms, holders) < K and \
                    np.linalg.matrix_rank(np.vstack([m, row(box, holders)])) == rank:
                found.append(f"{'+'.join(holders)} {box.key()}")
    return found


def _boxes(atoms: Mapping[Atom, int]) -> list[Box]:
    lattice = _lattice(atoms, HOLDERS)
    out = []
    for gran in ("all", "year", "quarter", "month"):
        for period in lattice.periods(gran):
            for nat in (*NATS, None):
                out.append(Box.of(period, {"nationality": nat} if nat else {}))
    return out


# H2 holds 3 Vietnamese cases (with H1's in April) and 2 Cambodian cases in a month
# where H1 has none.
CASES = _atoms({
    ("H1", "2025-01", "MMR"): 30, ("H1", "2025-01", "VNM"): 0, ("H1", "2025-01", "KHM"): 12,
    ("H1", "2025-04", "MMR"): 15, ("H1", "2025-04", "VNM"): 14, ("H1", "2025-04", "KHM"): 11,
    ("H2", "2025-04", "VNM"): 3, ("H2", "2025-10", "KHM"): 2,
    ("H1", "2025-10", "MMR"): 0, ("H2", "2025-01", "MMR"): 0,
})
PERIODS = ("all", "2025", "2025-Q1", "2025-Q2", "2025-Q4")


def test_without_the_earlier_release_the_shrunk_population_gives_the_leaver_away() -> None:
    """The attack works on a fresh ledger (so the next test can fail)."""
    before = _publish(CASES, HOLDERS, PERIODS)
    after = _publish(CASES, ("H1",), PERIODS)
    vnm = Box.of(parse_period("all"), {"nationality": "VNM"})
    assert before[vnm] - after[vnm] == 3
    assert "H2 period=all:*|nationality=VNM" in _small_groups_learnt(
        CASES, [(HOLDERS, before), (("H1",), after)])


def test_with_the_earlier_release_no_group_of_the_leaver_can_be_worked_out() -> None:
    before = _publish(CASES, HOLDERS, PERIODS)
    after = _publish(CASES, ("H1",), PERIODS,
                     wider=[Wider(_lattice(CASES, HOLDERS), before)])
    assert _small_groups_learnt(CASES, [(HOLDERS, before), (("H1",), after)]) == []
    mmr = Box.of(parse_period("all"), {"nationality": "MMR"})
    assert after[mmr] == 45  # not everything withheld: MMR is the same for both


def test_the_cell_hidden_for_the_earlier_release_says_differencing() -> None:
    before = _publish(CASES, HOLDERS, ("all",))
    lattice = _lattice(CASES, ("H1",))
    spec = table_spec(lattice, "nationality", None, parse_period("all"))
    counts: dict[tuple[str, str | None], int] = {
        (n, None): _count(spec.row_total(n), CASES, ("H1",)) for n in NATS}
    result = release(counts_for(spec, counts), lattice, K, None,
                     [Wider(_lattice(CASES, HOLDERS), before)])
    assert result.cells[spec.row_total("VNM")].status == Status.DIFFERENCING
    plain = release(counts_for(spec, counts), lattice, K)
    assert plain.cells[spec.row_total("VNM")].status == Status.PUBLISHED


@pytest.mark.parametrize("grew", [False, True], ids=["shrank", "grew"])
def test_random_populations_and_queries_never_give_a_small_group_away(grew: bool) -> None:
    """{H1, H2} then {H1} (audited with Wider), or {H1} then {H1, H2} (Narrower)."""
    rng = random.Random(23 if grew else 17)
    months = ("2024-11", "2025-02", "2025-05", "2025-08")
    periods = ["all", "2024", "2025", "2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3"]
    old, new = (("H1",), HOLDERS) if grew else (HOLDERS, ("H1",))
    for _ in range(40):
        cases = _atoms({(h, m, n): rng.choice((0, 0, 1, 2, 4, 9, 12, 20, 35))
                        for h in HOLDERS for m in months for n in NATS})
        if not any(v for (h, _a), v in cases.items() if h == "H1"):
            continue
        first = periods[:]
        second = periods[:]
        rng.shuffle(first)
        rng.shuffle(second)
        before = _publish(cases, old, first)
        audit = [(Narrower if grew else Wider)(_lattice(cases, old), before)]
        after = _publish(cases, new, second,
                         **({"narrower": audit} if grew else {"wider": audit}))
        assert _small_groups_learnt(cases, [(old, before), (new, after)]) == []


def test_new_cases_in_a_new_month_do_not_hide_the_leaver() -> None:
    """After H2 left, H1 registered 12 cases in a month the earlier snapshot did not
    have. Earlier all-time VNM (17) minus (now all-time VNM minus now Q3's VNM) is still
    H2's 3: the earlier population's Q3 is a zero everyone knows."""
    earlier = Lattice({"nationality": ("MMR", "VNM")}, ("2025-01", "2025-04"))
    now = Lattice({"nationality": ("MMR", "VNM")}, ("2025-01", "2025-04", "2025-07"))

    def table(lattice: Lattice, period: str, mmr: int, vnm: int) -> dict[Box, int]:
        spec = table_spec(lattice, "nationality", None, parse_period(period))
        return counts_for(spec, {("MMR", None): mmr, ("VNM", None): vnm})

    before = release(table(earlier, "all", 30, 17), earlier, K).published
    wider = [Wider(earlier, before)]
    ledger = release(table(now, "2025-Q3", 12, 0), now, K, None, wider).published
    assert ledger[Box.of(parse_period("2025-Q3"), {"nationality": "VNM"})] == 0
    result = release(table(now, "all", 42, 14), now, K, ledger, wider)
    assert result.value(Box.of(parse_period("all"), {"nationality": "VNM"})) is None
    assert result.value(Box.of(parse_period("all"), {"nationality": "MMR"})) == 42


# -- a population that grew: {H1}, then {H1, H2} (H2 agreed to share) -------------------

def test_without_the_earlier_release_the_grown_population_gives_the_newcomer_away() -> None:
    before = _publish(CASES, ("H1",), PERIODS)
    after = _publish(CASES, HOLDERS, PERIODS)
    assert "H2 period=all:*|nationality=VNM" in _small_groups_learnt(
        CASES, [(("H1",), before), (HOLDERS, after)])


def test_with_the_earlier_release_no_group_of_the_newcomer_can_be_worked_out() -> None:
    before = _publish(CASES, ("H1",), PERIODS)
    after = _publish(CASES, HOLDERS, PERIODS,
                     narrower=[Narrower(_lattice(CASES, ("H1",)), before)])
    assert _small_groups_learnt(CASES, [(("H1",), before), (HOLDERS, after)]) == []
    mmr = Box.of(parse_period("all"), {"nationality": "MMR"})
    assert after[mmr] == 45


