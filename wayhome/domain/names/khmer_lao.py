"""Rule-based romanisation of Khmer and Lao names (tables in ``data/khmer.toml`` and
``data/lao.toml``; everyday rewrites in ``data/khmer_lao.toml``).

Neither script has a maintained offline romaniser on PyPI (PyICU needs compiling here and
its Khmer/Lao transliterators give ISO-style forms, not the spellings on lists), so these
readers split a token into written syllables and spell each from the tables: the
UNGEGN (Khmer) or BGN/PCGN (Lao) reading first, then the everyday spellings of names
("Sokha", "Chanthou", "Vannak"; "Souksavanh", "Phonsavanh", "Bounmy"). Combinations are
ranked by how usual their parts are (the sum of the parts' positions in their lists).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from anyascii import anyascii

from ._data import load, pairs, variant_table
from .model import NameDataError

#: Most spellings returned per token.
MAX_TOKEN_VARIANTS = 24
_PRODUCT_CAP = 2000


def _ranked(per_syllable: Sequence[Sequence[str]], limit: int) -> list[str]:
    """Joined combinations, most usual first (lowest sum of positions), stable."""
    indexed = [list(enumerate(options)) for options in per_syllable if options]
    combos = itertools.islice(itertools.product(*indexed), _PRODUCT_CAP)
    scored = sorted(
        ((sum(i for i, _ in combo), "".join(s for _, s in combo)) for combo in combos),
        key=lambda item: item[0],
    )
    out: dict[str, None] = {}
    for _, spelling in scored:
        if spelling:
            out.setdefault(spelling, None)
        if len(out) >= limit:
            break
    return list(out)


def _everyday(bases: Sequence[str], rules_key: str) -> tuple[str, ...]:
    """Each base, then (for the first few) all combined rewrites and each rewrite alone."""
    data = load("khmer_lao")
    rules, combined = pairs(data, rules_key), pairs(data, f"{rules_key}_combined")
    out: dict[str, None] = {}
    for rank, base in enumerate(bases):
        out.setdefault(base, None)
        if rank >= 4:
            continue
        text = base  # the everyday form of a usual spelling comes right after it
        for pattern, repl in combined:
            text = re.sub(pattern, repl, text)
        out.setdefault(text, None)
        for pattern, repl in rules:
            out.setdefault(re.sub(pattern, repl, base), None)
    return tuple(s for s in out if s)[:MAX_TOKEN_VARIANTS]


# ------------------------------------------------------------------ Khmer

_COENG = "\u17d2"
_TO_A_SERIES = "\u17c9"  # muusikatoan
_TO_O_SERIES = "\u17ca"  # triisap
_SILENCER = "\u17cd"  # toandakhiat: the letter it sits on is not pronounced
_BANTOC = "\u17cb"  # shortens the vowel; marks its consonant as a final
_IGNORED = frozenset("\u17cc\u17ce\u17cf\u17d1\u17d3\u17dd")
_KHMER_SONORANTS = frozenset("ងញនមយរលវ")


@dataclass(frozen=True, slots=True)
class _KhmerTables:
    consonants: dict[str, tuple[str, str, tuple[str, ...]]]
    independent: dict[str, tuple[str, ...]]
    vowels: dict[str, dict[str, tuple[str, ...]]]
    max_variants: int


@functools.cache
def _khmer() -> _KhmerTables:
    data = load("khmer")
    raw = data.get("consonants")
    if not isinstance(raw, dict):
        raise NameDataError("khmer.toml: [consonants] missing")
    consonants: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for letter, value in raw.items():
        if not (isinstance(value, list) and len(value) == 3 and value[0] in ("a", "o")):
            raise NameDataError(f"khmer.toml: consonants.{letter}: [series, initial, finals]")
        consonants[letter] = (str(value[0]), str(value[1]), tuple(str(value[2]).split("/")))
    vowels_raw = data.get("vowels")
    if not isinstance(vowels_raw, dict):
        raise NameDataError("khmer.toml: [vowels.a] and [vowels.o] missing")
    vowels = {series: variant_table(vowels_raw, series) for series in ("a", "o")}
    return _KhmerTables(consonants, variant_table(data, "independent"), vowels,
                        int(data.get("max_variants", 16)))


def _is_khmer_vowel_sign(ch: str) -> bool:
    return "\u17b6" <= ch <= "\u17c8" or ch == "\u17d0"


def _khmer_syllables(token: str) -> list[list[str]]:
    """Spellings of each written syllable of one Khmer token."""
    t = _khmer()
    text = "".join(ch for ch in token if ch not in _IGNORED)
    # a consonant carrying the silencer is dropped with it
    text = re.sub(f"[\u1780-\u17a2]{_SILENCER}", "", text).replace(_SILENCER, "")
    out: list[list[str]] = []
    pos, n = 0, len(text)
    while pos < n:
        ch = text[pos]
        if ch in t.independent:
            nucleus: list[str] = list(t.independent[ch])
            pos += 1
            final, pos = _khmer_final(text, pos, True)
            out.append([v + f for v in nucleus for f in final] if final else nucleus)
            continue
        if ch not in t.consonants:
            pos += 1
            spelled = anyascii(ch).lower()
            if spelled.isalpha():
                out.append([spelled])
            continue
        onset = [ch]
        pos += 1
        while pos + 1 < n and text[pos] == _COENG and text[pos + 1] in t.consonants:
            onset.append(text[pos + 1])
            pos += 2
        series = t.consonants[onset[0]][0]
        if len(onset) > 1 and onset[1] not in _KHMER_SONORANTS:
            series = t.consonants[onset[1]][0]
        vowel = ""
        while pos < n and (_is_khmer_vowel_sign(text[pos]) or text[pos] in (_TO_A_SERIES,
                                                                              _TO_O_SERIES)):
            if text[pos] == _TO_A_SERIES:
                series = "a"
            elif text[pos] == _TO_O_SERIES:
                series = "o"
            else:
                vowel += text[pos]
            pos += 1
        final, pos = _khmer_final(text, pos, bool(vowel))
        table = t.vowels[series]
        key = "_closed" if not vowel and final else vowel
        nuclei = table.get(key) or (anyascii(vowel).lower() or "a",)
        initial = "".join(_khmer_initial(c, i, len(onset)) for i, c in enumerate(onset))
        if final:
            out.append([initial + v + f for v in nuclei for f in final])
        else:
            out.append([initial + v for v in nuclei])
    return out


def _khmer_initial(letter: str, index: int, size: int) -> str:
    spelled = _khmer().consonants[letter][1]
    if letter == "ប" and index == 0 and size > 1:  # ប before a subscript is "p" (ប្រាក់ Prak)
        return "p"
    if letter == "អ" and index > 0:
        return ""
    return spelled


def _khmer_final(text: str, pos: int, has_vowel: bool = True) -> tuple[list[str], int]:
    """If a final consonant follows at `pos`, its spellings and the position after it
    (a subscript after a final starts the next syllable only if it carries a vowel).

    After a written vowel, a consonant followed by another plain consonant starts a new
    syllable instead (កុសល ko-sal, សុវណ្ណ so-vann)."""
    t = _khmer()
    if pos >= len(text) or text[pos] not in t.consonants:
        return [], pos
    nxt = text[pos + 1 : pos + 2]
    if nxt and (_is_khmer_vowel_sign(nxt) or nxt in (_TO_A_SERIES, _TO_O_SERIES)):
        return [], pos  # it carries a vowel: the next syllable's initial
    if nxt == _BANTOC:
        return list(t.consonants[text[pos]][2]), pos + 2
    if has_vowel and nxt in t.consonants:
        return [], pos
    finals = list(t.consonants[text[pos]][2])
    pos += 1
    if text[pos : pos + 1] == _COENG and pos + 1 < len(text):
        after = text[pos + 2 : pos + 3]
        if after and (_is_khmer_vowel_sign(after) or after in (_TO_A_SERIES, _TO_O_SERIES)):
            pos += 1  # the subscript becomes the next initial: skip only the coeng
            return finals, pos
        pos += 2  # a silent subscript at the end of the word (ច័ន្ទ Chan)
    return finals, pos


def romanise_khmer(token: str) -> tuple[str, ...]:
    """UNGEGN-like spelling first, then everyday spellings ("សុខា" -> "sokha", ...)."""
    syllables = _khmer_syllables(token)
    if not syllables:
        return ()
    bases = _ranked(syllables, _khmer().max_variants)
    return _everyday(bases, "khmer")


# ------------------------------------------------------------------ Lao

_LAO_PRE = frozenset("ເແໂໄໃ")
_LAO_TONES = frozenset("\u0ec8\u0ec9\u0eca\u0ecb\u0ecc")
_LAO_MARKS = frozenset("\u0eb0\u0eb1\u0eb2\u0eb3\u0eb4\u0eb5\u0eb6\u0eb7\u0eb8\u0eb9\u0ebb"
                       "\u0ebd\u0ecd")
_LAO_VOWEL_LETTERS = "ອວຍ"
_LAO_SUBSCRIPT_L = "\u0ebc"


@dataclass(frozen=True, slots=True)
class _LaoTables:
    initials: dict[str, tuple[str, ...]]
    finals: dict[str, tuple[str, ...]]
    vowels: dict[str, tuple[str, ...]]
    max_variants: int


@functools.cache
def _lao() -> _LaoTables:
    data = load("lao")
    return _LaoTables(variant_table(data, "initials"), variant_table(data, "finals"),
                      variant_table(data, "vowels"), int(data.get("max_variants", 16)))


def _is_lao_consonant(ch: str) -> bool:
    return "\u0e81" <= ch <= "\u0eae" or ch in "ໜໝ"


def _lao_carries_vowel(text: str, pos: int) -> bool:
    """Does the consonant at `pos` carry a vowel sign (so it begins a syllable)?"""
    j = pos + 1
    while j < len(text) and (text[j] in _LAO_TONES or text[j] == _LAO_SUBSCRIPT_L):
        j += 1
    return j < len(text) and text[j] in _LAO_MARKS


def _lao_syllables(token: str) -> list[list[str]]:
    t = _lao()
    text = "".join(ch for ch in token if ch not in _LAO_TONES and ch not in "ໆຯ")
    out: list[list[str]] = []
    pos, n = 0, len(text)
    while pos < n:
        pre = ""
        if text[pos] in _LAO_PRE:
            pre, pos = text[pos], pos + 1
        if pos >= n or not _is_lao_consonant(text[pos]):
            if pre:
                out.append(list(t.vowels.get(pre + "-", (anyascii(pre).lower(),))))
            elif pos < n:
                spelled = anyascii(text[pos]).lower()
                if spelled.isalpha():
                    out.append([spelled])
                pos += 1
            continue
        initial_key = text[pos]
        pos += 1
        if text[pos : pos + 1] == _LAO_SUBSCRIPT_L:
            initial_key, pos = initial_key + "ລ", pos + 1
        elif (initial_key == "ຫ" and pos < n and initial_key + text[pos] in t.initials
              and (pre or _lao_carries_vowel(text, pos) or text[pos + 1 : pos + 2] in ("ອ",))):
            initial_key, pos = initial_key + text[pos], pos + 1
        marks = ""
        while pos < n and text[pos] in _LAO_MARKS:
            marks, pos = marks + text[pos], pos + 1
        # ອ ວ ຍ can belong to the vowel (ພອນ, ສວນ, ເມືອງ, ເສັຍ) unless they carry a vowel
        if pos < n and text[pos] in _LAO_VOWEL_LETTERS and not _lao_carries_vowel(text, pos):
            candidate = f"{pre}-{marks}{text[pos]}"
            if candidate in t.vowels or candidate + "+" in t.vowels:
                nxt = text[pos + 1 : pos + 2]
                closed_only = candidate not in t.vowels
                has_final = bool(nxt) and nxt in t.finals and not _lao_carries_vowel(text, pos + 1)
                if not closed_only or has_final:
                    marks, pos = marks + text[pos], pos + 1
        finals: tuple[str, ...] = ()
        if (pos < n and text[pos] in t.finals and not _lao_carries_vowel(text, pos)
                and not (pos + 1 < n and text[pos + 1] == _LAO_SUBSCRIPT_L)):
            finals, pos = t.finals[text[pos]], pos + 1
        key = f"{pre}-{marks}"
        nuclei = (t.vowels.get(key + "+") if finals else None) or t.vowels.get(key)
        if nuclei is None:
            nuclei = (anyascii(pre + marks).lower() or "a",)
        initials = t.initials.get(initial_key) or (anyascii(initial_key).lower(),)
        out.append([i + v + f for i in initials for v in nuclei for f in (finals or ("",))])
    return out


def romanise_lao(token: str) -> tuple[str, ...]:
    """BGN/PCGN-like spelling first, then everyday ones ("ສຸກສະຫວັນ" -> "souksavanh", ...)."""
    syllables = _lao_syllables(token)
    if not syllables:
        return ()
    bases = _ranked(syllables, _lao().max_variants)
    return _everyday(bases, "lao")
