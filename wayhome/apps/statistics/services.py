"""Statistics: sharing agreements, suppressed tables for analysts, and exports.

Every count leaves through :func:`release_table`, which audits it with the disclosure
engine against the ledger of what was already released from the same snapshot to the
same population, and records what it publishes. Views and the CLI call these functions;
they never count cases themselves.

Whose cases a recipient sees is fixed per snapshot (:func:`scope_for`): the agreements in
force when the snapshot was taken. After one of them ends, the recipient's figures are
withheld until the next snapshot; a snapshot that counts other organisations than an
earlier one (fewer, more, or some of each) is also audited against what was published
then (the engine's ``wider`` and ``narrower``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.accounts.models import Organisation, Role
from wayhome.apps.audit.log import record as audit
from wayhome.domain.disclosure import (
    DEFAULT_K,
    Box,
    DisclosureError,
    Lattice,
    Narrower,
    Period,
    Table,
    TableSpec,
    Wider,
    check_k,
    counts_for,
    load_htcds_mapping,
    parse_period,
    release,
    shape,
    table_spec,
)
from wayhome.domain.disclosure.tables import TIME_DIMENSION
from wayhome.security.policy import Action, require

from .dimensions import DIMENSIONS, FACT_DIMENSIONS
from .models import CaseFact, ReleasedCell, SharingAgreement, Snapshot
from .snapshot import current_population, holders_of, populations_of, population_key


def deployment_k() -> int:
    """The deployment's threshold (settings.WAYHOME_STATS_K, default 11, never below 5)."""
    return check_k(int(getattr(settings, "WAYHOME_STATS_K", DEFAULT_K)))


# -- agreements ---------------------------------------------------------------------

def shared_holder_ids(recipient_id: int | None) -> list[int]:
    """Organisations whose agreement with the recipient is in force now (None: with
    anyone, for the export)."""
    agreements = SharingAgreement.objects.filter(ended_at__isnull=True)
    if recipient_id is not None:
        agreements = agreements.filter(recipient_id=recipient_id)
    return sorted(set(agreements.values_list("holder_id", flat=True)))


def add_agreement(user: Any, recipient: Organisation, agreed_on: Any,
                  terms: str = "") -> SharingAgreement:
    """The administrator of the case-holding organisation agrees to share aggregates
    with ``recipient``; its cases count from the next snapshot (see below)."""
    require(user, Action.USERS_MANAGE)
    holder = user.organisation
    if recipient.pk == holder.pk:
        raise ValidationError({"recipient": _("Choose another organisation than your own.")})
    if SharingAgreement.objects.filter(holder=holder, recipient=recipient,
                                       ended_at__isnull=True).exists():
        raise ValidationError({"recipient": _("An agreement with this organisation is "
                                              "already in force.")})
    with transaction.atomic():
        agreement = SharingAgreement.objects.create(
            holder=holder, recipient=recipient, agreed_on=agreed_on, terms=terms,
            agreed_by=user)
        audit(user, "stats.agreement.add", object_type="statistics.SharingAgreement",
              object_id=str(agreement.pk), purpose="administration")
    # No new snapshot here: a new snapshot starts a new ledger, so any administrator could
    # otherwise reset the differencing protection of every analyst at will. The agreement
    # counts from the next monthly snapshot (or `wayhome stats snapshot`).
    return agreement


def end_agreement(user: Any, agreement: SharingAgreement) -> None:
    require(user, Action.USERS_MANAGE)
    if agreement.holder_id != user.organisation_id:
        raise ValidationError(_("Only the organisation holding the cases can end it."))
    with transaction.atomic():
        # The lock every release from the current snapshot takes (release_table): a
        # release under way finishes first, and the next one sees the agreement ended.
        Snapshot.objects.select_for_update().order_by("-taken_at", "-id").first()
        agreement.ended_at = timezone.now()
        agreement.save(update_fields=["ended_at"])
        audit(user, "stats.agreement.end", object_type="statistics.SharingAgreement",
              object_id=str(agreement.pk), purpose="administration")


def agreements_of(user: Any) -> QuerySet[SharingAgreement]:
    require(user, Action.USERS_MANAGE)
    return SharingAgreement.objects.filter(holder_id=user.organisation_id).select_related(
        "recipient")


# -- whose cases, this month ---------------------------------------------------------

