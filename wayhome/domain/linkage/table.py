"""Column-oriented linkage models: comparisons and blocking rules as data (TOML).

A :class:`TableModel` says, for lists held as columns of strings (one dict entry per
column, "" for missing), which blocking rules make candidate pairs and which comparisons
score them. Each comparison has ordered levels; a pair falls in the first level whose
test holds. The m/u probabilities of the levels are *estimated* from the data (see
:func:`wayhome.domain.linkage.vector.estimate`) unless the model file fixes them.

Comparison kinds and the level tests each understands:

``name``  (values analysed once per distinct value by the names engine)
    ``missing``, ``exact`` (a romanised variant equal, token order ignored),
    ``phonetic`` (a variant's phonetic spelling equal, token order ignored: spellings
    that differ only as everyday romanisations do, see
    :func:`~wayhome.domain.names.phonetic_spelling`), ``jw`` (best Jaro-Winkler over
    variant pairs >= ``min``), ``sim`` (the names engine's
    :func:`~wayhome.domain.names.similarity`, >= ``min``; with ``min_tokens``, every
    token of the shorter spelling must also be matched that well in the other),
    ``edits`` (some two spellings, run together, are at most ``max`` insertions and
    deletions apart: a substitution or a transposition counts 2), ``key`` (a shared
    consonant-skeleton or token-set key), ``else``.
``string``
    ``missing``, ``exact``, ``jw`` (>= ``min``), ``lev`` (edit distance <= ``max``),
    ``prefix`` (first ``max`` characters equal), ``else``.
``date``  (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``)
    ``missing``, ``exact`` (full dates equal), ``swap`` (day and month exchanged),
    ``year_month``, ``day_month`` (full dates, same day and month, years one apart: a
    slip of the year),
    ``lev`` (edit distance of the text <= ``max``), ``year_within``
    (\\|year gap\\| <= ``max``), ``partial_year`` (one side is not a full date, e.g. the
    year only, and \\|year gap\\| <= ``max``), ``else``.
``exact``
    ``missing``, ``exact``, ``else``.

A name comparison may weigh rare names more (``tf``): ``tf = true`` on the "exact"
level by how often the name occurs, as Splink's term frequencies; ``tf = "neighbours"``
on the levels listed in ``tf_levels`` by how many other records each record of a pair
resembles that closely among the candidate pairs (see
:func:`~wayhome.domain.linkage.vector.neighbour_frequency_adjustment`).

Blocking rules are lists of key expressions; two records are a candidate pair when all
expressions of one rule give a common value. Expressions: ``col`` (the value),
``col.key`` / ``col.tokenkey`` / ``col.tokens`` (names-engine keys, order-free token
keys and variant tokens, several per record), ``col.sorted`` (each romanised variant of
the whole name with its tokens sorted: the same name in any script or order),
``col.phonetic`` (each variant's phonetic spelling: the same name as everyday
romanisations write it, in any order), ``col.wordtokens`` (variant tokens of
each word analysed on its own: cheaper for long free-text names), ``col.year``,
``col.monthday`` (``MM-DD`` of a full date), ``col.anyorder`` (a full date's year with its
day and month in either order: a date and the same with day and month swapped share it),
``col.prefixN`` (first N characters). A rule's block is skipped when it holds more than
``max_side`` records on either side (the union of the other rules still reaches those
pairs). With
``partial = "<date column>"`` a rule only pairs records of which at least one gives no
full date there (a year or a year and month): a rule meant for "about 25" that would
otherwise pair every two people born the same year who share a name token.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .model import LinkageDataError

KINDS: dict[str, frozenset[str]] = {
    "name": frozenset({"missing", "exact", "phonetic", "jw", "sim", "edits", "key", "else"}),
    "string": frozenset({"missing", "exact", "jw", "lev", "prefix", "else"}),
    "date": frozenset({"missing", "exact", "swap", "year_month", "day_month", "lev",
                       "year_within", "partial_year", "else"}),
    "exact": frozenset({"missing", "exact", "else"}),
}


@dataclass(frozen=True, slots=True)
class TableLevel:
    """One level: its test, the test's parameter, and (optionally fixed) m and u."""

    id: str
    test: str
    min: float = 0.0
    max: int = 0
    m: float | None = None
    u: float | None = None
    #: ``sim`` levels of a name: every token of the shorter spelling must also be
    #: matched at least this well (Jaro-Winkler) in the other; 0 for no such condition.
    min_tokens: float = 0.0


