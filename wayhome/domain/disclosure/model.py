"""The vocabulary of the disclosure-control engine: thresholds, periods, cells (boxes),
families of cells, the lattice of what may be asked, and the result of a release.

A *box* is the set of cases a published count is about: a period of the time axis
(all time, a calendar year, a quarter or a month of registration) and one value for
each of some dimensions (``nationality=MMR, sex=F``). Only boxes on this fixed lattice
can be asked for, which is what makes the differencing audit in :mod:`.engine` exact
enough to be useful: two periods are either nested or disjoint, and a box's children in
a finer family partition it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, cached_property
from itertools import product

MIN_K = 5
DEFAULT_K = 11

# The time axis: coarse to fine. "all" is one period covering every month of the data.
GRANULARITIES: tuple[str, ...] = ("all", "year", "quarter", "month")
_GRAN_RANK = {g: i for i, g in enumerate(GRANULARITIES)}
ALL_TIME = "*"


class DisclosureError(ValueError):
    """Bad input to the engine (unknown dimension or value, k too low, ...)."""


def check_k(k: int) -> int:
    """The threshold: cells of 1..k-1 cases are never published. Below 5 is refused:
    CTDC publishes with k = 11 and statistical offices rarely go under 5."""
    if isinstance(k, bool) or not isinstance(k, int):
        raise DisclosureError(f"k must be a whole number, got {k!r}")
    if k < MIN_K:
        raise DisclosureError(f"k = {k} is below the minimum of {MIN_K}; refused")
    return k


@dataclass(frozen=True, order=True)
class Period:
    granularity: str
    key: str  # "*", "2025", "2025-Q1", "2025-03"

    def __post_init__(self) -> None:
        if self.granularity not in _GRAN_RANK:
            raise DisclosureError(f"unknown period granularity {self.granularity!r}")

    @property
    def rank(self) -> int:
        return _GRAN_RANK[self.granularity]

    def label(self) -> str:
        return "all" if self.granularity == "all" else self.key

    def contains_month(self, month: str) -> bool:
        """Is the month ``YYYY-MM`` inside this period?"""
        return month_to_period(month, self.granularity) == self

    def coarsen(self, granularity: str) -> Period:
        """The period of a coarser granularity that contains this one."""
        if _GRAN_RANK[granularity] > self.rank:
            raise DisclosureError(f"cannot coarsen {self} to the finer {granularity}")
        if self.granularity == "all":
            return self
        if self.granularity == "year":
            first_month = f"{self.key}-01"
        elif self.granularity == "quarter":
            first_month = _quarter_first_month(self.key)
        else:
            first_month = self.key
        return month_to_period(first_month, granularity)


def _quarter_first_month(key: str) -> str:
    year, q = key.split("-Q")
    return f"{year}-{(int(q) - 1) * 3 + 1:02d}"


def month_to_period(month: str, granularity: str) -> Period:
    """The period of ``granularity`` holding the month ``YYYY-MM``."""
    if granularity == "all":
        return Period("all", ALL_TIME)
    year, mm = month[:4], int(month[5:7])
    if granularity == "year":
        return Period("year", year)
    if granularity == "quarter":
        return Period("quarter", f"{year}-Q{(mm - 1) // 3 + 1}")
    return Period("month", month[:7])


def parse_period(text: str) -> Period:
    """``all``, ``2025``, ``2025-Q1`` or ``2025-03`` into a Period; anything else refused."""
    t = text.strip()
    if t in ("", "all", ALL_TIME):
        return Period("all", ALL_TIME)
    if len(t) == 4 and t.isdigit():
        return Period("year", t)
    if len(t) == 7 and t[:4].isdigit() and t[4:6] == "-Q" and t[6] in "1234":
        return Period("quarter", t)
    if len(t) == 7 and t[:4].isdigit() and t[4] == "-" and t[5:].isdigit() \
            and 1 <= int(t[5:]) <= 12:
        return Period("month", t)
    raise DisclosureError(f"not a period: {text!r} (use all, 2025, 2025-Q1 or 2025-03)")


@dataclass(frozen=True, order=True)
class Box:
    """The cases of one period and one value per constrained dimension."""

    period: Period
    values: tuple[tuple[str, str], ...] = ()  # sorted by dimension

    @staticmethod
    def of(period: Period, values: Mapping[str, str] | None = None) -> Box:
        return Box(period, tuple(sorted((values or {}).items())))

    @cached_property
    def dims(self) -> frozenset[str]:
        return frozenset(d for d, _ in self.values)

    @cached_property
    def family(self) -> Family:
        return Family(self.dims, self.period.granularity)

    def value_of(self, dim: str) -> str | None:
        for d, v in self.values:
            if d == dim:
                return v
        return None

    def restrict(self, family: Family) -> Box:
        """The box of a coarser family that contains this one."""
        return Box(self.period.coarsen(family.granularity),
                   tuple((d, v) for d, v in self.values if d in family.dims))

    def key(self) -> str:
        """A stable text key (used to store released cells)."""
        parts = [f"period={self.period.granularity}:{self.period.key}"]
        parts += [f"{d}={v}" for d, v in self.values]
        return "|".join(parts)

    @staticmethod
    def from_key(key: str) -> Box:
        head, *rest = key.split("|")
        gran, _, pkey = head.removeprefix("period=").partition(":")
        values = {}
        for part in rest:
            d, _, v = part.partition("=")
            values[d] = v
        return Box.of(Period(gran, pkey), values)


@dataclass(frozen=True)
class Family:
    """Boxes constraining the same dimensions at the same time granularity. Two distinct
    boxes of one family are disjoint; a family's boxes inside a coarser box partition it."""

    dims: frozenset[str]
    granularity: str

    def is_coarser_or_equal(self, other: Family) -> bool:
        return self.dims <= other.dims and \
            _GRAN_RANK[self.granularity] <= _GRAN_RANK[other.granularity]

    def coarser(self) -> tuple[Family, ...]:
        """Every strictly coarser family (the possible parents of a box of this family)."""
        return _coarser(self)


