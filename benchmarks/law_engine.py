"""Law engine throughput: analyses per second (median of several repeats).

Run: .venv/bin/python benchmarks/law_engine.py
Cycles through every country profile x measure x a few offences (the profiles are
loaded once and cached, as in the app), then the same with to_dict() for JSON.
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wayhome.domain.law import Measure, analyse, load_profiles  # noqa: E402

REPEATS = 7
N = 20_000
OFFENCES = (None, "immigration", "irregular_exit", "fraud", "money_laundering", "other")


def main() -> None:
    profiles = load_profiles()
    cases = list(itertools.product(profiles.countries, list(Measure), OFFENCES))
    work = [cases[i % len(cases)] for i in range(N)]
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for country, measure, offence in work:
            analyse(country, measure, offence, profiles)
        rates.append(N / (time.perf_counter() - start))
    start = time.perf_counter()
    for country, measure, offence in work[: N // 5]:
        analyse(country, measure, offence, profiles).to_dict()
    full = (N // 5) / (time.perf_counter() - start)
    print(
        f"{len(cases)} distinct inputs: analyse {statistics.median(rates):,.0f} analyses/s "
        f"(median of {REPEATS}); analyse+to_dict {full:,.0f}/s"
    )


if __name__ == "__main__":
    main()
