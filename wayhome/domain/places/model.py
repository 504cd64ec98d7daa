"""The vocabulary of the registry: kinds of place, statuses, facts that need a source,
and the fixed list of abuses a case may report at a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class Kind(StrEnum):
    COMPOUND = "compound"
    SEZ = "sez"
    CITY_HOTSPOT = "city_hotspot"
    RECRUITMENT_HOTSPOT = "recruitment_hotspot"
    TRANSIT_HOTSPOT = "transit_hotspot"


class Status(StrEnum):
    """``reported``: named in a source as operating ("are or were reportedly operating")
    without a confirmed current state; the four others need a dated source."""

    REPORTED = "reported"
    ACTIVE = "active"
    RAIDED = "raided"
    RELOCATED = "relocated"
    CLOSED = "closed"


class Fact(StrEnum):
    """What a citation supports."""

    NAMED = "named"                        # the place is named as a compound or hotspot
    LOCATION = "location"
    SEZ = "sez"
    CONTROLLING_GROUP = "controlling_group"
    OTHER = "other"


class Abuse(StrEnum):
    """Abuses a case may report at a place (OHCHR 2023 paper, section III; the 2025
    letters). A fixed list, so counts across cases mean the same thing."""

    FORCED_CRIMINALITY = "forced_criminality"
    BEATING = "beating"
    ELECTRIC_SHOCKS = "electric_shocks"
    CONFINEMENT = "confinement"
    DEBT_BONDAGE = "debt_bondage"
    DOCUMENTS_CONFISCATED = "documents_confiscated"
    SEXUAL_EXPLOITATION = "sexual_exploitation"
    SOLD_BETWEEN_COMPOUNDS = "sold_between_compounds"
    DENIAL_OF_FOOD_OR_CARE = "denial_of_food_or_care"
    EXCESSIVE_HOURS = "excessive_hours"
    THREATS_TO_FAMILY = "threats_to_family"
    RANSOM_DEMANDED = "ransom_demanded"


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    published: str          # ISO date, or year-month when the day is not given
    reference: str          # document reference, e.g. "AL KHM 1/2025; text copy: …"
    url: str = ""


@dataclass(frozen=True)
class Citation:
    source_id: str
    locator: str            # section and paragraph in the source
    quote: str              # a short verbatim phrase
    fact: Fact = Fact.NAMED


@dataclass(frozen=True)
class StatusEvent:
    on: date
    status: Status
    citation: Citation
    note: str = ""


@dataclass(frozen=True)
class Place:
    slug: str
    name: str
    kind: Kind
    country: str            # ISO 3166 alpha-3
    place: str
    citations: tuple[Citation, ...]
    history: tuple[StatusEvent, ...]
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    precision: str = ""
    sez: str = ""
    controlling_group: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def status(self) -> Status:
        """The latest status by date (the history is kept in date order)."""
        return self.history[-1].status
