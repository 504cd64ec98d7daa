"""Value objects of the law engine: the vocabulary, the country profiles and the analysis.

All are frozen dataclasses (or string enums) so that a profile read from the data
file, or an analysis once made, cannot be changed by the code that shows or stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Firmness = Literal["checked", "secondary", "to verify"]
#: The marks of domain/law.md, strongest first.
FIRMNESS_VALUES: tuple[Firmness, ...] = ("checked", "secondary", "to verify")

#: What a source entry of a provision vouches for.
SourceAbout = Literal["existence", "article", "scope", "measures", "condition"]
SOURCE_ABOUT: tuple[SourceAbout, ...] = ("existence", "article", "scope", "measures", "condition")

#: Which offences a provision covers: a closed list, any offence (possibly under a
#: condition), or not known.
OFFENCES_ANY = "any"
OFFENCES_UNKNOWN = "unknown"


class LawInputError(ValueError):
    """Bad input to the engine. The message names the offending field first."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LawDataError(ValueError):
    """The law data file is malformed. The message names the bad entry first."""


class Measure(StrEnum):
    """A measure taken against a person, for which non-punishment can be asked."""

    DETENTION = "detention"
    FINE = "fine"
    CHARGE = "charge"
    CONVICTION = "conviction"
    DEPORTATION = "deportation"


class Offence(StrEnum):
    """The offence a measure is for.

    The first five are the vocabulary of the case records; the rest are the
    offences that the closed lists of national law name (domain/law.md), so that
    a closed list can be matched exactly.
    """

    IMMIGRATION = "immigration"  # irregular entry, re-entry or stay (overstay)
    IRREGULAR_EXIT = "irregular_exit"
    FRAUD = "fraud"  # the scams the person was forced to run
    MONEY_LAUNDERING = "money_laundering"
    OTHER = "other"
    FALSE_DOCUMENTS = "false_documents"  # forged or false travel documents
    FALSE_STATEMENT = "false_statement"  # false statements to officials
    PROSTITUTION = "prostitution"
    UNAUTHORISED_WORK = "unauthorised_work"  # work without a permit
    ORGANISED_CRIME = "organised_crime"  # e.g. "conspiring to commit transnational organised crime"


OFFENCE_LABELS: Mapping[Offence, str] = {
    Offence.IMMIGRATION: "immigration offence (irregular entry or stay, overstay)",
    Offence.IRREGULAR_EXIT: "irregular exit",
    Offence.FRAUD: "fraud (scamming)",
    Offence.MONEY_LAUNDERING: "money laundering",
    Offence.OTHER: "other offence",
    Offence.FALSE_DOCUMENTS: "forged or false travel documents",
    Offence.FALSE_STATEMENT: "false statements to officials",
    Offence.PROSTITUTION: "prostitution offence",
    Offence.UNAUTHORISED_WORK: "work without a permit",
    Offence.ORGANISED_CRIME: "organised crime (conspiracy, transnational crime)",
}

#: Other spellings accepted on input (after lower-casing, "-" and " " read as "_").
OFFENCE_ALIASES: Mapping[str, Offence] = {
    "overstay": Offence.IMMIGRATION,
    "irregular_entry": Offence.IMMIGRATION,
    "irregular_stay": Offence.IMMIGRATION,
    "illegal_entry": Offence.IMMIGRATION,
    "illegal_stay": Offence.IMMIGRATION,
    "illegal_exit": Offence.IRREGULAR_EXIT,
    "scam": Offence.FRAUD,
    "scamming": Offence.FRAUD,
    "forged_documents": Offence.FALSE_DOCUMENTS,
    "work_without_permit": Offence.UNAUTHORISED_WORK,
}

#: Offences that come from the forced work in the compound (rather than from the
#: journey): relevant where a state's trafficking law does not name forced criminality.
FORCED_CRIMINALITY_OFFENCES: frozenset[Offence] = frozenset(
    {Offence.FRAUD, Offence.MONEY_LAUNDERING, Offence.ORGANISED_CRIME, Offence.OTHER}
)


# ----------------------------------------------------------------- profiles


