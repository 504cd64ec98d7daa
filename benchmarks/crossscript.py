"""Cross-script benchmark: Wayhome's linkage engine beside plain Splink 5, per script.

Run: .venv/bin/python benchmarks/crossscript.py [--people 300] [--seed 7] [--scripts thai,lao]
(needs the bench extra: ``pip install -e '.[bench]'``).

Data: :mod:`benchmarks.datasets.crossscript` (seeded; hand-written spellings, Zawgyi and
Unicode Burmese, birth-date noise; see its docstring). For each script both engines link
the same two lists in the same run:

* Wayhome: :func:`wayhome.domain.linkage.link` (names engine keys and the full date of
  birth for blocking, hand-set m/u weights, the prior estimated from the two lists,
  one-to-one). "auto" = the automatic matches; "auto+review" adds the review
  band (what a tracer would look at).
* Splink 5.0.0 on DuckDB, a standard model on the raw fields (names lower-cased, no
  transliteration): name Jaro-Winkler at 0.95/0.88/0.70, birth (exact string, same year),
  sex, nationality exact; all pairs compared (lists are small); prior estimated from exact
  birth agreement (recall 0.4), u by random sampling, m by EM blocked on birth year and
  then on nationality + sex;
  predictions at 0.5 then the same greedy one-to-one assignment on match weight.

Printed: precision, recall, F1 and seconds per script and engine. Not asserted anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "datasets"))

import crossscript as gen  # noqa: E402

from wayhome.domain.linkage import Record, link  # noqa: E402


def prf(predicted: Iterable[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    """Pairwise precision, recall, F1 of predicted (left, right) pairs."""
    pred = set(predicted)
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}


def records(rows: Sequence[dict[str, str]]) -> list[Record]:
    return [Record(r["id"], r["name"], r["sex"], r["birth"], r["nationality"]) for r in rows]


def run_wayhome(data: gen.ScriptSet) -> dict[str, Any]:
    start = time.perf_counter()
    result = link(records(data.left), records(data.right))
    seconds = time.perf_counter() - start
    auto = [(m.left_id, m.right_id) for m in result.matches]
    both = auto + [(m.left_id, m.right_id) for m in result.review]
    return {"auto": prf(auto, data.truth), "auto+review": prf(both, data.truth),
            "seconds": round(seconds, 2)}


def greedy_one_to_one(rows: Sequence[tuple[str, str, float]]) -> list[tuple[str, str]]:
    used_l: set[str] = set()
    used_r: set[str] = set()
    kept: list[tuple[str, str]] = []
    for left, right, _ in sorted(rows, key=lambda r: (-r[2], r[0], r[1])):
        if left in used_l or right in used_r:
            continue
        used_l.add(left)
        used_r.add(right)
        kept.append((left, right))
    return kept


def _splink_table(rows: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    return [{"unique_id": r["id"], "name": r["name"].lower() or None,
             "sex": r["sex"] or None, "birth": r["birth"] or None,
             "birth_year": r["birth"][:4] or None, "nationality": r["nationality"] or None}
            for r in rows]


def run_splink(data: gen.ScriptSet) -> dict[str, Any]:
    import pyarrow as pa
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    start = time.perf_counter()
    db = DuckDBAPI()
    left = db.register(pa.Table.from_pylist(_splink_table(data.left)),
                       table_name=f"l_{data.script}")
    right = db.register(pa.Table.from_pylist(_splink_table(data.right)),
                        table_name=f"r_{data.script}")
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=["1=1"],
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.95, 0.88, 0.70]),
            cl.CustomComparison(
                output_column_name="birth",
                comparison_levels=[cll.NullLevel("birth"), cll.ExactMatchLevel("birth"),
                                   cll.ExactMatchLevel("birth_year"), cll.ElseLevel()]),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker([left, right], settings, log_level=None)
    notes = []
    try:
        linker.training.estimate_probability_two_random_records_match(
            [block_on("birth")], recall=0.4)
    except Exception as exc:  # noqa: BLE001 - a benchmark reports what failed
        notes.append(f"prior: {type(exc).__name__}")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    for rule in (block_on("birth_year"), block_on("nationality", "sex")):
        try:  # two EM passes so every comparison's m values are trained
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports what failed
            notes.append(f"EM: {type(exc).__name__}")
    pred = linker.inference.predict(threshold_match_probability=0.5)
    rows = pred.as_duckdbpyrelation().select(
        "unique_id_l, unique_id_r, match_weight").fetchall()
    pairs = greedy_one_to_one([(str(a), str(b), float(w)) for a, b, w in rows])
    seconds = time.perf_counter() - start
    return {"pairwise@0.5": prf(((str(a), str(b)) for a, b, _ in rows), data.truth),
            "1:1": prf(pairs, data.truth), "seconds": round(seconds, 2),
            "notes": ", ".join(notes)}


def main() -> None:
    import logging
    import warnings

    logging.getLogger("splink").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scripts", default=",".join(gen.SCRIPTS))
    parser.add_argument("--no-splink", action="store_true")
    args = parser.parse_args()
    scripts = [s for s in args.scripts.split(",") if s]
    print(f"cross-script benchmark: seed {args.seed}, {args.people} people per script "
          f"(left 85%, right 85%, 70% on both)")
    header = (f"{'script':<11} {'pairs':>5} | {'wayhome auto P/R/F1':<21} "
              f"{'+review P/R/F1':<21} {'s':>5} | {'splink 1:1 P/R/F1':<21} "
              f"{'pairwise@0.5 P/R/F1':<21} {'s':>5}")
    print(header)
    print("-" * len(header))
    totals: dict[str, float] = {"w": 0.0, "s": 0.0}
    for script in scripts:
        data = gen.generate_script(script, args.people, args.seed)
        ours = run_wayhome(data)
        totals["w"] += ours["seconds"]
        line = (f"{script:<11} {len(data.truth):>5} | {_fmt(ours['auto']):<21} "
                f"{_fmt(ours['auto+review']):<21} {ours['seconds']:>5.2f} |")
        if not args.no_splink:
            theirs = run_splink(data)
            totals["s"] += theirs["seconds"]
            line += (f" {_fmt(theirs['1:1']):<21} {_fmt(theirs['pairwise@0.5']):<21} "
                     f"{theirs['seconds']:>5.2f} {theirs['notes']}")
        print(line, flush=True)
    print(f"total seconds: wayhome {totals['w']:.1f}, splink {totals['s']:.1f}")


def _fmt(m: dict[str, float]) -> str:
    return f"{m['P']:.3f}/{m['R']:.3f}/{m['F1']:.3f}"


if __name__ == "__main__":
    main()
