"""The vectorised backend for :func:`~.engine.link` on :class:`~.model.Record` lists.

The settings of ``data/linkage.toml`` (hand-set m/u, similarity levels) are turned into a
:class:`~.table.TableModel` whose blocking rules and levels are exactly those of the
pure-Python path (:mod:`.blocking`, :mod:`.scoring`), so both backends give the same
candidate pairs, levels, weights and hence the same matches; only the speed differs.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from wayhome.domain.names import MAX_VARIANTS, similarity

from ._names import cached_normalise
from .model import LevelResult, Record, ScoredPair
from .records import record_columns
from .scoring import Settings, estimated_prior, probability
from .table import BlockingRule, TableComparison, TableLevel, TableModel
from .vector import block, compare, one_to_one, prepare

_TESTS = {"missing": "missing", "similarity": "sim", "agree": "exact", "exact": "exact",
          "year_month": "year_month", "day_month_swapped": "swap", "day_month": "day_month",
          "partial_year": "partial_year", "year_within": "year_within", "else": "else"}
_KINDS = {"name": "name", "sex": "exact", "birth": "date", "nationality": "exact"}


def table_model(settings: Settings) -> TableModel:
    """The pure path's blocking and levels as a table model (weights stay in ``settings``)."""
    comps = tuple(
        TableComparison(c.field, c.field, _KINDS[c.field], tuple(
            TableLevel(lv.id, _TESTS[lv.kind], lv.min_similarity, lv.years, lv.m, lv.u)
            for lv in c.levels))
        for c in settings.comparisons)
    # the same full date of birth: year and MM-DD (which only a full date has)
    rules = (BlockingRule(("name.key",)), BlockingRule(("name.tokenkey",)),
             BlockingRule(("name.tokens",), settings.max_token_block),
             BlockingRule(("birth.year", "birth.monthday")))
    return TableModel("records", rules, comps, settings.match_threshold,
                      settings.review_threshold, settings.prior)


def _ranks(ids: Sequence[str]) -> NDArray[np.int64]:
    """Each id's rank in sorted order."""
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[np.argsort(np.asarray(ids, dtype=object), kind="stable")] = np.arange(len(ids))
    return ranks


def score_records(left: Sequence[Record], right: Sequence[Record],
                  settings: Settings) -> tuple[list[ScoredPair], int, Settings]:
    """(pairs at or above the review threshold, number of candidate pairs, the settings
    used: with the estimated prior when :func:`~.engine.link` would estimate it)."""
    model = table_model(settings)

    prep = prepare(record_columns(left), record_columns(right), model.columns,
                   max_variants=MAX_VARIANTS)
    i, j = block(prep, model.blocking)
    levels = compare(prep, model, i, j)
    weights = [np.asarray([lv.weight for lv in c.levels]) for c in settings.comparisons]
    total = np.zeros(len(i))
    for c, w in enumerate(weights):
        total += w[levels[:, c]]
    if settings.estimates_prior(len(left), len(right)):
        rounded = np.round(total, 6)
        # Ties broken by the records' ids, as the pure path's assign_one_to_one does.
        left_rank = _ranks([r.id for r in left])
        right_rank = _ranks([r.id for r in right]) + len(left)
        keep = one_to_one(left_rank[i], right_rank[j - len(left)], rounded)
        settings = dataclasses.replace(settings, prior=estimated_prior(
            rounded[keep].tolist(), len(i), settings))
    # Cheap filter with a margin, then the exact figures of the pure path for the rest.
    r = settings.review_threshold
    floor = math.log2(r / (1 - r)) - 1e-6 if r < 1 else math.inf
    near = np.flatnonzero(total + settings.prior_weight >= floor)
    out: list[ScoredPair] = []
    n_left = len(left)
    for k in near.tolist():
        lvls = tuple(LevelResult(c.field, c.levels[int(levels[k, ci])].id,
                                 c.levels[int(levels[k, ci])].weight)
                     for ci, c in enumerate(settings.comparisons))
        weight = round(sum(lv.weight for lv in lvls), 6)
        prob = probability(settings, weight)
        if prob < settings.review_threshold:
            continue
        a, b = left[int(i[k])], right[int(j[k]) - n_left]
        sim = similarity(cached_normalise(a.name), cached_normalise(b.name))
        out.append(ScoredPair(a.id, b.id, sim, weight, prob, lvls))
    return out, len(i), settings
