"""Record linkage on Apache Spark: the vectorised engine's blocking and scoring, distributed.

For lists too big for one machine. Each record's blocking keys are computed in the
workers with the names engine (:func:`wayhome.domain.linkage.vector.row_keys`), the
candidate pairs come from Spark joins on (rule, key) with the same block-size limit as the
local backend, and each partition of pairs is scored by the local backend's own
:func:`~wayhome.domain.linkage.vector.compare` and :func:`~wayhome.domain.linkage.vector.score`
(so both backends give the same levels and weights by construction). Only pairs at or
above the review threshold come back to the driver, where the same greedy one-to-one
(linking) or connected components (deduplicating) decide. m/u are passed in (estimate
them on a sample with the local backend, or use a saved model).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from wayhome.domain.linkage.table import TableModel
from wayhome.domain.linkage.vector import (
    FloatArray,
    IntArray,
    Parameters,
    Prepared,
    TableLinkage,
    COMPETING_ROUNDS,
    COMPETING_TOLERANCE,
    compare,
    lacks_full_date,
    left_messages,
    left_sums,
    neighbour_counts,
    pair_probability,
    prepare,
    right_messages,
    right_sums,
    row_keys,
    score,
    term_frequency_adjustment,
    value_counts,
)

Rows = Sequence[Mapping[str, str]]
#: A partition's candidate pairs: i, j, levels, value term-frequency bits.
Block = tuple[IntArray, IntArray, NDArray[np.int8], FloatArray]
#: ... scored: i, j, levels, weight, probability.
Scored = tuple[IntArray, IntArray, NDArray[np.int8], FloatArray, FloatArray]


def _columns(rows: Rows, columns: frozenset[str]) -> dict[str, list[str]]:
    return {c: [r.get(c, "") or "" for r in rows] for c in columns}


def candidate_pairs(spark: Any, model: TableModel, left: Rows,
                    right: Rows | None) -> Any:
    """DataFrame (i, j) of distinct candidate pairs, rows numbered as in the local backend
    (left 0..n_left-1, right after it; i < j when deduplicating)."""
    from pyspark.sql import functions as F  # noqa: N812
    from pyspark.sql.window import Window

    n_left = len(left)
    records = [(k, 0, dict(r)) for k, r in enumerate(left)]
    if right is not None:
        records += [(n_left + k, 1, dict(r)) for k, r in enumerate(right)]
    rules = model.blocking

    def keys(part: Iterator[tuple[int, int, dict[str, str]]]) -> Iterator[tuple[Any, ...]]:
        for row, side, rec in part:
            for r, rule in enumerate(rules):
                # with rule.partial, only pairs where one record's date is partial
                flag = not rule.partial or lacks_full_date(rec.get(rule.partial, ""))
                for key in row_keys(rule, rec):
                    yield (r, "\x1f".join(key), row, side, flag)

    entries = spark.sparkContext.parallelize(records).mapPartitions(keys).toDF(
        "rule int, key string, row long, side int, partial boolean")
    sides = Window.partitionBy("rule", "key", "side")
    entries = entries.withColumn("side_count", F.count("*").over(sides))
    limits = spark.createDataFrame([(r, rule.max_side) for r, rule in enumerate(rules)],
                                   "rule int, max_side int")
    too_big = (entries.join(F.broadcast(limits), "rule")
               .where((F.col("max_side") > 0) & (F.col("side_count") > F.col("max_side")))
               .select("rule", "key").distinct())
    entries = entries.join(too_big, ["rule", "key"], "left_anti")
    a = entries.select("rule", "key", F.col("row").alias("i"), F.col("side").alias("si"),
                       F.col("partial").alias("pi"))
    b = entries.select("rule", "key", F.col("row").alias("j"), F.col("side").alias("sj"),
                       F.col("partial").alias("pj"))
    joined = a.join(b, ["rule", "key"])
    cond = (F.col("si") == 0) & (F.col("sj") == 1) if right is not None else (
        F.col("i") < F.col("j"))
    return joined.where(cond & (F.col("pi") | F.col("pj"))).select("i", "j").distinct()


def _compete(spark: Any, scored: Any, n: int, cached: list[Any],
             broadcasts: list[Any]) -> Any:
    """:func:`~wayhome.domain.linkage.vector.competing_probability` over the partitions:
    each pair's message stays with its partition; each round, the records' sums are
    added up over all partitions and broadcast back. Returns the scored blocks with the
    competing probability in place of the lone one. Cached RDDs and broadcasts are added
    to ``cached`` and ``broadcasts`` for the caller to free."""
    sc = spark.sparkContext

    def total(rdd: Any, part: Any) -> NDArray[np.float64]:
        return np.asarray(rdd.map(part).fold(np.zeros(n), np.add), dtype=np.float64)

    # (i, j, levels, weight, nu)
    state = scored.map(lambda b: (b[0], b[1], b[2], b[3], np.ones(len(b[0])))).cache()
    held = state  # the cached RDD the current state is read from
    cached.append(held)
    for _ in range(COMPETING_ROUNDS):
        left = sc.broadcast(total(state, lambda b: left_sums(n, b[0], b[3], b[4])))
        right = sc.broadcast(total(state, lambda b, left=left: right_sums(
            n, b[1], left_messages(b[0], b[3], b[4], left.value))))
        broadcasts += [left, right]

        def step(b: Any, left: Any = left, right: Any = right) -> Any:
            nu = right_messages(b[1], left_messages(b[0], b[3], b[4], left.value),
                                right.value)
            return b[0], b[1], b[2], b[3], nu, float(np.abs(nu - b[4]).max(initial=0.0))

        moved_state = state.map(step).cache()
        cached.append(moved_state)
        moved = moved_state.map(lambda b: b[5]).fold(0.0, max)
        held.unpersist()  # the new state is computed and cached: the old one can go
        held = moved_state
        state = moved_state.map(lambda b: b[:5])
        if moved <= COMPETING_TOLERANCE:
            break
    left = sc.broadcast(total(state, lambda b: left_sums(n, b[0], b[3], b[4])))
    broadcasts.append(left)
    return state.map(lambda b: (b[0], b[1], b[2], b[3],
                                pair_probability(b[0], b[3], b[4], left.value)))


def spark_run(spark: Any, model: TableModel, params: Parameters, left: Rows,
              right: Rows | None = None, keep_above: float | None = None,
              partitions: int | None = None) -> TableLinkage:
    """Block and score on Spark; returns the pairs at or above ``keep_above`` (default:
    the model's review threshold) as a :class:`TableLinkage` like the local backend's.

    Three passes over the candidate pairs, each partition as numpy arrays: compare (each
    worker analyses the names of its own pairs' records only; "value" term frequencies
    use name counts over all records, made once on the driver); then, where the model says so, the per-record counts
    of close names (``tf = "neighbours"``) are summed over all partitions and sent back
    to the workers, which score; with competing candidates the per-record sums of the
    belief-propagation messages are summed the same way, round by round (:func:`_compete`),
    and each worker keeps only its pairs at or above the threshold. Only those pairs reach the driver. ``partitions``: spread the candidate
    pairs over that many partitions (by default Spark chooses)."""
    threshold = model.review_threshold if keep_above is None else keep_above
    competing = model.competing and right is not None
    columns = model.columns
    n_left = len(left)
    n = n_left + (0 if right is None else len(right))
    width = len(model.comparisons)
    lcols_all = _columns(left, columns)
    rcols_all = None if right is None else _columns(right, columns)
    cols = spark.sparkContext.broadcast((lcols_all, rcols_all))
    shape = Prepared({}, n_left, n, right is None)
    # "value" term frequencies need every row's name count: computed here once (only
    # for a model that asks for them), so each worker analyses only its own rows' names.
    needs_values = any(comp.tf == "value" for comp in model.comparisons)
    row_values = spark.sparkContext.broadcast(
        value_counts(prepare(lcols_all, rcols_all, columns), model) if needs_values else {})

    def compare_part(part: Iterator[Any]) -> Iterator[Block]:
        pairs = [(int(p["i"]), int(p["j"])) for p in part]
        if not pairs:
            return
        lcols, rcols = cols.value
        i = np.asarray([p[0] for p in pairs], dtype=np.int64)
        j = np.asarray([p[1] for p in pairs], dtype=np.int64)
        # Only the rows of this partition's pairs (left rows first, as in the whole
        # table), indexed locally.
        rows = np.unique(np.concatenate([i, j]))
        local_left = int(np.searchsorted(rows, n_left))
        picked = rows.tolist()
        sub_left = {c: [lcols[c][r] for r in picked[:local_left]] for c in columns}
        sub_right = None if rcols is None else {
            c: [rcols[c][r - n_left] for r in picked[local_left:]] for c in columns}
        prep = prepare(sub_left, sub_right, columns)
        li, lj = np.searchsorted(rows, i), np.searchsorted(rows, j)
        levels = compare(prep, model, li, lj)
        local_values = {c: v[rows] for c, v in row_values.value.items()}
        adjust = term_frequency_adjustment(prep, model, params, li, lj, levels,
                                           methods=frozenset({"value"}),
                                           rows=(local_values, n))
        yield i, j, levels, adjust

    pairs = candidate_pairs(spark, model, left, right)
    if partitions:
        pairs = pairs.repartition(partitions)
    blocks = pairs.rdd.mapPartitions(compare_part)
    blocks = blocks.cache()
    counts = {c: blocks.map(lambda b, c=c, comp=comp: neighbour_counts(
                  n, comp, b[0], b[1], b[2][:, c])).fold(
                  np.zeros((n, len(comp.levels)), dtype=np.int64), np.add)
              for c, comp in enumerate(model.comparisons) if comp.tf == "neighbours"}
    shared = spark.sparkContext.broadcast(counts)

    def score_block(b: Block) -> Scored:
        i, j, levels, adjust = b
        adjust = adjust + term_frequency_adjustment(
            shape, model, params, i, j, levels, shared.value, frozenset({"neighbours"}))
        weight, prob = score(params, levels, adjust)
        return i, j, levels, weight, prob

    scored = blocks.map(score_block)
    cached = [blocks]
    broadcasts = [cols, shared, row_values]
    if competing:
        scored = _compete(spark, scored, n, cached, broadcasts)

    def keep(b: Scored) -> Scored:
        sel = b[4] >= threshold
        return b[0][sel], b[1][sel], b[2][sel], b[3][sel], b[4][sel]

    try:
        kept = scored.map(keep).collect()
    finally:
        # A long-lived Spark session would otherwise hold the compared pairs and the
        # broadcast columns and counts until it ends.
        for rdd in cached:
            rdd.unpersist()
        for b in broadcasts:
            b.destroy()
    if not kept:
        empty = np.zeros(0, dtype=np.int64)
        return TableLinkage(empty, empty, np.zeros((0, width), dtype=np.int8),
                            np.zeros(0), np.zeros(0), params, n_left, n)
    i, j, levels, weight, prob = (np.concatenate([b[k] for b in kept]) for k in range(5))
    order = np.lexsort((j, i))
    return TableLinkage(i[order], j[order], levels[order], weight[order], prob[order],
                        params, n_left, n)
