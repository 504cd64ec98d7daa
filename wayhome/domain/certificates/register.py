"""Signed registers: the offline list behind short codes, and the revocation list.

The issuing organisation exports a register now and then (daily, say) and
officials carry it offline. It is ``WHR1.<base64url payload>.<base64url
signature>`` with the payload::

    {"entries": [{"case": ..., "child": ..., "code": "7K2M-9QXD-4F8A", "id": <cert id>,
                  "issued": ..., "photo": ... (optional), "status": "active" | "revoked",
                  "until": ...}, ...],
     "iss": <issuer id>, "issued": "2025-11-25", "kid": <key id>, "v": 1}

Entries are sorted by code. A register holds no names either, but it lists
every certificate of the organisation: share it with officials, not publicly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .certificate import check_dates, check_today, parse_date, parse_short_code
from .encoding import EnvelopeError, canonical_json, open_envelope, seal
from .keys import key_id
from .model import (
    ENTRY_STATUSES,
    FORMAT_VERSION,
    MAX_ISSUER_ID,
    CertificateError,
    Register,
    RegisterEntry,
    RegisterError,
    ShortCodeError,
    Verification,
    VerificationReason,
    check_date,
    check_identifier,
)

REGISTER_PREFIX = f"WHR{FORMAT_VERSION}"
#: Largest register ``open_register`` reads (about 150,000 certificates).
MAX_REGISTER_CHARS = 64 * 1024 * 1024
_REGISTER_KEYS = frozenset({"v", "kid", "iss", "issued", "entries"})
_ENTRY_KEYS = frozenset({"code", "id", "case", "issued", "until", "child", "status", "photo"})


def _entry_to_payload(entry: RegisterEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": entry.code,
        "id": entry.cert_id,
        "case": entry.case_number,
        "issued": entry.issued_on.isoformat(),
        "until": entry.valid_until.isoformat(),
        "child": entry.is_child,
        "status": entry.status,
    }
    if entry.photo_sha256 is not None:
        out["photo"] = entry.photo_sha256
    return out


def _register_payload(
    kid: str, issuer_id: str, issued_on: date, entries: Iterable[RegisterEntry]
) -> dict[str, Any]:
    return {
        "v": FORMAT_VERSION,
        "kid": kid,
        "iss": issuer_id,
        "issued": issued_on.isoformat(),
        "entries": [_entry_to_payload(e) for e in sorted(entries, key=lambda e: e.code)],
    }


def _index(entries: Iterable[RegisterEntry]) -> dict[str, RegisterEntry]:
    by_code: dict[str, RegisterEntry] = {}
    cert_ids: set[str] = set()
    for n, entry in enumerate(entries):
        if not isinstance(entry, RegisterEntry):
            raise CertificateError(f"entries[{n}]: expected a RegisterEntry")
        try:
            canonical_code = parse_short_code(entry.code)
        except ShortCodeError as exc:
            raise CertificateError(f"entries[{n}].{exc.message}") from None
        if canonical_code != entry.code:
            raise CertificateError(f"entries[{n}].code: expected {canonical_code}")
        if entry.code in by_code:
            raise CertificateError(f"entries[{n}]: short code {entry.code} appears twice")
        if entry.cert_id in cert_ids:
            raise CertificateError(f"entries[{n}]: cert_id {entry.cert_id} appears twice")
        by_code[entry.code] = entry
        cert_ids.add(entry.cert_id)
    return by_code


def build_register(
    private_key: Ed25519PrivateKey,
    issuer_id: str,
    entries: Iterable[RegisterEntry],
    issued_on: date,
) -> str:
    """A signed register (ASCII text). Raises CertificateError on a bad or duplicate entry.

    Build entries with ``register_entry(token, status=...)`` or ``RegisterEntry(...)``.
    """
    check_identifier(issuer_id, "issuer_id", MAX_ISSUER_ID)
    check_date(issued_on, "issued_on")
    by_code = _index(entries)
    kid = key_id(private_key.public_key())
    return seal(
        REGISTER_PREFIX, _register_payload(kid, issuer_id, issued_on, by_code.values()), private_key
    )


def _entry_from_payload(raw: object, n: int) -> RegisterEntry:
    if not isinstance(raw, dict):
        raise CertificateError(f"entries[{n}]: expected an object")
    keys = set(raw)
    if keys - _ENTRY_KEYS or (_ENTRY_KEYS - {"photo"}) - keys:
        raise CertificateError(f"entries[{n}]: unexpected or missing keys")
    status = raw["status"]
    if status not in ENTRY_STATUSES:
        raise CertificateError(f"entries[{n}].status: expected one of {', '.join(ENTRY_STATUSES)}")
    return RegisterEntry(
        code=raw["code"],
        cert_id=raw["id"],
        case_number=raw["case"],
        issued_on=parse_date(raw["issued"], f"entries[{n}].issued"),
        valid_until=parse_date(raw["until"], f"entries[{n}].until"),
        is_child=raw["child"],
        status=status,
        photo_sha256=raw.get("photo"),
    )


def open_register(register: str, trusted_keys: Mapping[str, Ed25519PublicKey]) -> Register:
    """Check a register's signature and read it. Raises RegisterError (with ``.reason``)."""
    try:
        opened = open_envelope(
            register,
            REGISTER_PREFIX,
            MAX_REGISTER_CHARS,
            trusted_keys,
            malformed=VerificationReason.REGISTER_MALFORMED,
            unknown_issuer=VerificationReason.REGISTER_UNKNOWN_ISSUER,
            bad_signature=VerificationReason.REGISTER_BAD_SIGNATURE,
        )
    except EnvelopeError as exc:
        raise RegisterError(f"register: {exc}", exc.reason) from None
    payload = opened.payload
    try:
        if set(payload) != _REGISTER_KEYS:
            raise CertificateError(f"expected the keys {', '.join(sorted(_REGISTER_KEYS))}")
        if type(payload["v"]) is not int or payload["v"] != FORMAT_VERSION:
            raise CertificateError(f"v: expected {FORMAT_VERSION}")
        issuer_id = check_identifier(payload["iss"], "iss", MAX_ISSUER_ID)
        issued_on = parse_date(payload["issued"], "issued")
        raw_entries = payload["entries"]
        if not isinstance(raw_entries, list):
            raise CertificateError("entries: expected a list")
        by_code = _index(_entry_from_payload(raw, n) for n, raw in enumerate(raw_entries))
        canonical = _register_payload(opened.key_id, issuer_id, issued_on, by_code.values())
        if canonical_json(canonical) != opened.payload_bytes:
            raise CertificateError("payload not in canonical form")
    except CertificateError as exc:
        # Signed by a trusted key, yet unreadable: a bug or another format version.
        raise RegisterError(
            f"register: {exc.message}", VerificationReason.REGISTER_MALFORMED
        ) from None
    return Register(opened.key_id, issuer_id, issued_on, MappingProxyType(by_code))


