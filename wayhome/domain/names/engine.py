"""normalise() and similarity(): the public entry points of the names engine."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable

from rapidfuzz import fuzz

from . import romanise as rom
from .keys import name_key, token_set_keys
from .khmer_lao import romanise_khmer, romanise_lao
from .model import MAX_NAME_LENGTH, Name, NameInputError
from .scripts import HAN, KHMER, LAO, MYANMAR, THAI, _script_of, detect_scripts
from .zawgyi import is_zawgyi, zawgyi_to_unicode

#: At most this many variant spellings are kept per name (the most usual first).
MAX_VARIANTS = 32
#: Similarity given to two names sharing a consonant-skeleton key, if the spellings
#: themselves score lower.
KEY_MATCH_SCORE = 0.85

# Separators between name tokens; hyphens and apostrophes join ("Tai-man" -> "taiman").
_SEPARATORS = re.compile(r"[\s,;/()\[\]\"“”·.]+")
_JOINERS = re.compile(r"[-‐‑'’]")
_ALLOWED_CONTROL = frozenset("\t\n\r")


def _check(name: object) -> str:
    if not isinstance(name, str):
        raise NameInputError(f"name: expected text, got {type(name).__name__}")
    text = unicodedata.normalize("NFC", name).strip()
    if not text:
        raise NameInputError("name: empty")
    if len(text) > MAX_NAME_LENGTH:
        raise NameInputError(f"name: longer than {MAX_NAME_LENGTH} characters ({len(text)})")
    for ch in text:
        if ch == "\ufffd" or (
            unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in _ALLOWED_CONTROL
        ):
            raise NameInputError(f"name: contains a control or undecodable character U+{ord(ch):04X}")
    if not any(ch.isalpha() for ch in text):
        raise NameInputError("name: contains no letters")
    return text


def _token_script(token: str) -> str | None:
    counts: dict[str, int] = {}
    for ch in token:
        script = _script_of(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda s: counts[s])


_ROMANISERS: dict[str, Callable[[str], tuple[str, ...]]] = {
    THAI: rom.romanise_thai,
    MYANMAR: rom.romanise_burmese,
    KHMER: romanise_khmer,
    LAO: romanise_lao,
}


@functools.lru_cache(maxsize=1 << 17)
def _romanise_token(script: str | None, token: str) -> tuple[str, ...]:
    """One token's spellings, memoised: tokens recur far more than whole names do (a
    register of 100,000 names holds a few thousand distinct given and family names)."""
    return _ROMANISERS.get(script or "", rom.romanise_latin)(token)


@functools.lru_cache(maxsize=1 << 14)
def _romanise_han(text: str) -> tuple[str, ...]:
    return rom.romanise_chinese(text)


def clear_caches() -> None:
    """Forget the memoised spellings and keys of single tokens and characters (for
    benchmarks that time a cold start; the data tables stay loaded)."""
    from .keys import phonetic_token, skeleton
    from .scripts import _script_of

    for cached in (_romanise_token, _romanise_han, skeleton, phonetic_token, _script_of):
        cached.cache_clear()


def _combine(per_token: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Whole-name spellings from each token's spellings, the most usual combinations
    first (lowest sum of the tokens' positions), at most ``MAX_VARIANTS``: so the
    everyday spelling of every token appears together, not only the first token's."""
    if not per_token:
        return ()
    indexed = [list(enumerate(options)) for options in per_token]
    combos = itertools.islice(itertools.product(*indexed), 4096)
    ranked = sorted(combos, key=lambda combo: sum(i for i, _ in combo))
    return rom.unique(" ".join(s for _, s in combo) for combo in ranked)[:MAX_VARIANTS]


def normalise(name: str) -> Name:
    """Analyse one written name.

    Raises :class:`NameInputError` for non-text, empty or whitespace-only input, more than
    ``MAX_NAME_LENGTH`` characters, control / undecodable characters, or no letters at all.
    Zawgyi-encoded Burmese is converted to Unicode first (``Name.zawgyi_converted``).
    """
    text = _check(name)
    scripts = detect_scripts(text)
    converted = False
    if MYANMAR in scripts and is_zawgyi(text):
        text, converted = zawgyi_to_unicode(text), True
    tokens = tuple(t for t in _SEPARATORS.split(_JOINERS.sub("", text)) if t)

    per_token: list[tuple[str, ...]] = []
    han = "".join(t for t in tokens if _token_script(t) == HAN)
    if han:
        per_token.append(_romanise_han(han))
    for token in tokens:
        script = _token_script(token)
        if script is None or script == HAN:
            continue
        spellings = _romanise_token(script, token)
        if spellings:
            per_token.append(spellings)

    variants = _combine(per_token)
    if not variants:
        raise NameInputError("name: no letters that can be romanised")
    keys = rom.unique(name_key(v) for v in variants)
    token_keys = rom.unique(k for v in variants for k in token_set_keys(v))
    return Name(
        original=name,
        scripts=frozenset(scripts),
        tokens=tokens,
        variants=variants,
        keys=keys,
        token_keys=token_keys,
        zawgyi_converted=converted,
    )


def _pair_score(a: str, b: str) -> float:
    set_sort = (fuzz.token_set_ratio(a, b) + fuzz.token_sort_ratio(a, b)) / 200.0
    joined = fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")) / 100.0
    return max(set_sort, joined)


def similarity(a: str | Name, b: str | Name) -> float:
    """How alike two names are, in [0, 1], whatever their scripts and token order.

    The best score over all pairs of variant spellings of the mean of rapidfuzz's
    token-set and token-sort ratios (the set ratio alone scores a lone given name
    1.0 against any full name containing it), or of the plain ratio of the spellings
    run together ("Som Ying" ~ "Somying"). Names sharing a consonant-skeleton key
    score at least ``KEY_MATCH_SCORE``. Symmetric. Raises :class:`NameInputError`
    as :func:`normalise` does.
    """
    na = a if isinstance(a, Name) else normalise(a)
    nb = b if isinstance(b, Name) else normalise(b)
    best = 0.0
    for va in na.variants:
        for vb in nb.variants:
            best = max(best, _pair_score(va, vb))
            if best >= 1.0:
                return 1.0
    if set(na.keys) & set(nb.keys) or set(na.token_keys) & set(nb.token_keys):
        best = max(best, KEY_MATCH_SCORE)
    return round(min(1.0, best), 4)
