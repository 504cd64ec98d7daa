"""The country profiles and the international standard, read from ``data/countries.toml``.

The loader checks the whole file and raises :class:`LawDataError` naming the bad
entry first (for example ``country.THA.provision[0] (tha_ahta_s41).measures:
unknown measure 'arrest'; ...``), so a mistake in the data never reaches an analysis.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

from .model import (
    FACTOR_APPLIES_TO,
    FIRMNESS_VALUES,
    OFFENCES_ANY,
    OFFENCES_UNKNOWN,
    SOURCE_ABOUT,
    CountryProfile,
    FactorAppliesTo,
    Fact,
    Firmness,
    LawDataError,
    Measure,
    MeasureGuidance,
    Offence,
    Profiles,
    Provision,
    ReturnRiskFactor,
    ReturnRules,
    Source,
    SourceAbout,
    Standard,
)

DATA_FILE = "countries.toml"
_MEASURES = ", ".join(m.value for m in Measure)
_OFFENCES = ", ".join(o.value for o in Offence)


def _data_file() -> Traversable:
    return resources.files("wayhome.domain.law").joinpath("data").joinpath(DATA_FILE)


@functools.cache
def load_profiles() -> Profiles:
    """The packaged profiles (read and checked once, then cached)."""
    return read_profiles(_data_file())


def read_profiles(path: Traversable | Path) -> Profiles:
    """Read and check a countries.toml file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LawDataError(f"{path.name}: not valid TOML: {exc}") from exc
    return parse_profiles(raw)


# ------------------------------------------------------------------ helpers


