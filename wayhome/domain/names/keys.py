"""The consonant-skeleton key (rules in ``data/phonetic.toml``)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

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


@functools.cache
def phonetic_rules() -> PhoneticRules:
    data = load("phonetic")
    letters = data.get("letters")
    if not isinstance(letters, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1
        for k, v in letters.items()
    ):
        raise NameDataError("phonetic.toml: [letters] maps one letter to one letter")
    return PhoneticRules(
        digraphs=pairs(data, "digraphs"),
        letters=dict(letters),
        drop_after_first=frozenset(str(data.get("drop_after_first", ""))),
        vowels=frozenset(str(data.get("vowels", ""))),
        initial_vowel=str(data.get("initial_vowel", "a")),
    )


def skeleton(token: str) -> str:
    """Consonant skeleton of one folded Latin token: "somying" -> "smn", "nguyen" -> "nn".

    Non a-z characters are ignored; an empty token gives "".
    """
    rules = phonetic_rules()
    word = _NON_LETTERS.sub("", token.lower())
    if not word:
        return ""
    for src, dst in rules.digraphs:
        word = word.replace(src, dst)
    word = "".join(rules.letters.get(ch, ch) for ch in word)
    first, rest = word[0], word[1:]
    if first in rules.vowels:
        first = rules.initial_vowel
    body = first + "".join(ch for ch in rest if ch not in rules.drop_after_first)
    out: list[str] = []
    for ch in body:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


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