PENDING = "pending"  # agreements made after this month's snapshot: counted from the next
CHANGED = "changed"  # an organisation counted in this month's snapshot stopped sharing


def withheld_message(reason: str) -> str:
    if reason == PENDING:
        return _("The organisations that agreed to share aggregates with yours are counted "
                 "from the next monthly snapshot: the figures will be available then.")
    return _("The organisations sharing aggregates with yours have changed: the figures "
             "will be available again from the next monthly snapshot.")


class Withheld(DisclosureError):
    """No figure for this recipient until the next snapshot (``reason``: PENDING or
    CHANGED); the message says why, to the analyst."""

    def __init__(self, reason: str) -> None:
        super().__init__(withheld_message(reason))
        self.reason = reason


@dataclass(frozen=True)
class Scope:
    """What a recipient (an analyst's organisation; None for the export) may be shown
    now: the current snapshot and the organisations it counts for the recipient, fixed
    when the snapshot was taken. ``withheld`` is why there is none this month (PENDING or
    CHANGED); no holder and no reason: nobody shares with the recipient."""

    recipient_id: int | None
    snapshot: Snapshot | None = None
    holder_ids: list[int] = field(default_factory=list)
    changed: bool = False
    withheld: str = ""

    def check(self) -> None:
        """Raise :class:`Withheld` when the figures wait for the next snapshot."""
        if self.withheld:
            raise Withheld(self.withheld)


def scope_for(recipient_id: int | None) -> Scope:
    """The recipient's scope: one query for the agreements in force, one for the current
    snapshot with the recipient's population in it (a snapshot is taken on first use in
    the month)."""
    active = set(shared_holder_ids(recipient_id))
    if not active:
        return Scope(recipient_id)
    snapshot, population = current_population(recipient_id)
    holders = holders_of(population.holders) if population is not None else []
    if population is None or not holders:
        # Agreements made after this month's snapshot count from the next one: counting
        # them now would change the population of a snapshot already released from.
        return Scope(recipient_id, snapshot, withheld=PENDING)
    if not set(holders) <= active:
        # An organisation counted in this snapshot ended its agreement: publishing over
        # the others would give its cases by subtraction, and publishing over it would
        # ignore that it withdrew its consent.
        return Scope(recipient_id, snapshot, withheld=CHANGED)
    return Scope(recipient_id, snapshot, holders, changed=population.changed)


def scope_of(user: Any) -> Scope:
    return scope_for(user.organisation_id)


def _latest_published(key: str, snapshots: dict[int, Snapshot]) -> dict[Box, tuple[int, int]]:
    """Per cell published over the population ``key`` from these snapshots, the latest
    count and the snapshot it came from."""
    out: dict[Box, tuple[int, int]] = {}
    for snapshot_id, box, value in ReleasedCell.objects.filter(
            snapshot_id__in=list(snapshots), population=key).order_by(
            "snapshot__taken_at", "snapshot_id").values_list("snapshot_id", "box", "value"):
        out[Box.from_key(box)] = (value, snapshot_id)
    return out


def population_audits(scope: Scope, boxes: Iterable[Box]) -> tuple[list[Wider],
                                                                   list[Narrower]]:
    """What was published from earlier snapshots to the same recipient over other
    organisations than now, for the audit of a release of ``boxes`` (this release's and
    its ledger's). Per earlier population sharing organisations with this one:

    - some of its organisations left: a :class:`Wider` (the latest count of each cell
      over the lattice of those snapshots; when others joined too, with the counts over
      the organisations common to both, as if the newcomers' counts were known);
    - some joined since: a :class:`Narrower` (the earlier cells as counts over the
      organisations common to both, as if the leavers' counts were known).

    A population with no organisation in common tells nothing of this one's by
    subtraction (see the README's limits)."""
    if not scope.changed or scope.snapshot is None:
        return [], []
    current = scope.snapshot
    mine = set(scope.holder_ids)
    groups: dict[str, dict[int, Snapshot]] = {}
    for pop in populations_of(scope.recipient_id).exclude(snapshot=current) \
            .select_related("snapshot"):
        theirs = set(holders_of(pop.holders))
        if theirs != mine and theirs & mine:
            groups.setdefault(pop.holders, {})[pop.snapshot_id] = pop.snapshot
    boxes = list(boxes)
    wider: list[Wider] = []
    narrower: list[Narrower] = []
    for key, snapshots in groups.items():
        theirs = set(holders_of(key))
        common = sorted(theirs & mine)
        latest = _latest_published(key, snapshots)
        if not latest:
            continue
        used = sorted({i for _v, i in latest.values()})
        published = {b: v for b, (v, _i) in latest.items()}
        if theirs - mine:
            lattice = reduce(Lattice.union, (lattice_for(snapshots[i], sorted(theirs))
                                             for i in used))
            if mine <= theirs:
                wider.append(Wider(lattice, published))
            else:
                wider.append(Wider(lattice, published,
                                   common=counts_over(current, common, boxes),
                                   common_lattice=lattice_for(current, common)))
        if mine - theirs:
            if theirs <= mine:
                values = published
            else:
                values = {}
                for i in used:
                    values.update(counts_over(snapshots[i], common, [
                        b for b, (_v, j) in latest.items() if j == i]))
            narrower.append(Narrower(
                reduce(Lattice.union, (lattice_for(snapshots[i], common) for i in used)),
                values))
    return wider, narrower


