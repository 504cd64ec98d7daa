"""Job-ad checker: quality on the evaluation set, false alarms on EMSCAD, speed.

    .venv/bin/python benchmarks/jobads.py [--runs 5]

Prints
- precision, recall and F1 of the HIGH level (and of HIGH+MEDIUM) on the
  evaluation set (benchmarks/data/jobads_eval: positives written from
  published cases, legitimate overseas look-alikes), per language and overall;
- the false-alarm rate on the legitimate ads of the EMSCAD sample
  (/work/shared/data/jobads/emscad_sample.csv, fraudulent == 0): share rated
  high, and share rated high or medium;
- ads per second on one core for ``check`` (median of several runs), on the
  short evaluation ads and on the longer EMSCAD ads.

Nothing here is used for training or tuning (see wayhome/domain/jobads/train.py).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wayhome.domain.jobads import MODEL_VERSION, check  # noqa: E402

EVAL = ROOT / "benchmarks" / "data" / "jobads_eval"
EMSCAD = Path("/work/shared/data/jobads/emscad_sample.csv")
EMSCAD_FIELDS = ("title", "location", "company_profile", "description", "requirements", "benefits")


def load_eval() -> list[dict[str, object]]:
    ads: list[dict[str, object]] = []
    for name in ("positives.jsonl", "legit_overseas.jsonl"):
        for line in (EVAL / name).read_text("utf-8").splitlines():
            if line.strip():
                ads.append(json.loads(line))
    return ads


def load_emscad(fraudulent: str) -> list[str]:
    with EMSCAD.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [
        "\n".join(r[f] for f in EMSCAD_FIELDS if r.get(f))
        for r in rows
        if r["fraudulent"] == fraudulent
    ]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def quality(ads: list[dict[str, object]]) -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0, 0, 0])
    for ad in ads:
        risk = check(str(ad["text"])).risk
        for key in (str(ad["lang"]), "all"):
            c = counts[key]
            pos = ad["label"] == 1
            c[0] += pos
            c[1] += not pos
            hi = risk == "high"
            him = risk in ("high", "medium")
            c[2] += pos and hi
            c[3] += (not pos) and hi
            c[4] += pos and not hi
            c[5] += pos and him
            c[6] += (not pos) and him
            c[7] += pos and not him
    print(f"\nEvaluation set ({len(ads)} ads), model {MODEL_VERSION}")
    print(f"{'lang':5} {'pos':>4} {'neg':>4} | {'HIGH: P':>8} {'R':>6} {'F1':>6} "
          f"| {'HIGH+MED: P':>11} {'R':>6} {'F1':>6}")
    order = ["en", "vi", "id", "fil", "th", "zh", "km", "my", "all"]
    for lang in order:
        if lang not in counts:
            continue
        c = counts[lang]
        p, r, f = prf(c[2], c[3], c[4])
        p2, r2, f2 = prf(c[5], c[6], c[7])
        print(f"{lang:5} {c[0]:4d} {c[1]:4d} | {p:8.2f} {r:6.2f} {f:6.2f} "
              f"| {p2:11.2f} {r2:6.2f} {f2:6.2f}")


def false_alarms(texts: list[str], title: str) -> None:
    results = [check(t) for t in texts]
    n = len(results)
    high = sum(r.risk == "high" for r in results)
    med = sum(r.risk == "medium" for r in results)
    flags: dict[str, int] = defaultdict(int)
    for r in results:
        for f in r.flags:
            flags[f.id] += 1
    common = ", ".join(f"{k} {v}" for k, v in sorted(flags.items(), key=lambda x: -x[1])[:5])
    print(f"\n{title}: {n}")
    print(f"  rated high:            {high:4d}  ({high / n:.1%})")
    print(f"  rated high or medium:  {high + med:4d}  ({(high + med) / n:.1%})")
    print(f"  ads with any red flag: {sum(bool(r.flags) for r in results):4d}; most frequent: {common}")


def speed(label: str, texts: list[str], runs: int) -> None:
    rates = []
    for _ in range(runs):
        t0 = time.perf_counter()
        for t in texts:
            check(t)
        rates.append(len(texts) / (time.perf_counter() - t0))
    chars = statistics.mean(len(t) for t in texts)
    print(f"  {label:32} {len(texts):5d} ads, mean {chars:6.0f} chars: "
          f"median {statistics.median(rates):8.0f} ads/s (min {min(rates):.0f}, "
          f"max {max(rates):.0f}, {runs} runs)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    ads = load_eval()
    emscad = load_emscad("0")
    quality(ads)
    false_alarms(emscad, "EMSCAD legitimate ads (false alarms)")
    false_alarms(load_emscad("1"), "EMSCAD fraudulent ads (other frauds, not compound recruitment; "
                 "for context only)")
    print("\nEngine speed, one process (one core):")
    check("warm-up ad: customer service in Bangkok")
    speed("evaluation ads (short)", [str(a["text"]) for a in ads] * 20, args.runs)
    speed("EMSCAD legitimate ads (long)", emscad, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
