"""Blocking: which left/right pairs are worth comparing, without losing cross-script pairs.

Two records are a candidate pair when their names (as analysed by the names engine) share
at least one whole-name consonant key, one order-free token-set key, or one token of a
romanised variant spelling. Every script is romanised before keys are made, so "สมหญิง"
and "Somyhing" or "陳大文" and "Chan Tai Man" meet in the same block. A single-token
block (e.g. "nguyen", shared by a large part of a Vietnamese list) holding more than
``max_token_block`` records on either side is not used on its own: such pairs still meet
through the whole-name and token-set keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from wayhome.domain.names import Name


def block_keys(name: Name) -> tuple[frozenset[str], frozenset[str]]:
    """(strong keys, variant-token keys) of one analysed name, each tagged by kind."""
    strong = {f"k:{k}" for k in name.keys if k} | {f"t:{k}" for k in name.token_keys if k}
    tokens = {f"v:{t}" for v in name.variants for t in v.split() if len(t) >= 2}
    return frozenset(strong), frozenset(tokens)


def candidate_pairs(
    left: Sequence[Name], right: Sequence[Name], max_token_block: int = 60
) -> list[tuple[int, int]]:
    """Sorted (left index, right index) pairs sharing at least one usable block."""
    index: dict[str, list[int]] = defaultdict(list)
    right_count: dict[str, int] = defaultdict(int)
    right_keys: list[frozenset[str]] = []
    for i, n in enumerate(left):
        strong, tokens = block_keys(n)
        for k in strong | tokens:
            index[k].append(i)
    for n in right:
        strong, tokens = block_keys(n)
        for k in tokens:
            right_count[k] += 1
        right_keys.append(strong | tokens)
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
