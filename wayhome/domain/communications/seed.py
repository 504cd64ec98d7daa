"""The starting data: the four letters of 10 March 2025 and the OHCHR 2023 recommendations.

Read from ``data/letters_2025.toml`` and ``data/ohchr_2023_recommendations.toml`` and
checked as a whole before anything uses them: each reference must parse, the year of
the reference must be the year the letter was sent, the questions must be numbered 1,
2, 3 ... with no gap or repeat, and every recommendation id must be unique. A mistake
raises :class:`SeedDataError` naming the entry, so bad data never reaches a database.

The ``text`` of a question or a recommendation is a summary in the project's own words,
not the source's wording; ``source_ref`` (required) says where the original is (the
seed letter and question number, or the paper's section, box and bullet).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any

from .reference import Reference, ReferenceFormatError, parse_reference

LETTERS_FILE = "letters_2025.toml"
RECOMMENDATIONS_FILE = "ohchr_2023_recommendations.toml"


class SeedDataError(ValueError):
    """A seed data file is malformed; the message names the bad entry first."""


@dataclass(frozen=True)
class SeedQuestion:
    number: int
    text: str  # a summary of the question, not its wording
    source_ref: str  # where the question is in the letter


@dataclass(frozen=True)
class SeedLetter:
    reference: Reference
    sent: date
    addressee: str
    mandates: tuple[str, ...]
    hrc_resolutions: str
    copies: tuple[str, ...]
    also_sent_to: tuple[str, ...]
    cites: tuple[Reference, ...]
    allegations: str
    source: str
    questions: tuple[SeedQuestion, ...]


@dataclass(frozen=True)
class SeedRecommendation:
    id: str
    number: int
    group_slug: str
    group_title: str
    addressed_to: str
    text: str  # a summary of the recommendation, not its wording
    source_ref: str  # where the recommendation is in the paper


@dataclass(frozen=True)
class RecommendationSet:
    source: str
    publisher: str
    year: int
    licence: str
    recommendations: tuple[SeedRecommendation, ...]

    def groups(self) -> list[tuple[str, str, list[SeedRecommendation]]]:
        """(slug, title, recommendations) in the paper's order."""
        out: list[tuple[str, str, list[SeedRecommendation]]] = []
        for rec in self.recommendations:
            if not out or out[-1][0] != rec.group_slug:
                out.append((rec.group_slug, rec.group_title, []))
            out[-1][2].append(rec)
        return out


def _data(name: str) -> Traversable:
    return resources.files("wayhome.domain.communications").joinpath("data").joinpath(name)


