"""Request letters: milliseconds to compose and to render (median of several repeats).

Run: .venv/bin/python benchmarks/letters.py
The fonts are instanced before timing (the first use on a machine makes and caches the
static instances, about 3 s for Noto Sans and 0.2-0.8 s per script font; see
wayhome/domain/letters/fonts.py), so the numbers are those of a warm server.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wayhome.domain import law, letters  # noqa: E402

REPEATS = 7
FACTS = letters.LetterFacts(
    organisation="NGO Mae Sot", case_number="THA-2026-0042",
    letter_date=dt.date(2026, 3, 10), grounds_recorded_on=dt.date(2026, 3, 4),
    measure=letters.MeasureFacts(ordered_on=dt.date(2026, 3, 2),
                                 authority="Mae Sot Provincial Court",
                                 reference="Black case 123/2569"),
)
CASES = [("THA", "charge", "fraud"), ("KHM", "detention", "immigration"),
         ("MMR", "deportation", None), ("VNM", "conviction", "money_laundering")]


def ms(fn: object, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    for country, measure, offence in CASES:
        analysis = law.analyse(country, measure, offence)
        pair = letters.compose_letters(analysis, FACTS)
        letters.render_pdf(pair)  # warm: fonts instanced and cached, fpdf2 imported
        compose = ms(lambda: letters.compose_letters(analysis, FACTS), 50)
        english = ms(lambda: letters.render_pdf(pair[:1]))
        both = ms(lambda: letters.render_pdf(pair))
        print(f"{country} {measure:<11} {'+'.join(x.language for x in pair):<5} "
              f"compose both {compose:6.2f} ms · render English {english:5.0f} ms · "
              f"render both {both:5.0f} ms ({len(letters.render_pdf(pair)) // 1024} KiB)")


if __name__ == "__main__":
    main()
