"""Value objects of the certificate engine: the claims, register entries, the verification.

Claims and register entries check their own fields when built, so an invalid
certificate cannot be issued and an invalid payload cannot be read back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

#: Version of the token and register formats (also the digit in "WH1." / "WHR1.").
FORMAT_VERSION = 1

# Identifiers are ASCII, start with a letter or digit, and hold no spaces: a case
# number such as "THA-7KM3-Q9XP", an organisation id such as "12" or "ngo-mae-sot".
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_SHORT_CODE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")

MAX_CASE_NUMBER = 32
MAX_ISSUER_ID = 40
MAX_CERT_ID = 64

EntryStatus = Literal["active", "revoked"]
ENTRY_STATUSES: tuple[str, ...] = ("active", "revoked")


class CertificateError(ValueError):
    """A certificate, register or key cannot be made or read. The message names the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KeyFormatError(CertificateError):
    """Key material is not an Ed25519 key in the expected encoding."""


class ShortCodeError(CertificateError):
    """A typed short code is not a well-formed code (wrong length, characters or check)."""


class RegisterError(CertificateError):
    """A signed register cannot be used. ``reason`` is the verification reason code."""

    def __init__(self, message: str, reason: VerificationReason) -> None:
        super().__init__(message)
        self.reason = reason


class VerificationReason(StrEnum):
    """Why a verification succeeded or failed. Only OK means the person is protected."""

    OK = "ok"
    #: Not a certificate token / short code: garbage, truncated, altered encoding.
    MALFORMED = "malformed"
    #: Signed with a key that is not among the trusted keys.
    UNKNOWN_ISSUER = "unknown_issuer"
    #: The signature does not match: the token was altered or forged.
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    #: Short code: well formed, but not in the register.
    UNKNOWN_CODE = "unknown_code"
    #: Short code: the register itself is not readable.
    REGISTER_MALFORMED = "register_malformed"
    #: Short code: the register is signed with a key that is not trusted.
    REGISTER_UNKNOWN_ISSUER = "register_unknown_issuer"
    #: Short code: the register's signature does not match (altered or forged register).
    REGISTER_BAD_SIGNATURE = "register_bad_signature"


def check_identifier(value: object, field: str, max_len: int) -> str:
    if not isinstance(value, str):
        raise CertificateError(f"{field}: expected a string, got {type(value).__name__}")
    if not value or len(value) > max_len:
        raise CertificateError(f"{field}: expected 1 to {max_len} characters, got {len(value)}")
    if not value.isascii() or not _IDENTIFIER.fullmatch(value):
        raise CertificateError(
            f"{field}: only letters A-Z, digits and . _ - are allowed (no spaces), "
            "starting with a letter or digit"
        )
    return value


def check_date(value: object, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise CertificateError(f"{field}: expected a date (not a datetime)")
    return value


def check_bool(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise CertificateError(f"{field}: expected True or False")
    return value


def check_photo(value: object, field: str = "photo_sha256") -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _SHA256_HEX.fullmatch(value):
        raise CertificateError(f"{field}: expected 64 lowercase hexadecimal characters or None")
    return value


def check_key_id(value: object, field: str = "key_id") -> str:
    if not isinstance(value, str) or not _KEY_ID.fullmatch(value):
        raise CertificateError(f"{field}: expected 16 lowercase hexadecimal characters")
    return value


def check_short_code_form(value: object, field: str = "code") -> str:
    if not isinstance(value, str) or not _SHORT_CODE.fullmatch(value):
        raise CertificateError(f"{field}: expected a short code such as 7K2M-9QXD-4F8A")
    return value


def _check_period(issued_on: date, valid_until: date) -> None:
    if valid_until < issued_on:
        raise CertificateError(
            f"valid_until: {valid_until.isoformat()} is before issued_on {issued_on.isoformat()}"
        )


@dataclass(frozen=True, slots=True)
class Claims:
    """Everything a certificate says. Nothing here names or describes the person.

    The certificate is valid from ``issued_on`` to ``valid_until``, both days included.
    """

    key_id: str
    issuer_id: str
    case_number: str
    cert_id: str
    issued_on: date
    valid_until: date
    is_child: bool
    photo_sha256: str | None = None

    def __post_init__(self) -> None:
        check_key_id(self.key_id)
        check_identifier(self.issuer_id, "issuer_id", MAX_ISSUER_ID)
        check_identifier(self.case_number, "case_number", MAX_CASE_NUMBER)
        check_identifier(self.cert_id, "cert_id", MAX_CERT_ID)
        check_date(self.issued_on, "issued_on")
        check_date(self.valid_until, "valid_until")
        _check_period(self.issued_on, self.valid_until)
        check_bool(self.is_child, "is_child")
        check_photo(self.photo_sha256)


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One certificate in a signed register, found by its short code."""

    code: str
    cert_id: str
    case_number: str
    issued_on: date
    valid_until: date
    is_child: bool
    status: EntryStatus = "active"
    photo_sha256: str | None = None

    def __post_init__(self) -> None:
        check_short_code_form(self.code)
        check_identifier(self.cert_id, "cert_id", MAX_CERT_ID)
        check_identifier(self.case_number, "case_number", MAX_CASE_NUMBER)
        check_date(self.issued_on, "issued_on")
        check_date(self.valid_until, "valid_until")
        _check_period(self.issued_on, self.valid_until)
        check_bool(self.is_child, "is_child")
        if self.status not in ENTRY_STATUSES:
            raise CertificateError(f"status: expected one of {', '.join(ENTRY_STATUSES)}")
        check_photo(self.photo_sha256)

    def claims(self, key_id: str, issuer_id: str) -> Claims:
        return Claims(
            key_id=key_id,
            issuer_id=issuer_id,
            case_number=self.case_number,
            cert_id=self.cert_id,
            issued_on=self.issued_on,
            valid_until=self.valid_until,
            is_child=self.is_child,
            photo_sha256=self.photo_sha256,
        )


@dataclass(frozen=True, slots=True)
class Register:
    """A register whose signature has been checked (see ``open_register``)."""

    key_id: str
    issuer_id: str
    issued_on: date
    entries: Mapping[str, RegisterEntry]  # short code -> entry

    @property
    def revoked_cert_ids(self) -> frozenset[str]:
        return frozenset(e.cert_id for e in self.entries.values() if e.status == "revoked")

    def age_days(self, today: date) -> int:
        """Days since the register was issued (negative if ``today`` is before that)."""
        return (today - self.issued_on).days


@dataclass(frozen=True, slots=True)
class Verification:
    """The outcome of checking a certificate (QR token) or a short code.

    ``claims`` is set whenever the signature checked out (token or register), even
    when the certificate is expired, not yet valid or revoked, so the reason can be
    explained; it is None otherwise. ``short_code`` is the certificate's short code.
    ``register_issued_on`` and ``register_age_days`` are set for short-code checks
    (once the register's signature checked out), so a stale register can be shown.
    """

    reason: VerificationReason
    claims: Claims | None = None
    short_code: str | None = None
    register_issued_on: date | None = None
    register_age_days: int | None = None

    @property
    def valid(self) -> bool:
        return self.reason is VerificationReason.OK
