"""The indicator catalogue and its wording, read from the package's TOML data files."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, cast

from .model import (
    DIMENSIONS,
    ELEMENTS,
    FIRMNESS_VALUES,
    Element,
    Firmness,
    Indicator,
    Section,
    Source,
    Strength,
)

DEFAULT_LANGUAGE = "en"

# Table name in a questions/<lang>.toml file -> prefix of the text key.
_TEXT_TABLES: Mapping[str, str] = {
    "questions": "question",
    "indicators": "indicator",
    "answers": "answer",
    "sections": "section",
    "dimensions": "dimension",
    "elements": "element",
    "forms": "form",
    "ilo11": "ilo11",
    "grounds": "grounds",
    "evidence": "evidence",
    "actions": "action",
    "reasons": "reason",
    "report": "report",
    "context": "context",
}


class CatalogueError(ValueError):
    """The catalogue data files are inconsistent."""


@dataclass(frozen=True, slots=True)
class Catalogue:
    version: str
    languages: tuple[str, ...]
    sections: tuple[Section, ...]
    indicators: Mapping[str, Indicator]
    question_indicators: Mapping[str, tuple[Indicator, ...]]
    ilo11_titles: Mapping[str, str]
    actions: Mapping[str, tuple[str, ...]]
    rules: Mapping[str, tuple[Source, ...]]
    corroboration_min_cases: int
    texts: Mapping[str, Mapping[str, str]]

    @property
    def question_keys(self) -> tuple[str, ...]:
        return tuple(q for s in self.sections for q in s.question_keys)

    def text(self, key: str, lang: str = DEFAULT_LANGUAGE) -> str:
        """Wording for any key, in `lang`, falling back to English, then to the key itself.

        Keys: a bare question key, or ``question.<key>``, ``indicator.<id>``,
        ``answer.<yes|no|unknown|declined>``, ``section.<key>``, ``dimension.<D1..D6>``,
        ``element.<act|means|purpose>``, ``form.<form>``, ``ilo11.<id>``, ``grounds.<level>``,
        ``evidence.<interview|corroboration>``, ``action.<key>``, ``reason.<code>``,
        ``report.<heading>``.
        """
        table = self.texts.get(lang)
        if table is not None:
            found = table.get(key)
            if found is not None:
                return found
        found = self.texts[DEFAULT_LANGUAGE].get(key)
        return found if found is not None else key

    def has_text(self, key: str, lang: str) -> bool:
        """True when `lang` itself (not the English fallback) has wording for `key`."""
        return key in self.texts.get(lang, {})


def _data_dir() -> Traversable:
    return resources.files("wayhome.domain.screening").joinpath("data")


@functools.cache
def load_catalogue() -> Catalogue:
    """The packaged catalogue (read once, then cached)."""
    return read_catalogue(_data_dir())


def read_catalogue(data_dir: Traversable | Path) -> Catalogue:
    """Read and check a catalogue from a directory holding indicators.toml and questions/."""
    raw = tomllib.loads(data_dir.joinpath("indicators.toml").read_text(encoding="utf-8"))
    return _build(raw, data_dir)


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise CatalogueError(f"{where}: expected a non-empty string")
    return value


def _sources(raw: object, titles: Mapping[str, str], where: str) -> tuple[Source, ...]:
    if not isinstance(raw, list) or not raw:
        raise CatalogueError(f"{where}.sources: expected a non-empty list")
    out: list[Source] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise CatalogueError(f"{where}.sources[{i}]: expected a table")
        ref = _str(item.get("ref"), f"{where}.sources[{i}].ref")
        if ref not in titles:
            raise CatalogueError(f"{where}.sources[{i}].ref: unknown source {ref!r}")
        firmness = item.get("firmness")
        if firmness not in FIRMNESS_VALUES:
            raise CatalogueError(
                f"{where}.sources[{i}].firmness: expected one of {', '.join(FIRMNESS_VALUES)}"
            )
        out.append(Source(ref, titles[ref], cast(Firmness, firmness), str(item.get("note", ""))))
    return tuple(out)


def _strength(value: object, where: str) -> Strength | None:
    if value is None:
        return None
    if value not in ("S", "M", "W"):
        raise CatalogueError(f"{where}: expected S, M or W")
    return cast(Strength, value)


def _elements(raw: object, where: str) -> Mapping[Element, str]:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}.elements: expected a table")
    out: dict[Element, str] = {}
    for key, form in raw.items():
        if key not in ELEMENTS:
            raise CatalogueError(f"{where}.elements.{key}: not a legal element")
        out[cast(Element, key)] = _str(form, f"{where}.elements.{key}")
    return MappingProxyType(out)


def _build(raw: dict[str, Any], data_dir: Traversable | Path) -> Catalogue:
    version = _str(raw.get("version"), "version")
    titles = {ref: _str(v.get("title"), f"source.{ref}.title") for ref, v in raw["source"].items()}
    ilo11 = {k: _str(v.get("title"), f"ilo11.{k}.title") for k, v in raw["ilo11"].items()}
    dims: dict[str, dict[str, Any]] = raw["dimension"]
    if tuple(dims) != DIMENSIONS:
        raise CatalogueError("dimension: expected D1..D6 in order")

    indicators: dict[str, Indicator] = {}
    by_question: dict[str, list[Indicator]] = {}
    for n, item in enumerate(raw["indicator"]):
        ind_id = _str(item.get("id"), f"indicator[{n}].id")
        where = f"indicator.{ind_id}"
        if ind_id in indicators:
            raise CatalogueError(f"{where}: duplicate id")
        dim = item.get("dimension")
        defaults: dict[str, Any] = {}
        if dim is not None:
            if dim not in dims:
                raise CatalogueError(f"{where}.dimension: unknown dimension {dim!r}")
            defaults = dims[dim]
        adult = _strength(item.get("adult"), f"{where}.adult")
        child = _strength(item.get("child"), f"{where}.child")
        if child == "W":
            raise CatalogueError(f"{where}.child: the child list has no weak tier")
        if dim is not None and adult is None and child is None:
            raise CatalogueError(f"{where}: an indicator with a dimension needs a strength")
        for hit in item.get("ilo11", []):
            if hit not in ilo11:
                raise CatalogueError(f"{where}.ilo11: unknown ILO indicator {hit!r}")
        indicator = Indicator(
            id=ind_id,
            dimension=dim,
            adult=adult,
            child=child,
            question=_str(item.get("question", ind_id), f"{where}.question"),
            elements=_elements(item.get("elements", defaults.get("elements")), where),
            ilo11=tuple(item.get("ilo11", ())),
            sources=_sources(item.get("sources", defaults.get("sources")), titles, where),
            ilo_ec=item.get("ilo_ec"),
        )
        indicators[ind_id] = indicator
        by_question.setdefault(indicator.question, []).append(indicator)

    for indicator in indicators.values():
        if indicator.ilo_ec is not None:
            base = indicators.get(indicator.ilo_ec)
            if base is None or base.dimension != indicator.dimension:
                raise CatalogueError(
                    f"indicator.{indicator.id}.ilo_ec: must name an indicator of the same dimension"
                )

    sections: list[Section] = []
    seen: set[str] = set()
    for n, sec in enumerate(raw["section"]):
        key = _str(sec.get("key"), f"section[{n}].key")
        questions = tuple(sec["questions"])
        for q in questions:
            if q not in by_question:
                raise CatalogueError(f"section.{key}: unknown question {q!r}")
            if q in seen:
                raise CatalogueError(f"section.{key}: question {q!r} is in two sections")
            seen.add(q)
        sections.append(Section(key, questions))
    missing = set(by_question) - seen
    if missing:
        raise CatalogueError(f"section: questions in no section: {', '.join(sorted(missing))}")

    actions_raw: dict[str, Any] = raw["actions"]
    actions = {
        k: tuple(v) for k, v in actions_raw.items() if k != "sources" and isinstance(v, list)
    }
    rules = {
        name: _sources(rule.get("sources"), titles, f"rules.{name}")
        for name, rule in raw["rules"].items()
    }
    min_cases = raw["rules"]["corroboration"].get("min_cases", 1)

    languages = tuple(raw.get("languages", (DEFAULT_LANGUAGE,)))
    texts = {lang: _read_texts(data_dir, lang) for lang in languages}
    for ind in indicators.values():
        texts[DEFAULT_LANGUAGE].setdefault(ind.label_key, ind.id)

    return Catalogue(
        version=version,
        languages=languages,
        sections=tuple(sections),
        indicators=MappingProxyType(indicators),
        question_indicators=MappingProxyType({q: tuple(v) for q, v in by_question.items()}),
        ilo11_titles=MappingProxyType(ilo11),
        actions=MappingProxyType(actions),
        rules=MappingProxyType(rules),
        corroboration_min_cases=int(min_cases),
        texts=MappingProxyType(texts),
    )


def _read_texts(data_dir: Traversable | Path, lang: str) -> dict[str, str]:
    path = data_dir.joinpath("questions").joinpath(f"{lang}.toml")
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for table, prefix in _TEXT_TABLES.items():
        for key, value in raw.get(table, {}).items():
            if not isinstance(value, str):
                raise CatalogueError(f"questions/{lang}.toml: {table}.{key}: expected a string")
            out[f"{prefix}.{key}"] = value
            if table == "questions":
                out[key] = value
    return out