# -- counting -----------------------------------------------------------------------

def _facts(snapshot: Snapshot, holder_ids: list[int]) -> QuerySet[CaseFact]:
    return CaseFact.objects.filter(snapshot=snapshot, organisation_id__in=holder_ids)


_LATTICES: dict[tuple[int, str, str], Lattice] = {}


def lattice_for(snapshot: Snapshot, holder_ids: list[int]) -> Lattice:
    """Every value of every dimension (fixed lists, or the values present in this
    population's facts) and the months covered. A snapshot never changes, so the
    lattice is computed once per process and population."""
    key = (snapshot.pk, snapshot.taken_at.isoformat(), population_key(holder_ids))
    if key not in _LATTICES:
        if len(_LATTICES) > 256:
            _LATTICES.clear()
        _LATTICES[key] = _compute_lattice(snapshot, holder_ids)
    return _LATTICES[key]


def _compute_lattice(snapshot: Snapshot, holder_ids: list[int]) -> Lattice:
    facts = _facts(snapshot, holder_ids)
    domains: dict[str, tuple[str, ...]] = {}
    for key in FACT_DIMENSIONS:
        dim = DIMENSIONS[key]
        if dim.fixed:
            domains[key] = tuple(v for v, _label in dim.values)
        else:
            domains[key] = tuple(sorted(
                facts.order_by().values_list(key, flat=True).distinct()))
    months = tuple(sorted(facts.order_by().values_list("month", flat=True).distinct()))
    return Lattice(domains, months)


_COUNTS: dict[tuple[int, str, str, tuple[str, ...]], dict[tuple[str, ...],
                                                          list[tuple[str, int]]]] = {}


def counts_over(snapshot: Snapshot, holder_ids: list[int], boxes: Iterable[Box]) -> \
        dict[Box, int]:
    """The count of each box over these organisations' facts in the snapshot: one
    GROUP BY per set of dimensions (by month), kept per process as snapshots never
    change."""
    by_dims: dict[tuple[str, ...], list[Box]] = {}
    for box in boxes:
        by_dims.setdefault(tuple(d for d, _v in box.values), []).append(box)
    out: dict[Box, int] = {}
    for dims, group in by_dims.items():
        key = (snapshot.pk, snapshot.taken_at.isoformat(), population_key(holder_ids), dims)
        rows = _COUNTS.get(key)
        if rows is None:
            if len(_COUNTS) > 1024:
                _COUNTS.clear()
            rows = {}
            for row in _facts(snapshot, holder_ids).order_by().values(
                    *dims, "month").annotate(n=Count("id")):
                rows.setdefault(tuple(row[d] for d in dims), []).append(
                    (row["month"], row["n"]))
            _COUNTS[key] = rows
        for box in group:
            out[box] = sum(n for month, n in rows.get(tuple(v for _d, v in box.values), ())
                           if box.period.granularity == "all"
                           or box.period.contains_month(month))
    return out


def _period_filter(qs: QuerySet[CaseFact], period: Period, lattice: Lattice) -> \
        QuerySet[CaseFact]:
    if period.granularity == "all":
        return qs
    months = [p.key for p in lattice.subperiods(period, "month")]
    if not months:
        return qs.none()
    return qs.filter(month__gte=months[0], month__lte=months[-1])