def revoked_from_register(
    register: str, trusted_keys: Mapping[str, Ed25519PublicKey]
) -> frozenset[str]:
    """The revoked certificate ids of a signed register, for ``verify(..., revoked=...)``.

    Raises RegisterError when the register does not verify: then revocation
    cannot be checked, and the caller must say so.
    """
    return open_register(register, trusted_keys).revoked_cert_ids


def verify_short_code(
    code: str,
    register: str | Register,
    trusted_keys: Mapping[str, Ed25519PublicKey],
    *,
    today: date,
) -> Verification:
    """Check a typed short code against a signed register, offline. Never raises on bad input.

    ``register`` is the signed text, or a ``Register`` already opened with
    ``open_register`` (faster when checking many codes; its signature was checked
    then). Fails with register_malformed / register_unknown_issuer /
    register_bad_signature, malformed (bad code), unknown_code, revoked,
    not_yet_valid or expired. ``register_age_days`` says how old the register is.
    """
    check_today(today)
    if isinstance(register, Register):
        if register.key_id not in trusted_keys:
            return Verification(VerificationReason.REGISTER_UNKNOWN_ISSUER)
        opened = register
    else:
        try:
            opened = open_register(register, trusted_keys)
        except RegisterError as exc:
            return Verification(exc.reason)
    age = opened.age_days(today)
    try:
        canonical = parse_short_code(code)
    except ShortCodeError:
        return Verification(VerificationReason.MALFORMED, None, None, opened.issued_on, age)
    entry = opened.entries.get(canonical)
    if entry is None:
        return Verification(VerificationReason.UNKNOWN_CODE, None, canonical, opened.issued_on, age)
    claims = entry.claims(opened.key_id, opened.issuer_id)
    reason = (
        VerificationReason.REVOKED if entry.status == "revoked" else check_dates(claims, today)
    )
    return Verification(reason, claims, canonical, opened.issued_on, age)
