"""Encryption at rest for personal fields, and keyed hashes for exact look-up.

The keys live in a key ring file outside the database (``settings.WAYHOME_KEYRING``,
mode 0600). Field values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from
``cryptography``); several Fernet keys may be live at once so that ``wayhome keys
rotate`` can re-encrypt every row under a new key (``MultiFernet.rotate``) and then
retire the old ones. Exact-match look-up (a name token, a case number typed by an
official) goes through HMAC-SHA256 "blind indexes" under a separate key, so the
database never holds a plaintext or an unkeyed hash of a name.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

log = logging.getLogger(__name__)


class KeyringError(RuntimeError):
    """The key ring is missing, unreadable or cannot decrypt a value."""


@dataclass
class Keyring:
    """Fernet keys (newest first), the blind-index key and the audit chain keys."""

    fernet_keys: list[str]
    index_key: str
    audit_keys: dict[str, str] = field(default_factory=dict)
    current_audit_key_id: str = ""
    pending_index_key: str = ""

    @classmethod
    def generate(cls) -> Keyring:
        audit_id = secrets.token_hex(4)
        return cls(
            fernet_keys=[Fernet.generate_key().decode()],
            index_key=secrets.token_hex(32),
            audit_keys={audit_id: secrets.token_hex(32)},
            current_audit_key_id=audit_id,
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": 1,
                "fernet_keys": self.fernet_keys,
                "index_key": self.index_key,
                "audit_keys": self.audit_keys,
                "current_audit_key_id": self.current_audit_key_id,
                "pending_index_key": self.pending_index_key,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Keyring:
        try:
            data = json.loads(text)
            ring = cls(
                fernet_keys=list(data["fernet_keys"]),
                index_key=str(data["index_key"]),
                audit_keys=dict(data["audit_keys"]),
                current_audit_key_id=str(data["current_audit_key_id"]),
                pending_index_key=str(data.get("pending_index_key", "")),
            )
            if not ring.fernet_keys:
                raise ValueError("no encryption key")
            for k in ring.fernet_keys:
                Fernet(k.encode())
        except (ValueError, KeyError, TypeError) as exc:
            raise KeyringError(f"the key ring file is not valid: {exc}") from exc
        return ring

    @property
    def multifernet(self) -> MultiFernet:
        return MultiFernet([Fernet(k.encode()) for k in self.fernet_keys])


_lock = threading.Lock()
# Threads of one process create the key ring one at a time (processes race on the link).
_create_lock = threading.Lock()
# The cache is checked against the file's identity: a ring written over the old one is a new
# inode, so it is noticed even when the modification time does not move.
_cache: dict[Path, tuple[tuple[int, int, int], Keyring, MultiFernet]] = {}


def keyring_path() -> Path:
    from django.conf import settings

    return Path(settings.WAYHOME_KEYRING)


def _write_temp(ring: Keyring, folder: Path) -> Path:
    """Write the ring to a fresh file of its own (mode 0600) in ``folder``, synced to disk."""
    fd, name = tempfile.mkstemp(prefix=".keyring-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(ring.to_json())
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _sync_folder(folder: Path) -> None:
    """Make a new or renamed entry in ``folder`` durable (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_keyring(ring: Keyring, path: Path | None = None) -> None:
    """Replace the key ring atomically, with owner-only permissions (used by rotation)."""
    path = path or keyring_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(ring, path.parent)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)
    with _lock:
        _cache.pop(path, None)


#: How long a process that lost the race to create the key ring waits for the winner's
#: ring to be whole on a file system without hard links.
KEYRING_WAIT_SECONDS = 30.0