@cache
def _coarser(family: Family) -> tuple[Family, ...]:
    subsets: list[frozenset[str]] = [frozenset()]
    for d in sorted(family.dims):
        subsets += [s | {d} for s in subsets]
    return tuple(
        Family(s, g)
        for s in subsets
        for g in GRANULARITIES[: _GRAN_RANK[family.granularity] + 1]
        if Family(s, g) != family
    )


@dataclass(frozen=True)
class Lattice:
    """What can be asked: each dimension's full list of values (the attacker is assumed
    to know them), and the months the data cover."""

    domains: Mapping[str, tuple[str, ...]]
    months: tuple[str, ...]
    _sub: dict[tuple[Period, str], list[Period]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    def periods(self, granularity: str) -> list[Period]:
        seen: dict[Period, None] = {}
        for m in self.months:
            seen[month_to_period(m, granularity)] = None
        return list(seen)

    def subperiods(self, period: Period, granularity: str) -> list[Period]:
        """The periods of ``granularity`` inside ``period`` that hold data months."""
        if granularity == "all":
            return [Period("all", ALL_TIME)]
        cached = self._sub.get((period, granularity))
        if cached is None:
            seen: dict[Period, None] = {}
            for m in self.months:
                if period.contains_month(m):
                    seen[month_to_period(m, granularity)] = None
            cached = self._sub[(period, granularity)] = list(seen)
        return cached

    def children_count(self, parent: Box, family: Family) -> int:
        n = len(self.subperiods(parent.period, family.granularity))
        for d in family.dims - parent.dims:
            n *= len(self.domains[d])
        return n

    def children(self, parent: Box, family: Family) -> Iterable[Box]:
        extra = sorted(family.dims - parent.dims)
        base = dict(parent.values)
        for period in self.subperiods(parent.period, family.granularity):
            for combo in product(*(self.domains[d] for d in extra)):
                yield Box.of(period, {**base, **dict(zip(extra, combo))})

    def validate(self, box: Box) -> None:
        for d, v in box.values:
            if d not in self.domains:
                raise DisclosureError(f"unknown dimension {d!r}")
            if v not in self.domains[d]:
                raise DisclosureError(f"unknown value {v!r} of dimension {d!r}")
        if box.period.granularity != "all" and not self.subperiods(box.period, "month"):
            raise DisclosureError(f"period {box.period.label()} holds no data month")

    def holds(self, box: Box) -> bool:
        """Can ``box`` hold a case? False for a box outside the lattice (a value or a
        period the data do not have), whose count every reader knows is zero. Every box
        of a plain lattice that reaches the engine is inside it."""
        return True

    def union(self, other: Lattice) -> Lattice:
        """The lattice of two populations (or two snapshots) together."""
        domains = {d: tuple(dict.fromkeys((*self.domains.get(d, ()),
                                           *other.domains.get(d, ()))))
                   for d in (*self.domains, *(d for d in other.domains
                                               if d not in self.domains))}
        return Lattice(domains, tuple(sorted({*self.months, *other.months})))

    def contains(self, box: Box) -> bool:
        """Is ``box`` inside this lattice (every value in its dimension's list, and a
        period holding data months)?"""
        if not self.months:
            return False
        if any(d not in self.domains or v not in self.domains[d] for d, v in box.values):
            return False
        return box.period.granularity == "all" or bool(self.subperiods(box.period, "month"))


# The internal dimension of the audit across a population change (see SplitLattice).
PART = "~part"
IN = "in"
OUT = "out"


@dataclass(frozen=True)
class SplitLattice(Lattice):
    """Two populations, one inside the other, as one lattice: the counts published
    earlier over the *outer* population (boxes without :data:`PART`), the counts over the
    *inner* one (``PART=in``) and their difference, the rest (``PART=out``). An outer box
    is the sum of its ``in`` and ``out`` boxes, so the engine's attacker computes the rest
    by subtraction, as a reader holding both releases would.

    A box outside its own population's lattice (a nationality, a month the population
    has no case of) is a zero every reader knows: it is left out of every family (so a
    relation with it is decided by the others) and known as 0 where it is a parent."""

    outer: Lattice = field(kw_only=True)
    inner: Lattice = field(kw_only=True)
    both: Lattice = field(kw_only=True)
    _kids: dict[tuple[Box, Family], tuple[Box, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False)

    @staticmethod
    def of(outer: Lattice, inner: Lattice) -> SplitLattice:
        both = outer.union(inner)
        return SplitLattice({**both.domains, PART: (IN, OUT)}, both.months,
                            outer=outer, inner=inner, both=both)

    def _own(self, box: Box) -> tuple[Lattice, Box]:
        part = box.value_of(PART)
        plain = Box(box.period, tuple((d, v) for d, v in box.values if d != PART))
        if part == IN:
            return self.inner, plain
        if part == OUT:  # outer minus inner: zero only where both are
            return self.both, plain
        return self.outer, plain

    def holds(self, box: Box) -> bool:
        own, plain = self._own(box)
        return own.contains(plain)

    def children(self, parent: Box, family: Family) -> Iterable[Box]:
        kids = self._kids.get((parent, family))
        if kids is None:
            kids = self._kids[(parent, family)] = tuple(
                b for b in super().children(parent, family) if self.holds(b))
        return kids

    def children_count(self, parent: Box, family: Family) -> int:
        return len(tuple(self.children(parent, family)))

    def validate(self, box: Box) -> None:
        own, plain = self._own(box)
        own.validate(plain)


class Status(StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"          # 1..k-1 cases
    SECONDARY = "secondary"      # hidden so that a primary cell cannot be computed
    DIFFERENCING = "differencing"  # hidden because of cells released earlier


@dataclass(frozen=True)
class Cell:
    box: Box
    status: Status
    value: int | None  # None unless published

    @property
    def published(self) -> bool:
        return self.status == Status.PUBLISHED


@dataclass
class Release:
    k: int
    cells: dict[Box, Cell] = field(default_factory=dict)

    def value(self, box: Box) -> int | None:
        return self.cells[box].value

    @property
    def published(self) -> dict[Box, int]:
        return {b: c.value for b, c in self.cells.items() if c.value is not None}