@dataclass(frozen=True, slots=True)
class Source:
    """A source for one fact, with the firmness mark domain/law.md gives that fact."""

    ref: str
    title: str
    firmness: Firmness
    about: SourceAbout | None = None
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"ref": self.ref, "title": self.title, "firmness": self.firmness}
        if self.about:
            out["about"] = self.about
        if self.note:
            out["note"] = self.note
        return out


def weakest(sources: tuple[Source, ...]) -> Firmness:
    """The weakest firmness mark among `sources` (an entry is only as firm as its weakest fact)."""
    return max((s.firmness for s in sources), key=FIRMNESS_VALUES.index, default="to verify")


def cite_sources(sources: tuple[Source, ...]) -> str:
    """One line naming each source once with its marks, e.g. "OHCHR ... [checked]; ... [to verify]"."""
    marks: dict[str, list[Firmness]] = {}
    titles: dict[str, str] = {}
    for s in sources:
        titles[s.ref] = s.title
        if s.firmness not in marks.setdefault(s.ref, []):
            marks[s.ref].append(s.firmness)
    return "; ".join(
        f"{titles[ref]} [{', '.join(sorted(m, key=FIRMNESS_VALUES.index))}]"
        for ref, m in marks.items()
    )


def firmness_by_fact(sources: tuple[Source, ...]) -> dict[str, Firmness]:
    """The weakest mark for each fact a provision's sources vouch for (existence, scope...)."""
    out: dict[str, Firmness] = {}
    for about in SOURCE_ABOUT:
        found = tuple(s for s in sources if s.about == about)
        if found:
            out[about] = weakest(found)
    return out


@dataclass(frozen=True, slots=True)
class Provision:
    """One national non-punishment provision, as far as domain/law.md knows it.

    `instrument` and `article` are None when not known. `offences` is a closed list,
    or "any" (any offence, subject to `condition`), or "unknown". `measures` maps each
    measure the provision is known to bar to the firmness of that reading; a measure
    not in it is *unknown* (never "not covered": law.md says nothing about it).
    """

    id: str
    country: str
    instrument: str | None
    article: str | None
    summary: str
    offences: tuple[Offence, ...] | Literal["any", "unknown"]
    measures: Mapping[Measure, Firmness]
    condition: str | None
    sources: tuple[Source, ...]
    offence_notes: Mapping[Offence, str] = field(default_factory=dict)

    @property
    def conditional(self) -> bool:
        return self.condition is not None

    @property
    def firmness(self) -> Firmness:
        return weakest(self.sources)

    @property
    def citation(self) -> str:
        """e.g. "Anti-Human Trafficking Act B.E. 2551 (2008), s.41", or the id when unnamed."""
        parts = [p for p in (self.instrument, self.article) if p]
        return ", ".join(parts) if parts else f"unnamed provision ({self.id})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "instrument": self.instrument,
            "article": self.article,
            "summary": self.summary,
            "offences": (
                self.offences if isinstance(self.offences, str) else [str(o) for o in self.offences]
            ),
            "measures": {str(m): f for m, f in self.measures.items()},
            "conditional": self.conditional,
            "condition": self.condition,
            "firmness": self.firmness,
            "firmness_by_fact": firmness_by_fact(self.sources),
            "source": cite_sources(self.sources),
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Standard:
    """An entry of the international standard: a norm that applies whatever national law says.

    `applies_to` is "all" or "asean" (ACTIP binds only ASEAN member states).
    """

    id: str
    instrument: str
    article: str | None
    summary: str
    measures: tuple[Measure, ...]
    applies_to: Literal["all", "asean"]
    condition: str | None
    sources: tuple[Source, ...]

    @property
    def conditional(self) -> bool:
        return self.condition is not None

    @property
    def firmness(self) -> Firmness:
        return weakest(self.sources)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "instrument": self.instrument,
            "article": self.article,
            "summary": self.summary,
            "measures": [str(m) for m in self.measures],
            "conditional": self.conditional,
            "condition": self.condition,
            "firmness": self.firmness,
            "source": cite_sources(self.sources),
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class Fact:
    """A dated or statistical fact about a country, shown as a note (e.g. returnee prosecutions)."""

    code: str
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """A state of domain/law.md's country table.

    `has_provision` is False where no non-punishment provision is listed (law.md:
    "none listed"). `forced_criminality` says whether the state's trafficking law
    recognises forced criminality as a purpose of exploitation. `languages` are the
    official languages, the first being the one to write to the authorities in.
    """

    code: str
    name: str
    asean: bool
    languages: tuple[str, ...]
    has_provision: bool
    status_sources: tuple[Source, ...]
    forced_criminality: bool
    forced_criminality_note: str
    forced_criminality_sources: tuple[Source, ...]
    provisions: tuple[Provision, ...]
    facts: tuple[Fact, ...]
    language_sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class MeasureGuidance:
    """What to ask for against a measure, and whom to ask (the kind of authority)."""

    measure: Measure
    request: str
    authority: str
    sources: tuple[Source, ...]