def _link_or_create(tmp: Path, path: Path, ring: Keyring) -> bool:
    """Give ``path`` the ring in ``tmp`` unless ``path`` exists; True if this call created it."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        pass  # a file system without hard links: an exclusive create does the same
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(ring.to_json())
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # leave no half-written ring behind
        raise
    return True


def create_keyring(path: Path | None = None) -> Keyring:
    """Create the key ring if there is none, and return the ring that is on disk.

    Never replaces an existing ring: the new ring is written whole to a file of its own
    and then hard-linked to the final name, which fails if the name exists. So of the
    threads and processes that find no ring at the same moment exactly one creates it,
    and the others read the winner's ring instead of their own.
    """
    path = path or keyring_path()
    with _create_lock:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            ring = Keyring.generate()
            tmp = _write_temp(ring, path.parent)
            try:
                if _link_or_create(tmp, path, ring):
                    log.warning("No key ring at %s: generated a new one.", path)
                    _sync_folder(path.parent)
            finally:
                tmp.unlink(missing_ok=True)
    return _await_whole(path)[0]


def _await_whole(path: Path) -> tuple[Keyring, MultiFernet]:
    """The ring at ``path`` once it is whole. Without hard links the winner's file is
    visible before it is written: the wait ends as soon as it is whole; on a busy machine
    the winner may be descheduled for seconds between creating the file and writing it,
    so the limit is generous."""
    deadline = time.monotonic() + KEYRING_WAIT_SECONDS
    while True:
        try:
            return _loaded(path, create=False)
        except KeyringError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def load_keyring(path: Path | None = None) -> Keyring:
    return _loaded(path)[0]


def _loaded(path: Path | None = None, *, create: bool = True) -> tuple[Keyring, MultiFernet]:
    path = path or keyring_path()
    try:
        fh = path.open(encoding="utf-8")
    except FileNotFoundError:
        if not create:
            raise KeyringError(f"there is no key ring at {path}") from None
        create_keyring(path)
        return _loaded(path, create=False)
    with fh:
        st = os.fstat(fh.fileno())
        identity = (st.st_ino, st.st_mtime_ns, st.st_size)
        with _lock:
            hit = _cache.get(path)
            if hit and hit[0] == identity:
                return hit[1], hit[2]
        text = fh.read()
    try:
        ring = Keyring.from_json(text)
    except KeyringError:
        # A process that found the file a moment after another created it, on a file
        # system without hard links, may read it before it is whole: a file this young is
        # waited for like the creators wait; an older one is broken and reported at once.
        if create and time.time() - st.st_mtime < KEYRING_WAIT_SECONDS:
            return _await_whole(path)
        raise
    mf = ring.multifernet
    with _lock:
        _cache[path] = (identity, ring, mf)
    return ring, mf


def encrypt(plaintext: str) -> str:
    return _loaded()[1].encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _loaded()[1].decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise KeyringError(
            "a stored value cannot be decrypted with the keys in the key ring"
        ) from exc


def rotate_token(token: str) -> str:
    """Re-encrypt a token under the newest key (it must decrypt under some live key)."""
    return _loaded()[1].rotate(token.encode("ascii")).decode("ascii")


def normalise(text: str) -> str:
    """Case- and accent-insensitive form used before keyed hashing."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", stripped).casefold().replace("đ", "d").split())


def blind_index(value: str, *, domain: str, key_hex: str | None = None) -> str:
    """Keyed hash of a normalised value; ``domain`` separates uses (name, dob, ...)."""
    key = bytes.fromhex(key_hex or _loaded()[0].index_key)
    msg = f"{domain}\x1f{normalise(value)}".encode()
    return hmac.new(key, msg, hashlib.sha256).hexdigest()


def name_tokens(*names: str) -> set[str]:
    """Normalised tokens of names, for token-level look-up ("Hung" finds "Nguyen Van Hung")."""
    tokens: set[str] = set()
    for name in names:
        for token in normalise(name).replace(",", " ").replace("-", " ").split():
            if token:
                tokens.add(token)
    return tokens


def current_audit_key_id() -> str:
    """Id of the audit key new events are sealed with (part of what the MAC covers)."""
    return _loaded()[0].current_audit_key_id


def audit_mac(message: bytes, key_id: str | None = None) -> tuple[str, str]:
    """HMAC of an audit entry under the current (or the named) audit key."""
    ring = _loaded()[0]
    kid = key_id or ring.current_audit_key_id
    try:
        key = bytes.fromhex(ring.audit_keys[kid])
    except KeyError as exc:
        raise KeyringError(f"audit key {kid!r} is not in the key ring") from exc
    return kid, hmac.new(key, message, hashlib.sha256).hexdigest()


def fingerprint() -> str:
    """Short public fingerprint of the current encryption key, for status output."""
    key = _loaded()[0].fernet_keys[0].encode()
    return base64.b32encode(hashlib.sha256(key).digest()[:5]).decode().lower()
