"""The tracer's bands are the linkage engine's: for the pair the engine would assign, the
web's band ("auto" / "review") is the engine's ("match" / "review"), with the engine's
settings and with thresholds and margins set exactly at, and just past, the scores.

If the web kept its own copy of the rule and it drifted from ``link()`` (a threshold, the
margin, ``>=`` against ``>``), one of these comparisons would differ."""

from __future__ import annotations

import dataclasses
import math

import pytest

from wayhome.apps.tracing.matching import Subject, engine_band, match
from wayhome.domain.linkage import Record, Settings, link, load_settings


def _subject(key: int, side: str, name: str, sex: str = "", birth: str = "",
             nationality: str = "") -> Subject:
    return Subject(key, (Record(f"{side}{key}:0", name, sex, birth, nationality),))


REPORT = _subject(1, "r", "Nguyễn Văn Hùng", "M", "1999-04-12", "VNM")
EXACT = _subject(10, "c", "HUNG NGUYEN VAN", "M", "1999-04-12", "VNM")
YEAR_ONLY = _subject(11, "c", "HUNG NGUYEN VAN", "M", "1999", "VNM")
YEAR_ONLY_TWIN = _subject(12, "c", "HUNG NGUYEN VAN", "M", "1999", "VNM")
NAME_ONLY = _subject(13, "c", "HUNG NGUYEN VAN")
OTHER_YEAR = _subject(14, "c", "Nguyen Van Hung", "M", "1997", "VNM")

SCENARIOS = {
    "one exact": [EXACT],
    "one by year": [YEAR_ONLY],
    "name only": [NAME_ONLY],
    "exact and by year": [EXACT, YEAR_ONLY],
    "two alike": [YEAR_ONLY, YEAR_ONLY_TWIN],
    "by year and name only": [YEAR_ONLY, NAME_ONLY],
    "by year and other year": [YEAR_ONLY, OTHER_YEAR],
    "all": [EXACT, YEAR_ONLY, YEAR_ONLY_TWIN, NAME_ONLY, OTHER_YEAR],
}


def _engine(persons: list[Subject], settings: Settings) -> tuple[str, str] | None:
    """The engine's decision for the report: (registered record id, band) or None."""
    result = link(list(REPORT.records), [p.records[0] for p in persons], settings,
                  backend="python")
    links = [*result.matches, *result.review]
    assert len(links) <= 1
    return (links[0].right_id, links[0].band) if links else None


def _web(persons: list[Subject], settings: Settings) -> tuple[str, str] | None:
    """The web's top candidate for the report (the one the engine would assign)."""
    found = match([REPORT], persons, settings).get(REPORT.key, [])
    if not found:
        return None
    top = found[0]
    return top.right.id, {"auto": "match", "review": "review"}[top.band]


def _settings_at_the_edges(persons: list[Subject]) -> list[Settings]:
    """The engine's settings, and each threshold or margin exactly at this scenario's
    score or gap, and just past it."""
    base = load_settings()
    found = match([REPORT], persons, base).get(REPORT.key, [])
    out = [base]
    if not found:
        return out
    top = found[0].pair
    for threshold in (top.probability, math.nextafter(top.probability, 2.0)):
        out.append(dataclasses.replace(base, match_threshold=threshold))
    rivals = [f.pair.weight for f in found[1:]]
    if rivals:
        gap = top.weight - max(rivals)
        for margin in (gap, math.nextafter(gap, math.inf), 0.0):
            out.append(dataclasses.replace(base, ambiguity_margin=margin))
            out.append(dataclasses.replace(base, ambiguity_margin=margin,
                                           match_threshold=top.probability))
    return out


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_the_web_bands_the_top_candidate_as_the_engine_does(scenario: str) -> None:
    persons = SCENARIOS[scenario]
    for settings in _settings_at_the_edges(persons):
        assert _web(persons, settings) == _engine(persons, settings), (scenario, settings)


def test_the_comparison_covers_both_bands_and_both_sides_of_each_edge() -> None:
    bands = {decided[1] for persons in SCENARIOS.values()
             for settings in _settings_at_the_edges(persons)
             if (decided := _engine(persons, settings)) is not None}
    assert bands == {"match", "review"}


def test_a_candidate_without_rival_is_auto_exactly_from_the_match_threshold() -> None:
    pair = match([REPORT], [YEAR_ONLY]).get(REPORT.key, [])[0].pair
    at = dataclasses.replace(load_settings(), match_threshold=pair.probability)
    above = dataclasses.replace(at, match_threshold=math.nextafter(pair.probability, 2.0))
    assert engine_band(pair, None, at) == "auto"
    assert engine_band(pair, None, above) == "review"
    assert engine_band(pair, pair.weight - at.ambiguity_margin, at) == "auto"
    assert engine_band(pair, math.nextafter(pair.weight - at.ambiguity_margin, math.inf),
                       at) == "review"
