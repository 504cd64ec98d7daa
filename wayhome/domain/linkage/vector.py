"""The vectorised linkage backend: numpy arrays for blocking and scoring, rapidfuzz for strings.

Why this shape (see also the package docstring): the costly step is analysing names
(script detection, romanisation, keys), and names repeat, so every distinct value of a
name column is analysed once by the names engine and records carry only an integer code.
String similarities are then computed once per *distinct pair of values* (rapidfuzz
``cpdist``, in C++), never per record pair, and everything else (dates, sex, codes,
level assignment, Fellegi-Sunter weights) is numpy over all candidate pairs at once.

Both sides live in one table: rows ``0 .. n_left-1`` are the left list and, when
linking two lists, rows ``n_left ..`` the right list; a pair is ``(i, j)`` of row numbers
(``i < j`` when deduplicating one list).
"""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler, Levenshtein
from rapidfuzz.process import cpdist

from wayhome.domain.names import NameInputError, phonetic_spelling
from wayhome.domain.names.engine import KEY_MATCH_SCORE

from ._names import cached_normalise
from .table import NAME_KEY_OPERATIONS, BlockingRule, TableComparison, TableModel

T = TypeVar("T")
IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
Columns = Mapping[str, Sequence[str]]
#: Names keep at most this many variant spellings for scoring (the most usual first).
MAX_SCORED_VARIANTS = 8
#: Threads rapidfuzz scores string pairs with (-1: all cores; the scoring runs in C++
#: without the GIL, and the results do not depend on it).
WORKERS = -1


@dataclass(slots=True)
class NameColumn:
    """Distinct analysed names of one column; ``code[row]`` is -1 when missing/unusable."""

    code: IntArray
    variants: list[tuple[str, ...]]
    keys: list[tuple[str, ...]]
    token_keys: list[tuple[str, ...]]
    _flat: FlatNames | None = None
    _phonetic: IntArray | None = None

    @property
    def flat(self) -> FlatNames:
        """All names' variants and keys flattened once (see :class:`FlatNames`)."""
        if self._flat is None:
            self._flat = FlatNames.of(self)
        return self._flat

    @property
    def phonetic_code(self) -> IntArray:
        """Per flat variant: its phonetic spelling (names.phonetic_spelling) as an integer
        code; made on first use, as only models with a "phonetic" test need it."""
        if self._phonetic is None:
            index: dict[str, int] = {}
            self._phonetic = np.asarray([index.setdefault(phonetic_spelling(v), len(index))
                                         for v in self.flat.variants], dtype=np.int64)
        return self._phonetic


@dataclass(frozen=True, slots=True)
class FlatNames:
    """A name column's variants and keys as flat lists with per-name counts and offsets,
    and what comparing them needs per variant (computed once per column, not once per
    pair of variants: a chunk of 200,000 name pairs explodes into millions of them)."""

    variants: list[str]
    counts: IntArray
    offsets: IntArray
    #: per variant: its tokens sorted, as an integer code (equal codes: the same name in
    #: any token order)
    sorted_code: IntArray
    sorted_text: list[str]
    #: per variant: without spaces ("somying" for "som ying"), and its length
    joined: list[str]
    joined_len: IntArray
    #: per name: its whole-name and token keys as integer codes, flattened
    key_code: IntArray
    key_counts: IntArray
    key_offsets: IntArray
    #: per variant: its tokens (for the token agreement of ``min_tokens`` levels)
    tokens: _TokenTable

    @classmethod
    def of(cls, nc: NameColumn) -> FlatNames:
        flat, counts, offs = _flatten(nc.variants)
        sorted_text = [" ".join(sorted(v.split())) for v in flat]
        index: dict[str, int] = {}
        sorted_code = np.asarray([index.setdefault(t, len(index)) for t in sorted_text],
                                 dtype=np.int64)
        both = [tuple(dict.fromkeys(k + t)) for k, t in zip(nc.keys, nc.token_keys,
                                                            strict=True)]
        kflat, kcounts, koffs = _flatten(both)
        kindex: dict[str, int] = {}
        kcode = np.asarray([kindex.setdefault(k, len(kindex)) for k in kflat], dtype=np.int64)
        joined = [v.replace(" ", "") for v in flat]
        return cls(flat, counts, offs, sorted_code, sorted_text, joined,
                   np.asarray([len(v) for v in joined], dtype=np.int64), kcode, kcounts, koffs,
                   _TokenTable.of(flat))


@dataclass(slots=True)
class Prepared:
    """Both lists as one table of columns, with per-column derived data cached."""

    columns: dict[str, list[str]]
    n_left: int
    n: int
    dedupe: bool
    max_variants: int = MAX_SCORED_VARIANTS
    names: dict[str, NameColumn] = field(default_factory=dict)
    codes: dict[str, tuple[IntArray, list[str]]] = field(default_factory=dict)
    dates: dict[str, tuple[IntArray, IntArray, IntArray]] = field(default_factory=dict)


def prepare(left: Columns, right: Columns | None, columns: frozenset[str],
            max_variants: int = MAX_SCORED_VARIANTS) -> Prepared:
    """Stack the two lists (or one, to deduplicate) into one table of the needed columns.
    Names keep their first ``max_variants`` romanised variants for keys and scores."""
    n_left = len(next(iter(left.values()))) if left else 0
    n_right = 0 if right is None else len(next(iter(right.values())))
    cols: dict[str, list[str]] = {}
    for col in columns:
        values = [v or "" for v in left[col]]
        if right is not None:
            values += [v or "" for v in right[col]]
        cols[col] = values
    return Prepared(cols, n_left, n_left + n_right, right is None, max_variants)


def codes(prep: Prepared, col: str, lower: bool = True) -> tuple[IntArray, list[str]]:
    """Integer code of each row's value in ``col`` (-1 for ""), and the distinct values
    (trimmed; lower-cased unless ``lower`` is false, as names are given to the names
    engine as written)."""
    cache = col if lower else f"{col}\x00as-written"
    if cache not in prep.codes:
        index: dict[str, int] = {}
        out = np.empty(prep.n, dtype=np.int64)
        for row, value in enumerate(prep.columns[col]):
            v = value.strip().lower() if lower else value.strip()
            out[row] = -1 if not v else index.setdefault(v, len(index))
        prep.codes[cache] = (out, list(index))
    return prep.codes[cache]


def name_column(prep: Prepared, col: str) -> NameColumn:
    """Analyse each distinct name of ``col`` once with the names engine."""
    if col not in prep.names:
        raw_codes, values = codes(prep, col, lower=False)
        variants: list[tuple[str, ...]] = []
        keys: list[tuple[str, ...]] = []
        token_keys: list[tuple[str, ...]] = []
        remap = np.full(len(values) + 1, -1, dtype=np.int64)
        for k, value in enumerate(values):
            try:
                name = cached_normalise(value)
            except NameInputError:
                continue
            remap[k] = len(variants)
            variants.append(name.variants[:prep.max_variants])
            keys.append(name.keys)
            token_keys.append(name.token_keys)
        code = remap[raw_codes]  # raw -1 -> remap[-1] == -1
        prep.names[col] = NameColumn(code, variants, keys, token_keys)
    return prep.names[col]


def _parse_dates(prep: Prepared, col: str) -> tuple[IntArray, IntArray, IntArray]:
    if col not in prep.dates:
        y = np.zeros(prep.n, dtype=np.int64)
        m = np.zeros(prep.n, dtype=np.int64)
        d = np.zeros(prep.n, dtype=np.int64)
        for row, value in enumerate(prep.columns[col]):
            parts = value.strip()[:10].split("-")
            try:
                y[row] = int(parts[0]) if parts[0] else 0
                m[row] = int(parts[1]) if len(parts) > 1 else 0
                d[row] = int(parts[2]) if len(parts) > 2 else 0
            except ValueError:
                y[row] = m[row] = d[row] = 0
        prep.dates[col] = (y, m, d)
    return prep.dates[col]


# ---------------------------------------------------------------- blocking


def _expression_values(prep: Prepared, expr: str) -> list[tuple[str, ...]]:
    """Each row's values of one key expression (several for names-engine keys)."""
    col, _, op = expr.partition(".")
    if op in NAME_KEY_OPERATIONS:
        nc = name_column(prep, col)
        per_name: list[tuple[str, ...]]
        if op == "key":
            per_name = [tuple(k for k in ks if k) for ks in nc.keys]
        elif op == "tokenkey":
            per_name = [tuple(k for k in ks if k) for ks in nc.token_keys]
        elif op == "sorted":
            per_name = [_sorted_variants(vs) for vs in nc.variants]
        elif op == "phonetic":
            per_name = [_phonetic_variants(vs) for vs in nc.variants]
        else:
            per_name = [tuple(dict.fromkeys(t for v in vs for t in v.split() if len(t) >= 2))
                        for vs in nc.variants]
        return [per_name[c] if c >= 0 else () for c in nc.code.tolist()]
    # the rest, distinct value by distinct value, as the Spark job does row by row
    raw, values = codes(prep, col, lower=op != "wordtokens")
    per_value = [value_keys(expr, v) for v in values]
    return [per_value[c] if c >= 0 else () for c in raw.tolist()]


