"""From family reports and registered persons to linkage records, and the engine's
evidence for each candidate. No database access: services.py loads and stores.

Names, dates of birth and places are decrypted into these records in memory only, for
the duration of one matching run; nothing here is written anywhere.

A report is matched on every name form the family gave (the name as written and each
other spelling); a registered person on the name as registered and each alias. The
candidate pairs come from the engine's blocking (:func:`candidate_pairs`), each pair is
scored by the engine (:func:`score_pair`) and the best-scoring pair of name forms per
(report, case) is kept when its probability reaches the engine's review threshold.

Bands are decided by the engine itself (:func:`engine_band` asks the function that
:func:`wayhome.domain.linkage.link` uses; there is no copy of its rule here): "auto" when
the probability reaches the match threshold and no other case found for the same report
comes within ``ambiguity_margin`` bits of it; "review" otherwise. Unlike ``link()`` the
assignment is not one-to-one: a tracer should see every plausible person for a report,
and two relatives may report the same person.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from wayhome.domain.linkage import (
    Record,
    ScoredPair,
    Settings,
    band,
    candidate_pairs,
    load_settings,
    parse_birth,
    score_pair,
)
from wayhome.domain.names import Name, NameInputError, normalise, similarity

#: Comparison levels that count as "agreeing" (positive evidence), shown to the tracer.
NO_EVIDENCE_LEVELS = frozenset({"missing"})


@functools.lru_cache(maxsize=16384)
def _name(text: str) -> Name | None:
    try:
        return normalise(text)
    except NameInputError:
        return None


@dataclass(frozen=True)
class Subject:
    """One report or one registered person: an owner key and its name forms as records."""

    key: int
    records: tuple[Record, ...]
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Found:
    """The best pair of name forms between one report and one case."""

    report_id: int
    case_id: int
    pair: ScoredPair
    left: Record
    right: Record
    band: str = "review"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _usable_birth(text: str) -> str:
    try:
        return text.strip() if parse_birth(text) else ""
    except ValueError:
        return ""


def _year_from_age(age: int | None, at: dt.datetime | dt.date | None) -> str:
    if age is None or at is None:
        return ""
    year = at.year - int(age)
    return str(year) if 1850 <= year <= 2100 else ""


def _forms(key: int, side: str, names: Iterable[str], sex: str, birth: str,
           nationality: str) -> tuple[Record, ...]:
    out: list[Record] = []
    seen: set[str] = set()
    sex = sex if sex in ("M", "F") else ""
    nationality = nationality.upper() if len(nationality) == 3 else ""
    for i, text in enumerate(names):
        text = " ".join(text.split())
        if not text or text in seen or _name(text) is None:
            continue
        seen.add(text)
        out.append(Record(f"{side}{key}:{i}", text, sex, birth, nationality))
    return tuple(out)


def report_subject(report: Any) -> Subject:
    """The family's description: name forms, sex, birth (or a year from the approximate
    age at the date of the report), nationality."""
    birth = _usable_birth(report.birth) or _year_from_age(
        report.approximate_age, report.created_at or dt.date.today())
    names = [report.missing_name, *_lines(report.other_names)]
    return Subject(report.pk, _forms(report.pk, "r", names, report.sex, birth,
                                     report.nationality))


def person_subject(case: Any) -> Subject:
    """A registered person: the name as registered and each alias, sex, date of birth
    (or a year from the age at registration), nationality, and the country of the
    registering organisation (the one thing a tracer learns about where they are)."""
    person = case.person
    birth = _usable_birth(person.date_of_birth) or _year_from_age(
        person.age_years, case.created_at)
    names = [person.display_name, *_lines(person.aliases)]
    return Subject(case.pk, _forms(case.pk, "c", names, person.sex, birth,
                                   person.nationality),
                   {"country": case.organisation.country})


def engine_band(pair: ScoredPair, rival_weight: float | None, settings: Settings) -> str:
    """The band of one candidate by the engine's own rule (:func:`linkage.band`): "auto"
    where the engine would say "match", "review" otherwise. ``rival_weight`` is the weight
    of the strongest other candidate of the same report (None if there is none)."""
    rival = -math.inf if rival_weight is None else rival_weight
    return "auto" if band(pair, rival, settings) == "match" else "review"


def match(reports: Sequence[Subject], persons: Sequence[Subject],
          settings: Settings | None = None) -> dict[int, list[Found]]:
    """Every case found for each report (best pair of name forms each), with its band."""
    settings = settings or load_settings()
    left = [(s.key, r) for s in reports for r in s.records]
    right = [(s.key, r) for s in persons for r in s.records]
    # _forms() kept only names the engine accepts, so every form has a Name here and the
    # indices of candidate_pairs() are indices of ``left`` and ``right``.
    left_names = [n for _k, r in left if (n := _name(r.name)) is not None]
    right_names = [n for _k, r in right if (n := _name(r.name)) is not None]
    assert len(left_names) == len(left) and len(right_names) == len(right)
    # Names only, no birth-date blocks (unlike linking two lists): a tracer must not be
    # shown registered persons who merely share the reported person's birthday.
    pairs = candidate_pairs(left_names, right_names, settings.max_token_block)
    best: dict[tuple[int, int], Found] = {}
    for i, j in pairs:
        (rid, lrec), (cid, rrec) = left[i], right[j]
        scored = score_pair(lrec, rrec, settings)
        if scored.probability < settings.review_threshold:
            continue
        old = best.get((rid, cid))
        if old is None or (scored.probability, scored.weight) > (old.pair.probability,
                                                                 old.pair.weight):
            best[(rid, cid)] = Found(rid, cid, scored, lrec, rrec)
    by_report: dict[int, list[Found]] = {}
    for found in best.values():
        by_report.setdefault(found.report_id, []).append(found)
    out: dict[int, list[Found]] = {}
    for rid, founds in by_report.items():
        founds.sort(key=lambda f: (-f.pair.probability, -f.pair.weight, f.case_id))
        banded: list[Found] = []
        for f in founds:
            rival = max((g.pair.weight for g in founds if g is not f), default=None)
            banded.append(Found(f.report_id, f.case_id, f.pair, f.left, f.right,
                                engine_band(f.pair, rival, settings)))
        out[rid] = banded
    return out


def _best_variants(a: Name, b: Name) -> tuple[str, str, float]:
    """The pair of spellings (one from each name) that agree best, and their score."""
    top = ("", "", -1.0)
    for va in a.variants:
        for vb in b.variants:
            score = similarity(va, vb) if (va and vb) else 0.0
            if score > top[2]:
                top = (va, vb, score)
                if score >= 1.0:
                    return top
    return top


def evidence(found: Found, country: str) -> dict[str, Any]:
    """What a tracer needs to judge the candidate, and no more: the registered name as
    written (the form that matched), which spellings agreed, the level of each
    comparison, the values that agreed (the family's own values, never a registered
    value that differs), and the country of the registering organisation."""
    left, right = _name(found.left.name), _name(found.right.name)
    assert left is not None and right is not None
    va, vb, vscore = _best_variants(left, right)
    shared_keys = sorted((set(left.keys) & set(right.keys))
                         | (set(left.token_keys) & set(right.token_keys)))
    levels = [{"field": lv.field, "level": lv.level, "weight": round(lv.weight, 3)}
              for lv in found.pair.levels]
    family_values = {"sex": found.left.sex, "birth": found.left.birth,
                     "nationality": found.left.nationality}
    agreed = [{"field": lv.field, "level": lv.level, "value": family_values[lv.field]}
              for lv in found.pair.levels
              if lv.field != "name" and lv.weight > 0 and lv.level not in NO_EVIDENCE_LEVELS]
    return {
        "report_name": found.left.name,
        "registered_name": found.right.name,
        "registered_scripts": sorted(right.scripts),
        "name_similarity": round(found.pair.name_similarity, 4),
        "name_level": next((lv.level for lv in found.pair.levels if lv.field == "name"), ""),
        "variants": {"report": va, "registered": vb, "score": round(max(vscore, 0.0), 4)},
        "shared_keys": shared_keys,
        "levels": levels,
        "fields_agreed": agreed,
        "country": country,
    }
