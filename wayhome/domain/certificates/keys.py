"""Ed25519 keys: generation, PEM and raw encodings, key ids and a trusted-key ring."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from .model import KeyFormatError

RAW_PUBLIC_KEY_BYTES = 32


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def key_id(public_key: Ed25519PublicKey) -> str:
    """First 8 bytes of SHA-256 of the raw 32-byte public key, as 16 lowercase hex digits."""
    return hashlib.sha256(public_key_to_raw(public_key)).digest()[:8].hex()


def keyring(*public_keys: Ed25519PublicKey | Ed25519PrivateKey) -> dict[str, Ed25519PublicKey]:
    """The ``trusted_keys`` mapping (key id -> public key) for ``verify``.

    A private key stands for its public key.
    """
    ring: dict[str, Ed25519PublicKey] = {}
    for key in public_keys:
        public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
        ring[key_id(public)] = public
    return ring


def public_key_to_raw(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_raw(data: bytes) -> Ed25519PublicKey:
    if len(data) != RAW_PUBLIC_KEY_BYTES:
        raise KeyFormatError(
            f"public key: expected {RAW_PUBLIC_KEY_BYTES} raw bytes, got {len(data)}"
        )
    return Ed25519PublicKey.from_public_bytes(data)


def public_key_to_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def public_key_from_pem(data: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFormatError(f"public key: not a PEM public key ({exc})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise KeyFormatError(f"public key: expected an Ed25519 key, got {type(key).__name__}")
    return key


def private_key_to_pem(private_key: Ed25519PrivateKey, password: bytes | None = None) -> bytes:
    """PKCS#8 PEM, encrypted with ``password`` when one is given."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def private_key_from_pem(data: bytes, password: bytes | None = None) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=password)
    except TypeError as exc:  # password given for a plain key, or missing for an encrypted one
        raise KeyFormatError(f"private key: {exc}") from None
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise KeyFormatError(
            f"private key: not a PEM private key, or wrong password ({exc})"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFormatError(f"private key: expected an Ed25519 key, got {type(key).__name__}")
    return key
