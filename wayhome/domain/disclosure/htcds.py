"""The HTCDS shape of the published aggregates (field names and value names).

HTCDS is a case-level standard; Wayhome never publishes a case, so an "HTCDS CSV" here
is a list of aggregate rows, each keyed by an HTCDS field name (or an ``fc_`` extension
field for what HTCDS cannot express, forced criminality first) and an HTCDS value name.
The mapping is data (``data/htcds.toml``) with its source.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).with_name("data") / "htcds.toml"

# Extension columns on every row (HTCDS has no forced-criminality type of exploitation).
HTCDS_EXTENSION_FIELDS: tuple[str, ...] = ("fc_ForcedCriminality",)


@dataclass(frozen=True)
class HtcdsField:
    dimension: str
    field: str
    standard: str  # "htcds" or "extension"
    qualifier: str
    values: dict[str, str]
    other: str | None
    note: str

    def value(self, wayhome_value: str) -> str:
        """The HTCDS value name for a Wayhome value (extension fields keep Wayhome's)."""
        if wayhome_value in self.values:
            return self.values[wayhome_value]
        if self.other is not None:
            return self.other
        return wayhome_value


@cache
def load_htcds_mapping() -> tuple[str, str, dict[str, HtcdsField]]:
    """(version, forced-criminality value, field per dimension)."""
    raw: dict[str, Any] = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    fields = {
        dim: HtcdsField(dim, str(f["field"]), str(f["standard"]), str(f.get("qualifier", "")),
                        {str(a): str(b) for a, b in dict(f.get("values", {})).items()},
                        f.get("other"), str(f.get("note", "")))
        for dim, f in dict(raw["fields"]).items()
    }
    return str(raw["version"]), str(raw["forced_criminality"]), fields


def htcds_field(dimension: str) -> HtcdsField | None:
    return load_htcds_mapping()[2].get(dimension)
