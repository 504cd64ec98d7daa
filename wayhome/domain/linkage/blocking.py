"""Blocking: which left/right pairs are worth comparing, without losing cross-script pairs.

Two records are a candidate pair when their names (as analysed by the names engine) share
at least one whole-name consonant key, one order-free token-set key, or one token of a
romanised variant spelling. Every script is romanised before keys are made, so "สมหญิง"
and "Somyhing" or "陳大文" and "Chan Tai Man" meet in the same block. A single-token
block (e.g. "nguyen", shared by a large part of a Vietnamese list) holding more than
``max_token_block`` records on either side is not used on its own: such pairs still meet
through the whole-name and token-set keys. Given the birth dates too, two records with the
same full date of birth are a candidate pair whatever their names: a name respelt beyond
every key ("Wira Chinnawat" / "Veera Shinawatra") still meets its record.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from wayhome.domain.names import Name

from .model import parse_birth


def block_keys(name: Name) -> tuple[frozenset[str], frozenset[str]]:
    """(strong keys, variant-token keys) of one analysed name, each tagged by kind."""
    strong = {f"k:{k}" for k in name.keys if k} | {f"t:{k}" for k in name.token_keys if k}
    tokens = {f"v:{t}" for v in name.variants for t in v.split() if len(t) >= 2}
    return frozenset(strong), frozenset(tokens)


def birth_key(birth: str) -> frozenset[str]:
    """The block key of a full date of birth ("YYYY-MM-DD"); none for a year, a year and
    month, or no date."""
    parsed = parse_birth(birth) if birth.strip() else None
    if parsed is None or not parsed.is_full:
        return frozenset()
    return frozenset({f"b:{parsed.year:04d}-{parsed.month:02d}-{parsed.day:02d}"})


def candidate_pairs(
    left: Sequence[Name], right: Sequence[Name], max_token_block: int = 60,
    births: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[tuple[int, int]]:
    """Sorted (left index, right index) pairs sharing at least one usable block.

    ``births``: the records' birth dates (valid ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    strings, "" for none), left and right, to pair records born on the same full date as
    well."""
    index: dict[str, list[int]] = defaultdict(list)
    right_count: dict[str, int] = defaultdict(int)
    right_keys: list[frozenset[str]] = []
    left_births, right_births = births or ([""] * len(left), [""] * len(right))
    for i, (n, b) in enumerate(zip(left, left_births, strict=True)):
        strong, tokens = block_keys(n)
        for k in strong | tokens | birth_key(b):
            index[k].append(i)
    for n, b in zip(right, right_births, strict=True):
        strong, tokens = block_keys(n)
        for k in tokens:
            right_count[k] += 1
        right_keys.append(strong | tokens | birth_key(b))
    pairs: set[tuple[int, int]] = set()
    for j, keys in enumerate(right_keys):
        for k in keys:
            members = index.get(k)
            if not members:
                continue
            if k.startswith("v:") and max(len(members), right_count[k]) > max_token_block:
                continue
            pairs.update((i, j) for i in members)
    return sorted(pairs)
