"""Wayhome law engine: the non-punishment principle in national law and the international standard.

Pure Python (stdlib only). The data (``data/countries.toml``) holds, for every state
in the project's domain/law.md country table, each national non-punishment
provision as its own entry (instrument, article, offences and measures covered,
condition, sources with firmness marks), the international standard (A/HRC/47/34
para. 57, the OHCHR 2023 paper, ACTIP art. 14(7), non-refoulement, voluntary
return), what to ask for against each measure, and the return risk factors.

Where law.md does not know something (Brunei, Lao PDR and Myanmar have a provision
of unknown scope; no state's provision is known to speak to detention or
deportation), the engine answers ``None``: unknown is never turned into a yes or no.

Usage::

    from wayhome.domain.law import analyse
    result = analyse("THA", "charge", "fraud")
    result.covered_by_national_law   # False: scamming is not on the s.41 list
    result.to_dict()                 # JSON-ready, with sources and notes

Measures: detention, fine, charge, conviction, deportation. Offences: see
:class:`Offence` (immigration, irregular_exit, fraud, money_laundering, other, ...).
Bad input raises :class:`LawInputError` (a ValueError) naming the field and
listing the valid values.
"""

from .engine import (
    analyse,
    analyse_international,
    find_country,
    parse_measure,
    parse_offence,
    provision_applies,
    return_risk_factors,
)
from .model import (
    FIRMNESS_VALUES,
    OFFENCE_LABELS,
    Analysis,
    CountryProfile,
    Fact,
    LawDataError,
    LawInputError,
    Measure,
    MeasureGuidance,
    Note,
    Offence,
    Profiles,
    Provision,
    ProvisionResult,
    ReturnRiskFactor,
    ReturnRules,
    Source,
    Standard,
)
from .profiles import load_profiles, parse_profiles, read_profiles

__all__ = [
    "FIRMNESS_VALUES",
    "OFFENCE_LABELS",
    "Analysis",
    "CountryProfile",
    "Fact",
    "LawDataError",
    "LawInputError",
    "Measure",
    "MeasureGuidance",
    "Note",
    "Offence",
    "Profiles",
    "Provision",
    "ProvisionResult",
    "ReturnRiskFactor",
    "ReturnRules",
    "Source",
    "Standard",
    "analyse",
    "analyse_international",
    "find_country",
    "load_profiles",
    "parse_measure",
    "parse_offence",
    "parse_profiles",
    "provision_applies",
    "read_profiles",
    "return_risk_factors",
]