def count_cells(snapshot: Snapshot, holder_ids: list[int], spec: TableSpec,
                lattice: Lattice) -> dict[tuple[str, str | None], int]:
    """True counts per (row value, column value), one GROUP BY in the database."""
    fields = [spec.row_dim] + ([spec.col_dim] if spec.col_dim else [])
    qs = _period_filter(_facts(snapshot, holder_ids), spec.period, lattice)
    out: dict[tuple[str, str | None], int] = {}
    for row in qs.order_by().values(*fields).annotate(n=Count("id")):
        key = (row[spec.row_dim], row[spec.col_dim] if spec.col_dim else None)
        out[key] = row["n"]
    return out


@dataclass
class Released:
    table: Table
    snapshot: Snapshot
    holders: int  # number of organisations whose cases are counted


def release_table(*, scope: Scope, spec: TableSpec, lattice: Lattice, k: int,
                  user: Any = None) -> Table:
    """Audit one table against the ledger (and against earlier populations: see
    :func:`population_audits`), record what it publishes, return it. Raises
    :class:`Withheld` when an agreement of the scope ended meanwhile."""
    assert scope.snapshot is not None
    snapshot, holder_ids = scope.snapshot, scope.holder_ids
    population = population_key(holder_ids)
    counts = counts_for(spec, count_cells(snapshot, holder_ids, spec, lattice))
    with transaction.atomic():
        # One release at a time per snapshot (a row lock on PostgreSQL; SQLite has a
        # single writer), so two analysts cannot both pass against the same ledger.
        # Ending an agreement takes the same lock (end_agreement).
        Snapshot.objects.select_for_update().filter(pk=snapshot.pk).first()
        # Re-read under the lock: an agreement may have ended since the scope was read.
        if not set(holder_ids) <= set(shared_holder_ids(scope.recipient_id)):
            raise Withheld(CHANGED)
        ledger = {Box.from_key(b): v for b, v in ReleasedCell.objects.filter(
            snapshot=snapshot, population=population).values_list("box", "value")}
        wider, narrower = population_audits(scope, [*counts, *ledger])
        result = release(counts, lattice, k, ledger, wider, narrower)
        ReleasedCell.objects.bulk_create(
            [ReleasedCell(snapshot=snapshot, population=population, box=b.key(), value=v,
                          released_to=user if getattr(user, "pk", None) else None)
             for b, v in result.published.items() if b not in ledger],
            ignore_conflicts=True)
    return shape(spec, result)


def parse_request(row_dim: str, col_dim: str, period: str) -> tuple[str, str | None, Period]:
    """Validate the analyst's choice; DisclosureError names what is wrong."""
    if row_dim not in DIMENSIONS:
        raise DisclosureError(_("Unknown dimension."))
    if col_dim and col_dim not in DIMENSIONS:
        raise DisclosureError(_("Unknown second dimension."))
    return row_dim, col_dim or None, parse_period(period or "all")


def analyst_table(user: Any, row_dim: str, col_dim: str | None, period: Period,
                  action: Action = Action.STATS_VIEW) -> Released | None:
    """The suppressed table an analyst asked for, over the cases shared with the
    analyst's organisation; None when no organisation shares with it."""
    require(user, action)
    return table_for(user, row_dim, col_dim, period)


def table_for(user: Any, row_dim: str, col_dim: str | None, period: Period,
              scope: Scope | None = None) -> Released | None:
    """:func:`analyst_table` for a caller that has already asked the policy (and written
    the audit event) for this request, and may have looked up the ``scope`` already.
    Raises :class:`Withheld` when the figures wait for the next snapshot."""
    scope = scope or scope_of(user)
    scope.check()
    if not scope.holder_ids or scope.snapshot is None:
        return None
    snapshot, holders = scope.snapshot, scope.holder_ids
    lattice = lattice_for(snapshot, holders)
    spec = table_spec(lattice, row_dim, col_dim, period)
    if period.granularity != "all" and not lattice.subperiods(period, "month"):
        raise DisclosureError(_("No case was registered in that period."))
    table = release_table(scope=scope, spec=spec, lattice=lattice, k=deployment_k(),
                          user=user)
    return Released(table, snapshot, len(holders))


