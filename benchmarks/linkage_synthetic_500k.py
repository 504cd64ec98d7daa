"""Synthetic registry: 500,000 reports vs 500,000 registered persons, ours beside Splink 5.

Run: /usr/bin/time -v .venv/bin/python benchmarks/linkage_synthetic_500k.py --n 500000 --seed 7
(about 28 minutes and 10 GB peak for the whole run on 2 shared cores, ours about 17 to
20 of them). Measured 2026-12-07, F1 of ours / Splink tight / Splink loose beside the
oracle's: field profile 0.922 / 0.408 / 0.408 (oracle 0.950); ``--profile clerical``
0.981 / 0.894 / 0.894 (oracle 0.988). Linking seconds 1,166 / 99 / 176 (field) and
1,004 / 101 / 193 (clerical).
``--profile clerical``: the same registered persons, reports typed by clerks in one script
(see :data:`datasets.registry.PROFILES`).
Smaller: ``--n 50000``. ``--splink tight,loose`` picks the Splink runs (default both).

Data: :mod:`benchmarks.datasets.registry` (seeded; documented there): cross-script and
respelt names, typos, swapped order, birth-date noise, missing sex/nationality; 60 % of
reports describe a registered person. Both engines get the same ``id,name,sex,birth,
nationality`` columns. Names come from pools as wide as real ones (composed Thai family
names, Chinese given names from characters, Zipf-weighted given names; see
``datasets/registry_names.py``).
Reference: the first line printed is an oracle that knows which spellings are the same
name (:func:`datasets.registry.oracle`): many reports give no birth date or only a year
and a common name, and no engine can tell which of several namesakes they mean, so F1
cannot reach 1. Read the engines' F1 against that line (a reference, not a strict bound).
Ours: model ``data/models/registry.toml`` (blocking on names-engine keys; comparisons
on names-engine similarity over romanised variants and an equal phonetic spelling,
birth with year/swap/typo levels, sex, nationality; u from random pairs, m by EM per
blocking rule, then m of birth, sex and nationality by EM over anchor pairs: candidates
agreeing exactly on a name no third record has; m of the name by EM over the name alone
on the pairs blocked on birth date and sex, u held at that of random pairs of the same
sex; rare names weigh more by how few other records resemble them among the
candidates; probabilities shared among competing candidates by belief propagation
over the one-to-one constraint), one-to-one at 0.5.
Splink: a standard model on the raw fields (Jaro-Winkler name at 0.95/0.88/0.7,
Levenshtein birth at 1/2, exact sex and nationality; u by random sampling, m by EM),
"tight" blocking (same name, or same birth) and "loose" (adds first 3 letters of the
name + birth year); predictions at 0.5 then the same greedy one-to-one as ours.
Seconds are wall-clock for training + prediction + one-to-one (data generation and the
untimed blocking-recall count excluded); "peak_mb linking" is the process's max RSS when
the timed part ends, peak_mb its max RSS at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from linkage_common import Timer, in_fresh_process, pair_metrics, peak_mb, print_table  # noqa: E402

COLUMNS = ["name", "sex", "birth", "nationality"]


def _data(n: int, seed: int, profile: str) -> tuple[
        list[dict[str, str]], list[dict[str, str]], set[tuple[str, str]]]:
    from datasets.registry import generate

    reports, registered, truth = generate(n, seed, profile=profile)
    return reports, registered, {tuple(sorted(t)) for t in truth}  # type: ignore[misc]


def run_oracle(n: int, seed: int, profile: str) -> dict[str, Any]:
    """How much of the data is decidable at all (see :func:`datasets.registry.oracle`)."""
    from datasets.registry import build, oracle

    return {"reference": "oracle that knows every spelling of each name",
            **oracle(build(n, seed, profile=profile))}


def run_ours(n: int, seed: int, profile: str) -> dict[str, Any]:
    import numpy as np

    from wayhome.domain.linkage.table import load_table_model
    from wayhome.domain.linkage.vector import one_to_one, run

    left, right, truth = _data(n, seed, profile)
    timer = Timer()
    model = load_table_model("registry")
    result = run(model, {c: [r[c] for r in left] for c in COLUMNS},
                 {c: [r[c] for r in right] for c in COLUMNS})
    li, ri = result.matches(model.match_threshold)
    seconds, linking_mb = timer.total, peak_mb()
    ids_l, ids_r = [r["id"] for r in left], [r["id"] for r in right]
    nl = len(left)
    # Blocking recall on integer codes (a set of 70 million id tuples would be the
    # largest thing in the process at 500,000 a side).
    row_l = {v: k for k, v in enumerate(ids_l)}
    row_r = {v: k + nl for k, v in enumerate(ids_r)}
    true_codes = np.asarray(sorted(row_l[a] * result.n + row_r[b] if a in row_l
                                   else row_l[b] * result.n + row_r[a] for a, b in truth),
                            dtype=np.int64)
    cand_recall = float(np.isin(true_codes, result.i * result.n + result.j).mean())
    pairs = [(ids_l[a], ids_r[b]) for a, b in zip(li.tolist(), ri.tolist(), strict=True)]
    m = pair_metrics(pairs, truth)
    # The same run judged pair by pair (each pair's probability as if it were the report's
    # only candidate, the model's competing = false): what the competing candidates change.
    alone = 1.0 / (1.0 + np.exp2(-np.clip(result.weight, -1000, 1000)))
    sel = np.flatnonzero(alone >= model.match_threshold)
    keep = sel[one_to_one(result.i[sel], result.j[sel], result.weight[sel])]
    alone_pairs = [(ids_l[a], ids_r[b - nl]) for a, b in
                   zip(result.i[keep].tolist(), result.j[keep].tolist(), strict=True)]
    m_alone = pair_metrics(alone_pairs, truth)
    return {"engine": "wayhome (vectorised)", "pairs compared": len(result.i),
            "blocking recall": round(cand_recall, 4), **m,
            "lost in blocking": round(1 - cand_recall, 4),
            "lost in scoring/1:1": round(cand_recall - m["recall"], 4),
            "seconds": seconds, "peak_mb linking": round(linking_mb),
            "EM iterations": result.params.iterations,
            "pair by pair: P/R/F1": f"{m_alone['precision']}/{m_alone['recall']}/"
                                    f"{m_alone['f1']}"}


def run_splink(n: int, seed: int, profile: str, mode: str) -> dict[str, Any]:
    import numpy as np
    import pyarrow as pa
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from wayhome.domain.linkage.vector import one_to_one

    left, right, truth = _data(n, seed, profile)
    timer = Timer()
    db = DuckDBAPI()

    def table(rows: list[dict[str, str]], name: str) -> Any:
        return db.register(pa.Table.from_pylist(
            [{"unique_id": r["id"], **{c: (r[c] or None) for c in COLUMNS}} for r in rows]),
            table_name=name)

    rules = [block_on("name"), block_on("birth")]
    if mode == "loose":
        rules.append(block_on("substr(name,1,3)", "substr(birth,1,4)"))
    settings = SettingsCreator(
        link_type="link_only", blocking_rules_to_generate_predictions=rules,
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.7]),
            cl.LevenshteinAtThresholds("birth", [1, 2]),
            cl.ExactMatch("sex"), cl.ExactMatch("nationality"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([table(left, "reports"), table(right, "registered")], settings,
                    log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("name", "birth")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("name"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("birth"))
    pred = linker.inference.predict(threshold_match_probability=0.5)
    rows = pred.as_duckdbpyrelation().select(
        "unique_id_l, unique_id_r, match_weight").fetchall()
    ids = sorted({r[0] for r in rows} | {r[1] for r in rows})
    pos = {x: k for k, x in enumerate(ids)}
    keep = one_to_one(np.asarray([pos[r[0]] for r in rows], dtype=np.int64),
                      np.asarray([pos[r[1]] for r in rows], dtype=np.int64),
                      np.asarray([r[2] for r in rows], dtype=np.float64))
    seconds, linking_mb = timer.total, peak_mb()
    # Untimed: blocking recall from the blocked pairs, whose join keys are the input
    # table's name, "-__-" and the id. Truth pairs are sorted tuples: an equality join on
    # the sorted pair is a hash join (an OR of both orders is a nested loop, hours at
    # 500k), and the blocked pairs are not scored again (scoring all 89 million of the
    # loose run at 500k took 19.6 GB).
    blocked = linker.inference.compute_blocked_pairs_for_predict().physical_name
    con = db.duckdb_con
    con.register("truth_pairs", pa.Table.from_pylist([{"a": a, "b": b} for a, b in truth]))
    n_blocked, found = con.sql(
        "select count(*), count(t.a) from (select split_part(join_key_l, '-__-', 2) l, "
        f"split_part(join_key_r, '-__-', 2) r from {blocked}) p left join truth_pairs t "
        "on least(p.l, p.r) = t.a and greatest(p.l, p.r) = t.b").fetchall()[0]
    pairs = [(r[0], r[1]) for r, k in zip(rows, keep.tolist(), strict=True) if k]
    m = pair_metrics(pairs, truth)
    return {"engine": f"splink 5.0.0 ({mode})", "pairs compared": n_blocked,
            "blocking recall": round(found / len(truth), 4), **m,
            "lost in blocking": round(1 - found / len(truth), 4),
            "lost in scoring/1:1": round(found / len(truth) - m["recall"], 4),
            "seconds": seconds, "peak_mb linking": round(linking_mb)}


KEYS = ["pairs compared", "blocking recall", "precision", "recall", "f1", "lost in blocking",
        "lost in scoring/1:1", "pair by pair: P/R/F1", "seconds", "peak_mb linking", "peak_mb"]

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--splink", default="tight,loose")
    ap.add_argument("--no-ours", action="store_true")
    ap.add_argument("--profile", default="field",
                    help="how far reports stray: field (default) or clerical")
    args = ap.parse_args()
    data = (args.n, args.seed, args.profile)
    print(in_fresh_process(run_oracle, *data), flush=True)
    results = [] if args.no_ours else [in_fresh_process(run_ours, *data)]
    if results:
        print(results[0], flush=True)  # each engine's figures as soon as they exist
    for mode in [m for m in args.splink.split(",") if m]:
        results.append(in_fresh_process(run_splink, *data, mode))
        print(results[-1], flush=True)
    print_table(f"synthetic registry {args.n:,} reports x {args.n:,} registered "
                f"(profile {args.profile}, seed {args.seed}; 1:1 matches at 0.5)",
                results, KEYS)
