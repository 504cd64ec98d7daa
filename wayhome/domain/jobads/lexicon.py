"""Red-flag lexicons: loading the TOML data files and matching them on folded text.

Each file in ``data/flags/`` is one flag: its category, its sources, a title and
a reason in each language, and its terms per language (plus optional regular
expressions). Latin-script terms match whole words (a trailing ``*`` allows any
ending); Thai, Khmer, Burmese and Chinese are written without spaces between
words, so their terms match anywhere. ``data/combinations.toml`` names pairs of
flags that mean more together than apart (a job in Thailand *and* travel via
Mae Sot).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .text import Folded, fold_term

LANGUAGES: tuple[str, ...] = ("en", "th", "vi", "id", "fil", "km", "my", "zh")
CATEGORIES: tuple[str, ...] = (
    "channel", "offer", "role", "place", "pressure", "combination", "assurance",
)
MAX_MATCHES_PER_FLAG = 5
# Latin-script words (folded text has no Latin diacritics left, bar rare letters).


class LexiconError(ValueError):
    """A data file is malformed (a packaging bug, not user input)."""


@dataclass(frozen=True)
class Term:
    """One folded term; ``spaced`` terms need word boundaries around them."""

    text: str
    spaced: bool
    prefix: bool
    first_word: str


@dataclass(frozen=True)
class FlagDef:
    """A flag as described in its data file."""

    id: str
    category: str
    titles: dict[str, str]
    reasons: dict[str, str]
    sources: tuple[str, ...]
    terms: tuple[Term, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()
    pattern_needs: tuple[tuple[str, ...], ...] = ()
    requires: tuple[str, ...] = ()
    terms_by_language: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.titles.get(lang) or self.titles["en"]

    def reason(self, lang: str) -> str:
        return self.reasons.get(lang) or self.reasons["en"]


def _is_word_char(c: str) -> bool:
    """A character that would continue a Latin-script word."""
    return c.isalnum() and (ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF)


def _make_term(raw: str) -> Term:
    prefix = False
    text = fold_term(raw)
    if not text:
        raise LexiconError(f"empty term {raw!r}")
    spaced = any(_is_word_char(c) for c in text)
    return Term(text=text, spaced=spaced, prefix=prefix, first_word="")


def _texts(data: Any, key: str, name: str) -> dict[str, str]:
    table = data.get(key)
    if not isinstance(table, dict) or not isinstance(table.get("en"), str):
        raise LexiconError(f"{name}: [{key}] needs at least an 'en' text")
    return {k: str(v) for k, v in table.items() if k in LANGUAGES}


def _flag_from(data: dict[str, Any], name: str) -> FlagDef:
    fid = data.get("id")
    category = data.get("category")
    if not isinstance(fid, str) or category not in CATEGORIES:
        raise LexiconError(f"{name}: needs an id and a category in {CATEGORIES}")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        raise LexiconError(f"{name}: every flag cites at least one source")
    terms_table = data.get("terms", {})
    by_lang: dict[str, tuple[str, ...]] = {}
    terms: list[Term] = []
    for lang, words in terms_table.items():
        if lang not in LANGUAGES:
            raise LexiconError(f"{name}: unknown language {lang!r}")
        by_lang[lang] = tuple(str(w) for w in words)
        terms.extend(_make_term(str(w)) for w in words)
    unique = {t.text + ("*" if t.prefix else ""): t for t in terms}
    # A pattern is {regex = '...', needs = ['$', 'usd']}: it only runs when one
    # of the (folded) ``needs`` strings is in the text, which keeps long ads fast.
    raw_patterns = data.get("patterns", [])
    patterns = tuple(re.compile(str(p["regex"])) for p in raw_patterns)
    needs = tuple(tuple(fold_term(str(k)) for k in p.get("needs", [])) for p in raw_patterns)
    return FlagDef(
        id=fid,
        category=str(category),
        titles=_texts(data, "title", name),
        reasons=_texts(data, "reason", name),
        sources=tuple(str(s) for s in sources),
        terms=tuple(unique.values()),
        patterns=patterns,
        pattern_needs=needs,
        requires=tuple(str(r) for r in data.get("requires", [])),
        terms_by_language=by_lang,
    )


def _trie_regex(words: list[str]) -> str:
    """A regular expression matching any of ``words``, built as a trie.

    One pass of a trie-shaped pattern is much faster than trying a thousand
    alternatives at every position. A space in a term matches any run of
    white space.
    """
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            body = "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class Matcher:
    """All terms of all flags compiled into three trie regexes.

    Latin-script terms need word boundaries (a lookbehind, and a lookahead
    when the term ends in a letter or digit); terms in scripts written without
    spaces match anywhere.
    """

    latin: tuple[tuple[re.Pattern[str], bool], ...]
    anywhere: re.Pattern[str] | None
    first_words: frozenset[str]
    term_flags: dict[str, tuple[str, ...]]
    patterns: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]

    def spans(self, folded: str) -> dict[str, list[tuple[int, int]]]:
        """Spans of every term and pattern in ``folded``, by flag id."""
        found: dict[str, list[tuple[int, int]]] = {}
        n = len(folded)
        first_words = self.first_words
        # Latin terms start at a word start: try the tries only where a word
        # that begins some term starts (one set lookup per word).
        for w in _TOKEN.finditer(folded):
            if w.group() not in first_words:
                continue
            s = w.start()
            for rx, check_after in self.latin:
                m = rx.match(folded, s)
                if m is None:
                    continue
                e = m.end()
                if check_after and e < n and _is_word_char(folded[e]):
                    # The longest term failed at its end; a shorter one may fit.
                    e = self._shorter_fit(rx, folded, s, e)
                    if e < 0:
                        continue
                self._add(found, folded, s, e)
        if self.anywhere is not None:
            pos = 0
            while True:
                m = self.anywhere.search(folded, pos)
                if m is None:
                    break
                self._add(found, folded, m.start(), m.end())
                pos = m.start() + 1
        for fid, pat, needs in self.patterns:
            if needs and not any(k in folded for k in needs):
                continue
            for m in pat.finditer(folded):
                if m.end() > m.start():
                    found.setdefault(fid, []).append((m.start(), m.end()))
        return found

    def _add(self, found: dict[str, list[tuple[int, int]]], folded: str, s: int, e: int) -> None:
        key = _SPACES.sub(" ", folded[s:e])
        for fid in self.term_flags.get(key, ()):
            found.setdefault(fid, []).append((s, e))

    def _shorter_fit(self, rx: re.Pattern[str], folded: str, s: int, e: int) -> int:
        """The end of the longest term at ``s`` that ends on a word boundary, or -1."""
        n = len(folded)
        for end in range(e - 1, s, -1):
            if end < n and _is_word_char(folded[end]) and _is_word_char(folded[end - 1]):
                continue
            m = rx.fullmatch(folded, s, end)
            if m is not None and _SPACES.sub(" ", folded[s:end]) in self.term_flags:
                return end
        return -1


_SPACES = re.compile(r"\s+")
# A run of Latin-script letters or digits (folded text: no capitals, few marks).
_TOKEN = re.compile("[0-9a-z\u00c0-\u024f\u1e00-\u1eff]+")


def build_matcher(flags: tuple[FlagDef, ...]) -> Matcher:
    term_flags: dict[str, list[str]] = {}
    both: list[str] = []
    before_only: list[str] = []
    anywhere: list[str] = []
    for flag in flags:
        for t in flag.terms:
            ids = term_flags.setdefault(t.text, [])
            if flag.id not in ids:
                ids.append(flag.id)
    for text in term_flags:
        if not _is_word_char(text[0]):
            # Thai, Khmer, Burmese, Chinese (or a term starting with a symbol).
            anywhere.append(text)
        elif _is_word_char(text[-1]):
            both.append(text)
        else:
            before_only.append(text)
    latin = []
    if both:
        latin.append((re.compile(_trie_regex(both)), True))
    if before_only:
        latin.append((re.compile(_trie_regex(before_only)), False))
    first_words = set()
    for text in both + before_only:
        m = _TOKEN.match(text)
        if m is None:
            raise LexiconError(f"a Latin-script term must start with a letter or digit: {text!r}")
        first_words.add(m.group())
    patterns = tuple(
        (f.id, p, needs) for f in flags for p, needs in zip(f.patterns, f.pattern_needs, strict=True)
    )
    return Matcher(
        latin=tuple(latin),
        anywhere=re.compile(_trie_regex(anywhere)) if anywhere else None,
        first_words=frozenset(first_words),
        term_flags={k: tuple(v) for k, v in term_flags.items()},
        patterns=patterns,
    )


def words_for(ftext: Folded, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The original words behind ``spans``, in order, without nested repeats."""
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if kept and s < kept[-1][1]:
            continue
        kept.append((s, e))
    words: list[str] = []
    for s, e in kept:
        w = ftext.original_span(s, e).strip()
        if w and w not in words:
            words.append(w)
        if len(words) >= MAX_MATCHES_PER_FLAG:
            break
    return tuple(words)