#: Whom a return risk factor is assessed for: everyone, or only a child (or a person
#: presumed to be one).
FactorAppliesTo = Literal["all", "child"]
FACTOR_APPLIES_TO: tuple[FactorAppliesTo, ...] = ("all", "child")


@dataclass(frozen=True, slots=True)
class ReturnRiskFactor:
    """A factor to assess before any removal (domain/law.md section 2); data only."""

    id: str
    label: str
    examples: tuple[str, ...]
    sources: tuple[Source, ...]
    applies_to: FactorAppliesTo = "all"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "examples": list(self.examples),
            "applies_to": self.applies_to,
            "sources": [s.to_dict() for s in self.sources],
        }


@dataclass(frozen=True, slots=True)
class ReturnRules:
    """The rules around return: blocking on a high risk rating, and valid consent."""

    block_rule: str
    consent_conditions: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Profiles:
    """Everything in data/countries.toml, checked."""

    version: str
    sources: Mapping[str, str]
    countries: Mapping[str, CountryProfile]
    standards: tuple[Standard, ...]
    guidance: Mapping[Measure, MeasureGuidance]
    return_risk_factors: tuple[ReturnRiskFactor, ...]
    return_rules: ReturnRules

    def provision(self, provision_id: str) -> Provision:
        for country in self.countries.values():
            for p in country.provisions:
                if p.id == provision_id:
                    return p
        raise KeyError(provision_id)


# ----------------------------------------------------------------- analysis


@dataclass(frozen=True, slots=True)
class Note:
    """A note on the analysis: a stable code and its English text."""

    code: str
    text: str


@dataclass(frozen=True, slots=True)
class ProvisionResult:
    """How one national provision bears on the measure and offence asked about.

    `applies` is True (covers it), False (the offence is outside its closed list)
    or None (not known).
    """

    provision: Provision
    applies: bool | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        out = self.provision.to_dict()
        out["applies"] = self.applies
        out["reason"] = self.reason
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    """The engine's analysis of one measure. A named person decides what to ask for."""

    data_version: str
    country: str | None
    country_name: str | None
    measure: Measure
    offence: Offence | None
    covered_by_national_law: bool | None
    national: tuple[ProvisionResult, ...]
    international: tuple[Standard, ...]
    request: str
    authority: str
    authority_language: str | None
    notes: tuple[Note, ...]
    return_risk_factors: tuple[ReturnRiskFactor, ...] = ()

    @property
    def note_codes(self) -> tuple[str, ...]:
        return tuple(n.code for n in self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "data_version": self.data_version,
            "country": self.country,
            "country_name": self.country_name,
            "measure": str(self.measure),
            "offence": None if self.offence is None else str(self.offence),
            "covered_by_national_law": self.covered_by_national_law,
            "national_provisions": [r.to_dict() for r in self.national],
            "international_standard": [s.to_dict() for s in self.international],
            "request": self.request,
            "authority": self.authority,
            "authority_language": self.authority_language,
            "notes": [n.text for n in self.notes],
            "note_codes": list(self.note_codes),
            "return_risk_factors": [f.to_dict() for f in self.return_risk_factors],
        }
