"""One- and two-way count tables with their totals, as boxes of the lattice.

The time axis is a dimension like the others for the reader (``month`` as rows), but
in the lattice it is the period of each box, so a table by month inside the year 2025
is the year's box split into its month boxes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Box, DisclosureError, Lattice, Period, Release

TIME_DIMENSION = "month"


@dataclass(frozen=True)
class TableSpec:
    row_dim: str
    col_dim: str | None
    period: Period
    rows: tuple[str, ...]
    cols: tuple[str, ...]  # empty for a one-way table

    def cell(self, row: str, col: str | None) -> Box:
        values: dict[str, str] = {}
        period = self.period
        for dim, val in ((self.row_dim, row), (self.col_dim, col)):
            if dim is None or val is None:
                continue
            if dim == TIME_DIMENSION:
                period = Period("month", val)
            else:
                values[dim] = val
        return Box.of(period, values)

    def row_total(self, row: str) -> Box:
        return self.cell(row, None)

    def col_total(self, col: str) -> Box:
        spec = TableSpec(self.col_dim or "", None, self.period, self.cols, ())
        return spec.cell(col, None)

    @property
    def grand_total(self) -> Box:
        return Box.of(self.period)

    def boxes(self) -> list[Box]:
        out = [self.grand_total]
        for r in self.rows:
            out.append(self.row_total(r))
            for c in self.cols:
                out.append(self.cell(r, c))
        for c in self.cols:
            out.append(self.col_total(c))
        return out


def table_spec(lattice: Lattice, row_dim: str, col_dim: str | None, period: Period) -> TableSpec:
    """The full table (every value of each dimension, zeros included: a family's boxes
    must cover their parent for the totals to be checked)."""
    if col_dim == row_dim:
        raise DisclosureError("choose two different dimensions")
    if TIME_DIMENSION in (row_dim, col_dim) and period.granularity == "month":
        raise DisclosureError("a table by month needs a period longer than a month")

    def values(dim: str) -> tuple[str, ...]:
        if dim == TIME_DIMENSION:
            return tuple(p.key for p in lattice.subperiods(period, "month"))
        if dim not in lattice.domains:
            raise DisclosureError(f"unknown dimension {dim!r}")
        return tuple(lattice.domains[dim])

    return TableSpec(row_dim, col_dim, period, values(row_dim),
                     values(col_dim) if col_dim else ())


@dataclass(frozen=True)
class Row:
    value: str
    cells: tuple[int | None, ...]  # None: suppressed
    total: int | None


@dataclass(frozen=True)
class Table:
    spec: TableSpec
    rows: tuple[Row, ...]
    col_totals: tuple[int | None, ...]
    grand_total: int | None
    k: int


def shape(spec: TableSpec, result: Release) -> Table:
    """The released table, row by row (None where a count is suppressed)."""
    rows = tuple(
        Row(r, tuple(result.value(spec.cell(r, c)) for c in spec.cols),
            result.value(spec.row_total(r)))
        for r in spec.rows
    )
    return Table(spec, rows, tuple(result.value(spec.col_total(c)) for c in spec.cols),
                 result.value(spec.grand_total), result.k)


def counts_for(spec: TableSpec, counts: Mapping[tuple[str, str | None], int]) -> dict[Box, int]:
    """The true counts of every box of the table, from counts per (row value, column
    value) (None as the column of a one-way table): totals are sums, never separate
    queries, so they always agree with the cells."""
    out: dict[Box, int] = {b: 0 for b in spec.boxes()}
    for (r, c), n in counts.items():
        if r not in spec.rows or (spec.cols and c not in spec.cols):
            raise DisclosureError(f"value outside the table: {r!r}, {c!r}")
        out[spec.grand_total] += n
        out[spec.row_total(r)] += n
        if spec.cols and c is not None:
            out[spec.cell(r, c)] += n
            out[spec.col_total(c)] += n
    return out
