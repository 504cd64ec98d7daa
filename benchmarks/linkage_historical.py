"""Deduplicating historical_figures_with_errors_50k: our vectorised engine beside Splink 5.

Run: .venv/bin/python benchmarks/linkage_historical.py   (needs the ``bench`` extra)

Data: /work/shared/data/linkage/historical_figures_with_errors_50k.parquet (50,578
records, true identity in ``cluster``; see the data README).
Ours: model ``data/models/historical.toml`` (7 blocking rules on names-engine keys,
date, place, postcode, occupation; m/u by EM on the candidate pairs), pairs at 0.5,
clusters = connected components with cannot-link constraints from the model's match
threshold (0.95) upwards (:func:`wayhome.domain.linkage.vector.constrained_clusters`);
plain connected components are printed too.
Splink: the model of Splink's own example for this data set (ExactMatch first name with
term frequencies, Jaro-Winkler surname, Levenshtein dob, PostcodeComparison, exact birth
place and occupation with term frequencies; blocking on first name + surname and surname
+ dob), predictions at 0.5, clusters at 0.95 (the figures the data README quotes).
Times cover training, prediction and clustering; blocking recall is counted afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linkage_common import (  # noqa: E402
    DATA,
    Timer,
    cluster_metrics,
    in_fresh_process,
    pair_metrics,
    print_table,
    true_pairs_of_clusters,
)

PATH = DATA / "historical_figures_with_errors_50k.parquet"
COLUMNS = ["full_name", "first_name", "surname", "dob", "birth_place", "postcode_fake", "gender",
           "occupation"]


def load() -> list[dict[str, str]]:
    import duckdb

    rel = duckdb.sql(f"select * from '{PATH}'")
    names = rel.columns
    return [{k: ("" if v is None else str(v)) for k, v in zip(names, row, strict=True)}
            for row in rel.fetchall()]


def _report(engine: str, rows: list[dict[str, str]], cand: set[tuple[str, str]],
            pairs05: list[tuple[str, str]], clusters: list[Any], n_compared: int,
            seconds: float) -> dict[str, Any]:
    ids = [r["unique_id"] for r in rows]
    truth = true_pairs_of_clusters(ids, [r["cluster"] for r in rows])
    return {"engine": engine, "pairs compared": n_compared,
            "blocking recall": round(len(cand & truth) / len(truth), 4),
            **{f"pairwise@0.5 {k}": v for k, v in pair_metrics(pairs05, truth).items()},
            **{f"clusters {k}": v for k, v in
               cluster_metrics(ids, clusters, [r["cluster"] for r in rows]).items()},
            "seconds": seconds}


def run_ours() -> dict[str, Any]:
    from wayhome.domain.linkage.table import load_table_model
    from wayhome.domain.linkage.vector import run

    rows = load()
    timer = Timer()
    model = load_table_model("historical")
    result = run(model, {c: [r[c] for r in rows] for c in COLUMNS})
    clusters = result.constrained_clusters(model.match_threshold)
    seconds = timer.total
    ids = [r["unique_id"] for r in rows]
    i, j = result.i.tolist(), result.j.tolist()
    cand = {tuple(sorted((ids[a], ids[b]))) for a, b in zip(i, j, strict=True)}
    p05 = [(ids[a], ids[b]) for a, b, p in
           zip(i, j, result.probability.tolist(), strict=True) if p >= 0.5]
    out = _report("wayhome (vectorised)", rows, cand, p05, clusters.tolist(), len(i), seconds)
    for t in (0.5, 0.95, 0.99):  # plain connected components, for comparison
        out[f"plain components@{t} f1"] = cluster_metrics(
            ids, result.clusters(t).tolist(), [r["cluster"] for r in rows])["f1"]
    return out


def run_splink() -> dict[str, Any]:
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    rows = load()
    timer = Timer()
    db = DuckDBAPI()
    table = db.register(pa.Table.from_pylist(
        [{k: (v or None) for k, v in r.items()} for r in rows]), table_name="hist")
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"), block_on("surname", "dob")],
        comparisons=[
            cl.ExactMatch("first_name").configure(term_frequency_adjustments=True),
            cl.JaroWinklerAtThresholds("surname", [0.9, 0.8]),
            cl.LevenshteinAtThresholds("dob", [1, 2]),
            cl.PostcodeComparison("postcode_fake"),
            cl.ExactMatch("birth_place").configure(term_frequency_adjustments=True),
            cl.ExactMatch("occupation").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(table, settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "dob"),
         block_on("substr(first_name,1,2)", "surname", "substr(postcode_fake,1,2)"),
         block_on("dob", "postcode_fake")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, 0.95)
    cmap = dict(clustered.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall())
    p05 = pred.as_duckdbpyrelation().select("unique_id_l, unique_id_r").fetchall()
    seconds = timer.total
    every = linker.inference.predict()  # untimed: all blocked pairs, for blocking recall
    cand_rows = every.as_duckdbpyrelation().select("unique_id_l, unique_id_r").fetchall()
    cand = {tuple(sorted(c)) for c in cand_rows}
    clusters = [cmap.get(r["unique_id"], r["unique_id"]) for r in rows]
    return _report("splink 5.0.0 (duckdb)", rows, cand, [tuple(p) for p in p05], clusters,
                   len(cand_rows), seconds)


KEYS = ["pairs compared", "blocking recall", "pairwise@0.5 precision", "pairwise@0.5 recall",
        "pairwise@0.5 f1", "clusters precision", "clusters recall", "clusters f1",
        "plain components@0.5 f1", "plain components@0.95 f1", "plain components@0.99 f1",
        "seconds", "peak_mb"]

if __name__ == "__main__":
    rows = [in_fresh_process(run_ours), in_fresh_process(run_splink)]
    print_table("historical_figures_with_errors_50k dedupe (clusters at 0.95)", rows, KEYS)