@dataclass(frozen=True, slots=True)
class TableComparison:
    """A comparison of one column (``kind`` says how) in ordered levels."""

    id: str
    column: str
    kind: str
    levels: tuple[TableLevel, ...]
    #: False: this comparison does not drive EM (its m is read off the matches EM finds
    #: with the others), for weak fields that blocking correlates (sex, nationality).
    em: bool = True
    #: How agreeing on a rare name counts more than on a common one (name comparisons;
    #: see ``vector.term_frequency_adjustment``): "" not at all, "value" by how often the
    #: name occurs (the "exact" level, as Splink's term frequencies), "neighbours" by how
    #: many other records each record of the pair resembles as closely (the levels in
    #: ``tf_levels``).
    tf: str = ""
    tf_levels: tuple[str, ...] = ()
    #: True: the other comparisons' m is estimated on "anchor" pairs that agree exactly
    #: on a value of this column that no other record has (see ``vector.anchor_m``), and
    #: this column's own m on the pairs of rules that do not block on it, with u held at
    #: that of random pairs (see ``vector.anchor_own_m``).
    anchor: bool = False

    def level_of(self, test: str) -> int | None:
        """Index of the first level with this test ("exact", "missing"...), if any."""
        return next((k for k, lv in enumerate(self.levels) if lv.test == test), None)


@dataclass(frozen=True, slots=True)
class BlockingRule:
    """Key expressions that must all agree; blocks larger than ``max_side`` are skipped."""

    keys: tuple[str, ...]
    max_side: int = 0
    #: A date column: only pairs where at least one record gives no full date there
    #: (a year, or a year and month), for rules meant for such records; "" for all pairs.
    partial: str = ""

    @property
    def columns(self) -> frozenset[str]:
        """The columns the rule's key expressions read ("name" for "name.key")."""
        return frozenset(k.split(".")[0] for k in self.keys)


@dataclass(frozen=True, slots=True)
class TableModel:
    """A whole model: blocking rules, comparisons and decision thresholds."""

    name: str
    blocking: tuple[BlockingRule, ...]
    comparisons: tuple[TableComparison, ...]
    match_threshold: float = 0.9
    review_threshold: float = 0.5
    prior: float | None = None
    #: Smallest m an estimated level may get (see ``vector.floor_m``); 0 for none.
    m_floor: float = 0.0
    #: Linking: probabilities account for the other candidates of both records
    #: (``vector.competing_probability``).
    competing: bool = False

    @property
    def columns(self) -> frozenset[str]:
        cols = {c.column for c in self.comparisons}
        for rule in self.blocking:
            cols.update(rule.columns)
        return frozenset(cols)


