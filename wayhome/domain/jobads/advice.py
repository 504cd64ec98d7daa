"""What to do after checking a job ad: advice steps and, per country, where to check a
recruiter's licence and which hotlines to call.

Both are data (``data/advice.toml``, ``data/hotlines.toml``) with their sources, so the
people who keep the numbers current never touch code. Every hotline carries a status:
``source_seen`` (read in the cited source) or ``to_verify`` (not yet checked against an
official page); the page shows the difference, because a wrong number is worse than none.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
ADVICE_LANGUAGES = ("en", "th", "vi", "id", "fil", "km", "my", "zh")
STATUSES = ("source_seen", "to_verify")


@dataclass(frozen=True)
class Step:
    """One thing to do, in every language of the checker."""

    id: str
    texts: tuple[tuple[str, str], ...]

    def text(self, lang: str) -> str:
        """The step in ``lang``, falling back to English for a language without it."""
        found = dict(self.texts)
        return found.get(lang) or found["en"]


@dataclass(frozen=True)
class Hotline:
    number: str
    name: str
    what: str
    url: str
    source: str
    source_kind: str
    status: str
    checked: str

    @property
    def verified(self) -> bool:
        return self.status == "source_seen"

    @property
    def dial(self) -> str:
        """The number as a ``tel:`` URI wants it: digits and a leading plus only."""
        return "".join(c for c in self.number if c.isdigit() or c == "+")


@dataclass(frozen=True)
class Licensing:
    body: str
    what: str
    url: str
    status: str
    checked: str


@dataclass(frozen=True)
class Country:
    code: str
    licensing: Licensing
    hotlines: tuple[Hotline, ...]


class AdviceDataError(ValueError):
    """The advice or hotline data file is malformed (a bug in the data, not user input)."""


def _text(entry: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise AdviceDataError(f"{where}: '{key}' must be a non-empty string")
    return value


def _status(entry: dict[str, Any], where: str) -> str:
    status = _text(entry, "status", where)
    if status not in STATUSES:
        raise AdviceDataError(f"{where}: status must be one of {', '.join(STATUSES)}")
    return status


def _hotline(entry: dict[str, Any], where: str) -> Hotline:
    status = _status(entry, where)
    source = _text(entry, "source", where, required=False)
    if status == "source_seen" and not source:
        raise AdviceDataError(f"{where}: a number marked source_seen must cite its source")
    return Hotline(
        number=_text(entry, "number", where), name=_text(entry, "name", where),
        what=_text(entry, "what", where), url=_text(entry, "url", where, required=False),
        source=source, source_kind=_text(entry, "source_kind", where, required=False),
        status=status, checked=_text(entry, "checked", where),
    )


def _country(entry: dict[str, Any]) -> Country:
    code = _text(entry, "code", "country")
    if len(code) != 3 or not code.isupper():
        raise AdviceDataError(f"country {code!r}: code must be ISO 3166-1 alpha-3")
    lic = entry.get("licensing")
    if not isinstance(lic, dict):
        raise AdviceDataError(f"country {code}: a [country.licensing] table is required")
    where = f"country {code} licensing"
    licensing = Licensing(
        body=_text(lic, "body", where), what=_text(lic, "what", where),
        url=_text(lic, "url", where, required=False), status=_status(lic, where),
        checked=_text(lic, "checked", where),
    )
    hotlines = tuple(_hotline(h, f"country {code} hotline {i + 1}")
                     for i, h in enumerate(entry.get("hotline", [])))
    if not hotlines:
        raise AdviceDataError(f"country {code}: at least one hotline is required")
    return Country(code=code, licensing=licensing, hotlines=hotlines)


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def steps() -> tuple[Step, ...]:
    """The advice steps in their order on the page."""
    out = []
    for entry in _load("advice.toml").get("step", []):
        sid = _text(entry, "id", "step")
        texts = entry.get("text")
        if not isinstance(texts, dict) or not isinstance(texts.get("en"), str):
            raise AdviceDataError(f"step {sid}: an English text is required")
        unknown = set(texts) - set(ADVICE_LANGUAGES)
        if unknown:
            raise AdviceDataError(f"step {sid}: unknown languages {sorted(unknown)}")
        out.append(Step(id=sid, texts=tuple((k, str(v)) for k, v in texts.items())))
    return tuple(out)


@cache
def countries() -> tuple[Country, ...]:
    """Every country with advice, in the order of the data file."""
    out = tuple(_country(c) for c in _load("hotlines.toml").get("country", []))
    codes = [c.code for c in out]
    if len(set(codes)) != len(codes):
        raise AdviceDataError("a country appears twice in hotlines.toml")
    return out


def country(code: str) -> Country | None:
    """The advice for one country (ISO alpha-3, any case), or None when there is none."""
    wanted = code.strip().upper()
    return next((c for c in countries() if c.code == wanted), None)
