"""Names engine throughput: names normalised per second (median of several runs), and
similarity() comparisons per second, on a mixed list (Latin, Vietnamese, Thai, Burmese
in Unicode and Zawgyi, Chinese, Khmer, Lao). The engine memoises single tokens' spellings
and keys; those caches are cleared before every pass, so only the data tables and the
libraries' own dictionaries (loaded once before timing) carry over.

Then the distinct names of the 50,000 x 50,000 synthetic registry
(``datasets/registry.py``, seed 7), each analysed once from cold caches, as the linkage
engine does: tokens recur there as in real registers, which is what the token caches are for.

Run: .venv/bin/python benchmarks/names_engine.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from wayhome.domain.names import clear_caches, normalise, similarity  # noqa: E402

NAMES = [
    "Nguyễn Văn Hùng", "NGUYEN VAN HUNG", "Hung Nguyen", "Trần Thị Mai", "Lê Đức Anh",
    "John Smith", "Maria Santos", "Somying", "Som Ying", "Pornthip Srisuk",
    "สมหญิง", "สมชาย ใจดี", "พรทิพย์ ศรีสุข", "วิไลวรรณ",
    "အောင်ကျော်ဝင်း", "မြင့်သူ", "ဇော်ထက်", "ေအာင္ေက်ာ္", "ထြန္းလွိဳင္",
    "陳大文", "张国荣", "王小明", "Chan Tai Man", "សុខ ចាន់", "ສົມພອນ",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=20, help="passes over the list per run")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for name in NAMES:  # warm-up: load data files and library dictionaries
        normalise(name)

    rates = []
    for _ in range(args.runs):
        elapsed = 0.0
        for _ in range(args.repeat):
            clear_caches()
            start = time.perf_counter()
            for name in NAMES:
                normalise(name)
            elapsed += time.perf_counter() - start
        rates.append(args.repeat * len(NAMES) / elapsed)

    normalised = [normalise(n) for n in NAMES]
    pairs = [(a, b) for a in normalised for b in normalised]
    cmp_rates = []
    for _ in range(max(1, args.runs // 2)):
        start = time.perf_counter()
        for a, b in pairs:
            similarity(a, b)
        cmp_rates.append(len(pairs) / (time.perf_counter() - start))

    print(f"names: {len(NAMES)} mixed-script, {args.runs} runs x {args.repeat} passes")
    print(f"normalise(): {statistics.median(rates):,.0f} names/s (median)")
    print(f"similarity() on normalised names: {statistics.median(cmp_rates):,.0f} pairs/s (median)")

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from datasets.registry import generate

    reports, registered, _ = generate(50_000, 7)
    distinct = list(dict.fromkeys(r["name"] for r in reports + registered))
    seconds = []
    for _ in range(max(1, args.runs // 2)):
        clear_caches()
        start = time.perf_counter()
        for name in distinct:
            normalise(name)
        seconds.append(time.perf_counter() - start)
    print(f"registry names (50k x 50k synthetic, seed 7): {len(distinct):,} distinct, "
          f"{statistics.median(seconds):.1f} s (median), "
          f"{len(distinct) / statistics.median(seconds):,.0f} names/s")


if __name__ == "__main__":
    main()
