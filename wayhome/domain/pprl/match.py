"""Linking on encodings alone: keyed blocking, Dice per field, the plain engine's
one-to-one assignment, thresholds and ambiguity rule."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from wayhome.domain.linkage import (
    LevelResult,
    LinkResult,
    ScoredPair,
    Settings,
    decide,
    load_settings,
)
from wayhome.domain.linkage.engine import with_estimated_prior
from wayhome.domain.linkage.scoring import probability

from .encode import Encoded, best_dice, dice
from .scheme import PprlError, levels_data


@dataclass(frozen=True, slots=True)
class Levels:
    """log2(m/u) weights per comparison level (``data/pprl.toml``)."""

    name: tuple[tuple[str, float, float], ...]  # (id, min Dice, weight)
    birth: dict[str, float]
    sex: dict[str, float]
    nationality: dict[str, float]


#: The levels :func:`score` can give each field besides "missing" (which weighs 0).
BIRTH_LEVELS = frozenset({"exact", "day_month_swapped", "same_year", "same_year_other_day",
                          "year_slip", "year_only_within_1", "year_within_1", "disagree"})
AGREE_LEVELS = frozenset({"agree", "disagree"})


def _weights(table: object, where: str, required: frozenset[str]) -> dict[str, float]:
    if not isinstance(table, dict):
        raise PprlError(f"pprl.toml: {where} must be a table")
    if set(table) != required:
        raise PprlError(f"pprl.toml: {where}: expected the levels {', '.join(sorted(required))}")
    out = {}
    for level, mu in table.items():
        m, u = float(mu[0]), float(mu[1])
        if not (0 < m <= 1 and 0 < u <= 1):
            raise PprlError(f"pprl.toml: {where}.{level}: m and u must be in (0, 1]")
        out[str(level)] = math.log2(m / u)
    return out


def load_levels() -> Levels:
    data = levels_data()
    name = tuple(sorted(((str(lv["id"]), float(lv["min"]), math.log2(lv["m"] / lv["u"]))
                         for lv in data["name"]), key=lambda t: -t[1]))
    return Levels(name, _weights(data["birth"], "levels.birth", BIRTH_LEVELS),
                  _weights(data["sex"], "levels.sex", AGREE_LEVELS),
                  _weights(data["nationality"], "levels.nationality", AGREE_LEVELS))


def candidate_pairs(left: Sequence[Encoded], right: Sequence[Encoded],
                    max_token_block: int) -> list[tuple[int, int]]:
    """Pairs sharing a keyed block key; a variant-token block ("v:") bigger than
    ``max_token_block`` on either side is skipped, as in the plain engine."""
    index: dict[str, list[int]] = defaultdict(list)
    right_count: dict[str, int] = defaultdict(int)
    for i, rec in enumerate(left):
        for key in rec.blocks:
            index[key].append(i)
    for rec in right:
        for key in rec.blocks:
            if key.startswith("v:"):
                right_count[key] += 1
    pairs: set[tuple[int, int]] = set()
    for j, rec in enumerate(right):
        for key in rec.blocks:
            members = index.get(key)
            if not members:
                continue
            if key.startswith("v:") and max(len(members), right_count[key]) > max_token_block:
                continue
            pairs.update((i, j) for i in members)
    return sorted(pairs)


#: Dice cut-offs of the birth filters (see the notes on birth levels in data/pprl.toml).
_NEAR_YEAR = 0.62
_SWAPPED = 0.62


def _birth_level(a: Encoded, b: Encoded) -> str:
    if a.birth_year is None or b.birth_year is None:
        return "missing"
    year = dice(a.birth_year, b.birth_year)
    if year >= 0.9:
        if a.birth_md is None or b.birth_md is None:
            return "same_year"
        md = dice(a.birth_md, b.birth_md)
        if md >= 0.9:
            return "exact"
        if md >= _SWAPPED:
            return "day_month_swapped"
        return "same_year_other_day"
    if year >= _NEAR_YEAR:
        if a.birth_md is None or b.birth_md is None:
            return "year_only_within_1"
        # The same day and month a year apart: a slip of the year.
        return "year_slip" if dice(a.birth_md, b.birth_md) >= 0.9 else "year_within_1"
    return "disagree"


def score(a: Encoded, b: Encoded, levels: Levels, settings: Settings) -> ScoredPair:
    """Compare two encoded records level by level (same weights model as the plain
    engine: the sum of log2 Bayes factors plus the prior gives the probability)."""
    sim = best_dice(a.name, b.name)
    lowest = levels.name[-1]
    name_id, name_weight = next(((lid, w) for lid, low, w in levels.name if sim >= low),
                                (lowest[0], lowest[2]))
    results = [LevelResult("name", name_id, name_weight)]
    birth = _birth_level(a, b)
    results.append(LevelResult("birth", birth, levels.birth.get(birth, 0.0)))
    for field, x, y, weights in (("sex", a.sex, b.sex, levels.sex),
                                 ("nationality", a.nationality, b.nationality,
                                  levels.nationality)):
        if x is None or y is None:
            results.append(LevelResult(field, "missing", 0.0))
        else:
            level = "agree" if dice(x, y) >= 0.9 else "disagree"
            results.append(LevelResult(field, level, weights[level]))
    weight = round(sum(r.weight for r in results), 6)
    return ScoredPair(a.id, b.id, round(sim, 4), weight, probability(settings, weight),
                      tuple(results))


def link_encoded(left: Sequence[Encoded], right: Sequence[Encoded],
                 settings: Settings | None = None) -> LinkResult:
    """Link two encoded lists; the result has the same shape as the plain engine's."""
    settings = settings or load_settings()
    levels = load_levels()
    candidates = candidate_pairs(left, right, settings.max_token_block)
    pairs, settings = with_estimated_prior(  # as the plain engine's link()
        [score(left[i], right[j], levels, settings) for i, j in candidates],
        len(candidates), len(left), len(right), settings)
    scored = [p for p in pairs if p.probability >= settings.review_threshold]
    return decide(scored, settings, len(candidates), len(left), len(right))
