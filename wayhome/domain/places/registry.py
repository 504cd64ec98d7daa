"""Read and check the starting registry (``data/places.toml``).

The file is checked as a whole before anything uses it: every place must cite at least
one passage of a known source, every status change must cite one, coordinates must be
plausible and come with a precision note. A bad file raises :class:`RegistryError`
listing every problem, so a broken edit is caught by the tests, not on a map.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from .model import Citation, Fact, Kind, Place, Source, Status, StatusEvent

DATA = Path(__file__).parent / "data" / "places.toml"


class RegistryError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Registry:
    sources: dict[str, Source]
    places: tuple[Place, ...]

    def place(self, slug: str) -> Place:
        for p in self.places:
            if p.slug == slug:
                return p
        raise KeyError(slug)


def is_country_code(code: str) -> bool:
    """ISO 3166-1 alpha-3, upper case."""
    return len(code) == 3 and code.isupper() and pycountry.countries.get(alpha_3=code) is not None


def _date(text: str) -> date:
    return date.fromisoformat(text)


def _citation(raw: dict[str, Any], passages: dict[str, Any], where: str,
              problems: list[str]) -> Citation | None:
    passage = passages.get(str(raw.get("p", "")))
    quote = str(raw.get("quote", "")).strip()
    if passage is None:
        problems.append(f"{where}: unknown passage {raw.get('p')!r}")
        return None
    if not quote:
        problems.append(f"{where}: a citation needs a quote")
        return None
    try:
        fact = Fact(raw.get("fact", Fact.NAMED))
    except ValueError:
        problems.append(f"{where}: unknown fact {raw.get('fact')!r}")
        return None
    return Citation(source_id=str(passage["source"]), locator=str(passage["locator"]),
                    quote=quote, fact=fact)


def _place(raw: dict[str, Any], passages: dict[str, Any], problems: list[str]) -> Place | None:
    slug = str(raw.get("slug", ""))
    where = f"place {slug or '?'}"
    before = len(problems)
    cites = [c for c in (_citation(r, passages, where, problems) for r in raw.get("cite", []))
             if c is not None]
    if not any(c.fact == Fact.NAMED for c in cites):
        problems.append(f"{where}: no citation naming the place")
    history: list[StatusEvent] = []
    for r in raw.get("cite", []):  # each naming source dates a "reported" status
        passage = passages.get(str(r.get("p", "")))
        if passage is not None and r.get("fact", Fact.NAMED) == Fact.NAMED:
            c = _citation(r, passages, where, [])
            if c is not None:
                history.append(StatusEvent(_date(str(passage["as_of"])), Status.REPORTED, c))
    for r in raw.get("status", []):
        c = _citation(r, passages, where, problems)
        try:
            status = Status(str(r.get("status")))
        except ValueError:
            problems.append(f"{where}: unknown status {r.get('status')!r}")
            continue
        if c is not None:
            history.append(StatusEvent(_date(str(r["date"])), status, c, str(r.get("note", ""))))
    try:
        kind = Kind(str(raw.get("kind")))
    except ValueError:
        problems.append(f"{where}: unknown kind {raw.get('kind')!r}")
        kind = Kind.COMPOUND
    country = str(raw.get("country", ""))
    if not is_country_code(country):
        problems.append(f"{where}: {country!r} is not an ISO 3166 alpha-3 code")
    lat, lon = raw.get("lat"), raw.get("lon")
    if (lat is None) != (lon is None):
        problems.append(f"{where}: give both latitude and longitude, or neither")
    elif lat is not None and lon is not None and not (
            -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
        problems.append(f"{where}: coordinates out of range")
    if not str(raw.get("precision", "")).strip():
        problems.append(f"{where}: say how precise the location is")
    if not slug or not str(raw.get("name", "")).strip():
        problems.append(f"{where}: slug and name are required")
    if len(problems) > before:
        return None
    history.sort(key=lambda e: e.on)  # stable: same-day events keep file order
    return Place(
        slug=slug, name=str(raw["name"]), kind=kind, country=country,
        place=str(raw.get("place", "")), citations=tuple(cites), history=tuple(history),
        aliases=tuple(str(a) for a in raw.get("aliases", [])),
        lat=None if lat is None else float(lat), lon=None if lon is None else float(lon),
        precision=str(raw["precision"]), sez=str(raw.get("sez", "")),
        controlling_group=str(raw.get("controlling_group", "")),
    )


def parse(data: dict[str, Any]) -> Registry:
    """Check and build a registry from parsed TOML; raise RegistryError on any problem."""
    problems: list[str] = []
    sources = {str(s["id"]): Source(
        id=str(s["id"]), title=str(s["title"]), publisher=str(s["publisher"]),
        published=str(s["published"]), reference=str(s.get("reference", "")),
        url=str(s.get("url", ""))) for s in data.get("sources", [])}
    passages: dict[str, Any] = dict(data.get("passages", {}))
    for pid, passage in passages.items():
        if passage.get("source") not in sources:
            problems.append(f"passage {pid}: unknown source {passage.get('source')!r}")
        try:
            _date(str(passage.get("as_of", "")))
        except ValueError:
            problems.append(f"passage {pid}: as_of must be an ISO date")
    places = [p for p in (_place(r, passages, problems) for r in data.get("places", []))
              if p is not None]
    slugs = [p.slug for p in places]
    for dup in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(f"place {dup}: slug used twice")
    if problems:
        raise RegistryError(problems)
    return Registry(sources=sources, places=tuple(places))


@lru_cache(maxsize=1)
def load_registry(path: Path = DATA) -> Registry:
    """The shipped starting registry (cached: the file does not change at runtime)."""
    with path.open("rb") as fh:
        return parse(tomllib.load(fh))
