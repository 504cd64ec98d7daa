"""Value objects of the screening engine: inputs, catalogue entries and the assessment.

All are frozen dataclasses (or a string enum) so an assessment, once made, cannot
be changed by the code that displays or stores it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Strength = Literal["S", "M", "W"]
Element = Literal["act", "means", "purpose"]
Firmness = Literal["checked", "secondary", "to verify"]
ParamValue = str | int | tuple[str, ...]

ELEMENTS: tuple[Element, ...] = ("act", "means", "purpose")
DIMENSIONS: tuple[str, ...] = ("D1", "D2", "D3", "D4", "D5", "D6")
FIRMNESS_VALUES: tuple[str, ...] = ("checked", "secondary", "to verify")

GROUNDS_REASONABLE = "reasonable_grounds"
GROUNDS_VULNERABLE = "vulnerable_migrant"
GROUNDS_NOT_INDICATED = "not_indicated"
#: The levels the engine may recommend. "conclusive" is deliberately absent:
#: only a named person can record a conclusive identification.
GROUNDS_LEVELS: tuple[str, ...] = (GROUNDS_REASONABLE, GROUNDS_VULNERABLE, GROUNDS_NOT_INDICATED)


class ScreeningInputError(ValueError):
    """Bad screening input. The message names the offending field first."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Answer(StrEnum):
    """An answer to one question. Only YES counts; the others never count against anyone."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"
    DECLINED = "declined"


# ------------------------------------------------------------------ inputs


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """What is known about the person's age (for the child rules)."""

    age: int | None = None
    age_is_estimate: bool = False
    may_be_child: bool = False
    age_verified: bool = False


@dataclass(frozen=True, slots=True)
class Corroboration:
    """Other, independent cases about the same compound that corroborate indicators."""

    independent_cases: int = 0
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """Facts recorded for the record. None of them can lower the assessment."""

    signed_contract: bool | None = None
    was_paid: bool | None = None
    knew_work_was_fraud: bool | None = None
    documents_missing: bool | None = None
    corroboration: Corroboration = field(default_factory=Corroboration)


@dataclass(frozen=True, slots=True)
class ScreeningInput:
    person: PersonFacts
    answers: Mapping[str, Answer] = field(default_factory=dict)
    context: Context = field(default_factory=Context)


# --------------------------------------------------------------- catalogue


@dataclass(frozen=True, slots=True)
class Source:
    ref: str
    title: str
    firmness: Firmness
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        out = {"ref": self.ref, "title": self.title, "firmness": self.firmness}
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    dimension: str | None
    adult: Strength | None
    child: Strength | None
    question: str
    elements: Mapping[Element, str]
    ilo11: tuple[str, ...]
    sources: tuple[Source, ...]
    ilo_ec: str | None = None

    @property
    def label_key(self) -> str:
        return f"indicator.{self.id}"

    @property
    def count_key(self) -> str:
        """Indicators with the same count key are counted once in their dimension."""
        return self.ilo_ec or self.id

    def strength(self, child: bool) -> Strength | None:
        return self.child if child else self.adult


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    question_keys: tuple[str, ...]

    @property
    def title_key(self) -> str:
        return f"section.{self.key}"


# -------------------------------------------------------------- assessment


@dataclass(frozen=True, slots=True)
class Reason:
    """A reason code with parameters; rendered in any language by the catalogue."""

    code: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.params.items()},
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    indicator: str
    form: str
    sources: tuple[str, ...]  # "interview" and/or "corroboration"

    @property
    def corroboration(self) -> bool:
        return "corroboration" in self.sources

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "form": self.form,
            "sources": list(self.sources),
            "corroboration": self.corroboration,
        }


@dataclass(frozen=True, slots=True)
class ElementResult:
    element: Element
    supported: bool
    required: bool
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "element": self.element,
            "supported": self.supported,
            "required": self.required,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class DimensionResult:
    dimension: str
    positive: bool
    strong: tuple[str, ...]
    medium: tuple[str, ...]
    weak: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "positive": self.positive,
            "strong": list(self.strong),
            "medium": list(self.medium),
            "weak": list(self.weak),
        }


@dataclass(frozen=True, slots=True)
class CombinationResult:
    rule: Literal["adult", "child"]
    positive: bool
    firmness: Firmness

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "positive": self.positive, "firmness": self.firmness}


@dataclass(frozen=True, slots=True)
class ChildStatus:
    is_child: bool
    presumed_child: bool
    basis: str

    @property
    def child_rules(self) -> bool:
        return self.is_child or self.presumed_child

    def to_dict(self) -> dict[str, Any]:
        return {
            "is_child": self.is_child,
            "presumed_child": self.presumed_child,
            "child_rules": self.child_rules,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """The engine's recommendation. A named person records the decision."""

    catalogue_version: str
    grounds_level: str
    child: ChildStatus
    elements: tuple[ElementResult, ...]
    dimensions: tuple[DimensionResult, ...]
    combination: CombinationResult
    ilo11: Mapping[str, tuple[str, ...]]
    indicators_present: tuple[str, ...]
    protective_actions: tuple[str, ...]
    reasons: tuple[Reason, ...]
    notes: tuple[Reason, ...]

    recommendation_only: bool = True

    def element(self, name: Element) -> ElementResult:
        for result in self.elements:
            if result.element == name:
                return result
        raise KeyError(name)

    def dimension(self, name: str) -> DimensionResult:
        for result in self.dimensions:
            if result.dimension == name:
                return result
        raise KeyError(name)

    @property
    def reason_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.reasons)

    @property
    def note_codes(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.notes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "catalogue_version": self.catalogue_version,
            "recommendation_only": self.recommendation_only,
            "grounds_level": self.grounds_level,
            "child": self.child.to_dict(),
            "elements": {e.element: e.to_dict() for e in self.elements},
            "dimensions": {d.dimension: d.to_dict() for d in self.dimensions},
            "combination_rule": self.combination.to_dict(),
            "ilo11": {k: list(v) for k, v in self.ilo11.items()},
            "indicators_present": list(self.indicators_present),
            "protective_actions": list(self.protective_actions),
            "reasons": [r.to_dict() for r in self.reasons],
            "notes": [r.to_dict() for r in self.notes],
        }
