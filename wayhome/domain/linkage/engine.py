"""link(): block, score and assign one-to-one."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from wayhome.domain.names import Name, NameInputError, similarity

from ._names import cached_normalise
from .blocking import candidate_pairs
from .model import LinkageInputError, Link, LinkResult, Problem, Record, ScoredPair
from .scoring import Settings, compare, estimated_prior, load_settings, probability


def record_problems(records: Sequence[Record], side: str) -> list[tuple[str, list[str]]]:
    """Per record, where it is ("left record 3 (id 'A7')") and what is wrong with it
    (empty if nothing): its own fields (:meth:`Record.problems`) and an id already used
    earlier in the list."""
    out: list[tuple[str, list[str]]] = []
    seen: set[str] = set()
    for pos, rec in enumerate(records, start=1):
        msgs = rec.problems()
        if rec.id in seen:
            msgs.append(f"id {rec.id!r}: duplicate")
        seen.add(rec.id)
        out.append((f"{side} record {pos} (id {rec.id!r})", msgs))
    return out


def _analyse(records: Sequence[Record], side: str) -> tuple[list[Name], list[Problem]]:
    names: list[Name] = []
    problems: list[Problem] = []
    for rec, (where, msgs) in zip(records, record_problems(records, side), strict=True):
        try:
            names.append(cached_normalise(rec.name))
        except NameInputError as exc:
            if rec.name.strip():
                msgs.append(exc.message)
        problems.extend(Problem(m, None, where) for m in msgs)
    return names, problems


def score_pair(left: Record, right: Record, settings: Settings | None = None) -> ScoredPair:
    """Compare two records level by level (raises NameInputError for an unusable name)."""
    settings = settings or load_settings()
    sim = similarity(cached_normalise(left.name), cached_normalise(right.name))
    levels = compare(settings, sim, (left.sex, right.sex), (left.birth, right.birth),
                     (left.nationality, right.nationality))
    weight = round(sum(lv.weight for lv in levels), 6)
    return ScoredPair(left.id, right.id, sim, weight, probability(settings, weight), levels)


def assign_one_to_one(pairs: Sequence[ScoredPair]) -> list[ScoredPair]:
    """Greedy one-to-one assignment: highest probability first (ties: higher weight, then
    ids), each left and each right record used at most once. Deterministic."""
    order = sorted(pairs, key=lambda p: (-p.probability, -p.weight, p.left_id, p.right_id))
    used_left: set[str] = set()
    used_right: set[str] = set()
    kept: list[ScoredPair] = []
    for p in order:
        if p.left_id in used_left or p.right_id in used_right:
            continue
        used_left.add(p.left_id)
        used_right.add(p.right_id)
        kept.append(p)
    return kept


#: ``backend="auto"`` switches to the vectorised backend from this many records in all.
VECTORISED_FROM = 2000


def link(
    left: Sequence[Record], right: Sequence[Record], settings: Settings | None = None,
    backend: str = "auto",
) -> LinkResult:
    """Link two lists of people.

    Candidate pairs come from :func:`~.blocking.candidate_pairs` (names-engine keys, and
    the same full date of birth); each is scored
    (:func:`score_pair`; when both lists hold at least ``settings.estimate_prior_from``
    records, with the prior the lists imply, :func:`~.scoring.estimated_prior`); pairs at or above the review threshold are assigned one-to-one;
    assigned pairs at or above the match threshold are ``matches`` unless another candidate
    of either record comes within ``ambiguity_margin`` bits of it; the rest are ``review``.
    ``backend`` is "python" (pair by pair), "vectorised" (:mod:`.vector`: the same
    blocking, levels and weights computed over arrays; same result, much faster on big
    lists) or "auto" (vectorised from ``VECTORISED_FROM`` records in all).
    Raises :class:`LinkageInputError` (every problem listed) if any record is invalid.
    """
    if backend not in {"auto", "python", "vectorised"}:
        raise ValueError(f"backend {backend!r}: expected auto, python or vectorised")
    settings = settings or load_settings()
    left_names, problems = _analyse(left, "left")
    right_names, right_problems = _analyse(right, "right")
    problems += right_problems
    if problems:
        raise LinkageInputError(problems)
    if backend == "vectorised" or (
            backend == "auto" and len(left) + len(right) >= VECTORISED_FROM):
        from .records_vector import score_records

        scored, n_candidates, settings = score_records(left, right, settings)
        return decide(scored, settings, n_candidates, len(left), len(right))
    candidates = candidate_pairs(left_names, right_names, settings.max_token_block,
                                 births=([r.birth for r in left], [r.birth for r in right]))
    pairs, settings = with_estimated_prior(
        [score_pair(left[i], right[j], settings) for i, j in candidates], len(candidates),
        len(left), len(right), settings)
    scored = [p for p in pairs if p.probability >= settings.review_threshold]
    return decide(scored, settings, len(candidates), len(left), len(right))


def with_estimated_prior(pairs: list[ScoredPair], n_candidates: int, n_left: int,
                         n_right: int, settings: Settings) -> tuple[list[ScoredPair], Settings]:
    """The scored pairs and settings as they are, or, for lists long enough
    (``settings.estimates_prior``), with the prior the lists imply and each pair's
    probability under it. Used by :func:`link` and the encoded matcher alike."""
    if not settings.estimates_prior(n_left, n_right):
        return pairs, settings
    settings = dataclasses.replace(settings, prior=estimated_prior(
        [p.weight for p in assign_one_to_one(pairs)], n_candidates, settings))
    return ([dataclasses.replace(p, probability=probability(settings, p.weight))
             for p in pairs], settings)


def band(pair: ScoredPair, rival_weight: float, settings: Settings) -> str:
    """"match" when ``pair`` reaches the match threshold and leads the strongest other
    candidate of either of its records (``rival_weight``, -inf if none) by at least the
    ambiguity margin; "review" otherwise. The one rule every interface uses."""
    clear = pair.weight - rival_weight >= settings.ambiguity_margin
    return "match" if pair.probability >= settings.match_threshold and clear else "review"


def decide(scored: Sequence[ScoredPair], settings: Settings, n_candidates: int, n_left: int,
           n_right: int) -> LinkResult:
    """One-to-one assignment, then :func:`band` for each assigned pair. Its rivals are the
    other scored pairs of either record, except a pair whose other record went to a
    strictly heavier pair of its own: a namesake who is clearly someone else's match
    does not make this one doubtful."""
    by_left: dict[str, list[ScoredPair]] = {}
    by_right: dict[str, list[ScoredPair]] = {}
    for p in scored:
        by_left.setdefault(p.left_id, []).append(p)
        by_right.setdefault(p.right_id, []).append(p)
    assigned = assign_one_to_one(scored)
    taken_left = {p.left_id: p.weight for p in assigned}
    taken_right = {p.right_id: p.weight for p in assigned}

    def rival_weight(p: ScoredPair) -> float:
        rivals = [q.weight for q in by_left[p.left_id]
                  if q is not p and not taken_right.get(q.right_id, -math.inf) > q.weight]
        rivals += [q.weight for q in by_right[p.right_id]
                   if q is not p and not taken_left.get(q.left_id, -math.inf) > q.weight]
        return max(rivals, default=-math.inf)

    matches: list[Link] = []
    review: list[Link] = []
    for p in assigned:
        if band(p, rival_weight(p), settings) == "match":
            matches.append(Link(p.left_id, p.right_id, p.probability, "match", p))
        else:
            review.append(Link(p.left_id, p.right_id, p.probability, "review", p))
    key = lambda lk: (lk.left_id, lk.right_id)  # noqa: E731
    return LinkResult(tuple(sorted(matches, key=key)), tuple(sorted(review, key=key)),
                      n_candidates, n_left, n_right)