@dataclass(frozen=True)
class Catalogue:
    """All flags (lexicon flags first, then combinations), by id."""

    flags: tuple[FlagDef, ...]
    combinations: tuple[FlagDef, ...]
    version: str
    matcher: Matcher

    def get(self, fid: str) -> FlagDef:
        for f in self.flags + self.combinations:
            if f.id == fid:
                return f
        raise KeyError(fid)


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Read every flag file once."""
    root = resources.files(__package__) / "data"
    flags: list[FlagDef] = []
    flag_dir = root / "flags"
    for entry in sorted(flag_dir.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            flags.append(_flag_from(tomllib.loads(entry.read_text("utf-8")), entry.name))
    combo_data = tomllib.loads((root / "combinations.toml").read_text("utf-8"))
    version = str(combo_data.get("lexicon_version", "unversioned"))
    ids = {f.id for f in flags}
    combos = []
    for item in combo_data.get("combination", []):
        c = _flag_from(item, "combinations.toml")
        if len(c.requires) < 2 or not set(c.requires) <= ids:
            raise LexiconError(f"combination {c.id}: requires two or more known flags")
        combos.append(c)
    if len(ids) != len(flags):
        raise LexiconError("two flag files share an id")
    return Catalogue(
        flags=tuple(flags),
        combinations=tuple(combos),
        version=version,
        matcher=build_matcher(tuple(flags)),
    )


