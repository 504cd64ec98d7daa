"""Comparison levels (read from ``data/linkage.toml``) and the match weight of a pair.

Each comparison (name, sex, birth, nationality) has ordered levels; a pair falls in the
first level whose rule holds. A level's weight is log2(m / u); the total weight plus the
prior log-odds gives the match probability. The m/u values are set by hand (see the
data file), not trained.
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .model import Birth, LevelResult, LinkageDataError, parse_birth

FIELDS = ("name", "sex", "birth", "nationality")
_KINDS = {
    "name": {"missing", "similarity", "else"},
    "sex": {"missing", "agree", "else"},
    "nationality": {"missing", "agree", "else"},
    "birth": {"missing", "exact", "year_month", "day_month_swapped", "day_month",
              "partial_year", "year_within", "else"},
}


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    kind: str
    m: float
    u: float
    min_similarity: float = 0.0
    years: int = 0

    @property
    def weight(self) -> float:
        return math.log2(self.m / self.u)


@dataclass(frozen=True, slots=True)
class Comparison:
    field: str
    levels: tuple[Level, ...]


@dataclass(frozen=True, slots=True)
class Settings:
    prior: float
    match_threshold: float
    review_threshold: float
    max_token_block: int
    ambiguity_margin: float
    comparisons: tuple[Comparison, ...]
    #: :func:`~.engine.link` estimates the prior from the lists themselves when both hold
    #: at least this many records (0: always the hand-set ``prior``).
    estimate_prior_from: int = 0

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))

    def estimates_prior(self, n_left: int, n_right: int) -> bool:
        """Whether linking lists this long estimates the prior (:func:`estimated_prior`)."""
        return 0 < self.estimate_prior_from <= min(n_left, n_right)


def estimated_prior(assigned_weights: Sequence[float], n_candidates: int,
                    settings: Settings, rounds: int = 50) -> float:
    """The prior (share of candidate pairs that are matches) the lists themselves imply.

    Each record is in at most one true pair, so the matches are among the one-to-one
    pairs (``assigned_weights``: their weights without the prior). Their summed match
    probability over all ``n_candidates`` pairs is the prior; it changes the
    probabilities, so this is repeated to a fixed point. The hand-set prior (one in a
    hundred candidate pairs) suits a report against a big register; two lists of people
    who mostly are the same people (a detention list against the reports of one
    province) hold far more matches per candidate pair, and a prior a tenth of the
    truth leaves most true pairs in the review band.
    """
    if n_candidates <= 0 or not assigned_weights:
        return settings.prior
    prior = settings.prior
    for _ in range(rounds):
        logit = math.log2(prior / (1.0 - prior))
        # fsum: exact, so the order of the pairs (one backend or the other) is irrelevant
        expected = math.fsum(1.0 / (1.0 + 2.0 ** -max(min(logit + w, 1000.0), -1000.0))
                             for w in assigned_weights)
        new = min(max(expected / n_candidates, 1e-6), 0.5)
        if abs(math.log(new / prior)) < 1e-4:
            prior = new
            break
        prior = new
    # Six significant digits: the two backends sum weights in different orders, and a
    # last-bit difference must not make their probabilities differ.
    return float(f"{prior:.6g}")


def _prob(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 1:
        raise LinkageDataError(f"{where}: expected a number in (0, 1], got {value!r}")
    return float(value)


def _level(field: str, raw: Any, where: str) -> Level:
    if not isinstance(raw, dict):
        raise LinkageDataError(f"{where}: expected a table")
    kind = raw.get("kind")
    if kind not in _KINDS[field]:
        raise LinkageDataError(f"{where}: kind {kind!r} not one of {sorted(_KINDS[field])}")
    level_id = raw.get("id")
    if not isinstance(level_id, str) or not level_id:
        raise LinkageDataError(f"{where}: id missing")
    min_sim = 0.0
    years = 0
    if kind == "similarity":
        min_sim = _prob(raw.get("min_similarity"), f"{where}.min_similarity")
    if kind in {"year_within", "partial_year"}:
        y = raw.get("years")
        if not isinstance(y, int) or isinstance(y, bool) or y < 0:
            raise LinkageDataError(f"{where}.years: expected a whole number >= 0")
        years = y
    return Level(level_id, str(kind), _prob(raw.get("m"), f"{where}.m"),
                 _prob(raw.get("u"), f"{where}.u"), min_sim, years)


def parse_settings(data: dict[str, Any]) -> Settings:
    """Check and convert the parsed TOML data file."""
    model = data.get("model")
    if not isinstance(model, dict):
        raise LinkageDataError("[model] table missing")
    prior = _prob(model.get("prior"), "model.prior")
    if prior >= 1:
        raise LinkageDataError("model.prior: must be below 1")
    match_t = _prob(model.get("match_threshold"), "model.match_threshold")
    review_t = _prob(model.get("review_threshold"), "model.review_threshold")
    if review_t > match_t:
        raise LinkageDataError("model.review_threshold must not exceed match_threshold")
    block = model.get("max_token_block")
    if not isinstance(block, int) or isinstance(block, bool) or block < 1:
        raise LinkageDataError("model.max_token_block: expected a whole number >= 1")
    margin = model.get("ambiguity_margin")
    if isinstance(margin, bool) or not isinstance(margin, (int, float)) or margin < 0:
        raise LinkageDataError("model.ambiguity_margin: expected a number >= 0")
    comps: list[Comparison] = []
    raw_comps = data.get("comparisons")
    if not isinstance(raw_comps, list):
        raise LinkageDataError("[[comparisons]] missing")
    for i, rc in enumerate(raw_comps):
        field = rc.get("field") if isinstance(rc, dict) else None
        if field not in FIELDS:
            raise LinkageDataError(f"comparisons[{i}].field: expected one of {FIELDS}")
        levels = rc.get("levels")
        if not isinstance(levels, list) or not levels:
            raise LinkageDataError(f"comparisons[{i}].levels: expected a non-empty list")
        parsed = tuple(_level(str(field), lv, f"{field}.levels[{j}]")
                       for j, lv in enumerate(levels))
        if parsed[-1].kind != "else":
            raise LinkageDataError(f"{field}: the last level must be kind = 'else'")
        comps.append(Comparison(str(field), parsed))
    if sorted(c.field for c in comps) != sorted(FIELDS):
        raise LinkageDataError(f"comparisons: need exactly one of each of {FIELDS}")
    estimate_from = model.get("estimate_prior_from", 0)
    if not isinstance(estimate_from, int) or isinstance(estimate_from, bool) or estimate_from < 0:
        raise LinkageDataError("model.estimate_prior_from: expected a whole number >= 0")
    return Settings(prior, match_t, review_t, block, float(margin), tuple(comps),
                    estimate_from)


@functools.cache
def load_settings() -> Settings:
    """The packaged ``data/linkage.toml`` (read once)."""
    path = resources.files("wayhome.domain.linkage").joinpath("data").joinpath("linkage.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LinkageDataError(f"data/linkage.toml: {exc}") from exc
    return parse_settings(data)


def _birth_applies(level: Level, a: Birth | None, b: Birth | None) -> bool:
    if level.kind == "missing":
        return a is None or b is None
    if a is None or b is None:
        return level.kind == "else"
    if level.kind == "exact":
        return a.is_full and b.is_full and a == b
    if level.kind == "year_month":
        return a.year == b.year and a.month is not None and a.month == b.month
    if level.kind == "day_month_swapped":
        return (a.is_full and b.is_full and a.year == b.year and a.month != b.month
                and a.month == b.day and a.day == b.month)
    if level.kind == "day_month":
        return (a.is_full and b.is_full and a.month == b.month and a.day == b.day
                and abs(a.year - b.year) <= 1)
    if level.kind == "partial_year":
        return not (a.is_full and b.is_full) and abs(a.year - b.year) <= level.years
    if level.kind == "year_within":
        return abs(a.year - b.year) <= level.years
    return level.kind == "else"


def _value_applies(level: Level, a: str, b: str) -> bool:
    if level.kind == "missing":
        return not a or not b
    if level.kind == "agree":
        return bool(a) and a == b
    return level.kind == "else"


def _pick(comparison: Comparison, applies: Any) -> LevelResult:
    for level in comparison.levels:
        if applies(level):
            return LevelResult(comparison.field, level.id, level.weight)
    last = comparison.levels[-1]  # unreachable: the last level is "else"
    return LevelResult(comparison.field, last.id, last.weight)


def compare(
    settings: Settings,
    name_similarity: float,
    sex: tuple[str, str],
    birth: tuple[str, str],
    nationality: tuple[str, str],
) -> tuple[LevelResult, ...]:
    """The level (and weight) of each comparison for one pair of records."""
    b1, b2 = parse_birth(birth[0]), parse_birth(birth[1])
    out: list[LevelResult] = []
    for comp in settings.comparisons:
        if comp.field == "name":
            out.append(_pick(comp, lambda lv: lv.kind == "else" or (
                lv.kind == "similarity" and name_similarity >= lv.min_similarity)))
        elif comp.field == "birth":
            out.append(_pick(comp, lambda lv: _birth_applies(lv, b1, b2)))
        else:
            a, b = sex if comp.field == "sex" else nationality
            out.append(_pick(comp, lambda lv, a=a, b=b: _value_applies(lv, a, b)))
    return tuple(out)


def probability(settings: Settings, weight: float) -> float:
    """Match probability from the total weight (sum of level weights) and the prior."""
    total = settings.prior_weight + weight
    if total > 60:
        return 1.0
    odds = math.pow(2.0, total)
    return odds / (1.0 + odds)