def _num(raw: dict[str, Any], key: str, where: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LinkageDataError(f"{where}.{key}: expected a number")
    return float(value)


def _opt_prob(raw: dict[str, Any], key: str, where: str) -> float | None:
    if key not in raw:
        return None
    value = _num(raw, key, where, 0.0)
    if not 0 < value <= 1:
        raise LinkageDataError(f"{where}.{key}: expected a number in (0, 1]")
    return value


def _level(kind: str, raw: Any, where: str) -> TableLevel:
    if not isinstance(raw, dict):
        raise LinkageDataError(f"{where}: expected a table")
    test = raw.get("test")
    if test not in KINDS[kind]:
        raise LinkageDataError(f"{where}: test {test!r} not one of {sorted(KINDS[kind])}")
    level_id = raw.get("id", test)
    if not isinstance(level_id, str) or not level_id:
        raise LinkageDataError(f"{where}.id: expected text")
    min_tokens = _num(raw, "min_tokens", where, 0.0)
    if min_tokens and (kind != "name" or test != "sim" or not 0 < min_tokens <= 1):
        raise LinkageDataError(f"{where}.min_tokens: only a name 'sim' level takes it, "
                               "as a number in (0, 1]")
    return TableLevel(level_id, str(test), _num(raw, "min", where, 0.0),
                      int(_num(raw, "max", where, 0)), _opt_prob(raw, "m", where),
                      _opt_prob(raw, "u", where), min_tokens)


def _comparison(raw: Any, where: str) -> TableComparison:
    if not isinstance(raw, dict):
        raise LinkageDataError(f"{where}: expected a table")
    kind, column = raw.get("kind"), raw.get("column")
    if kind not in KINDS:
        raise LinkageDataError(f"{where}.kind: expected one of {sorted(KINDS)}")
    if not isinstance(column, str) or not column:
        raise LinkageDataError(f"{where}.column: expected a column name")
    levels = raw.get("levels")
    if not isinstance(levels, list) or not levels:
        raise LinkageDataError(f"{where}.levels: expected a non-empty list")
    parsed = tuple(_level(str(kind), lv, f"{where}.levels[{i}]") for i, lv in enumerate(levels))
    if parsed[-1].test != "else":
        raise LinkageDataError(f"{where}: the last level must have test = 'else'")
    em = raw.get("em", True)
    if not isinstance(em, bool):
        raise LinkageDataError(f"{where}.em: expected true or false")
    tf_raw = raw.get("tf", False)
    if tf_raw not in (True, False, "neighbours"):
        raise LinkageDataError(f"{where}.tf: expected true, false or \"neighbours\"")
    tf = "neighbours" if tf_raw == "neighbours" else ("value" if tf_raw else "")
    if tf and kind != "name":
        raise LinkageDataError(f"{where}.tf: only a name comparison takes it")
    tf_levels = raw.get("tf_levels", [])
    ids = [lv.id for lv in parsed]
    if (not isinstance(tf_levels, list) or (tf == "neighbours") != bool(tf_levels)
            or any(x not in ids or parsed[ids.index(x)].test in {"missing", "else"}
                   for x in tf_levels)):
        raise LinkageDataError(f"{where}.tf_levels: with tf = \"neighbours\" (only), a "
                               f"list of level ids other than missing/else, from {ids}")
    anchor = raw.get("anchor", False)
    if not isinstance(anchor, bool):
        raise LinkageDataError(f"{where}.anchor: expected true or false")
    if anchor and kind != "name":
        raise LinkageDataError(f"{where}.anchor: only a name comparison can anchor")
    return TableComparison(str(raw.get("id", column)), column, str(kind), parsed, em, tf,
                           tuple(str(x) for x in tf_levels), anchor)


#: Key operations on a name column that the names engine answers (see the module doc).
NAME_KEY_OPERATIONS = frozenset({"key", "tokenkey", "tokens", "sorted", "phonetic"})
#: What may follow "col." in a blocking key expression (besides ``prefixN``).
KEY_OPERATIONS = NAME_KEY_OPERATIONS | {"wordtokens", "year", "monthday", "anyorder"}


def _check_key_expression(expr: str, where: str) -> None:
    col, dot, op = expr.partition(".")
    if not col or (dot and not (op in KEY_OPERATIONS or re.fullmatch(r"prefix[1-9]\d*", op))):
        raise LinkageDataError(
            f"{where}: key expression {expr!r}: expected col or col.<operation>, the "
            f"operation one of {', '.join(sorted(KEY_OPERATIONS))} or prefixN")


def parse_table_model(data: dict[str, Any], name: str = "model") -> TableModel:
    """Check and convert a parsed model TOML document."""
    model = data.get("model", {})
    if not isinstance(model, dict):
        raise LinkageDataError("[model]: expected a table")
    rules: list[BlockingRule] = []
    for i, raw in enumerate(data.get("blocking", [])):
        keys = raw.get("keys") if isinstance(raw, dict) else None
        if not isinstance(keys, list) or not keys or not all(isinstance(k, str) for k in keys):
            raise LinkageDataError(f"blocking[{i}].keys: expected a list of key expressions")
        for expr in keys:
            _check_key_expression(expr, f"blocking[{i}].keys")
        partial = raw.get("partial", "")
        if not isinstance(partial, str):
            raise LinkageDataError(f"blocking[{i}].partial: expected a column name")
        rules.append(BlockingRule(tuple(keys), int(_num(raw, "max_side", f"blocking[{i}]", 0)),
                                  partial))
    if not rules:
        raise LinkageDataError("[[blocking]]: at least one rule is needed")
    comps = tuple(_comparison(raw, f"comparisons[{i}]")
                  for i, raw in enumerate(data.get("comparisons", [])))
    if not comps:
        raise LinkageDataError("[[comparisons]]: at least one comparison is needed")
    match_t = _num(model, "match_threshold", "model", 0.9)
    review_t = _num(model, "review_threshold", "model", 0.5)
    if not 0 < review_t <= match_t <= 1:
        raise LinkageDataError("model: need 0 < review_threshold <= match_threshold <= 1")
    m_floor = _num(model, "m_floor", "model", 0.0)
    if not 0 <= m_floor < 0.1:
        raise LinkageDataError("model.m_floor: expected a number in [0, 0.1)")
    competing = model.get("competing", False)
    if not isinstance(competing, bool):
        raise LinkageDataError("model.competing: expected true or false")
    return TableModel(name, tuple(rules), comps, match_t, review_t,
                      _opt_prob(model, "prior", "model"), m_floor, competing)


def read_table_model(path: str | Path) -> TableModel:
    """A model from a TOML file of one's own (named after the file); a file that cannot be
    read or parsed raises :class:`LinkageDataError` naming it."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LinkageDataError(f"{path}: {exc}") from exc
    return parse_table_model(data, path.stem)


@functools.cache
def load_table_model(name: str) -> TableModel:
    """A packaged model ``data/models/<name>.toml`` (read once)."""
    folder = resources.files("wayhome.domain.linkage").joinpath("data", "models")
    path = folder.joinpath(f"{name}.toml")
    if not path.is_file():
        known = sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                       if p.name.endswith(".toml"))
        raise LinkageDataError(f"no model {name!r} (packaged: {', '.join(known)})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise LinkageDataError(f"data/models/{name}.toml: {exc}") from exc
    return parse_table_model(data, name)
