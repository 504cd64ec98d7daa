"""Wayhome job-ad checker: transparent red flags and a learned risk score.

People are recruited into scam compounds through job ads. ``check(text)``
finds the red flags named by the UN Human Rights Office (2023) and the 2025
Special Procedures letters (channel, offer out of line, roles, places,
pressure and secrecy), each with the words that raised it and why it matters,
in eight languages, and combines them with a small logistic-regression model
(weights in ``data/model.json``, see ``MODEL_CARD.md``) into a score and a
risk level. Pure Python, no Django; lexicons and weights are data.

Usage::

    from wayhome.domain.jobads import check, read_text
    result = check(read_text(raw_bytes))
    result.risk, result.score, [f.id for f in result.flags]
    result.to_dict(lang="th")
"""

from __future__ import annotations

from .engine import AdCheck, Flag, check, raised_flags
from .languages import detect_languages
from .lexicon import LANGUAGES, Catalogue, FlagDef, load_catalogue
from .scorer import Model, load_model
from .text import INPUT_ERRORS, MAX_BYTES, AdInputError, read_text, validate_text

MODEL_VERSION: str = load_model().version
LEXICON_VERSION: str = load_catalogue().version

__all__ = [
    "INPUT_ERRORS",
    "LANGUAGES",
    "LEXICON_VERSION",
    "MAX_BYTES",
    "MODEL_VERSION",
    "AdCheck",
    "AdInputError",
    "Catalogue",
    "Flag",
    "FlagDef",
    "Model",
    "check",
    "detect_languages",
    "load_catalogue",
    "load_model",
    "raised_flags",
    "read_text",
    "validate_text",
]
