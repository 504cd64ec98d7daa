"""Wayhome protection certificates: signed, dated, revocable, verifiable offline.

Pure Python on ``cryptography`` (Ed25519) and ``segno`` (QR); no Django.

Once a named case worker records reasonable grounds, the person is protected
(no detention, no deportation, no punishment for acts linked to the trafficking)
and receives a certificate. An official verifies it offline, with the issuing
organisation's public key only, from:

* the QR code, which holds the token ``WH1.<payload>.<signature>``;
* or a typed short code (``7K2M-9QXD-4F8A``), looked up in a signed register
  the organisation exports; the register is also the revocation list.

A certificate reveals nothing but: pseudonymous case number, issuing
organisation id, issue and expiry dates, certificate id, whether the person is a
child (a child must never be detained) and, optionally, the SHA-256 of a photo
shown separately. Never a name, nationality or story.

Usage::

    from wayhome.domain.certificates import (
        generate_private_key, keyring, issue, verify, short_code, register_entry,
        build_register, verify_short_code, revoked_from_register, qr_svg, new_cert_id,
    )
    key = generate_private_key()
    token = issue(key, case_number="THA-7KM3-Q9XP", issuer_id="12", cert_id=new_cert_id(),
                  issued_on=date(2025, 11, 25), valid_until=date(2026, 5, 24), is_child=False)
    trusted = keyring(key.public_key())
    register = build_register(key, "12", [register_entry(token)], date(2025, 11, 25))
    verify(token, trusted, today=date(2025, 12, 1),
           revoked=revoked_from_register(register, trusted)).valid        # True
    verify_short_code(short_code(token), register, trusted, today=date(2025, 12, 1)).valid

``trusted_keys`` maps key id -> public key and says nothing about which
organisation a key belongs to: the claims carry ``key_id`` so the caller can
check that the key is the one registered for ``issuer_id``.
"""

from .certificate import (
    MAX_TOKEN_CHARS,
    PAYLOAD_KEYS,
    TOKEN_PREFIX,
    issue,
    new_cert_id,
    parse_short_code,
    read_claims,
    register_entry,
    short_code,
    verify,
)
from .keys import (
    generate_private_key,
    key_id,
    keyring,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_pem,
    public_key_from_raw,
    public_key_to_pem,
    public_key_to_raw,
)
from .model import (
    CertificateError,
    Claims,
    EntryStatus,
    KeyFormatError,
    Register,
    RegisterEntry,
    RegisterError,
    ShortCodeError,
    Verification,
    VerificationReason,
)
from .qr import make_qr, qr_svg
from .register import (
    REGISTER_PREFIX,
    build_register,
    open_register,
    revoked_from_register,
    verify_short_code,
)

__all__ = [
    "MAX_TOKEN_CHARS",
    "PAYLOAD_KEYS",
    "REGISTER_PREFIX",
    "TOKEN_PREFIX",
    "CertificateError",
    "Claims",
    "EntryStatus",
    "KeyFormatError",
    "Register",
    "RegisterEntry",
    "RegisterError",
    "ShortCodeError",
    "Verification",
    "VerificationReason",
    "build_register",
    "generate_private_key",
    "issue",
    "key_id",
    "keyring",
    "make_qr",
    "new_cert_id",
    "open_register",
    "parse_short_code",
    "private_key_from_pem",
    "private_key_to_pem",
    "public_key_from_pem",
    "public_key_from_raw",
    "public_key_to_pem",
    "public_key_to_raw",
    "qr_svg",
    "read_claims",
    "register_entry",
    "revoked_from_register",
    "short_code",
    "verify",
    "verify_short_code",
]