def periods_for(user: Any, scope: Scope | None = None) -> list[Period]:
    """The periods an analyst can choose (all time, years, quarters with data)."""
    scope = scope or scope_of(user)
    out = [parse_period("all")]
    if scope.holder_ids and scope.snapshot is not None and not scope.withheld:
        lattice = lattice_for(scope.snapshot, scope.holder_ids)
        out += lattice.periods("year") + lattice.periods("quarter")
    return out


# -- exports ------------------------------------------------------------------------

def label(dim: str | None, value: str) -> str:
    if dim is None or dim == TIME_DIMENSION:
        return value
    return DIMENSIONS[dim].value_label(value)


CSV_HEADER = ["period", "dimension", "value", "dimension_2", "value_2", "count",
              "suppressed", "k"]


def table_rows(table: Table) -> list[list[str]]:
    """The published table as CSV rows: cells, row totals, column totals, total. A
    suppressed count is empty with suppressed=1, whatever the reason (the reason would
    tell which hidden cells are the small ones)."""
    spec = table.spec
    period = spec.period.label()
    col = spec.col_dim or ""

    def line(r_dim: str, r: str, c_dim: str, c: str, n: int | None) -> list[str]:
        return [period, r_dim, r, c_dim, c, "" if n is None else str(n),
                "0" if n is not None else "1", str(table.k)]

    rows: list[list[str]] = []
    for row in table.rows:
        for c, n in zip(spec.cols, row.cells):
            rows.append(line(spec.row_dim, row.value, col, c, n))
        rows.append(line(spec.row_dim, row.value, col, "*" if col else "", row.total))
    for c, n in zip(spec.cols, table.col_totals):
        rows.append(line(spec.row_dim, "*", col, c, n))
    rows.append(line(spec.row_dim, "*", col, "*" if col else "", table.grand_total))
    return rows


def write_csv(rows: Iterable[list[str]], header: list[str]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def all_dimension_tables(scope: Scope, k: int, user: Any = None) -> list[Table]:
    """Every dimension over all time (one-way tables), each audited in turn; none when
    nobody shares with the scope's recipient. Raises :class:`Withheld` as
    :func:`table_for` does."""
    scope.check()
    if not scope.holder_ids or scope.snapshot is None:
        return []
    snapshot, holder_ids = scope.snapshot, scope.holder_ids
    lattice = lattice_for(snapshot, holder_ids)
    period = parse_period("all")
    return [release_table(scope=scope, spec=table_spec(lattice, dim, None, period),
                          lattice=lattice, k=k, user=user)
            for dim in DIMENSIONS]


HTCDS_HEADER = ["standard", "period", "field", "qualifier", "value", "wayhome_value",
                "count", "suppressed", "k", "fc_ForcedCriminality"]


def htcds_rows(tables: Iterable[Table]) -> list[list[str]]:
    """Aggregate rows keyed by HTCDS field and value names (see data/htcds.toml)."""
    version, forced, fields = load_htcds_mapping()
    rows: list[list[str]] = []
    for table in tables:
        f = fields.get(table.spec.row_dim)
        if f is None:
            continue
        for row in table.rows:
            n = row.total
            rows.append([version, table.spec.period.label(), f.field, f.qualifier,
                         f.value(row.value), row.value, "" if n is None else str(n),
                         "0" if n is not None else "1", str(table.k), forced])
    return rows


def analyst_htcds_csv(user: Any) -> str:
    """Raises :class:`Withheld` when the figures wait for the next snapshot."""
    require(user, Action.STATS_EXPORT)
    tables = all_dimension_tables(scope_of(user), deployment_k(), user)
    return write_csv(htcds_rows(tables), HTCDS_HEADER)


def export_all(k: int) -> tuple[str, int]:
    """For ``wayhome stats export``: every dimension over the cases of every
    organisation sharing with anyone when the snapshot was taken. Returns (CSV text,
    number of rows); raises :class:`Withheld` after one of them stopped sharing."""
    check_k(k)
    rows: list[list[str]] = []
    for table in all_dimension_tables(scope_for(None), k):
        rows += table_rows(table)
    return write_csv(rows, CSV_HEADER), len(rows)


def is_analyst(user: Any) -> bool:
    return getattr(user, "role", "") == Role.ANALYST
