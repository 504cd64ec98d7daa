"""Scheme parameters, the shared secret key and its key check value."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

#: A key must hold at least this many secret bytes (256 bits).
KEY_BYTES = 32
FIELDS = ("name", "birth_year", "birth_md", "sex", "nationality")


class PprlError(ValueError):
    """Bad key, bad parameters or bad encoded input; ``problems`` lists every problem."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class FieldParams:
    bits: int
    k: int


@dataclass(frozen=True, slots=True)
class Params:
    """Everything both sides must share (apart from the key) for encodings to compare."""

    scheme: str
    max_variants: int
    fields: dict[str, FieldParams]
    xor_fold: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "max_variants": self.max_variants,
                "xor_fold": self.xor_fold,
                "fields": {f: {"bits": p.bits, "k": p.k} for f, p in self.fields.items()}}

    def stored_bits(self, field: str) -> int:
        """Length of the filter as written (the name filter is halved by XOR-folding;
        the small fields are not folded, they would fill up)."""
        bits = self.fields[field].bits
        return bits // 2 if self.xor_fold and field == "name" else bits

    @staticmethod
    def from_json(raw: Any) -> Params:
        try:
            fields = {str(f): FieldParams(int(v["bits"]), int(v["k"]))
                      for f, v in raw["fields"].items()}
            params = Params(str(raw["scheme"]), int(raw["max_variants"]), fields,
                            bool(raw.get("xor_fold", False)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PprlError(f"scheme parameters unreadable: {exc}") from None
        params.check()
        return params

    def check(self) -> None:
        problems = []
        if set(self.fields) != set(FIELDS):
            problems.append(f"fields must be {', '.join(FIELDS)}")
        for name, p in self.fields.items():
            if p.bits < 8 or p.bits % 8 or p.bits > 1 << 16 or not 1 <= p.k <= 64:
                problems.append(f"field {name}: bits must be a multiple of 8 (8..65536), "
                                f"k 1..64")
        if not 1 <= self.max_variants <= 64:
            problems.append("max_variants must be 1..64")
        if problems:
            raise PprlError(problems)


@functools.cache
def _data() -> dict[str, Any]:
    path = resources.files("wayhome.domain.pprl").joinpath("data").joinpath("pprl.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


def default_params(xor_fold: bool = False) -> Params:
    """The packaged parameters (``data/pprl.toml``)."""
    data = _data()
    return Params.from_json({**data, "xor_fold": xor_fold})


def levels_data() -> dict[str, Any]:
    levels = _data().get("levels")
    if not isinstance(levels, dict):
        raise PprlError("pprl.toml: [levels] missing")
    return levels


def parse_key(text: str | bytes) -> bytes:
    """A key file's content -> the secret bytes. Hex (64+ digits) or base64; at least
    ``KEY_BYTES`` bytes. Raises :class:`PprlError` for anything else."""
    raw = text.decode("ascii", errors="replace") if isinstance(text, bytes) else text
    raw = raw.strip()
    if not raw:
        raise PprlError("key file is empty")
    key: bytes | None = None
    if all(c in "0123456789abcdefABCDEF" for c in raw) and len(raw) % 2 == 0:
        key = bytes.fromhex(raw)
    else:
        try:
            key = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError):
            raise PprlError("key file: not hex or base64") from None
    if len(key) < KEY_BYTES:
        raise PprlError(f"key too short: {len(key)} bytes, need at least {KEY_BYTES} "
                        f"(256 bits)")
    if len(set(key)) <= 2:
        raise PprlError("key has (almost) no entropy: use a random key")
    return key


def key_check_value(key: bytes) -> str:
    """HMAC(key, "kcv") truncated to 8 bytes, hex: shows two sides use the same key
    without revealing it."""
    return hmac.new(key, b"wayhome-pprl kcv", hashlib.sha256).hexdigest()[:16]


def subkey(key: bytes, purpose: str) -> bytes:
    """A separate key per field / purpose, so the same bigram sets unrelated bits in
    different fields and block keys cannot be compared with filter bits."""
    return hmac.new(key, f"wayhome-pprl/1/{purpose}".encode(), hashlib.sha256).digest()


def header_line(params: Params, kcv: str) -> str:
    return "# wayhome-pprl " + json.dumps({**params.as_json(), "kcv": kcv}, sort_keys=True)
