"""The names engine's normalise(), memoised (a record's name is analysed once per run)."""

from __future__ import annotations

import functools

from wayhome.domain.names import Name, normalise


@functools.lru_cache(maxsize=65536)
def cached_normalise(name: str) -> Name:
    """:func:`wayhome.domain.names.normalise`, cached; raises NameInputError likewise."""
    return normalise(name)
