"""Issuing and verifying certificate tokens, and their short codes.

A token is ``WH1.<base64url payload>.<base64url Ed25519 signature>``; the payload
is canonical JSON with exactly these keys (optional ``photo`` left out when
there is no photo)::

    {"case": "THA-7KM3-Q9XP", "child": false, "id": "<cert id>", "iss": "<issuer id>",
     "issued": "2025-11-25", "kid": "<key id>", "photo": "<sha-256 hex>",
     "until": "2026-05-24", "v": 1}

The signature covers ``WH1.<base64url payload>``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection, Mapping
from datetime import date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .encoding import (
    EnvelopeError,
    canonical_json,
    crockford_encode,
    crockford_normalise,
    crockford_value,
    luhn32_check_char,
    luhn32_valid,
    open_envelope,
    parse_json_object,
    seal,
    split,
)
from .keys import key_id
from .model import (
    FORMAT_VERSION,
    CertificateError,
    Claims,
    EntryStatus,
    RegisterEntry,
    ShortCodeError,
    Verification,
    VerificationReason,
)

TOKEN_PREFIX = f"WH{FORMAT_VERSION}"
#: Longest text ``verify`` will look at; real tokens are about 280-380 characters.
MAX_TOKEN_CHARS = 2048
#: Fields a certificate payload may hold, and nothing else.
PAYLOAD_KEYS = frozenset({"v", "kid", "iss", "case", "id", "issued", "until", "child", "photo"})
_REQUIRED_KEYS = PAYLOAD_KEYS - {"photo"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

SHORT_CODE_DATA_CHARS = 11  # 55 bits of SHA-256 of the token, then one check character
SHORT_CODE_CHARS = SHORT_CODE_DATA_CHARS + 1


def new_cert_id() -> str:
    """A random certificate id: 16 Crockford base32 characters (80 bits)."""
    return crockford_encode(secrets.randbits(80), 16)


def issue(
    private_key: Ed25519PrivateKey,
    *,
    case_number: str,
    issuer_id: str,
    cert_id: str,
    issued_on: date,
    valid_until: date,
    is_child: bool,
    photo_sha256: str | None = None,
) -> str:
    """A signed certificate token. Raises CertificateError naming the field that is wrong.

    Deterministic: the same key and claims always give the same token (Ed25519
    signatures are deterministic), hence the same short code.
    """
    claims = Claims(
        key_id=key_id(private_key.public_key()),
        issuer_id=issuer_id,
        case_number=case_number,
        cert_id=cert_id,
        issued_on=issued_on,
        valid_until=valid_until,
        is_child=is_child,
        photo_sha256=photo_sha256,
    )
    return seal(TOKEN_PREFIX, claims_to_payload(claims), private_key)


def claims_to_payload(claims: Claims) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "v": FORMAT_VERSION,
        "kid": claims.key_id,
        "iss": claims.issuer_id,
        "case": claims.case_number,
        "id": claims.cert_id,
        "issued": claims.issued_on.isoformat(),
        "until": claims.valid_until.isoformat(),
        "child": claims.is_child,
    }
    if claims.photo_sha256 is not None:
        payload["photo"] = claims.photo_sha256
    return payload


def parse_date(value: object, field: str) -> date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise CertificateError(f"{field}: expected a date as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CertificateError(f"{field}: {value!r} is not a calendar date") from None


def claims_from_payload(payload: Mapping[str, Any], payload_bytes: bytes) -> Claims:
    """Claims from a decoded payload; raises CertificateError unless it is canonical."""
    keys = set(payload)
    if keys - PAYLOAD_KEYS or _REQUIRED_KEYS - keys:
        raise CertificateError(
            f"payload: expected the keys {', '.join(sorted(PAYLOAD_KEYS))}, "
            f"got {', '.join(sorted(keys))}"
        )
    version = payload["v"]
    if type(version) is not int or version != FORMAT_VERSION:
        raise CertificateError(f"payload.v: expected {FORMAT_VERSION}")
    claims = Claims(
        key_id=payload["kid"],
        issuer_id=payload["iss"],
        case_number=payload["case"],
        cert_id=payload["id"],
        issued_on=parse_date(payload["issued"], "issued"),
        valid_until=parse_date(payload["until"], "until"),
        is_child=payload["child"],
        photo_sha256=payload.get("photo"),
    )
    if canonical_json(claims_to_payload(claims)) != payload_bytes:
        raise CertificateError("payload: not in canonical form")
    return claims


def read_claims(token: str) -> Claims:
    """The claims of a token WITHOUT checking its signature (for the issuing side only).

    Raises CertificateError when the token is malformed. Never use this to decide
    whether someone is protected: use ``verify``.
    """
    try:
        _, payload_bytes, _ = split(token, TOKEN_PREFIX, MAX_TOKEN_CHARS)
        payload = parse_json_object(payload_bytes)
    except ValueError as exc:
        raise CertificateError(f"token: not a certificate token ({exc})") from None
    return claims_from_payload(payload, payload_bytes)


def check_today(today: object) -> date:
    if not isinstance(today, date) or isinstance(today, datetime):
        raise TypeError("today: expected a date (not a datetime): pick the local calendar day")
    return today


def check_dates(claims: Claims, today: date) -> VerificationReason:
    if today < claims.issued_on:
        return VerificationReason.NOT_YET_VALID
    if today > claims.valid_until:
        return VerificationReason.EXPIRED
    return VerificationReason.OK


def verify(
    token: str,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    *,
    today: date,
    revoked: Collection[str] = (),
) -> Verification:
    """Check a token offline. Never raises on a bad token: it returns valid=False and a reason.

    ``trusted_keys`` maps key id -> public key (see ``keyring``); ``revoked`` holds
    revoked certificate ids (see ``revoked_from_register``). Checks, in order:
    malformed (encoding), unknown_issuer, bad_signature, malformed (claims),
    revoked, not_yet_valid, expired.
    """
    check_today(today)
    try:
        opened = open_envelope(
            token,
            TOKEN_PREFIX,
            MAX_TOKEN_CHARS,
            trusted_keys,
            malformed=VerificationReason.MALFORMED,
            unknown_issuer=VerificationReason.UNKNOWN_ISSUER,
            bad_signature=VerificationReason.BAD_SIGNATURE,
        )
        claims = claims_from_payload(opened.payload, opened.payload_bytes)
    except EnvelopeError as exc:
        return Verification(exc.reason)
    except CertificateError:
        return Verification(VerificationReason.MALFORMED)
    code = short_code(token.strip())
    if claims.cert_id in revoked:
        return Verification(VerificationReason.REVOKED, claims, code)
    return Verification(check_dates(claims, today), claims, code)


# ------------------------------------------------------------------ short codes


def short_code(token: str) -> str:
    """The code to type when the QR cannot be scanned, e.g. ``7K2M-9QXD-4F8A``.

    11 Crockford base32 characters from SHA-256 of the token (55 bits) and one
    Luhn mod 32 check character. It is verified against a signed register.
    """
    digest = hashlib.sha256(token.encode("ascii")).digest()
    data = crockford_encode(int.from_bytes(digest[:7], "big") >> 1, SHORT_CODE_DATA_CHARS)
    code = data + luhn32_check_char(data)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def parse_short_code(text: str) -> str:
    """A typed code in its canonical form ``XXXX-XXXX-XXXX``; raises ShortCodeError.

    Accepts lower case, spaces or no hyphens, O for 0 and I or L for 1.
    """
    if not isinstance(text, str) or not text.isascii():
        raise ShortCodeError("code: use only the letters and digits printed on the certificate")
    code = crockford_normalise(text)
    bad = sorted({ch for ch in code if crockford_value(ch) is None})
    if bad:
        raise ShortCodeError(f"code: these characters are not used in codes: {''.join(bad)}")
    if len(code) != SHORT_CODE_CHARS:
        raise ShortCodeError(
            f"code: expected {SHORT_CODE_CHARS} letters and digits, got {len(code)}"
        )
    if not luhn32_valid(code):
        raise ShortCodeError("code: the check character does not match: a character is mistyped")
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def register_entry(token: str, *, status: EntryStatus = "active") -> RegisterEntry:
    """The register entry for a token this organisation issued (signature not checked)."""
    claims = read_claims(token)
    return RegisterEntry(
        code=short_code(token.strip()),
        cert_id=claims.cert_id,
        case_number=claims.case_number,
        issued_on=claims.issued_on,
        valid_until=claims.valid_until,
        is_child=claims.is_child,
        status=status,
        photo_sha256=claims.photo_sha256,
    )
