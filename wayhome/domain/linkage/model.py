"""Value objects of the record-linkage engine."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

SEXES = frozenset({"M", "F", ""})
_NATIONALITY = re.compile(r"[A-Z]{3}")
_BIRTH = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where (file, line) and what."""

    message: str
    line: int | None = None
    source: str = ""

    def __str__(self) -> str:
        where = ":".join(str(p) for p in (self.source, self.line) if p not in ("", None))
        return f"{where}: {self.message}" if where else self.message


class LinkageInputError(ValueError):
    """Input that cannot be linked; ``problems`` lists every problem found (not just the first)."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems) or "invalid input")


class LinkageDataError(ValueError):
    """The packaged linkage data file is inconsistent."""


@dataclass(frozen=True, slots=True, order=True)
class Birth:
    """A birth date known to year, year-month or the full date."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_full(self) -> bool:
        return self.month is not None and self.day is not None


def parse_birth(text: str) -> Birth | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` -> :class:`Birth`; "" -> None.

    Raises ValueError for anything else (including impossible dates such as 1990-02-30).
    """
    text = text.strip()
    if not text:
        return None
    m = _BIRTH.fullmatch(text)
    if m is None:
        raise ValueError(f"birth {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    if year < 1850 or year > 2100:
        raise ValueError(f"birth {text!r}: year out of range")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"birth {text!r}: no month {month}")
    if month is not None and day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueError(f"birth {text!r}: no such date") from None
    return Birth(year, month, day)


@dataclass(frozen=True, slots=True)
class Record:
    """One person on a list. ``sex`` is "M", "F" or ""; ``birth`` is YYYY[-MM[-DD]] or "";
    ``nationality`` an ISO 3166 alpha-3 code or ""."""

    id: str
    name: str
    sex: str = ""
    birth: str = ""
    nationality: str = ""

    def problems(self) -> list[str]:
        """What is wrong with this record (empty if nothing); the name is checked by the
        names engine separately."""
        out: list[str] = []
        if not self.id.strip():
            out.append("id: missing")
        if not self.name.strip():
            out.append("name: empty")
        if self.sex not in SEXES:
            out.append(f"sex {self.sex!r}: expected M, F or empty")
        try:
            parse_birth(self.birth)
        except ValueError as exc:
            out.append(str(exc))
        if self.nationality and not _NATIONALITY.fullmatch(self.nationality):
            out.append(
                f"nationality {self.nationality!r}: expected an ISO 3166 alpha-3 code (e.g. THA)"
            )
        return out


@dataclass(frozen=True, slots=True)
class LevelResult:
    """Which level of one comparison a pair fell in, and its weight (log2 Bayes factor)."""

    field: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A candidate pair with its total match weight, probability and the levels behind it."""

    left_id: str
    right_id: str
    name_similarity: float
    weight: float
    probability: float
    levels: tuple[LevelResult, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A pair kept by the one-to-one assignment: ``band`` is "match" or "review"."""

    left_id: str
    right_id: str
    probability: float
    band: str
    pair: ScoredPair


@dataclass(frozen=True, slots=True)
class LinkResult:
    """Outcome of :func:`link`: accepted matches, review-band pairs and counts."""

    matches: tuple[Link, ...]
    review: tuple[Link, ...]
    pairs_compared: int
    left_count: int
    right_count: int
