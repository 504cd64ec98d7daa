"""Wayhome record linkage: which people on one list are the same people on another.

Built on the names engine (:mod:`wayhome.domain.names`), so names match across scripts
and spellings ("陳大文" ~ "Chan Tai Man", "สมหญิง" ~ "Somyhing"). Offline.

    from wayhome.domain.linkage import read_records, link
    result = link(read_records("left.csv"), read_records("right.csv"))
    for m in result.matches: print(m.left_id, m.right_id, m.probability)

Two layers, one set of ideas:

* :func:`link` on :class:`Record` lists (the CLI ``wayhome trace link`` and the web app):
  blocking on names-engine keys and the full date of birth (:mod:`.blocking`; the web's
  one-report matching on names only); comparison levels with hand-set m/u
  in ``data/linkage.toml`` (:mod:`.scoring`); greedy one-to-one with an automatic-match
  threshold, an ambiguity margin and a human-review band. ``backend="python"`` scores
  pair by pair; ``backend="vectorised"`` (:mod:`.records_vector`) runs the *same*
  blocking and levels over arrays and gives the same result; "auto" picks it from
  ``VECTORISED_FROM`` records.
* :func:`link_with_model` (``wayhome trace link --model registry``): :class:`Record`
  lists linked with a table model below, m/u learnt from the two lists (:mod:`.modelled`).
* :mod:`.vector` with models in ``data/models/*.toml`` (:mod:`.table`) for big lists and
  any columns (places, addresses, id numbers): several blocking rules (union, with a
  block-size cap), comparison levels as data, m/u estimated from the data
  (u from random pairs; m by EM sessions per blocking rule, leaving out the rule's own
  fields, as Splink trains; the prior by a one-to-one fixed point when linking), greedy
  one-to-one for linking, clustering with cannot-link constraints for deduplication.
  :mod:`wayhome.spark.linkage` runs its blocking and scoring on Spark.

Why this architecture and not Splink itself: the expensive and the valuable part is
the name analysis (romanisation of Thai, Burmese, Khmer, Lao, Chinese; Zawgyi; keys),
which is Python and cannot run inside DuckDB SQL; doing it once per *distinct* name and
giving records integer codes, then computing string similarities once per distinct pair
of values with rapidfuzz (C++) and everything else with numpy, is faster than Splink on
the benchmarks (see ``benchmarks/linkage_*.py``) and needs no database or JVM for small
inputs. Splink stays the reference the benchmarks run beside ours.
Bad input raises :class:`LinkageInputError` listing every problem (with line numbers
for CSV); a bad model file raises :class:`LinkageDataError`.
"""

from .blocking import block_keys, candidate_pairs
from .engine import assign_one_to_one, band, decide, link, score_pair
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
from .modelled import ModelLink, ModelLinkResult, link_with_model
from .records import COLUMNS, parse_records, read_records
from .scoring import Settings, load_settings, parse_settings
from .table import TableModel, load_table_model, parse_table_model, read_table_model
from .vector import Parameters, TableLinkage, run

__all__ = [
    "COLUMNS",
    "Birth",
    "LevelResult",
    "Link",
    "LinkResult",
    "LinkageDataError",
    "LinkageInputError",
    "ModelLink",
    "ModelLinkResult",
    "Problem",
    "Record",
    "ScoredPair",
    "Parameters",
    "Settings",
    "TableLinkage",
    "TableModel",
    "assign_one_to_one",
    "band",
    "decide",
    "block_keys",
    "candidate_pairs",
    "link",
    "link_with_model",
    "load_settings",
    "load_table_model",
    "parse_birth",
    "parse_records",
    "parse_settings",
    "parse_table_model",
    "read_records",
    "read_table_model",
    "run",
    "score_pair",
]