def _load_toml(path: Traversable | Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SeedDataError(f"{path.name}: not valid TOML: {exc}") from exc


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SeedDataError(f"{where}: expected a non-empty string")
    return value.strip()


def _strs(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise SeedDataError(f"{where}: expected a list of strings")
    return tuple(_str(v, f"{where}[{i}]") for i, v in enumerate(value))


def _int(value: object, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise SeedDataError(f"{where}: expected a whole number")
    return value


def _ref(value: object, where: str) -> Reference:
    try:
        return parse_reference(_str(value, where))
    except ReferenceFormatError as exc:
        raise SeedDataError(f"{where}: {exc.message}") from exc


@functools.cache
def load_letters() -> tuple[SeedLetter, ...]:
    """The packaged letters (read and checked once, then cached)."""
    return read_letters(_data(LETTERS_FILE))


def read_letters(path: Traversable | Path) -> tuple[SeedLetter, ...]:
    raw = _load_toml(path)
    entries = raw.get("letter")
    if not isinstance(entries, list) or not entries:
        raise SeedDataError(f"{path.name}: no [[letter]] entries")
    letters = tuple(_letter(e, f"letter[{i}]") for i, e in enumerate(entries))
    seen: set[Reference] = set()
    for letter in letters:
        if letter.reference in seen:
            raise SeedDataError(f"letter {letter.reference}: listed twice")
        seen.add(letter.reference)
    return letters


def _letter(entry: Any, where: str) -> SeedLetter:
    if not isinstance(entry, dict):
        raise SeedDataError(f"{where}: expected a table")
    ref = _ref(entry.get("reference"), f"{where}.reference")
    where = f"letter {ref}"
    sent = entry.get("sent")
    if not isinstance(sent, date):
        raise SeedDataError(f"{where}.sent: expected a date (YYYY-MM-DD)")
    if sent.year != ref.year:
        raise SeedDataError(f"{where}.sent: sent in {sent.year}, but the reference says {ref.year}")
    questions_raw = entry.get("question")
    if not isinstance(questions_raw, list) or not questions_raw:
        raise SeedDataError(f"{where}: no [[letter.question]] entries")
    questions = tuple(
        SeedQuestion(_int(q.get("number"), f"{where}.question[{i}].number"),
                     _str(q.get("text"), f"{where}.question[{i}].text"),
                     _str(q.get("source_ref"), f"{where}.question[{i}].source_ref"))
        for i, q in enumerate(questions_raw))
    numbers = [q.number for q in questions]
    if numbers != list(range(1, len(numbers) + 1)):
        raise SeedDataError(f"{where}: questions must be numbered 1..{len(numbers)}, got {numbers}")
    return SeedLetter(
        reference=ref,
        sent=sent,
        addressee=_str(entry.get("addressee"), f"{where}.addressee"),
        mandates=_strs(entry.get("mandates"), f"{where}.mandates"),
        hrc_resolutions=_str(entry.get("hrc_resolutions"), f"{where}.hrc_resolutions"),
        copies=_strs(entry.get("copies", []), f"{where}.copies"),
        also_sent_to=_strs(entry.get("also_sent_to", []), f"{where}.also_sent_to"),
        cites=tuple(_ref(c, f"{where}.cites[{i}]")
                    for i, c in enumerate(entry.get("cites", []))),
        allegations=_str(entry.get("allegations"), f"{where}.allegations"),
        source=_str(entry.get("source"), f"{where}.source"),
        questions=questions,
    )


@functools.cache
def load_recommendations() -> RecommendationSet:
    """The packaged OHCHR 2023 recommendations (read and checked once, then cached)."""
    return read_recommendations(_data(RECOMMENDATIONS_FILE))


def read_recommendations(path: Traversable | Path) -> RecommendationSet:
    raw = _load_toml(path)
    groups = raw.get("group")
    if not isinstance(groups, list) or not groups:
        raise SeedDataError(f"{path.name}: no [[group]] entries")
    recs: list[SeedRecommendation] = []
    for gi, group in enumerate(groups):
        slug = _str(group.get("slug"), f"group[{gi}].slug")
        title = _str(group.get("title"), f"group {slug}.title")
        items = group.get("recommendation")
        if not isinstance(items, list) or not items:
            raise SeedDataError(f"group {slug}: no [[group.recommendation]] entries")
        for ri, item in enumerate(items):
            where = f"group {slug}.recommendation[{ri}]"
            rec_id = _str(item.get("id"), f"{where}.id")
            if rec_id != f"{slug}-{ri + 1}":
                raise SeedDataError(f"{where}.id: expected {slug}-{ri + 1}, got {rec_id}")
            recs.append(SeedRecommendation(
                id=rec_id, number=_int(item.get("number"), f"{where}.number"),
                group_slug=slug, group_title=title,
                addressed_to=_str(item.get("addressed_to"), f"{where}.addressed_to"),
                text=_str(item.get("text"), f"{where}.text"),
                source_ref=_str(item.get("source_ref"), f"{where}.source_ref")))
    numbers = [r.number for r in recs]
    if numbers != list(range(1, len(recs) + 1)):
        raise SeedDataError(f"{path.name}: recommendations must be numbered 1..{len(recs)}")
    return RecommendationSet(
        source=_str(raw.get("source"), "source"),
        publisher=_str(raw.get("publisher"), "publisher"),
        year=_int(raw.get("year"), "year"),
        licence=_str(raw.get("licence"), "licence"),
        recommendations=tuple(recs),
    )
