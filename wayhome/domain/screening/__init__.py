"""Wayhome screening engine: indicators of trafficking into forced criminality.

Pure Python (stdlib only). The catalogue (``data/indicators.toml``) holds the
ILO/EC operational indicators (Delphi, 2009), the ILO 11 forced-labour
indicators as a cross-walk, scam-compound indicators from the OHCHR 2023 paper
and the 2025 Special Procedures letters, and "act" indicators; each with its
sources and firmness marks. Wording in en/th/vi/my is in ``data/questions/``.

The engine *recommends* a grounds level ("reasonable_grounds",
"vulnerable_migrant" or "not_indicated"); it never returns "conclusive", which
only a named person can record.

Input (a dict, or a JSON file; see ``data/example_answers.json``)::

    {"person": {"age": 24, "age_is_estimate": false,
                "may_be_child": false, "age_verified": true},
     "answers": {"<question key>": "yes" | "no" | "unknown" | "declined", ...},
     "context": {"signed_contract": true, "was_paid": false,
                 "knew_work_was_fraud": false, "documents_missing": true,
                 "corroboration": {"independent_cases": 3,
                                   "indicators": ["sc_forced_online_fraud", "d5_violence"]}}}

``person`` is required (all its fields optional: age defaults to unknown, flags
to false). ``answers`` are keyed by question key (see ``Catalogue.sections``);
questions left out are not counted, and "unknown"/"declined" never count
against the person. ``context`` facts never lower the assessment; they are
recorded as notes. Corroborating indicators count once at least one
independent case about the same compound is given.

Usage::

    from wayhome.domain.screening import load_catalogue, parse_input, assess, render_text
    assessment = assess(parse_input(data))
    print(render_text(assessment, lang="th"))
"""

from .catalogue import Catalogue, CatalogueError, load_catalogue, read_catalogue
from .engine import assess, child_status, dimension_positive
from .inputs import load_input_file, parse_input
from .model import (
    GROUNDS_LEVELS,
    GROUNDS_NOT_INDICATED,
    GROUNDS_REASONABLE,
    GROUNDS_VULNERABLE,
    Answer,
    Assessment,
    ChildStatus,
    CombinationResult,
    Context,
    Corroboration,
    DimensionResult,
    ElementResult,
    Evidence,
    Indicator,
    PersonFacts,
    Reason,
    ScreeningInput,
    ScreeningInputError,
    Section,
    Source,
)
from .text import render_reason, render_text

__all__ = [
    "GROUNDS_LEVELS",
    "GROUNDS_NOT_INDICATED",
    "GROUNDS_REASONABLE",
    "GROUNDS_VULNERABLE",
    "Answer",
    "Assessment",
    "Catalogue",
    "CatalogueError",
    "ChildStatus",
    "CombinationResult",
    "Context",
    "Corroboration",
    "DimensionResult",
    "ElementResult",
    "Evidence",
    "Indicator",
    "PersonFacts",
    "Reason",
    "ScreeningInput",
    "ScreeningInputError",
    "Section",
    "Source",
    "assess",
    "child_status",
    "dimension_positive",
    "load_catalogue",
    "load_input_file",
    "parse_input",
    "read_catalogue",
    "render_reason",
    "render_text",
]
