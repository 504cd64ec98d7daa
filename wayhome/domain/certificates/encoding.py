"""Byte-level encodings shared by tokens and registers.

* canonical JSON: sorted keys, no spaces, ASCII only; a payload is accepted only
  if it is byte-for-byte the canonical encoding of what it decodes to, so each
  certificate has exactly one token (and so one short code);
* strict base64url without padding: any other character, or unused bits that are
  not zero, make the text invalid;
* signed envelopes ``<prefix>.<base64url payload>.<base64url signature>``, where
  the signature covers the ASCII text ``<prefix>.<base64url payload>``, so a
  register signature can never pass as a certificate signature and vice versa;
* Crockford base32 and a Luhn mod 32 check character for short codes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .model import VerificationReason

SIGNATURE_BYTES = 64
_B64URL = re.compile(r"[A-Za-z0-9_-]*")

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_VALUE = {c: i for i, c in enumerate(CROCKFORD)}
# Crockford decoding: case-insensitive, O reads as 0, I and L read as 1.
_CROCKFORD_ALIASES = {"O": "0", "I": "1", "L": "1"}


class EnvelopeError(Exception):
    """An envelope cannot be opened. ``reason`` says why (internal to this package)."""

    def __init__(self, message: str, reason: VerificationReason) -> None:
        super().__init__(message)
        self.reason = reason


def canonical_json(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False
    ).encode("ascii")


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        raise ValueError("duplicate key")
    return out


def parse_json_object(data: bytes) -> dict[str, Any]:
    """A JSON object from ASCII bytes; raises ValueError (never anything else) when it is not."""
    try:
        obj = json.loads(
            data.decode("ascii"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
        )
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    return obj


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url (no padding); raises ValueError on anything non-canonical."""
    if not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error:
        raise ValueError("not base64url") from None
    if b64url_encode(data) != text:  # unused trailing bits set
        raise ValueError("not canonical base64url")
    return data


def seal(prefix: str, payload: Mapping[str, Any], private_key: Ed25519PrivateKey) -> str:
    head = f"{prefix}.{b64url_encode(canonical_json(payload))}"
    return f"{head}.{b64url_encode(private_key.sign(head.encode('ascii')))}"


@dataclass(frozen=True, slots=True)
class Opened:
    payload: dict[str, Any]
    payload_bytes: bytes
    key_id: str


def split(text: object, prefix: str, max_chars: int) -> tuple[str, bytes, bytes]:
    """(signed head, payload bytes, signature) of an envelope; raises ValueError."""
    if not isinstance(text, str):
        raise ValueError("expected a string")
    text = text.strip()
    if len(text) > max_chars or not text.isascii():
        raise ValueError("too long or not ASCII")
    parts = text.split(".")
    if len(parts) != 3 or parts[0] != prefix:
        raise ValueError(f"expected {prefix}.<payload>.<signature>")
    payload_bytes = b64url_decode(parts[1])
    signature = b64url_decode(parts[2])
    if len(signature) != SIGNATURE_BYTES:
        raise ValueError("wrong signature length")
    return f"{parts[0]}.{parts[1]}", payload_bytes, signature


def open_envelope(
    text: object,
    prefix: str,
    max_chars: int,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    *,
    malformed: VerificationReason,
    unknown_issuer: VerificationReason,
    bad_signature: VerificationReason,
) -> Opened:
    """Split, decode and check the signature of an envelope; raises EnvelopeError."""
    try:
        head, payload_bytes, signature = split(text, prefix, max_chars)
        payload = parse_json_object(payload_bytes)
    except ValueError as exc:
        raise EnvelopeError(str(exc), malformed) from None
    kid = payload.get("kid")
    if not isinstance(kid, str):
        raise EnvelopeError("no key id", malformed)
    public_key = trusted_keys.get(kid)
    if public_key is None:
        raise EnvelopeError(f"key {kid!r} is not trusted", unknown_issuer)
    try:
        public_key.verify(signature, head.encode("ascii"))
    except InvalidSignature:
        raise EnvelopeError("signature does not match", bad_signature) from None
    return Opened(payload, payload_bytes, kid)


# ------------------------------------------------------------------ Crockford base32


def crockford_encode(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        chars.append(CROCKFORD[digit])
    return "".join(reversed(chars))


def crockford_normalise(text: str) -> str:
    """Upper-case, drop spaces and hyphens, read O as 0 and I/L as 1."""
    out = []
    for ch in text.upper():
        if ch in " -":
            continue
        out.append(_CROCKFORD_ALIASES.get(ch, ch))
    return "".join(out)


def crockford_value(ch: str) -> int | None:
    return _CROCKFORD_VALUE.get(ch)


def luhn32_check_char(symbols: str) -> str:
    """Luhn mod N check character (N = 32) over Crockford symbols.

    It catches every single mistyped character and almost every swap of two
    neighbouring characters.
    """
    factor = 2
    total = 0
    for ch in reversed(symbols):
        addend = factor * _CROCKFORD_VALUE[ch]
        factor = 1 if factor == 2 else 2
        total += addend // 32 + addend % 32
    return CROCKFORD[(32 - total % 32) % 32]


def luhn32_valid(symbols_with_check: str) -> bool:
    return luhn32_check_char(symbols_with_check[:-1]) == symbols_with_check[-1]