def _phonetic_variants(variants: Sequence[str]) -> tuple[str, ...]:
    """The distinct phonetic spellings of a name's variants (``col.phonetic`` keys)."""
    return tuple(dict.fromkeys(p for p in map(phonetic_spelling, variants) if p))


def _sorted_variants(variants: Sequence[str]) -> tuple[str, ...]:
    """Each romanised variant with its tokens in order ("hung nguyen van" for "Nguyen Van
    Hung" and "Hung Nguyen Van"): the whole name, across scripts, order ignored."""
    return tuple(dict.fromkeys(" ".join(sorted(v.split())) for v in variants))


@functools.lru_cache(maxsize=262144)
def _word_variants(word: str) -> tuple[str, ...]:
    try:
        return cached_normalise(word).variants[:MAX_SCORED_VARIANTS]
    except NameInputError:
        return ()


def _word_tokens(value: str) -> tuple[str, ...]:
    """Tokens of the romanised variants of each word analysed on its own: far fewer
    distinct words than distinct full names, so much cheaper on long free-text names."""
    return tuple(dict.fromkeys(
        t for word in value.split() for v in _word_variants(word) for t in v.split()
        if len(t) >= 2))


def value_keys(expr: str, value: str) -> tuple[str, ...]:
    """One value's keys under one key expression (the row-at-a-time twin of
    :func:`_expression_values`, used by the Spark job; both must agree)."""
    _, _, op = expr.partition(".")
    written = (value or "").strip()
    v = written.lower()
    if not v:
        return ()
    if op == "wordtokens":
        return _word_tokens(written)
    if op in NAME_KEY_OPERATIONS:
        try:
            name = cached_normalise(written)
        except NameInputError:
            return ()
        if op == "key":
            return tuple(k for k in name.keys if k)
        if op == "tokenkey":
            return tuple(k for k in name.token_keys if k)
        if op == "sorted":
            return _sorted_variants(name.variants[:MAX_SCORED_VARIANTS])
        if op == "phonetic":
            return _phonetic_variants(name.variants[:MAX_SCORED_VARIANTS])
        variants = name.variants[:MAX_SCORED_VARIANTS]
        return tuple(dict.fromkeys(t for var in variants for t in var.split() if len(t) >= 2))
    if op == "year":
        return (v[:4],) if v[:4].isdigit() else ()
    if op == "monthday":
        return (v[5:10],) if len(v) >= 10 else ()
    if op == "anyorder":
        # the year and the day and month in either order: "1984-04-12" and "1984-12-04"
        if len(v) < 10:
            return ()
        first, second = sorted((v[5:7], v[8:10]))
        return (f"{v[:4]}-{first}-{second}",)
    if op.startswith("prefix"):
        return (v[:int(op[6:])],)
    return (v,)


def row_keys(rule: BlockingRule, row: Mapping[str, str]) -> set[tuple[str, ...]]:
    """Every key one record has under ``rule``."""
    combos: list[tuple[str, ...]] = [()]
    for expr in rule.keys:
        values = value_keys(expr, row.get(expr.split(".")[0], ""))
        combos = [c + (v,) for c in combos for v in values]
        if not combos:
            break
    return set(combos)


def _rule_entries(prep: Prepared, rule: BlockingRule) -> tuple[IntArray, IntArray]:
    """(row, key code) for every key a row has under ``rule`` (no duplicates).

    Entries accumulate in typed arrays (8 bytes each), not lists of Python ints: a
    rule on name tokens and birth gives several keys per row, tens of millions at 500,000
    records a side."""
    per_expr = [_expression_values(prep, e) for e in rule.keys]
    index: dict[tuple[str, ...], int] = {}
    rows = array("q")
    keys = array("q")
    for row in range(prep.n):
        combos: list[tuple[str, ...]] = [()]
        for values in per_expr:
            combos = [c + (v,) for c in combos for v in values[row]]
            if not combos:
                break
        for combo in set(combos):
            rows.append(row)
            keys.append(index.setdefault(combo, len(index)))
    return np.frombuffer(rows, dtype=np.int64), np.frombuffer(keys, dtype=np.int64)


def _cross(starts_a: IntArray, lens_a: IntArray, starts_b: IntArray,
           lens_b: IntArray) -> tuple[IntArray, IntArray]:
    """All (a, b) position pairs within each group: a in its a-range, b in its b-range."""
    counts = lens_a * lens_b
    total = int(counts.sum())
    group = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    first = np.cumsum(counts) - counts
    t = np.arange(total, dtype=np.int64) - first[group]
    return starts_a[group] + t // lens_b[group], starts_b[group] + t % lens_b[group]


def lacks_full_date(value: str) -> bool:
    """A date value that gives a year, or a year and month, but not a full date (what a
    rule's ``partial`` option looks for; not a validity check)."""
    return 0 < len((value or "").strip()) < 10


def partial_dates(prep: Prepared, col: str) -> NDArray[np.bool_]:
    """Rows whose ``col`` :func:`lacks_full_date` (the Spark job asks row by row)."""
    raw, values = codes(prep, col)
    partial = np.asarray([lacks_full_date(v) for v in values] + [False], dtype=bool)
    return np.asarray(partial[raw], dtype=bool)  # raw -1 (missing) -> the last, False


def _rule_pairs(prep: Prepared, rule: BlockingRule) -> IntArray:
    """Candidate pairs of one rule, encoded ``i * n + j``.

    Entries are sorted by key, and within a key the rows with a partial date first when
    the rule asks for one (``rule.partial``), so that each block's pairs with at least one
    such row are two crosses of contiguous ranges, never the whole block's."""
    rows, keys = _rule_entries(prep, rule)
    partial = (partial_dates(prep, rule.partial)[rows] if rule.partial
               else np.ones(len(rows), dtype=bool))
    order = np.lexsort((rows, ~partial, keys))
    rows, keys, partial = rows[order], keys[order], partial[order]
    n = prep.n
    if prep.dedupe:
        uniq, starts, lens = np.unique(keys, return_index=True, return_counts=True)
        keep = lens >= 2
        if rule.max_side:
            keep &= lens <= rule.max_side
        starts, lens = starts[keep], lens[keep]
        # (a partial row, any row of its block); all rows count as partial without the option
        a, b = _cross(starts, _run_counts(partial, starts, lens), starts, lens)
        i, j = np.minimum(rows[a], rows[b]), np.maximum(rows[a], rows[b])
        sel = i < j
        return _sorted_unique(i[sel] * n + j[sel])
    left = rows < prep.n_left
    lk, lr, lp = keys[left], rows[left], partial[left]
    rk, rr, rp = keys[~left], rows[~left], partial[~left]
    ul, ls, ll = np.unique(lk, return_index=True, return_counts=True)
    ur, rs, rl = np.unique(rk, return_index=True, return_counts=True)
    _, il, ir = np.intersect1d(ul, ur, assume_unique=True, return_indices=True)
    ls, ll, rs, rl = ls[il], ll[il], rs[ir], rl[ir]
    if rule.max_side:
        keep = (ll <= rule.max_side) & (rl <= rule.max_side)
        ls, ll, rs, rl = ls[keep], ll[keep], rs[keep], rl[keep]
    if not rule.partial:
        a, b = _cross(ls, ll, rs, rl)
        return _sorted_unique(lr[a] * n + rr[b])
    lpn, rpn = _run_counts(lp, ls, ll), _run_counts(rp, rs, rl)
    # left partial x all right, then left full dates x right partial
    a1, b1 = _cross(ls, lpn, rs, rl)
    a2, b2 = _cross(ls + lpn, ll - lpn, rs, rpn)
    return _sorted_unique(np.concatenate([lr[a1] * n + rr[b1], lr[a2] * n + rr[b2]]))


def _run_counts(flags: NDArray[np.bool_], starts: IntArray, lens: IntArray) -> IntArray:
    """How many of ``flags[start:start + len]`` hold, for each run."""
    if not len(starts):
        return np.zeros(0, dtype=np.int64)
    total = np.concatenate([[0], np.cumsum(flags, dtype=np.int64)])
    return np.asarray(total[starts + lens] - total[starts], dtype=np.int64)


