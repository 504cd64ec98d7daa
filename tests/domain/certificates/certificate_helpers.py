"""Shared keys and a typical certificate for the certificate tests (fixed, so runs repeat)."""

from __future__ import annotations

import base64
import json
from datetime import date
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wayhome.domain.certificates import issue, keyring

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(100, 132)))
TRUSTED = keyring(KEY.public_key())

ISSUED = date(2025, 11, 25)
UNTIL = date(2026, 5, 24)
TODAY = date(2025, 12, 1)
PHOTO = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

FIELDS: dict[str, Any] = {
    "case_number": "THA-7KM3-Q9XP",
    "issuer_id": "12",
    "cert_id": "238JJK2TXK7V0QZP",
    "issued_on": ISSUED,
    "valid_until": UNTIL,
    "is_child": False,
}


def make_token(key: Ed25519PrivateKey = KEY, **changes: Any) -> str:
    return issue(key, **{**FIELDS, **changes})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def payload_of(token: str) -> dict[str, Any]:
    obj: dict[str, Any] = json.loads(unb64(token.split(".")[1]))
    return obj


def sign_raw(prefix: str, payload_bytes: bytes, key: Ed25519PrivateKey = KEY) -> str:
    """An envelope around arbitrary payload bytes, properly signed: to test strict parsing."""
    head = f"{prefix}.{b64(payload_bytes)}"
    return f"{head}.{b64(key.sign(head.encode('ascii')))}"
