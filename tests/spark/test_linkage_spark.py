"""Linkage on Spark (local mode) gives the same matches as the local vectorised backend."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

pyspark = pytest.importorskip("pyspark")

from tests.domain.linkage.synthetic import lists  # noqa: E402
from wayhome.domain.linkage.table import load_table_model  # noqa: E402
from wayhome.domain.linkage.vector import run  # noqa: E402
from wayhome.spark.linkage import spark_run  # noqa: E402




def _cols(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    return {c: [r[c] for r in rows] for c in ("name", "sex", "birth", "nationality")}


def test_spark_links_the_same_pairs_as_the_local_backend(spark: Any) -> None:
    left, right, truth = lists(200)
    model = load_table_model("registry")
    local = run(model, _cols(left), _cols(right))
    # pairs spread over several partitions: the per-record counts of close names and
    # sums of odds must be those of all pairs, not of each partition's
    remote = spark_run(spark, model, local.params, left, right, partitions=5)
    keep = local.probability >= model.review_threshold
    assert sorted(zip(local.i[keep].tolist(), local.j[keep].tolist(), strict=True)) == \
        list(zip(remote.i.tolist(), remote.j.tolist(), strict=True))
    lm = sorted(zip(*(a.tolist() for a in local.matches(model.match_threshold)), strict=True))
    rm = sorted(zip(*(a.tolist() for a in remote.matches(model.match_threshold)), strict=True))
    assert lm == rm
    assert len(set(lm) & truth) > 0.8 * len(truth)  # and they are mostly the true pairs
    order = np.lexsort((local.j[keep], local.i[keep]))
    assert np.allclose(local.weight[keep][order], remote.weight)
    assert np.allclose(local.probability[keep][order], remote.probability)


def test_spark_dedupe_gives_the_same_clusters(spark: Any) -> None:
    left, right, _ = lists(120, seed=5)
    rows = left + right
    model = load_table_model("registry")
    local = run(model, _cols(rows))
    remote = spark_run(spark, model, local.params, rows)
    assert local.clusters(model.match_threshold).tolist() == \
        remote.clusters(model.match_threshold).tolist()


def test_spark_candidate_pairs_are_the_local_blocking(spark: Any) -> None:
    from wayhome.domain.linkage.vector import block, prepare
    from wayhome.spark.linkage import candidate_pairs

    left, right, _ = lists(150, seed=9)
    model = load_table_model("registry")
    assert any(r.partial for r in model.blocking)  # the partial-date rule is exercised
    i, j = block(prepare(_cols(left), _cols(right), model.columns), model.blocking)
    remote = candidate_pairs(spark, model, left, right).collect()
    assert sorted((int(r["i"]), int(r["j"])) for r in remote) == \
        list(zip(i.tolist(), j.tolist(), strict=True))


def test_spark_run_leaves_no_cached_pairs_behind(spark: Any) -> None:
    left, right, _ = lists(60, seed=3)
    model = load_table_model("registry")
    params = run(model, _cols(left), _cols(right)).params
    before = spark.sparkContext._jsc.getPersistentRDDs().size()
    spark_run(spark, model, params, left, right, partitions=3)
    assert spark.sparkContext._jsc.getPersistentRDDs().size() == before


def test_spark_value_term_frequencies_are_those_of_the_whole_table(spark: Any) -> None:
    # each worker analyses only its own pairs' rows; how often a name occurs must still be
    # counted over all records (sent from the driver)
    from dataclasses import replace

    base = load_table_model("registry")
    model = replace(base, comparisons=tuple(
        replace(c, tf="value", tf_levels=()) if c.column == "name" else c
        for c in base.comparisons))
    left, right, _ = lists(150, seed=11)
    local = run(model, _cols(left), _cols(right))
    remote = spark_run(spark, model, local.params, left, right, partitions=4)
    keep = local.probability >= model.review_threshold
    order = np.lexsort((local.j[keep], local.i[keep]))
    assert np.array_equal(local.i[keep][order], remote.i)
    assert np.array_equal(local.j[keep][order], remote.j)
    assert np.allclose(local.weight[keep][order], remote.weight)