def _sorted_unique(x: IntArray) -> IntArray:
    """``np.unique(x)`` for integers by sorting (numpy 2's hashing path for plain
    ``np.unique`` is an order of magnitude slower on millions of int64 pair codes)."""
    x = np.sort(x)
    if len(x) < 2:
        return x
    keep = np.empty(len(x), dtype=np.bool_)
    keep[0] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def _union_sorted(a: IntArray, b: IntArray) -> IntArray:
    """Union of two sorted arrays without duplicates, as one: ``b``'s new values inserted
    into ``a`` by binary search (``np.union1d`` sorts both together again)."""
    if not len(a):
        return b
    pos = np.searchsorted(a, b)
    new = b[(pos == len(a)) | (a[np.minimum(pos, len(a) - 1)] != b)]
    return np.insert(a, np.searchsorted(a, new), new)


def block(prep: Prepared, rules: Sequence[BlockingRule]) -> tuple[IntArray, IntArray]:
    """Union of the candidate pairs of all rules, as sorted (i, j) arrays."""
    i, j, _ = block_with_rules(prep, rules)
    return i, j


def block_with_rules(prep: Prepared, rules: Sequence[BlockingRule]) -> tuple[
        IntArray, IntArray, list[NDArray[np.bool_]]]:
    """:func:`block`, plus for each rule which of the pairs it found.

    Memory: the rules' pair arrays are kept (8 bytes a pair), their union is built one
    rule at a time, and each rule's members are found by binary search in the sorted
    union (no sorted copies of union and rule together, as ``np.isin`` makes)."""
    per_rule: list[IntArray] = []
    found = np.zeros(0, dtype=np.int64)
    for rule in rules:
        pairs = _rule_pairs(prep, rule)
        per_rule.append(pairs)
        found = _union_sorted(found, pairs)
    members = []
    for k in range(len(per_rule)):
        mask = np.zeros(len(found), dtype=np.bool_)
        mask[np.searchsorted(found, per_rule[k])] = True
        per_rule[k] = found[:0]
        members.append(mask)
    return found // prep.n, found % prep.n, members


# ---------------------------------------------------------------- comparisons


def _distinct_pairs(a: IntArray, b: IntArray, width: int) -> tuple[IntArray, IntArray, IntArray]:
    """Distinct (a, b) value pairs and, for each input pair, the index of its distinct pair."""
    combined, inverse = np.unique(a * width + b, return_inverse=True)
    return combined // width, combined % width, inverse.reshape(-1)


