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

from wayhome.domain.linkage.table import TableModel
from wayhome.domain.linkage.vector import (
    competing_probability,
    Parameters,
    TableLinkage,
    compare,
    prepare,
    row_keys,
    score,
    term_frequency_adjustment,
)

Rows = Sequence[Mapping[str, str]]


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
                for key in row_keys(rule, rec):
                    yield (r, "\x1f".join(key), row, side)

    entries = spark.sparkContext.parallelize(records).mapPartitions(keys).toDF(
        "rule int, key string, row long, side int")
    sides = Window.partitionBy("rule", "key", "side")
    entries = entries.withColumn("side_count", F.count("*").over(sides))
    limits = spark.createDataFrame([(r, rule.max_side) for r, rule in enumerate(rules)],
                                   "rule int, max_side int")
    too_big = (entries.join(F.broadcast(limits), "rule")
               .where((F.col("max_side") > 0) & (F.col("side_count") > F.col("max_side")))
               .select("rule", "key").distinct())
    entries = entries.join(too_big, ["rule", "key"], "left_anti")
    a = entries.select("rule", "key", F.col("row").alias("i"), F.col("side").alias("si"))
    b = entries.select("rule", "key", F.col("row").alias("j"), F.col("side").alias("sj"))
    joined = a.join(b, ["rule", "key"])
    cond = (F.col("si") == 0) & (F.col("sj") == 1) if right is not None else (
        F.col("i") < F.col("j"))
    return joined.where(cond).select("i", "j").distinct()


def spark_run(spark: Any, model: TableModel, params: Parameters, left: Rows,
              right: Rows | None = None, keep_above: float | None = None) -> TableLinkage:
    """Block and score on Spark; returns the pairs at or above ``keep_above`` (default:
    the model's review threshold) as a :class:`TableLinkage` like the local backend's."""
    threshold = model.review_threshold if keep_above is None else keep_above
    competing = model.competing and right is not None
    columns = model.columns
    cols = spark.sparkContext.broadcast(
        (_columns(left, columns), None if right is None else _columns(right, columns)))

    def score_part(part: Iterator[Any]) -> Iterator[tuple[int, int, float, float, bytes]]:
        pairs = [(int(p["i"]), int(p["j"])) for p in part]
        if not pairs:
            return
        lcols, rcols = cols.value
        prep = prepare(lcols, rcols, columns)
        i = np.asarray([p[0] for p in pairs], dtype=np.int64)
        j = np.asarray([p[1] for p in pairs], dtype=np.int64)
        levels = compare(prep, model, i, j)
        adjust = term_frequency_adjustment(prep, model, params, i, j, levels)
        weight, prob = score(params, levels, adjust)
        # With competing candidates every pair with odds that count is needed (the
        # probabilities are worked out on the driver, over all of a record's pairs).
        floor = weight >= -40.0 if competing else prob >= threshold
        for k in np.flatnonzero(floor).tolist():
            yield (int(i[k]), int(j[k]), float(weight[k]), float(prob[k]),
                   levels[k].tobytes())

    rows = sorted(candidate_pairs(spark, model, left, right).rdd
                  .mapPartitions(score_part).collect())
    n_left = len(left)
    n = n_left + (0 if right is None else len(right))
    width = len(model.comparisons)
    i = np.asarray([r[0] for r in rows], dtype=np.int64)
    j = np.asarray([r[1] for r in rows], dtype=np.int64)
    levels = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.int8).reshape(-1, width)
    weight = np.asarray([r[2] for r in rows], dtype=np.float64)
    prob = np.asarray([r[3] for r in rows], dtype=np.float64)
    if competing:
        prob = competing_probability(i, j, weight)
        sel = prob >= threshold
        i, j, levels, weight, prob = i[sel], j[sel], levels[sel], weight[sel], prob[sel]
    return TableLinkage(i, j, levels, weight, prob, params, n_left, n)
