"""Screening engine throughput: assessments per second (median of several repeats).

Run: .venv/bin/python benchmarks/screening_engine.py
Uses the packaged example (a realistic scam-compound case, 25 answers with
corroboration) plus a fully answered interview (every question).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wayhome.domain.screening import assess, load_catalogue, parse_input  # noqa: E402

REPEATS = 7
N = 5_000


def bench(label: str, data: dict[str, object]) -> None:
    cat = load_catalogue()
    inp = parse_input(data, cat)
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(N):
            assess(inp, cat)
        rates.append(N / (time.perf_counter() - start))
    start = time.perf_counter()
    for _ in range(N // 5):
        assess(parse_input(data, cat), cat).to_dict()
    full = (N // 5) / (time.perf_counter() - start)
    print(
        f"{label}: assess {statistics.median(rates):,.0f} assessments/s (median of {REPEATS}); "
        f"parse+assess+to_dict {full:,.0f}/s"
    )


def main() -> None:
    example = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")
    data = json.loads(example.read_text(encoding="utf-8"))
    bench("example case (25 answers)", data)
    cat = load_catalogue()
    full = dict(
        data, answers={q: "yes" if i % 2 else "no" for i, q in enumerate(cat.question_keys)}
    )
    bench(f"full interview ({len(cat.question_keys)} answers)", full)


if __name__ == "__main__":
    main()