def _explode(pa: IntArray, pb: IntArray, counts_a: IntArray, counts_b: IntArray,
             offs_a: IntArray, offs_b: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Flat positions of every (item of a, item of b) combination, and group starts."""
    la, lb = counts_a[pa], counts_b[pb]
    ia, ib = _cross(offs_a[pa], la, offs_b[pb], lb)
    sizes = la * lb
    return ia, ib, np.cumsum(sizes) - sizes


def _flatten(items: Sequence[Sequence[T]]) -> tuple[list[T], IntArray, IntArray]:
    """All items of all groups in one list, each group's size and its first position."""
    flat = [x for group in items for x in group]
    counts = np.asarray([len(g) for g in items], dtype=np.int64)
    return flat, counts, np.cumsum(counts) - counts


def _score(scorer: Callable[..., Any], a: list[str], b: list[str]) -> FloatArray:
    if not a:
        return np.zeros(0, dtype=np.float64)
    return np.asarray(cpdist(a, b, scorer=scorer, workers=WORKERS), dtype=np.float64)


def _pick(items: list[str], idx: IntArray) -> list[str]:
    return [items[k] for k in idx.tolist()]


def _names_similarity(fn: FlatNames, ia: IntArray,
                      ib: IntArray) -> tuple[FloatArray, FloatArray]:
    """The names engine's pair score of spellings ``ia`` x ``ib``, vectorised (mirrors
    ``names.engine._pair_score``), and the plain ratio of the spellings run together (one
    of its parts). The token-sort ratio is the plain ratio of the spellings with their
    tokens sorted, which :class:`FlatNames` holds already (rapidfuzz would sort them again
    for every pair)."""
    set_ratio = _score(fuzz.token_set_ratio, _pick(fn.variants, ia), _pick(fn.variants, ib))
    sort_ratio = _score(fuzz.ratio, _pick(fn.sorted_text, ia), _pick(fn.sorted_text, ib))
    joined = _score(fuzz.ratio, _pick(fn.joined, ia), _pick(fn.joined, ib)) / 100.0
    return np.maximum((set_ratio + sort_ratio) / 200.0, joined), joined


#: Distinct name pairs scored per chunk (bounds memory: each pair explodes into every
#: combination of its two names' variants).
NAME_CHUNK = 200_000


def _name_features(nc: NameColumn, pa: IntArray, pb: IntArray,
                   tests: set[str]) -> dict[str, Any]:
    """Per distinct name pair: exact, best Jaro-Winkler, names-engine similarity, key
    (computed in chunks of ``NAME_CHUNK`` pairs)."""
    if len(pa) <= NAME_CHUNK:
        return _name_features_chunk(nc, pa, pb, tests)
    parts = [_name_features_chunk(nc, pa[s:s + NAME_CHUNK], pb[s:s + NAME_CHUNK], tests)
             for s in range(0, len(pa), NAME_CHUNK)]
    return {k: np.concatenate([part[k] for part in parts]) for k in parts[0]}


def _name_features_chunk(nc: NameColumn, pa: IntArray, pb: IntArray,
                         tests: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not len(pa):
        return {"exact": np.zeros(0, dtype=bool), "key": np.zeros(0, dtype=bool),
                "phonetic": np.zeros(0, dtype=bool),
                "jw": np.zeros(0), "sim": np.zeros(0), "tok": np.zeros(0),
                "edits": np.zeros(0)}
    fn = nc.flat
    ia, ib, starts = _explode(pa, pb, fn.counts, fn.counts, fn.offsets, fn.offsets)
    if tests & {"exact", "jw"}:
        eq = (fn.sorted_code[ia] == fn.sorted_code[ib]).astype(np.float64)
        out["exact"] = np.maximum.reduceat(eq, starts) > 0
        if "jw" in tests:
            jw = np.maximum(_score(JaroWinkler.normalized_similarity,
                                   _pick(fn.sorted_text, ia), _pick(fn.sorted_text, ib)),
                            _score(JaroWinkler.normalized_similarity,
                                   _pick(fn.variants, ia), _pick(fn.variants, ib)))
            out["jw"] = np.maximum.reduceat(jw, starts)
    if "phonetic" in tests:
        code = nc.phonetic_code
        same = (code[ia] == code[ib]).astype(np.float64)
        out["phonetic"] = np.maximum.reduceat(same, starts) > 0
    if tests & {"key", "sim", "edits"}:
        kcode, kcounts, koffs = fn.key_code, fn.key_counts, fn.key_offsets
        ka, kb, kstarts = _explode(pa, pb, kcounts, kcounts, koffs, koffs)
        has = (kcounts[pa] > 0) & (kcounts[pb] > 0)
        shared = np.zeros(len(pa), dtype=bool)
        if len(ka):
            eqk = (kcode[ka] == kcode[kb]).astype(np.float64)
            nonempty = np.flatnonzero(has)
            shared[nonempty] = np.maximum.reduceat(eqk, kstarts[nonempty]) > 0
        out["key"] = shared
        if tests & {"sim", "edits"}:
            per_variant, joined = _names_similarity(fn, ia, ib)
            if "edits" in tests:
                # rapidfuzz's ratio is 1 - (insertions + deletions) / (len a + len b): the
                # fewest insertions and deletions turning one spelling into the other
                lens = fn.joined_len[ia] + fn.joined_len[ib]
                out["edits"] = np.minimum.reduceat(np.rint((1.0 - joined) * lens), starts)
            best = np.minimum(1.0, np.maximum.reduceat(per_variant, starts))
            if "tok" in tests:
                # Token agreement of the best-scoring spelling pair of each name pair.
                group = np.repeat(np.arange(len(pa)), np.diff(np.append(starts, len(ia))))
                order = np.lexsort((-per_variant, group))
                first = order[np.r_[0, np.flatnonzero(np.diff(group[order])) + 1]]
                out["tok"] = fn.tokens.agreement(ia[first], ib[first])
            best = np.where(shared, np.maximum(best, KEY_MATCH_SCORE), best)
            out["sim"] = np.asarray([round(float(x), 4) for x in best], dtype=np.float64)
    return out


def _token_agreement(a: list[str], b: list[str]) -> FloatArray:
    """Per pair of spellings: how well *every* token of the one with fewer tokens is
    matched in the other (the lowest, over its tokens, of the best Jaro-Winkler against
    the other's tokens).

    Whole-name similarity is high when most tokens are shared, and in many naming systems
    most are: "Nguyễn Thị Huy" and "Nguyễn Thị Thư" share two tokens of three and score
    0.88, yet the given name, the one that tells them apart, differs. Here they score
    0.67 (huy/thu), while a typo ("Nkuyen Van Hung") still scores 0.9. Tokens are coded
    as integers and each distinct token pair is scored once (names share few tokens).
    """
    if not a:
        return np.zeros(0, dtype=np.float64)
    tokens = _TokenTable.of([*a, *b])
    n = len(a)
    return tokens.agreement(np.arange(n, dtype=np.int64), np.arange(n, 2 * n, dtype=np.int64))


@dataclass(frozen=True, slots=True)
class _TokenTable:
    """Spellings as runs of integer token codes (``codes[offsets[k]:][:counts[k]]`` are
    spelling k's tokens), to score token against token once per distinct token pair."""

    codes: IntArray
    counts: IntArray
    offsets: IntArray
    tokens: list[str]

    @classmethod
    def of(cls, spellings: Sequence[str]) -> _TokenTable:
        index: dict[str, int] = {}
        per = [[index.setdefault(t, len(index)) for t in s.split()] for s in spellings]
        flat, counts, offsets = _flatten(per)
        return cls(np.asarray(flat, dtype=np.int64), counts, offsets, list(index))

    def agreement(self, x: IntArray, y: IntArray) -> FloatArray:
        """:func:`_token_agreement` of spellings ``x[k]`` and ``y[k]`` (indices)."""
        out = np.zeros(len(x), dtype=np.float64)
        if not len(x):
            return out
        swap = self.counts[x] > self.counts[y]
        short, long_ = np.where(swap, y, x), np.where(swap, x, y)
        cs, cl = self.counts[short], self.counts[long_]
        ia, ib = _cross(self.offsets[short], cs, self.offsets[long_], cl)
        width = max(1, len(self.tokens))
        distinct, inverse = np.unique(self.codes[ia] * width + self.codes[ib],
                                      return_inverse=True)
        # float64 and rounded as ``sim`` is: cpdist's default float32 gives 0.89999998
        # for a Jaro-Winkler of 0.9, just under a "min_tokens = 0.9" level.
        sim = np.round(np.asarray(cpdist(
            _pick(self.tokens, distinct // width), _pick(self.tokens, distinct % width),
            scorer=JaroWinkler.normalized_similarity, workers=WORKERS, dtype=np.float64),
            dtype=np.float64), 4)[inverse.reshape(-1)]
        # _cross lists, per pair, each short token's run of long tokens in turn.
        runs = np.repeat(cl, cs)
        run_starts = np.cumsum(runs) - runs
        best_per_token = np.maximum.reduceat(sim, run_starts) if len(sim) else sim
        token_starts = np.cumsum(cs) - cs
        has = cs > 0  # a spelling without tokens (none reach here today) agrees with nothing
        if has.any():
            out[has] = np.minimum.reduceat(best_per_token, token_starts[has])
        return out


def _string_features(values: list[str], pa: IntArray, pb: IntArray,
                     tests: set[str], prefix: int) -> dict[str, Any]:
    va, vb = _pick(values, pa), _pick(values, pb)
    out: dict[str, Any] = {"exact": pa == pb}
    if "jw" in tests:
        out["jw"] = _score(JaroWinkler.normalized_similarity, va, vb)
    if "lev" in tests:
        out["lev"] = _score(Levenshtein.distance, va, vb)
    if "prefix" in tests:
        out["prefix"] = np.asarray([x[:prefix] == y[:prefix] for x, y in zip(va, vb, strict=True)],
                                   dtype=bool)
    return out


def _assign(comp: TableComparison, missing: NDArray[np.bool_],
            features: dict[str, Any]) -> NDArray[np.int8]:
    """The index of the first level whose test holds, per pair."""
    n = len(missing)
    level = np.full(n, len(comp.levels) - 1, dtype=np.int8)
    for k in range(len(comp.levels) - 1, -1, -1):
        lv = comp.levels[k]
        if lv.test == "else":
            cond = np.ones(n, dtype=bool)
        elif lv.test == "missing":
            cond = missing
        elif lv.test in {"jw", "sim"}:
            cond = ~missing & (features[lv.test] >= lv.min)
            if lv.min_tokens:
                cond &= features["tok"] >= lv.min_tokens
        elif lv.test in {"lev", "year_within", "partial_year", "edits"}:
            cond = ~missing & (features[lv.test] <= lv.max)
        else:
            cond = ~missing & np.asarray(features[lv.test], dtype=bool)
        level[cond] = k
    return level


def _scatter(values: Any, inverse: IntArray, mask: NDArray[np.bool_], fill: Any) -> Any:
    out = np.full(len(mask), fill, dtype=np.asarray(values).dtype)
    out[mask] = np.asarray(values)[inverse]
    return out


def _compare_values(prep: Prepared, comp: TableComparison, i: IntArray,
                    j: IntArray) -> NDArray[np.int8]:
    tests = {lv.test for lv in comp.levels} | ({"tok"} if any(
        lv.min_tokens for lv in comp.levels) else set())
    if comp.kind == "name":
        nc = name_column(prep, comp.column)
        a, b = nc.code[i], nc.code[j]
        width = max(1, len(nc.variants))
    else:
        raw, values = codes(prep, comp.column)
        a, b = raw[i], raw[j]
        width = max(1, len(values))
    missing = (a < 0) | (b < 0)
    present = ~missing
    pa, pb, inverse = _distinct_pairs(a[present], b[present], width)
    if comp.kind == "name":
        feats = _name_features(nc, pa, pb, tests)
    elif comp.kind == "date":
        feats = _date_features(prep, comp, i, j, pa, pb, inverse, present, tests)
        return _assign(comp, missing | feats.pop("_missing"), feats)
    else:
        prefix = max((lv.max for lv in comp.levels if lv.test == "prefix"), default=0)
        feats = _string_features(codes(prep, comp.column)[1], pa, pb, tests, prefix)
    full = {k: _scatter(v, inverse, present, False if v.dtype == bool else 0.0)
            for k, v in feats.items()}
    return _assign(comp, missing, full)


def _date_features(prep: Prepared, comp: TableComparison, i: IntArray, j: IntArray,
                   pa: IntArray, pb: IntArray, inverse: IntArray, present: NDArray[np.bool_],
                   tests: set[str]) -> dict[str, Any]:
    y, m, d = _parse_dates(prep, comp.column)
    yi, yj, mi, mj, di, dj = y[i], y[j], m[i], m[j], d[i], d[j]
    full = (mi > 0) & (mj > 0) & (di > 0) & (dj > 0)
    out: dict[str, Any] = {
        "_missing": (yi == 0) | (yj == 0),
        "exact": full & (yi == yj) & (mi == mj) & (di == dj),
        "swap": full & (yi == yj) & (mi != mj) & (mi == dj) & (di == mj),
        "year_month": (yi == yj) & (mi > 0) & (mi == mj),
        "day_month": full & (mi == mj) & (di == dj) & (np.abs(yi - yj) <= 1),
        "year_within": np.abs(yi - yj),
        # One side gives less than a full date ("about 25": the year only): agreeing on
        # the year is then all the agreement possible, unlike two full dates that agree
        # on the year only (most often two people).
        "partial_year": np.where(full, 99, np.abs(yi - yj)),
    }
    if "lev" in tests:
        lev = _score(Levenshtein.distance, _pick(codes(prep, comp.column)[1], pa),
                     _pick(codes(prep, comp.column)[1], pb))
        out["lev"] = _scatter(lev, inverse, present, 99.0)
    return out


#: Candidate pairs compared per chunk: each comparison builds several per-pair arrays
#: (dates: year, month and day of both sides), 8 bytes a pair each, so comparing 100
#: million pairs at once would hold many gigabytes; only the int8 levels are kept.
COMPARE_CHUNK = 4_000_000


def compare(prep: Prepared, model: TableModel, i: IntArray, j: IntArray) -> NDArray[np.int8]:
    """Level index of every comparison for every pair: shape (pairs, comparisons)
    (computed in chunks of ``COMPARE_CHUNK`` pairs)."""
    out = np.zeros((len(i), len(model.comparisons)), dtype=np.int8)
    for start in range(0, len(i), COMPARE_CHUNK):
        ci, cj = i[start:start + COMPARE_CHUNK], j[start:start + COMPARE_CHUNK]
        for c, comp in enumerate(model.comparisons):
            out[start:start + len(ci), c] = _compare_values(prep, comp, ci, cj)
    return out


# ---------------------------------------------------------------- Fellegi-Sunter


@dataclass(frozen=True, slots=True)
class Parameters:
    """m and u per comparison level (NaN-free; "missing" levels have m = u) and the prior
    (probability that a candidate pair is a match)."""

    m: tuple[tuple[float, ...], ...]
    u: tuple[tuple[float, ...], ...]
    prior: float
    iterations: int = 0

    def weights(self) -> list[FloatArray]:
        """log2(m/u) per level of each comparison."""
        return [np.log2(np.asarray(m) / np.asarray(u)) for m, u in zip(self.m, self.u,
                                                                          strict=True)]

    @property
    def prior_weight(self) -> float:
        return math.log2(self.prior / (1.0 - self.prior))


def fixed_parameters(model: TableModel, prior: float) -> Parameters:
    """m/u as written in the model file (every level must give both)."""
    m = tuple(tuple(lv.m or 1.0 for lv in c.levels) for c in model.comparisons)
    u = tuple(tuple(lv.u or 1.0 for lv in c.levels) for c in model.comparisons)
    return Parameters(m, u, prior)


def _initial(model: TableModel) -> tuple[list[FloatArray], list[FloatArray]]:
    """Starting m/u: m falls and u rises with the level order (best level first)."""
    ms: list[FloatArray] = []
    us: list[FloatArray] = []
    for comp in model.comparisons:
        k = len(comp.levels)
        m = np.asarray([lv.m or 0.5 ** (r + 1) for r, lv in enumerate(comp.levels)])
        u = np.asarray([lv.u or 0.5 ** (k - r) for r, lv in enumerate(comp.levels)])
        ms.append(m / m.sum())
        us.append(u / u.sum())
    return ms, us


def random_pairs(prep: Prepared, size: int, seed: int = 1) -> tuple[IntArray, IntArray]:
    """``size`` random record pairs (left x right, or distinct rows when deduplicating)."""
    rng = np.random.default_rng(seed)
    if prep.dedupe:
        i = rng.integers(0, prep.n, size)
        j = rng.integers(0, prep.n, size)
        keep = i != j
        return np.minimum(i, j)[keep], np.maximum(i, j)[keep]
    return rng.integers(0, prep.n_left, size), rng.integers(prep.n_left, prep.n, size)


def u_from_random_pairs(model: TableModel, levels: NDArray[np.int8]) -> list[FloatArray]:
    """Level frequencies among random pairs (almost all non-matches): a u estimate.
    "missing" levels get u = 1 (they carry no evidence; m = 1 too)."""
    out: list[FloatArray] = []
    for c, comp in enumerate(model.comparisons):
        missing = np.asarray([lv.test == "missing" for lv in comp.levels])
        counts = np.bincount(levels[:, c], minlength=len(comp.levels)).astype(np.float64) + 1.0
        counts[missing] = 0.0
        out.append(np.where(missing, 1.0, counts / counts.sum()))
    return out


def _patterns(model: TableModel, levels: NDArray[np.int8]) -> tuple[NDArray[np.int64],
                                                                    IntArray]:
    """Distinct comparison vectors and their counts (rows packed into one integer, which
    is far faster than ``np.unique(axis=0)``)."""
    sizes = [len(c.levels) for c in model.comparisons]
    packed = np.zeros(len(levels), dtype=np.int64)
    for c, size in enumerate(sizes):
        packed = packed * size + levels[:, c]
    uniq, counts = np.unique(packed, return_counts=True)
    out = np.zeros((len(uniq), len(sizes)), dtype=np.int64)
    rest = uniq.copy()
    for c in range(len(sizes) - 1, -1, -1):
        out[:, c] = rest % sizes[c]
        rest //= sizes[c]
    return out, counts


def estimate(model: TableModel, levels: NDArray[np.int8], max_iterations: int = 200,
             tolerance: float = 1e-6, prior: float = 0.1,
             initial_u: list[FloatArray] | None = None, fix_u: bool = False,
             exclude: frozenset[int] = frozenset()) -> Parameters:
    """Expectation maximisation of m, u and the prior over the candidate pairs.

    The candidate pairs are a mixture of matches and non-matches; EM finds the m
    (P(level | match)) and u (P(level | non-match among candidates)) that best explain
    the observed comparison vectors, assuming the comparisons are independent within each
    class. Runs on the distinct comparison vectors with their counts, so it costs
    nothing next to scoring. Levels with test "missing" carry no evidence (m = u).
    """
    patterns, counts = _patterns(model, levels)
    weights = counts.astype(np.float64)
    ms, us = _initial(model)
    if initial_u is not None:
        us = [u.copy() for u in initial_u]
    missing = [np.asarray([lv.test == "missing" for lv in c.levels]) for c in model.comparisons]
    lam = prior
    iteration = 0
    # Anchor the "match" class: the first M-step uses as matches the pairs that are in
    # the top (or missing) level of every comparison, so EM cannot settle on another
    # mode of the candidate pairs (e.g. "same birth date, different names").
    top = np.ones(len(patterns), dtype=bool)
    for c in range(len(model.comparisons)):
        if c in exclude or not model.comparisons[c].em:
            continue
        best = next(k for k, m in enumerate(missing[c]) if not m)
        top &= missing[c][patterns[:, c]] | (patterns[:, c] == best)
    post = np.where(top, 0.99, 0.01)
    for iteration in range(1, max_iterations + 1):  # noqa: B007
        if iteration > 1:
            log_ratio = np.zeros(len(patterns))
            for c in range(len(model.comparisons)):
                if c in exclude or not model.comparisons[c].em:
                    continue
                ratio = np.where(missing[c], 0.0, np.log(ms[c] / us[c]))
                log_ratio += ratio[patterns[:, c]]
            logit = np.clip(math.log(lam / (1 - lam)) + log_ratio, -700, 700)
            post = 1.0 / (1.0 + np.exp(-logit))
        wm, wu = weights * post, weights * (1 - post)
        new_lam = float(wm.sum() / weights.sum())
        change = abs(new_lam - lam)
        for c in range(len(model.comparisons)):
            if c in exclude:
                continue
            k = len(model.comparisons[c].levels)
            cm = np.bincount(patterns[:, c], weights=wm, minlength=k) + 1e-9
            cu = np.bincount(patterns[:, c], weights=wu, minlength=k) + 1e-9
            cm[missing[c]] = cu[missing[c]] = 0.0
            nm = np.where(missing[c], 1.0, cm / max(cm.sum(), 1e-12))
            nu = np.where(missing[c], 1.0, cu / max(cu.sum(), 1e-12))
            fixed_m = [lv.m for lv in model.comparisons[c].levels]
            fixed_u = [lv.u for lv in model.comparisons[c].levels]
            nm = np.asarray([f if f is not None else x for f, x in zip(fixed_m, nm, strict=True)])
            nu = np.asarray([f if f is not None else x for f, x in zip(fixed_u, nu, strict=True)])
            if fix_u:
                nu = us[c]
            nm, nu = np.clip(nm, 1e-7, 1.0), np.clip(nu, 1e-7, 1.0)
            change = max(change, float(np.abs(nm - ms[c]).max()), float(np.abs(nu - us[c]).max()))
            ms[c], us[c] = nm, nu
        lam = min(max(new_lam, 1e-9), 1 - 1e-9)
        if change < tolerance:
            break
    return Parameters(tuple(tuple(float(x) for x in m) for m in ms),
                      tuple(tuple(float(x) for x in u) for u in us), lam, iteration)


def estimate_by_sessions(model: TableModel, levels: NDArray[np.int8],
                         rule_members: Sequence[NDArray[np.bool_]], u: list[FloatArray],
                         total_pairs: float) -> Parameters:
    """Fellegi-Sunter parameters the way Splink trains them, on our candidate pairs.

    ``u`` comes from random record pairs (almost all non-matches) and is what scoring
    uses. For each blocking rule, EM runs on that rule's pairs with the comparisons of
    the rule's own columns left out (those agree by construction there) and estimates m
    of the others and the share of matches among the rule's pairs (u is re-estimated
    inside the session, starting from the random-pair u, because blocking correlates
    other fields too: people blocked together on a name mostly share a nationality).
    A comparison's m is the mean over the sessions that estimated it. The prior is the
    number of matches the best session implies over all ``total_pairs`` record pairs
    (when linking, :func:`prior_from_one_to_one` then replaces it). EM over all candidate
    pairs at once is not used: blocking makes non-matches agree on the blocked fields,
    so that mixture has other modes ("same birth date, different names").
    """
    cols = [c.column for c in model.comparisons]
    sums = [np.zeros(len(c.levels)) for c in model.comparisons]
    seen = [0] * len(cols)
    expected_matches = 0.0
    for rule, member in zip(model.blocking, rule_members, strict=True):
        if not member.any():
            continue
        used = rule.columns
        exclude = frozenset(c for c, col in enumerate(cols) if col in used)
        if len(exclude) == len(cols):
            continue
        p = estimate(model, levels[member], initial_u=u, exclude=exclude)
        expected_matches = max(expected_matches, p.prior * float(member.sum()))
        for c in range(len(cols)):
            if c not in exclude:
                sums[c] += np.asarray(p.m[c])
                seen[c] += 1
    ms = [s / n if n else np.asarray(_initial(model)[0][c]) for c, (s, n) in
          enumerate(zip(sums, seen, strict=True))]
    prior = min(max(expected_matches / max(total_pairs, 1.0), 1e-12), 0.5)
    return Parameters(tuple(tuple(float(x) for x in m) for m in ms),
                      tuple(tuple(float(x) for x in uu) for uu in u), prior, len(rule_members))


def _name_counts(prep: Prepared, col: str) -> FloatArray:
    """How many records (of the whole stacked table) share each row's name (its first
    romanised spelling, token order ignored); 0 where the name is missing."""
    nc = name_column(prep, col)
    index: dict[str, int] = {}
    spelling = np.asarray([index.setdefault(" ".join(sorted(v[0].split())), len(index))
                           for v in nc.variants], dtype=np.int64)
    row_key = np.where(nc.code >= 0, spelling[np.maximum(nc.code, 0)], -1)
    counts = np.bincount(row_key[row_key >= 0], minlength=len(index)).astype(np.float64)
    return np.where(row_key >= 0, counts[np.maximum(row_key, 0)], 0.0)


def anchor_m(prep: Prepared, model: TableModel, params: Parameters, i: IntArray,
             j: IntArray, levels: NDArray[np.int8], min_pairs: int = 100) -> Parameters:
    """m of the other comparisons re-estimated on anchor pairs (Splink's deterministic-rule
    training), for comparisons marked ``anchor = true``.

    Anchors are candidate pairs in the "exact" level of the anchoring name comparison
    whose name no third record has (it occurs exactly twice in the stacked table). Nearly
    all are matches, and the anchor is chosen on the name alone, so the other fields'
    disagreements among them show how often true matches disagree (a birth date off by
    more than a year, a different nationality). EM over the anchors (the anchoring
    comparison left out; u starts at the random-pair u but is re-estimated, since two
    people who share a rare name mostly share a nationality too) separates the few
    coincidences; only its m is kept. This replaces the session estimate,
    which blocking biases: non-matches blocked together on a name mostly share the
    nationality and a birth year, so EM mistakes them for matches and a wrong birth date
    ends up worth almost nothing.
    """
    ms = [np.asarray(m) for m in params.m]
    for c, comp in enumerate(model.comparisons):
        exact = comp.level_of("exact")
        if not comp.anchor or exact is None:
            continue
        count = _name_counts(prep, comp.column)
        sel = (levels[:, c] == exact) & (count[i] == 2) & (count[j] == 2)
        if int(sel.sum()) < min_pairs:
            continue
        p = estimate(model, levels[sel], initial_u=[np.asarray(u) for u in params.u],
                     exclude=frozenset({c}))
        for o in range(len(ms)):
            if o != c:
                ms[o] = np.asarray(p.m[o])
    return Parameters(tuple(tuple(float(x) for x in m) for m in ms), params.u, params.prior,
                      params.iterations)


def anchor_own_m(model: TableModel, params: Parameters, levels: NDArray[np.int8],
                 rule_members: Sequence[NDArray[np.bool_]], random_levels: NDArray[np.int8],
                 min_pairs: int = 1000, min_random: int = 20_000) -> Parameters:
    """m of each anchoring comparison (the name) re-estimated on the pairs of the blocking
    rules that do not use its column, from that comparison alone, with u held at its
    frequency among random pairs.

    The sessions of :func:`estimate_by_sessions` learn a name's m on the pairs blocked on
    birth date and sex, by EM over the name and the nationality together. Non-matches who
    share a nationality have alike names far more often than random pairs (two Vietnamese
    names share "Nguyen" and "Thi"), so EM counts them as matches: on the clerical
    registry at 200,000 a side, m of the weakest name levels came out 8 to 30 times what
    the true pairs show (0.039 against 0.0013 for "sim75"), and pairs with such names and
    the same birth date were matched although seven in eight were strangers.

    Here the name alone is used and u is not re-estimated: blocked on birth date and sex,
    strangers' names are as alike as those of random pairs of the same sex. So u is read
    off random pairs that agree on the rule's other fields where at least ``min_random``
    of them do (the same sex: given names differ by sex), else off all random pairs.
    With u fixed, the level frequencies q among the rule's pairs are a mixture
    q = share * m + (1 - share) * u, but every share of matches down to the smallest
    one that leaves m nowhere negative fits q exactly (EM stops anywhere in that range;
    at 500,000 a side it put a fifth of the matches in the catch-all level). The smallest
    is taken: no match in the level where strangers are most common (the catch-all
    "else"), whose m the model's floor then sets. The estimates of several such rules
    are averaged, as in the sessions.
    """
    ms = [np.asarray(m) for m in params.m]
    for c, comp in enumerate(model.comparisons):
        if not comp.anchor:
            continue
        found = []
        for rule, member in zip(model.blocking, rule_members, strict=True):
            used = rule.columns
            if comp.column in used or int(member.sum()) < min_pairs:
                continue
            agree = np.ones(len(random_levels), dtype=bool)
            for o, other in enumerate(model.comparisons):
                exact = other.level_of("exact")
                if other.column in used and exact is not None:
                    narrower = agree & (random_levels[:, o] == exact)
                    if int(narrower.sum()) >= min_random:
                        agree = narrower
            u = u_from_random_pairs(model, random_levels[agree])[c]
            m = fewest_matches_m(comp, np.bincount(levels[member, c],
                                                   minlength=len(comp.levels)), u)
            if m is not None:
                found.append(m)
        if found:
            ms[c] = np.mean(found, axis=0)
    return Parameters(tuple(tuple(float(x) for x in m) for m in ms), params.u, params.prior,
                      params.iterations)


def fewest_matches_m(comp: TableComparison, counts: IntArray,
                     u: FloatArray) -> FloatArray | None:
    """m of one comparison from its level counts over pairs of matches and strangers whose
    level frequencies are ``u``, taking the fewest matches that explain the counts (none
    of them in the level with the largest u). None if no pair shows a match. Levels whose
    m the model fixes keep it; "missing" levels get m = 1."""
    missing = np.asarray([lv.test == "missing" for lv in comp.levels])
    q = np.where(missing, 0.0, counts.astype(np.float64))
    if q.sum() <= 0:
        return None
    q /= q.sum()
    catch_all = int(np.argmax(np.where(missing, -1.0, u)))
    strangers = min(q[catch_all] / u[catch_all], 1.0)
    m = np.where(missing, 0.0, np.maximum(q - strangers * u, 0.0))
    m[catch_all] = 0.0
    fixed = np.asarray([lv.m is not None for lv in comp.levels])
    if m[~fixed].sum() <= 0:
        return None
    m[~fixed] *= max(1.0 - sum(lv.m or 0.0 for lv in comp.levels), 0.0) / m[~fixed].sum()
    m[fixed] = [lv.m for lv in comp.levels if lv.m is not None]
    return np.where(missing, 1.0, m)


def floor_m(model: TableModel, params: Parameters) -> Parameters:
    """m of every level raised to at least ``model.m_floor`` (then renormalised).

    On clean training data a level true matches never reach (a different sex, a
    nationality that disagrees) gets m near 0, i.e. a weight of -20 bits or worse: one
    typing slip in a real register would then veto an otherwise certain match. The floor
    says "true matches disagree here at least this often". Levels whose m the model file
    fixes, and "missing" levels, are left as they are.
    """
    if model.m_floor <= 0:
        return params
    out = []
    for comp, m in zip(model.comparisons, params.m, strict=True):
        arr = np.asarray(m, dtype=np.float64)
        free = np.asarray([lv.test != "missing" and lv.m is None for lv in comp.levels])
        if free.any() and arr[free].sum() > 0:
            raised = np.where(free, np.maximum(arr, model.m_floor), arr)
            scale = arr[free].sum() / raised[free].sum()
            arr = np.where(free, raised * scale, arr)
        out.append(tuple(float(x) for x in arr))
    return Parameters(tuple(out), params.u, params.prior, params.iterations)


def value_counts(prep: Prepared, model: TableModel) -> dict[int, FloatArray]:
    """Per comparison with ``tf = true``: each row's :func:`_name_counts` (what "value"
    term frequencies need of the whole table; the Spark job computes it once and sends
    it to the workers, which hold only their pairs' rows)."""
    return {c: _name_counts(prep, comp.column) for c, comp in enumerate(model.comparisons)
            if comp.tf == "value"}


def term_frequency_adjustment(prep: Prepared, model: TableModel, params: Parameters,
                              i: IntArray, j: IntArray, levels: NDArray[np.int8],
                              counts: Mapping[int, IntArray] | None = None,
                              methods: frozenset[str] = frozenset({"value", "neighbours"}),
                              rows: tuple[Mapping[int, FloatArray], int] | None = None,
                              ) -> FloatArray:
    """Bits to add for agreeing on a rare (or common) name, per name comparison's ``tf``.

    ``tf = true`` ("value", as Splink's term frequencies): a pair in the "exact" level
    gets log2(u_exact / f), where f is how often the name (its first romanised spelling,
    token order ignored) occurs among all records: agreeing on a name that one record in
    100,000 has is far stronger evidence than agreeing on "Nguyen Van Hung".
    ``tf = "neighbours"``: see :func:`neighbour_frequency_adjustment` (``counts``: per
    comparison index, its :func:`neighbour_counts` over all candidate pairs, when only
    some pairs are given). ``methods`` limits which of the two are added. ``rows``: the
    :func:`value_counts` of the rows of ``prep`` and the number of rows of the whole table,
    when ``prep`` holds only some of them.
    """
    out = np.zeros(len(i), dtype=np.float64)
    for c, comp in enumerate(model.comparisons):
        if comp.tf not in methods:
            continue
        if comp.tf == "neighbours":
            out += neighbour_frequency_adjustment(prep, comp, params.u[c], i, j,
                                                  levels[:, c], (counts or {}).get(c))
            continue
        exact = comp.level_of("exact")
        if comp.tf != "value" or exact is None:
            continue
        row_count, n = (rows[0][c], rows[1]) if rows else (_name_counts(prep, comp.column),
                                                           prep.n)
        freq = np.where(row_count > 0, row_count, 1.0) / n
        f = np.maximum(np.maximum(freq[i], freq[j]), 1.0 / n)
        sel = levels[:, c] == exact
        out[sel] += np.log2(params.u[c][exact] / f[sel])
    return out


def _gamma_poisson(counts: IntArray) -> tuple[float, float]:
    """Shape and rate (a, b) of the gamma distribution of per-record rates that best
    explains ``counts`` (method of moments; Poisson counts with gamma-distributed rates).
    With no more spread than Poisson, every record gets the mean (b very large)."""
    mean = float(counts.mean()) if len(counts) else 0.0
    var = float(counts.var()) if len(counts) else 0.0
    if mean <= 0:
        return 0.0, 1.0
    b = mean / (var - mean) if var > mean * (1 + 1e-9) else 1e9
    return mean * b, b


def _tf_chosen(comp: TableComparison) -> NDArray[np.bool_]:
    ids = [lv.id for lv in comp.levels]
    chosen = np.zeros(len(ids), dtype=bool)
    chosen[[ids.index(x) for x in comp.tf_levels]] = True
    return chosen


def neighbour_counts(n: int, comp: TableComparison, i: IntArray, j: IntArray,
                     level: NDArray[np.int8]) -> IntArray:
    """Per record (n rows) and level of ``comp``: how many of the given pairs hold the
    record at that level, for the levels of ``comp.tf_levels`` (0 elsewhere). Counts of
    disjoint sets of pairs add up (the Spark job sums them over partitions)."""
    k = len(comp.levels)
    sel = _tf_chosen(comp)[level]
    lv = level[sel].astype(np.int64)
    rows = np.concatenate([i[sel], j[sel]])
    return np.bincount(rows * k + np.concatenate([lv, lv]),
                       minlength=n * k).reshape(n, k)


def neighbour_frequency_adjustment(prep: Prepared, comp: TableComparison,
                                   u: Sequence[float], i: IntArray, j: IntArray,
                                   level: NDArray[np.int8],
                                   counts: IntArray | None = None) -> FloatArray:
    """Bits to add to a name level for how crowded the two records' neighbourhoods are.

    ``u`` of a level is the chance that a random other record's name comes this close,
    averaged over all names. For one record it is far smaller when its name is rare and
    far larger for "Nguyen Van Hung", and the candidate pairs show it: the number k of
    records on the other side whose names resemble this record's at least as closely
    (this level or a better one of ``comp.tf_levels``), leaving the pair's own partner
    out. Blocking finds nearly all close names, so on close levels that count is
    reliable. Counts from one record are noisy (0 for most names), so each record's rate
    is the gamma-Poisson posterior mean (a + k) / (b + 1), with a and b fitted to the
    counts of all records of that side (empirical Bayes: no constant to tune). The
    pair's u at that level becomes the larger of its two records' rates over the size
    of the other side; the adjustment is log2(u_level / that).

    Linking: a report's rivals are registered persons and the other way round.
    Deduplicating: each record's rivals are its other pairs, either way round.
    ``counts`` (:func:`neighbour_counts` of *all* candidate pairs) defaults to the counts
    of the pairs given.
    """
    out = np.zeros(len(i), dtype=np.float64)
    sel = _tf_chosen(comp)[level]
    if not sel.any():
        return out
    if counts is None:
        counts = neighbour_counts(prep.n, comp, i, j, level)
    cumulative = counts.cumsum(axis=1)
    lv = level[sel].astype(np.int64)

    def rates(side: range, rows: IntArray, other: int) -> FloatArray:
        fitted = np.asarray([_gamma_poisson(cumulative[side.start:side.stop, x])
                             for x in range(cumulative.shape[1])])
        rivals = cumulative[rows, lv] - 1
        return np.asarray((fitted[lv, 0] + rivals) / (fitted[lv, 1] + 1) / max(other, 1),
                          dtype=np.float64)

    if prep.dedupe:
        everyone = range(prep.n)
        rate = np.maximum(rates(everyone, i[sel], prep.n - 1),
                          rates(everyone, j[sel], prep.n - 1))
    else:
        rate = np.maximum(rates(range(prep.n_left), i[sel], prep.n - prep.n_left),
                          rates(range(prep.n_left, prep.n), j[sel], prep.n_left))
    out[sel] = np.log2(np.asarray(u, dtype=np.float64)[lv] / np.maximum(rate, 1e-12))
    return out


def prior_from_one_to_one(params: Parameters, i: IntArray, j: IntArray,
                          levels: NDArray[np.int8], total_pairs: float,
                          rounds: int = 5, adjust: FloatArray | None = None) -> Parameters:
    """Linking: the prior as the expected number of one-to-one matches over all pairs.

    Each record is in at most one true pair, so the matches are the one-to-one pairs;
    their summed match probability over all record pairs is the prior, which changes
    the probabilities, so this is repeated to a fixed point (a few rounds).
    """
    # The assignment depends on the weights only, not on the prior: made once. Pairs below
    # -20 bits have a match probability under one in a million whatever the prior (it
    # stays at most 1/2); they are left out of it (they come last in the greedy order, so
    # the others' assignment is the same) and add nothing that counts to the sum.
    weight, _ = score(params, levels, adjust)
    weight -= params.prior_weight
    near = np.flatnonzero(weight >= -20.0)
    keep = near[one_to_one(i[near], j[near], weight[near])]
    for _ in range(rounds):
        _, prob = score(params, levels[keep], None if adjust is None else adjust[keep])
        expected = float(prob.sum())
        prior = min(max(expected / max(total_pairs, 1.0), 1e-15), 0.5)
        if abs(math.log(prior / params.prior)) < 0.01:
            break
        params = Parameters(params.m, params.u, prior, params.iterations)
    return params


#: Belief-propagation rounds of :func:`competing_probability` at most; it stops earlier
#: once no message moves by more than :data:`COMPETING_TOLERANCE`.
COMPETING_ROUNDS = 20
COMPETING_TOLERANCE = 1e-3
#: Pairs handled at a time by :func:`competing_probability` (bounds its temporaries).
COMPETING_CHUNK = 4_000_000


def competing_probability(i: IntArray, j: IntArray, total: FloatArray) -> FloatArray:
    """Linking: each pair's match probability given the *other* candidates of its two
    records, not as if it were alone.

    A pair's weight (log2 odds, the prior included) judges it on its own. When a report
    has several candidates that look alike (two women named Nur born in 1998, or, on a
    list of 500,000, a handful of near-namesakes with a birthday close by), each alone
    may look likely, yet at most one is the person. Each record being in at most one
    true pair, with o the odds of each pair, the probability that (i, j) is a match comes
    from belief propagation over that constraint (sum-product; i a left row, j a right
    row, nu starting at 1):

        lam_ij = o_ij / (1 + sum over i's other pairs of o_im nu_mi)   (i's message to j)
        nu_ji  = 1 / (1 + sum over j's other pairs of lam_kj)          (j's message to i)
        p_ij   = o_ij nu_ji / (1 + sum over all i's pairs of o_im nu_mi)

    It is exact where the candidate pairs form no cycle (a report with several
    namesakes, each a candidate of nothing else: odds 3 and 3 give 3/7 each) and a close
    approximation otherwise. A pair with no rival keeps o / (1 + o); namesakes share it;
    and, unlike a count of every rival, a rival record that has a pair of its own much
    more likely than this one hardly takes a share (its message is small). A few rounds
    settle it (see :data:`COMPETING_ROUNDS`). Pairs far below the line (odds under
    2**-40) change nothing that counts and may be left out by a caller.
    """
    if not len(i):
        return np.zeros(0, dtype=np.float64)
    n = int(max(i.max(), j.max())) + 1
    chunks = [slice(a, a + COMPETING_CHUNK) for a in range(0, len(i), COMPETING_CHUNK)]
    nu = np.ones(len(i), dtype=np.float64)
    lam = np.empty(len(i), dtype=np.float64)

    def summed_left() -> FloatArray:
        out = np.zeros(n, dtype=np.float64)
        for c in chunks:
            out += left_sums(n, i[c], total[c], nu[c])
        return out

    for _ in range(COMPETING_ROUNDS):
        left = summed_left()
        right = np.zeros(n, dtype=np.float64)
        for c in chunks:
            lam[c] = left_messages(i[c], total[c], nu[c], left)
            right += right_sums(n, j[c], lam[c])
        moved = 0.0
        for c in chunks:
            new = right_messages(j[c], lam[c], right)
            moved = max(moved, float(np.abs(new - nu[c]).max()))
            nu[c] = new
        if moved <= COMPETING_TOLERANCE:
            break
    del lam
    left = summed_left()
    return np.concatenate([pair_probability(i[c], total[c], nu[c], left) for c in chunks])


# The steps of competing_probability, each on any subset of the pairs (sums over disjoint
# subsets add up: the Spark job sums them over partitions).


def _odds(total: FloatArray) -> FloatArray:
    # 2**900 still leaves room for sums of thousands of pairs in float64 (up to 2**1023)
    return np.exp2(np.clip(total, -900.0, 900.0))


def left_sums(n: int, i: IntArray, total: FloatArray, nu: FloatArray) -> FloatArray:
    """Per record (n rows): the sum of o * nu over its pairs as the left record."""
    return np.asarray(np.bincount(i, weights=_odds(total) * nu, minlength=n), dtype=np.float64)


def left_messages(i: IntArray, total: FloatArray, nu: FloatArray,
                  sums: FloatArray) -> FloatArray:
    """lam of each pair, from :func:`left_sums` over all pairs."""
    odds = _odds(total)
    # "1 + the others" is at least 1; the subtraction may round below it when this pair
    # outweighs the others by 2**52 or more
    return np.asarray(odds / np.maximum(1.0 + sums[i] - odds * nu, 1.0), dtype=np.float64)


def right_sums(n: int, j: IntArray, lam: FloatArray) -> FloatArray:
    """Per record (n rows): the sum of lam over its pairs as the right record."""
    return np.asarray(np.bincount(j, weights=lam, minlength=n), dtype=np.float64)


def right_messages(j: IntArray, lam: FloatArray, sums: FloatArray) -> FloatArray:
    """nu of each pair, from :func:`right_sums` over all pairs."""
    return np.asarray(1.0 / np.maximum(1.0 + sums[j] - lam, 1.0), dtype=np.float64)


def pair_probability(i: IntArray, total: FloatArray, nu: FloatArray,
                     sums: FloatArray) -> FloatArray:
    """p of each pair, from :func:`left_sums` over all pairs with the final nu."""
    return np.asarray(_odds(total) * nu / (1.0 + sums[i]), dtype=np.float64)


def score(params: Parameters, levels: NDArray[np.int8],
          adjust: FloatArray | None = None) -> tuple[FloatArray, FloatArray]:
    """(total match weight in bits, match probability) of every pair; ``adjust`` (bits
    per pair, see :func:`term_frequency_adjustment`) is added to the weight."""
    total = np.full(len(levels), params.prior_weight, dtype=np.float64)
    for c, w in enumerate(params.weights()):
        total += w[levels[:, c]]
    if adjust is not None:
        total += adjust
    prob = 1.0 / (1.0 + np.exp2(-np.clip(total, -1000, 1000)))
    return total, prob


# ---------------------------------------------------------------- decisions


def one_to_one(i: IntArray, j: IntArray, weight: FloatArray) -> NDArray[np.bool_]:
    """Greedy one-to-one: highest weight first (ties: lower i, then j); each row used once.
    Walks the order a million pairs at a time (Python lists of every pair at once would
    take gigabytes on 100 million pairs)."""
    order = np.lexsort((j, i, -weight))
    used = bytearray(int(max(i.max(initial=-1), j.max(initial=-1))) + 1)
    keep = np.zeros(len(i), dtype=bool)
    step = 1_000_000
    for start in range(0, len(order), step):
        block = order[start:start + step]
        for k, a, b in zip(block.tolist(), i[block].tolist(), j[block].tolist(), strict=True):
            if used[a] or used[b]:
                continue
            used[a] = used[b] = 1
            keep[k] = True
    return keep


def connected_components(n: int, i: IntArray, j: IntArray) -> IntArray:
    """Cluster id (the smallest row in its cluster) of every row, joining each (i, j)."""
    parent = list(range(n))

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for a, b in zip(i.tolist(), j.tolist(), strict=True):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return np.asarray([find(x) for x in range(n)], dtype=np.int64)


def constrained_clusters(n: int, i: IntArray, j: IntArray, probability: FloatArray,
                         ladder: Sequence[float] = (0.5, 0.9, 0.95, 0.99, 0.999, 0.9999),
                         cannot_link: float = 0.01) -> IntArray:
    """Connected components that respect "cannot-link" evidence.

    Plain connected components chain: one false edge merges two people's clusters. Here a
    cluster formed at threshold ``t`` is kept only if no compared pair inside it scored
    below ``cannot_link`` (the engine saw them and judged them different people);
    otherwise its records are clustered again from the stronger edges of the next
    threshold of ``ladder``. Records left at the last threshold keep its components.
    """
    result = np.arange(n, dtype=np.int64)
    active = np.ones(n, dtype=bool)
    weak = probability < cannot_link
    for step, t in enumerate(ladder):
        both = active[i] & active[j]
        sel = both & (probability >= t)
        comp = connected_components(n, i[sel], j[sel])
        if step == len(ladder) - 1:
            result[active] = comp[active]
            break
        conflict = both & weak & (comp[i] == comp[j])
        bad = np.isin(comp, np.unique(comp[i[conflict]]))
        done = active & ~bad
        result[done] = comp[done]
        active &= bad
        if not active.any():
            break
    return result


@dataclass(frozen=True, slots=True)
class TableLinkage:
    """Everything a table run produced (rows index the stacked table, see module doc)."""

    i: IntArray
    j: IntArray
    levels: NDArray[np.int8]
    weight: FloatArray
    probability: FloatArray
    params: Parameters
    n_left: int
    n: int

    def match_rows(self, threshold: float) -> IntArray:
        """Link mode: which scored pairs (indices into ``i``, ``j``...) are kept one-to-one
        among those at or above ``threshold``."""
        sel = np.flatnonzero(self.probability >= threshold)
        return sel[one_to_one(self.i[sel], self.j[sel], self.weight[sel])]

    def matches(self, threshold: float) -> tuple[IntArray, IntArray]:
        """Link mode: one-to-one pairs at or above ``threshold`` (right rows re-based at 0)."""
        rows = self.match_rows(threshold)
        return self.i[rows], self.j[rows] - self.n_left

    def clusters(self, threshold: float) -> IntArray:
        """Dedupe mode: connected components of the pairs at or above ``threshold``."""
        sel = self.probability >= threshold
        return connected_components(self.n, self.i[sel], self.j[sel])

    def constrained_clusters(self, start: float = 0.5) -> IntArray:
        """Dedupe mode: :func:`constrained_clusters` from threshold ``start`` upwards."""
        ladder = [t for t in (0.5, 0.9, 0.95, 0.99, 0.999, 0.9999) if t >= start]
        return constrained_clusters(self.n, self.i, self.j, self.probability, ladder)


def run(model: TableModel, left: Columns, right: Columns | None = None,
        params: Parameters | None = None) -> TableLinkage:
    """Block, compare, estimate m/u by EM (unless ``params`` given) and score.

    ``right=None`` deduplicates ``left``. Values are strings, "" for missing.
    """
    prep = prepare(left, right, model.columns)
    i, j, members = block_with_rules(prep, model.blocking)
    levels = compare(prep, model, i, j)
    if params is None:
        ri, rj = random_pairs(prep, 200_000)
        random_levels = compare(prep, model, ri, rj)
        u = u_from_random_pairs(model, random_levels)
        total = (prep.n * (prep.n - 1) / 2 if prep.dedupe
                 else prep.n_left * (prep.n - prep.n_left))
        params = estimate_by_sessions(model, levels, members, u, total)
        params = anchor_m(prep, model, params, i, j, levels)
        params = anchor_own_m(model, params, levels, members, random_levels)
        params = floor_m(model, params)
        adjust = term_frequency_adjustment(prep, model, params, i, j, levels)
        if not prep.dedupe:
            params = prior_from_one_to_one(params, i, j, levels, total, adjust=adjust)
    else:
        adjust = term_frequency_adjustment(prep, model, params, i, j, levels)
    weight, prob = score(params, levels, adjust)
    if model.competing and not prep.dedupe:
        prob = competing_probability(i, j, weight)
    return TableLinkage(i, j, levels, weight, prob, params, prep.n_left, prep.n)
