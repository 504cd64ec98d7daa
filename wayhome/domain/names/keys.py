"""The consonant-skeleton key and the finer phonetic spelling (rules in
``data/phonetic.toml``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ._data import load, pairs
from .model import NameDataError

_NON_LETTERS = re.compile(r"[^a-z]+")


@dataclass(frozen=True, slots=True)
class PhoneticRules:
    digraphs: tuple[tuple[str, str], ...]
    letters: dict[str, str]
    drop_after_first: frozenset[str]
    vowels: frozenset[str]
    initial_vowel: str
    spelling_vowels: tuple[tuple[str, str], ...] = ()
    #: ``letters`` and ``drop_after_first`` as str.translate tables.
    letter_table: dict[int, int] = field(default_factory=dict)
    drop_table: dict[int, None] = field(default_factory=dict)


@functools.cache
def phonetic_rules() -> PhoneticRules:
    data = load("phonetic")
    letters = data.get("letters")
    if not isinstance(letters, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
        for k, v in letters.items()
    ):
        raise NameDataError("phonetic.toml: [letters] maps one letter to one letter")
    drop = frozenset(str(data.get("drop_after_first", "")))
    return PhoneticRules(
        digraphs=pairs(data, "digraphs"),
        letters=dict(letters),
        drop_after_first=drop,
        vowels=frozenset(str(data.get("vowels", ""))),
        initial_vowel=str(data.get("initial_vowel", "a")),
        spelling_vowels=pairs(data, "spelling_vowels"),
        letter_table=str.maketrans(dict(letters)),
        drop_table={ord(ch): None for ch in drop},
    )


_RUNS = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=1 << 18)
def skeleton(token: str) -> str:
    """Consonant skeleton of one folded Latin token: "somying" -> "smn", "nguyen" -> "nn".

    Non a-z characters are ignored; an empty token gives "".
    """
    rules = phonetic_rules()
    word = _NON_LETTERS.sub("", token.lower())
    if not word:
        return ""
    for src, dst in rules.digraphs:
        if src in word:
            word = word.replace(src, dst)
    word = word.translate(rules.letter_table)
    first = rules.initial_vowel if word[0] in rules.vowels else word[0]
    return _RUNS.sub(r"\1", first + word[1:].translate(rules.drop_table))


@functools.lru_cache(maxsize=1 << 18)
def phonetic_token(token: str) -> str:
    """The phonetic spelling of one folded Latin token: vowels kept, their length and
    usual alternative spellings folded ("htoon" -> "tun", "veelay" -> "wilai")."""
    rules = phonetic_rules()
    word = _NON_LETTERS.sub("", token.lower())
    if not word:
        return ""
    for src, dst in rules.spelling_vowels + rules.digraphs:
        if src in word:
            word = word.replace(src, dst)
    word = word.translate(rules.letter_table)
    word = word[0] + word[1:].replace("h", "").replace("y", "i")
    return _RUNS.sub(r"\1", word)


def phonetic_spelling(variant: str) -> str:
    """A whole spelling's phonetic tokens in sorted order: two spellings of one name
    that differ only as everyday romanisations do, in any token order, give the same
    string ("Wai Htoon Kyaw" ~ "Kyaw Wai Htun"); far fewer names collide than on the
    consonant skeleton, which drops the vowels ("Lan" ~ "Linh")."""
    return " ".join(sorted(t for t in (phonetic_token(x) for x in variant.split()) if t))


def name_key(variant: str) -> str:
    """Skeleton of a whole spelling with its tokens run together ("som ying" ~ "somying")."""
    return skeleton(variant.replace(" ", ""))


def token_set_keys(variant: str) -> tuple[str, ...]:
    """Order-free keys: all token skeletons sorted; and first + last token for 3+ tokens."""
    skels = [s for s in (skeleton(t) for t in variant.split()) if s]
    if not skels:
        return ()
    keys = [" ".join(sorted(skels))]
    if len(skels) >= 3:
        keys.append(" ".join(sorted((skels[0], skels[-1]))))
    return tuple(keys)
