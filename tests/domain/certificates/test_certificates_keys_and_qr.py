"""Keys serialise to PEM and raw bytes; tokens fit in a QR code at error level M."""

from __future__ import annotations

import hashlib

import pytest
import segno
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from wayhome.domain.certificates import (
    CertificateError,
    KeyFormatError,
    key_id,
    keyring,
    make_qr,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_pem,
    public_key_from_raw,
    public_key_to_pem,
    public_key_to_raw,
    qr_svg,
)

from certificate_helpers import KEY, PHOTO, make_token


def test_key_id_is_the_first_8_bytes_of_sha256_of_the_raw_public_key() -> None:
    raw = public_key_to_raw(KEY.public_key())
    assert len(raw) == 32
    assert key_id(KEY.public_key()) == hashlib.sha256(raw).digest()[:8].hex()
    assert list(keyring(KEY)) == [key_id(KEY.public_key())]


def test_public_key_round_trips_through_pem_and_raw() -> None:
    public = KEY.public_key()
    assert public_key_from_pem(public_key_to_pem(public)) == public
    assert public_key_from_raw(public_key_to_raw(public)) == public
    assert public_key_to_pem(public).startswith(b"-----BEGIN PUBLIC KEY-----")


def test_private_key_round_trips_through_pem_with_and_without_password() -> None:
    plain = private_key_to_pem(KEY)
    assert b"PRIVATE KEY" in plain and b"ENCRYPTED" not in plain
    assert key_id(private_key_from_pem(plain).public_key()) == key_id(KEY.public_key())
    locked = private_key_to_pem(KEY, b"s3cret")
    assert b"ENCRYPTED PRIVATE KEY" in locked
    assert key_id(private_key_from_pem(locked, b"s3cret").public_key()) == key_id(
        KEY.public_key()
    )
    with pytest.raises(KeyFormatError, match="private key"):
        private_key_from_pem(locked, b"wrong")
    with pytest.raises(KeyFormatError, match="private key"):
        private_key_from_pem(locked)


def test_bad_key_material_is_refused_clearly() -> None:
    with pytest.raises(KeyFormatError, match="expected 32 raw bytes, got 3"):
        public_key_from_raw(b"abc")
    with pytest.raises(KeyFormatError, match="not a PEM public key"):
        public_key_from_pem(b"nonsense")
    other = ec.generate_private_key(ec.SECP256R1())
    pem = other.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with pytest.raises(KeyFormatError, match="expected an Ed25519 key"):
        public_key_from_pem(pem)
    private_pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(KeyFormatError, match="expected an Ed25519 key"):
        private_key_from_pem(private_pem)


def test_qr_svg_is_inline_svg() -> None:
    svg = qr_svg(make_token())
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "<?xml" not in svg


def test_token_fits_in_a_qr_code_at_error_level_m() -> None:
    typical = make_qr(make_token())
    with_photo = make_qr(make_token(is_child=True, photo_sha256=PHOTO))
    assert typical.error == "M" and with_photo.error == "M"
    assert typical.version <= 12 and with_photo.version <= 15  # type: ignore[operator]


def test_text_too_long_for_any_qr_code_is_refused() -> None:
    with pytest.raises(CertificateError, match="do not fit in a QR code"):
        qr_svg("x" * 3000)
    with pytest.raises(segno.DataOverflowError):
        segno.make_qr("x" * 3000, error="m", boost_error=False)
