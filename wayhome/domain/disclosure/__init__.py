"""Statistical disclosure control for the published statistics (pure Python, typed).

Counts over the cases are published only as tables on a fixed lattice (dimensions with
known value lists, and periods that are all time, a year, a quarter or a month of
registration, so two periods are always nested or disjoint). Every release is audited
together with what was released before over the same data (a ledger kept by the app per
data snapshot and population): no published cell holds 1..k-1 cases, totals cannot be
used to compute a suppressed cell (secondary suppression), and no combination of
nested releases (differencing, "all minus all-but-X", "year minus three quarters")
yields a group of 1..k-1 cases. See :mod:`.engine` for the rule.

    from wayhome.domain.disclosure import Lattice, parse_period, release, table_spec
    spec = table_spec(lattice, "nationality", "sex", parse_period("2025"))
    result = release(counts_for(spec, counts), lattice, k=11, ledger=earlier)

k defaults to 11 (as the Counter-Trafficking Data Collaborative publishes) and is never
below 5. Zero is published: it is no person, and hiding zeros would not protect a cell.
"""

from .engine import Narrower, Wider, release
from .htcds import HTCDS_EXTENSION_FIELDS, htcds_field, load_htcds_mapping
from .model import (
    ALL_TIME,
    DEFAULT_K,
    GRANULARITIES,
    MIN_K,
    Box,
    Cell,
    DisclosureError,
    Family,
    Lattice,
    Period,
    Release,
    SplitLattice,
    Status,
    check_k,
    month_to_period,
    parse_period,
)
from .tables import TIME_DIMENSION, Row, Table, TableSpec, counts_for, shape, table_spec

__all__ = [
    "ALL_TIME", "DEFAULT_K", "GRANULARITIES", "HTCDS_EXTENSION_FIELDS", "MIN_K",
    "TIME_DIMENSION", "Box", "Cell", "DisclosureError", "Family", "Lattice", "Narrower",
    "Period", "Release", "Row", "SplitLattice", "Status", "Table", "TableSpec", "Wider", "check_k",
    "counts_for",
    "htcds_field", "load_htcds_mapping", "month_to_period", "parse_period", "release",
    "shape", "table_spec",
]
