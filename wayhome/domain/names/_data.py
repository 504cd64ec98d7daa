"""Reading the packaged TOML data files (once, then cached)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

from .model import NameDataError


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The data file ``data/<name>.toml`` as a dict."""
    path = resources.files("wayhome.domain.names").joinpath("data").joinpath(f"{name}.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NameDataError(f"data/{name}.toml: {exc}") from exc
    return data


def pairs(data: dict[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    """A list of [from, to] pairs from a data file."""
    raw = data.get(key)
    if not isinstance(raw, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(s, str) for s in p) for p in raw
    ):
        raise NameDataError(f"{key}: expected a list of [from, to] string pairs")
    return tuple((p[0], p[1]) for p in raw)


def variant_table(data: dict[str, Any], key: str) -> dict[str, tuple[str, ...]]:
    """A table of string -> list of spellings."""
    raw = data.get(key)
    if not isinstance(raw, dict):
        raise NameDataError(f"{key}: expected a table")
    out: dict[str, tuple[str, ...]] = {}
    for k, v in raw.items():
        if not isinstance(v, list) or not v or not all(isinstance(s, str) for s in v):
            raise NameDataError(f"{key}.{k}: expected a non-empty list of strings")
        out[k] = tuple(v)
    return out