def _str(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LawDataError(f"{where}: expected a non-empty string")
    return value


def _opt_str(value: object, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise LawDataError(f"{where}: expected true or false")
    return value


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LawDataError(f"{where}: expected a table")
    return value


def _list(value: object, where: str, *, empty_ok: bool = True) -> list[Any]:
    if not isinstance(value, list) or (not empty_ok and not value):
        raise LawDataError(f"{where}: expected a {'' if empty_ok else 'non-empty '}list")
    return value


def _strings(value: object, where: str) -> tuple[str, ...]:
    return tuple(_str(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))


def _firmness(value: object, where: str) -> Firmness:
    if value not in FIRMNESS_VALUES:
        raise LawDataError(
            f"{where}: unknown firmness mark {value!r}; expected one of "
            + ", ".join(FIRMNESS_VALUES)
        )
    return cast(Firmness, value)


def _measure(value: object, where: str) -> Measure:
    try:
        return Measure(cast(str, value))
    except ValueError:
        raise LawDataError(
            f"{where}: unknown measure {value!r}; expected one of {_MEASURES}"
        ) from None


def _offence(value: object, where: str) -> Offence:
    try:
        return Offence(cast(str, value))
    except ValueError:
        raise LawDataError(
            f"{where}: unknown offence {value!r}; expected one of {_OFFENCES}"
        ) from None


def _sources(raw: object, titles: Mapping[str, str], where: str) -> tuple[Source, ...]:
    """A non-empty list of { ref, firmness, about?, note? }; every ref must be a [source.*]."""
    where = f"{where}.sources"
    out: list[Source] = []
    for i, item in enumerate(_list(raw, where, empty_ok=False)):
        at = f"{where}[{i}]"
        entry = _table(item, at)
        ref = _str(entry.get("ref"), f"{at}.ref")
        if ref not in titles:
            raise LawDataError(f"{at}.ref: unknown source {ref!r}")
        about = entry.get("about")
        if about is not None and about not in SOURCE_ABOUT:
            raise LawDataError(
                f"{at}.about: unknown {about!r}; expected one of " + ", ".join(SOURCE_ABOUT)
            )
        out.append(
            Source(
                ref=ref,
                title=titles[ref],
                firmness=_firmness(entry.get("firmness"), f"{at}.firmness"),
                about=cast(SourceAbout | None, about),
                note=_opt_str(entry.get("note"), f"{at}.note") or "",
            )
        )
    return tuple(out)


# ------------------------------------------------------------------ entries


def _provision(
    raw: object, code: str, titles: Mapping[str, str], where: str, seen: set[str]
) -> Provision:
    entry = _table(raw, where)
    pid = _str(entry.get("id"), f"{where}.id")
    where = f"{where} ({pid})"
    if pid in seen:
        raise LawDataError(f"{where}.id: duplicate provision id")
    seen.add(pid)

    offences_raw = entry.get("offences")
    offences: tuple[Offence, ...] | Literal["any", "unknown"]
    if offences_raw == OFFENCES_ANY:
        offences = "any"
    elif offences_raw == OFFENCES_UNKNOWN:
        offences = "unknown"
    elif isinstance(offences_raw, list) and offences_raw:
        offences = tuple(_offence(o, f"{where}.offences[{i}]") for i, o in enumerate(offences_raw))
    else:
        raise LawDataError(
            f'{where}.offences: expected a non-empty list of offences, "any" or "unknown"'
        )

    measures: dict[Measure, Firmness] = {}
    for key, mark in _table(entry.get("measures"), f"{where}.measures").items():
        measures[_measure(key, f"{where}.measures")] = _firmness(mark, f"{where}.measures.{key}")
    if offences == "unknown" and measures:
        raise LawDataError(f"{where}.measures: a provision of unknown scope cannot bar a measure")

    offence_notes: dict[Offence, str] = {}
    for key, text in _table(entry.get("offence_notes", {}), f"{where}.offence_notes").items():
        offence_notes[_offence(key, f"{where}.offence_notes")] = _str(
            text, f"{where}.offence_notes.{key}"
        )

    sources = _sources(entry.get("sources"), titles, where)
    if not any(s.about == "existence" for s in sources):
        raise LawDataError(f'{where}.sources: no source with about = "existence"')

    return Provision(
        id=pid,
        country=code,
        instrument=_opt_str(entry.get("instrument"), f"{where}.instrument"),
        article=_opt_str(entry.get("article"), f"{where}.article"),
        summary=_str(entry.get("summary"), f"{where}.summary"),
        offences=offences,
        measures=MappingProxyType(measures),
        condition=_opt_str(entry.get("condition"), f"{where}.condition"),
        sources=sources,
        offence_notes=MappingProxyType(offence_notes),
    )


def _country(code: str, raw: object, titles: Mapping[str, str], seen: set[str]) -> CountryProfile:
    where = f"country.{code}"
    if len(code) != 3 or not code.isascii() or not code.isalpha() or not code.isupper():
        raise LawDataError(f"{where}: expected an ISO 3166 alpha-3 code in capitals")
    entry = _table(raw, where)
    has_provision = _bool(entry.get("has_provision"), f"{where}.has_provision")
    provisions = tuple(
        _provision(p, code, titles, f"{where}.provision[{i}]", seen)
        for i, p in enumerate(_list(entry.get("provision", []), f"{where}.provision"))
    )
    if has_provision and not provisions:
        raise LawDataError(f"{where}: has_provision is true but no [[{where}.provision]] is given")
    if not has_provision and provisions:
        raise LawDataError(f"{where}: has_provision is false but provisions are given")
    languages = _strings(entry.get("languages"), f"{where}.languages")
    if not languages:
        raise LawDataError(f"{where}.languages: expected at least one language")
    facts = tuple(
        Fact(
            code=_str(_table(f, f"{where}.fact[{i}]").get("code"), f"{where}.fact[{i}].code"),
            text=_str(f.get("text"), f"{where}.fact[{i}].text"),
            sources=_sources(f.get("sources"), titles, f"{where}.fact[{i}]"),
        )
        for i, f in enumerate(_list(entry.get("fact", []), f"{where}.fact"))
    )
    return CountryProfile(
        code=code,
        name=_str(entry.get("name"), f"{where}.name"),
        asean=_bool(entry.get("asean"), f"{where}.asean"),
        languages=languages,
        has_provision=has_provision,
        status_sources=_sources(entry.get("status_sources"), titles, f"{where}.status"),
        forced_criminality=_bool(entry.get("forced_criminality"), f"{where}.forced_criminality"),
        forced_criminality_note=_opt_str(
            entry.get("forced_criminality_note"), f"{where}.forced_criminality_note"
        )
        or "",
        forced_criminality_sources=_sources(
            entry.get("forced_criminality_sources"), titles, f"{where}.forced_criminality"
        ),
        provisions=provisions,
        facts=facts,
        language_sources=_sources(entry.get("language_sources"), titles, f"{where}.language"),
    )


def _standard(raw: object, titles: Mapping[str, str], where: str, seen: set[str]) -> Standard:
    entry = _table(raw, where)
    sid = _str(entry.get("id"), f"{where}.id")
    where = f"{where} ({sid})"
    if sid in seen:
        raise LawDataError(f"{where}.id: duplicate id")
    seen.add(sid)
    applies_to = entry.get("applies_to")
    if applies_to not in ("all", "asean"):
        raise LawDataError(f'{where}.applies_to: expected "all" or "asean"')
    measures = tuple(
        _measure(m, f"{where}.measures[{i}]")
        for i, m in enumerate(_list(entry.get("measures"), f"{where}.measures", empty_ok=False))
    )
    return Standard(
        id=sid,
        instrument=_str(entry.get("instrument"), f"{where}.instrument"),
        article=_opt_str(entry.get("article"), f"{where}.article"),
        summary=_str(entry.get("summary"), f"{where}.summary"),
        measures=measures,
        applies_to=cast(Literal["all", "asean"], applies_to),
        condition=_opt_str(entry.get("condition"), f"{where}.condition"),
        sources=_sources(entry.get("sources"), titles, where),
    )


def parse_profiles(raw: Mapping[str, Any]) -> Profiles:
    """Check parsed TOML (a mapping) and build the profiles."""
    version = _str(raw.get("version"), "version")
    titles = {
        ref: _str(_table(v, f"source.{ref}").get("title"), f"source.{ref}.title")
        for ref, v in _table(raw.get("source"), "source").items()
    }

    seen_standards: set[str] = set()
    standards = tuple(
        _standard(s, titles, f"standard[{i}]", seen_standards)
        for i, s in enumerate(_list(raw.get("standard"), "standard", empty_ok=False))
    )
    for m in Measure:
        if not any(m in s.measures for s in standards):
            raise LawDataError(f"standard: no international standard speaks to the measure {m}")

    guidance_raw = _table(raw.get("measure"), "measure")
    guidance: dict[Measure, MeasureGuidance] = {}
    for key, item in guidance_raw.items():
        where = f"measure.{key}"
        measure = _measure(key, where)
        entry = _table(item, where)
        guidance[measure] = MeasureGuidance(
            measure=measure,
            request=_str(entry.get("request"), f"{where}.request"),
            authority=_str(entry.get("authority"), f"{where}.authority"),
            sources=_sources(entry.get("sources"), titles, where),
        )
    missing = [m.value for m in Measure if m not in guidance]
    if missing:
        raise LawDataError(f"measure: no [measure.*] table for {', '.join(missing)}")

    seen_provisions: set[str] = set()
    countries = {
        code: _country(code, item, titles, seen_provisions)
        for code, item in _table(raw.get("country"), "country").items()
    }
    if not countries:
        raise LawDataError("country: no country profiles")

    factors: list[ReturnRiskFactor] = []
    for i, item in enumerate(_list(raw.get("return_risk_factor", []), "return_risk_factor")):
        where = f"return_risk_factor[{i}]"
        entry = _table(item, where)
        fid = _str(entry.get("id"), f"{where}.id")
        if any(f.id == fid for f in factors):
            raise LawDataError(f"{where} ({fid}).id: duplicate id")
        applies_to = entry.get("applies_to", "all")
        if applies_to not in FACTOR_APPLIES_TO:
            raise LawDataError(
                f"{where} ({fid}).applies_to: expected one of {', '.join(FACTOR_APPLIES_TO)}"
            )
        factors.append(
            ReturnRiskFactor(
                id=fid,
                label=_str(entry.get("label"), f"{where} ({fid}).label"),
                examples=_strings(entry.get("examples", []), f"{where} ({fid}).examples"),
                sources=_sources(entry.get("sources"), titles, f"{where} ({fid})"),
                applies_to=cast(FactorAppliesTo, applies_to),
            )
        )
    ret = _table(raw.get("return"), "return")
    rules = ReturnRules(
        block_rule=_str(ret.get("block_rule"), "return.block_rule"),
        consent_conditions=_strings(ret.get("consent_conditions"), "return.consent_conditions"),
        sources=_sources(ret.get("sources"), titles, "return"),
    )

    return Profiles(
        version=version,
        sources=MappingProxyType(titles),
        countries=MappingProxyType(countries),
        standards=standards,
        guidance=MappingProxyType(guidance),
        return_risk_factors=tuple(factors),
        return_rules=rules,
    )
