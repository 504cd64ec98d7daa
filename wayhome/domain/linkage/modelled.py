"""Link two lists of :class:`~.model.Record` with a packaged table model (``data/models``).

:func:`~.engine.link` weighs evidence with the hand-set m/u of ``data/linkage.toml``, the
same on any two lists; that suits a tracer's one report as well as a few thousand
records. Long lists (a consulate's list of thousands against a registry) carry more
evidence than that: :func:`link_with_model` runs :func:`~.vector.run` with a model such
as ``registry`` (``data/models/registry.toml``), which learns m/u from the two lists
themselves (u from random pairs, m by EM), weighs rare names more than common ones and
shares a report's probability among namesakes who fit it equally well. This is what
``benchmarks/linkage_synthetic_500k.py`` measures, and what
``wayhome trace link --model registry`` runs.

The matches are exactly :meth:`~.vector.TableLinkage.matches` at the model's match
threshold; the review band is then assigned one-to-one among the remaining records'
pairs between the review and the match threshold, so asking for the review band never
changes the matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .engine import record_problems
from .model import LinkageDataError, LinkageInputError, Problem, Record
from .records import COLUMNS, record_columns
from .table import TableModel, load_table_model
from .vector import IntArray, one_to_one, run

#: Below this many records on either side, EM has too few pairs to learn m/u from; the
#: hand-set weights of :func:`~.engine.link` are steadier there.
MIN_RECORDS = 1000


@dataclass(frozen=True, slots=True)
class ModelLink:
    """One pair kept one-to-one: ``band`` is "match" or "review"."""

    left_id: str
    right_id: str
    probability: float
    band: str


@dataclass(frozen=True, slots=True)
class ModelLinkResult:
    """Outcome of :func:`link_with_model` (the counts as in :class:`~.model.LinkResult`)."""

    model: str
    matches: tuple[ModelLink, ...]
    review: tuple[ModelLink, ...]
    pairs_compared: int
    left_count: int
    right_count: int


def link_with_model(left: Sequence[Record], right: Sequence[Record],
                    model: TableModel | str = "registry") -> ModelLinkResult:
    """Link ``left`` with ``right`` one-to-one under a table model (m/u learnt from them).

    Raises :class:`LinkageInputError` listing every invalid record, or if either list
    holds fewer than :data:`MIN_RECORDS` records; :class:`~.model.LinkageDataError` for a
    bad or unknown model.
    """
    table = load_table_model(model) if isinstance(model, str) else model
    unknown = sorted(table.columns - set(COLUMNS))
    if unknown:
        raise LinkageDataError(f"model {table.name!r} reads {', '.join(unknown)}, which "
                               f"the lists ({','.join(COLUMNS)}) do not have")
    problems = [Problem(m, None, where) for side, records in (("left", left), ("right", right))
                for where, msgs in record_problems(records, side) for m in msgs]
    for side, records in (("left", left), ("right", right)):
        if len(records) < MIN_RECORDS:
            problems.append(Problem(
                f"{len(records)} record(s): a model learns its weights from the lists and "
                f"needs at least {MIN_RECORDS} on each side; link without a model instead",
                None, side))
    if problems:
        raise LinkageInputError(problems)

    result = run(table, record_columns(left), record_columns(right))
    n_left = result.n_left

    def links(rows: IntArray, band: str) -> tuple[ModelLink, ...]:
        return tuple(ModelLink(left[a].id, right[b - n_left].id, p, band) for a, b, p in zip(
            result.i[rows].tolist(), result.j[rows].tolist(),
            result.probability[rows].tolist(), strict=True))

    matched = result.match_rows(table.match_threshold)
    used = np.zeros(result.n, dtype=bool)
    used[result.i[matched]] = True
    used[result.j[matched]] = True
    between = np.flatnonzero((result.probability >= table.review_threshold)
                             & (result.probability < table.match_threshold)
                             & ~used[result.i] & ~used[result.j])
    review = between[one_to_one(result.i[between], result.j[between],
                                result.weight[between])]

    def key(link: ModelLink) -> tuple[str, str]:
        return link.left_id, link.right_id

    return ModelLinkResult(table.name, tuple(sorted(links(matched, "match"), key=key)),
                           tuple(sorted(links(review, "review"), key=key)), len(result.i),
                           len(left), len(right))
