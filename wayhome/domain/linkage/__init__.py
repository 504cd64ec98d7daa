"""Wayhome record linkage: which people on one list are the same people on another.

Built on the names engine (:mod:`wayhome.domain.names`), so names match across scripts
and spellings ("陳大文" ~ "Chan Tai Man", "สมหญิง" ~ "Somyhing"). Pure Python, offline.

    from wayhome.domain.linkage import read_records, link
    result = link(read_records("left.csv"), read_records("right.csv"))
    for m in result.matches: print(m.left_id, m.right_id, m.probability)

Steps: blocking on names-engine keys (:mod:`.blocking`); comparison levels with m/u
probabilities set by hand in ``data/linkage.toml`` giving log2 Bayes-factor weights and a
match probability (:mod:`.scoring`); greedy one-to-one assignment with an automatic-match
threshold and a human-review band (:func:`link`). Bad input raises
:class:`LinkageInputError` listing every problem (with line numbers for CSV).
"""

from .blocking import block_keys, candidate_pairs
from .engine import assign_one_to_one, link, score_pair
from .model import (
    Birth,
    LevelResult,
    Link,
    LinkageDataError,
    LinkageInputError,
    LinkResult,
    Problem,
    Record,
    ScoredPair,
    parse_birth,
)
from .records import COLUMNS, parse_records, read_records
from .scoring import Settings, load_settings, parse_settings

__all__ = [
    "COLUMNS",
    "Birth",
    "LevelResult",
    "Link",
    "LinkResult",
    "LinkageDataError",
    "LinkageInputError",
    "Problem",
    "Record",
    "ScoredPair",
    "Settings",
    "assign_one_to_one",
    "block_keys",
    "candidate_pairs",
    "link",
    "load_settings",
    "parse_birth",
    "parse_records",
    "parse_settings",
    "read_records",
    "score_pair",
]
