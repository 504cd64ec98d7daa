"""Small-cell suppression with an audit against differencing.

The threat: an analyst (or several together) combines published counts to compute a
count that was hidden, for example "all cases" minus "all cases except nationality X",
or the year 2025 minus its first three quarters. Tables are additive, so every count an
attacker can compute comes from the relations *box = sum of its children* in a finer
family (a row total is the sum of its row; a year is the sum of its quarters).

The rule, applied to the union of what was released before (the ledger) and what this
release would publish:

1. primary: a cell of 1..k-1 cases is never published (zero is: it is no person);
2. an attacker is simulated: for every relation whose parent is known and exactly one
   child is unknown, the child becomes known; a parent whose children are all known
   becomes known; repeated until nothing changes;
3. a relation whose parent is known leaves "parent minus the known children" as the
   size of the group of unknown children: that group must be 0 or at least k, and no
   cell the attacker can compute may hold 1..k-1 cases;
4. where 3 fails, the smallest non-zero cell of this release in that relation is hidden
   too (the classic secondary suppression, "pick the smallest"), and 2-3 run again.

Cells published earlier cannot be taken back, so only this release's cells are hidden.
If nothing in this release can repair a violation, every new cell is withheld.
Gaps the ledger alone already opens (an earlier export with a lower k) are not this
release's to repair and are left aside.

Across a change of population (an organisation stopped sharing, so this month's
snapshot counts fewer organisations than an earlier one did for the same reader), the
earlier releases are passed as :class:`Wider`: the audit runs once more over a
:class:`~.model.SplitLattice` in which each earlier count is the sum of this
population's count and the rest's, so "earlier minus now" is one more relation the
attacker solves, and a cell is hidden where it would give a group of 1..k-1 cases of the
rest (the organisation that left). An earlier population inside this one (an
organisation agreed to share since) is passed as :class:`Narrower`, and audited the same
way with the roles reversed.

Limits, stated: the simulated attacker solves one relation at a time (exact values), as
differencing does; it does not solve several relations jointly (a suppressed cell that
is a "bridge" between two blocks of suppressed cells of a two-way table can in theory be
computed from sums of several rows and columns) nor bound cells by linear programming.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .model import (
    IN,
    PART,
    Box,
    Cell,
    DisclosureError,
    Family,
    Lattice,
    Release,
    SplitLattice,
    Status,
    check_k,
)

RelKey = tuple[Box, Family]


@dataclass
class _Attacker:
    """What can be computed from the known cells through the partition relations."""

    lattice: Lattice
    known: dict[Box, int]
    derived_from: dict[Box, RelKey] = field(default_factory=dict)
    relations: dict[RelKey, dict[Box, int]] = field(default_factory=dict)

    def add(self, box: Box, value: int) -> None:
        self.known[box] = value
        if not self.lattice.holds(box):
            return  # a zero everyone knows (see SplitLattice): in no relation as a child
        for parent_family in box.family.coarser():
            parent = box.restrict(parent_family)
            self.relations.setdefault((parent, box.family), {})[box] = value
            if parent not in self.known and not self.lattice.holds(parent):
                self.add(parent, 0)

    def close(self) -> None:
        for box, value in list(self.known.items()):
            self.add(box, value)
        changed = True
        while changed:
            changed = False
            for rel in list(self.relations):
                parent, family = rel
                kids = self.relations[rel]
                missing = self.lattice.children_count(parent, family) - len(kids)
                if parent not in self.known and missing == 0:
                    self.derived_from[parent] = rel
                    self.add(parent, sum(kids.values()))
                    changed = True
                elif parent in self.known and missing == 1:
                    child = next(c for c in self.lattice.children(parent, family)
                                 if c not in kids)
                    self.derived_from[child] = rel
                    self.add(child, self.known[parent] - sum(kids.values()))
                    changed = True

    def violations(self, k: int) -> list[RelKey]:
        """Relations that let an attacker learn a group of 1..k-1 cases."""
        bad: dict[RelKey, None] = {}
        for box, rel in self.derived_from.items():
            if 1 <= self.known[box] < k:
                bad[rel] = None
        for rel, kids in self.relations.items():
            parent, family = rel
            if parent not in self.known:
                continue
            if len(kids) < self.lattice.children_count(parent, family):
                if 1 <= self.known[parent] - sum(kids.values()) < k:
                    bad[rel] = None
        return list(bad)


@dataclass(frozen=True)
class Wider:
    """Counts published earlier over a population that contains the organisations
    common to it and this one (an earlier snapshot, before an organisation stopped
    sharing), with that population's lattice. A reader holding both subtracts one from
    the other.

    ``common`` and ``common_lattice``: when this population also counts organisations
    the earlier one did not (one left, another joined), the counts over the common
    organisations alone of every box of this release and of its ledger, and their
    lattice. The audit then assumes the reader knows the newcomers' counts (they are
    their own cases; none in a box is a known zero), the worst case."""

    lattice: Lattice
    published: Mapping[Box, int]
    common: Mapping[Box, int] | None = None
    common_lattice: Lattice | None = None


@dataclass(frozen=True)
class Narrower:
    """Counts published earlier over a population inside this one (this one counts more
    organisations: one agreed to share since), given as the counts over the
    organisations common to both, with their lattice. "Now minus earlier" is the
    newcomers' count: the audit runs over a :class:`SplitLattice` with the roles of
    :class:`Wider` reversed (this release is the outer population)."""

    lattice: Lattice
    published: Mapping[Box, int]


def release(
    request: Mapping[Box, int],
    lattice: Lattice,
    k: int,
    ledger: Mapping[Box, int] | None = None,
    wider: Sequence[Wider] = (),
    narrower: Sequence[Narrower] = (),
) -> Release:
    """Decide which of the requested counts may be published.

    ``request`` maps each box to its true count; ``ledger`` holds the counts published
    before over the same data (same snapshot, same population). Returns every requested
    cell with its status; :attr:`Release.published` is what to add to the ledger.

    ``wider``: counts published before over larger populations. Each is audited with
    this release as one :class:`SplitLattice` (the earlier population split into this
    one and the rest), and a cell that would let a reader work out a group of 1..k-1
    cases of the rest is hidden too (status DIFFERENCING).

    ``narrower``: counts published before over smaller populations (see
    :class:`Narrower`), audited the same way with this release as the outer population.
    """
    check_k(k)
    ledger = dict(ledger or {})
    for box, value in request.items():
        lattice.validate(box)
        if value < 0:
            raise DisclosureError(f"negative count for {box.key()}")
        if box in ledger and ledger[box] != value:
            # No count in the message: it would reach a page or a log.
            raise DisclosureError("a count differs from the one published before over the "
                                  "same data; nothing published")
    status = _audit(request, lattice, k, ledger)
    for earlier in wider:
        now = request if earlier.common is None else earlier.common
        before = ledger if earlier.common is None else {b: earlier.common[b] for b in ledger}
        split = SplitLattice.of(earlier.lattice, earlier.common_lattice or lattice)
        shown = {_inner(b): now[b] for b, s in status.items() if s == Status.PUBLISHED}
        both = _audit(shown, split, k,
                      {**earlier.published, **{_inner(b): v for b, v in before.items()}})
        for box, s in status.items():
            if s == Status.PUBLISHED and both[_inner(box)] != Status.PUBLISHED:
                status[box] = Status.DIFFERENCING
    for smaller in narrower:
        split = SplitLattice.of(lattice, smaller.lattice)
        shown = {b: request[b] for b, s in status.items() if s == Status.PUBLISHED}
        both = _audit(shown, split, k,
                      {**{_inner(b): v for b, v in smaller.published.items()}, **ledger})
        for box, s in status.items():
            if s == Status.PUBLISHED and both[box] != Status.PUBLISHED:
                status[box] = Status.DIFFERENCING
    out = Release(k=k)
    for box, value in request.items():
        s = status[box]
        out.cells[box] = Cell(box, s, value if s == Status.PUBLISHED else None)
    return out


def _inner(box: Box) -> Box:
    return Box.of(box.period, {**dict(box.values), PART: IN})


def _audit(
    request: Mapping[Box, int],
    lattice: Lattice,
    k: int,
    ledger: Mapping[Box, int],
) -> dict[Box, Status]:
    """The status of every requested box: rules 1-4 of the module's docstring."""
    status: dict[Box, Status] = {}
    for box, value in request.items():
        # Primary: even if an earlier release (with a lower k) showed it, not shown again.
        status[box] = Status.PRIMARY if 1 <= value < k else Status.PUBLISHED
    # What the ledger alone already lets an attacker compute (for example after an
    # export with a lower k) cannot be undone here: only new gaps are repaired.
    before = _Attacker(lattice, dict(ledger))
    before.close()
    pre_existing = set(before.violations(k))
    while True:
        attacker = _Attacker(lattice, {**ledger, **{
            b: request[b] for b, s in status.items() if s == Status.PUBLISHED}})
        attacker.close()
        problems = [p for p in attacker.violations(k) if p not in pre_existing]
        if not problems:
            break
        hidden_any = False
        for rel in problems:
            hide = _repair(rel, attacker, request, ledger, status)
            if hide is not None and status[hide] == Status.PUBLISHED:
                involved = {rel[0], *attacker.relations.get(rel, {})}
                earlier = any(b in ledger for b in involved)
                status[hide] = Status.DIFFERENCING if earlier else Status.SECONDARY
                hidden_any = True
        if not hidden_any:
            # Nothing of this release can close the gap: withhold every new cell.
            for box in status:
                if box not in ledger and status[box] == Status.PUBLISHED:
                    status[box] = Status.DIFFERENCING
            break
    return status


def _repair(
    rel: RelKey,
    attacker: _Attacker,
    request: Mapping[Box, int],
    ledger: Mapping[Box, int],
    status: Mapping[Box, Status],
) -> Box | None:
    """The cell to hide for a violating relation: the smallest non-zero cell of this
    release in it (children before the parent); failing that, in the relations the
    derived cells of it came from."""
    seen: set[RelKey] = set()
    queue = [rel]
    while queue:
        current = queue.pop(0)
        if current in seen:
            continue
        seen.add(current)
        parent, _ = current
        members = list(attacker.relations.get(current, {})) + [parent]
        candidates = [
            b for b in members
            if b in request and b not in ledger and status.get(b) == Status.PUBLISHED
            and request[b] > 0 and b not in attacker.derived_from
        ]
        if candidates:
            return min(candidates, key=lambda b: (b == parent, request[b], b.key()))
        queue += [attacker.derived_from[b] for b in members if b in attacker.derived_from]
    return None
