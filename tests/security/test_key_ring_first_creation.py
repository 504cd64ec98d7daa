"""At first start, when no key ring exists yet, threads and processes that need it at the
same moment all end up with one and the same ring: exactly one creates it, the others read
it. Before, each generated its own and they shared one temporary file name, so some failed
(FileNotFoundError) and a later ring could replace one that data was already encrypted under.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from wayhome.security import crypto
from wayhome.security.crypto import Keyring

THREADS = 12
ROUNDS = 10


def _identity(ring: Keyring) -> tuple[str, str]:
    return ring.fernet_keys[0], ring.index_key


def _create_in_threads(path: Path) -> tuple[list[BaseException], list[tuple[str, str]]]:
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []
    seen: list[tuple[str, str]] = []

    def worker() -> None:
        try:
            start.wait()
            ring = crypto.load_keyring(path)
            # What is encrypted now must still decrypt with the ring on disk later.
            token = ring.multifernet.encrypt(b"Hung")
            seen.append(_identity(ring))
            assert Keyring.from_json(path.read_text()).multifernet.decrypt(token) == b"Hung"
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            failures.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not [t for t in threads if t.is_alive()], "a thread hung"
    return failures, seen


def test_threads_creating_the_key_ring_at_once_all_get_the_same_ring(tmp_path: Path) -> None:
    for n in range(ROUNDS):
        path = tmp_path / f"round-{n}" / "keyring.json"
        failures, seen = _create_in_threads(path)

        assert failures == []
        on_disk = Keyring.from_json(path.read_text())
        assert set(seen) == {_identity(on_disk)}
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir()] == ["keyring.json"]  # no temp file left


_CHILD = """
import json, os, sys
from pathlib import Path
from wayhome.security import crypto
if sys.argv[3] == "no-hard-links":
    def no_link(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")
    os.link = no_link  # as on a file system without hard links: exclusive create instead
go = Path(sys.argv[2])
while not go.exists():
    pass  # spin, so that all start within microseconds of each other
ring = crypto.load_keyring(Path(sys.argv[1]))
print(json.dumps([ring.fernet_keys[0], ring.index_key]))
"""


@pytest.mark.parametrize("links", ["hard-links", "no-hard-links"])
def test_processes_creating_the_key_ring_at_once_all_get_the_same_ring(
    tmp_path: Path, links: str
) -> None:
    path, go = tmp_path / "keyring.json", tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    children = [
        subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(go), links],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(6)
    ]
    time.sleep(1.5)  # let every child import and wait at the start line
    go.touch()
    results = [child.communicate(timeout=60) for child in children]

    assert [child.returncode for child in children] == [0] * len(children), results
    on_disk = Keyring.from_json(path.read_text())
    assert {tuple(json.loads(out)) for out, _err in results} == {_identity(on_disk)}
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_creating_never_replaces_an_existing_ring(tmp_path: Path) -> None:
    path = tmp_path / "keyring.json"
    existing = Keyring.generate()
    crypto.write_keyring(existing, path)

    assert _identity(crypto.create_keyring(path)) == _identity(existing)
    assert _identity(Keyring.from_json(path.read_text())) == _identity(existing)


def test_a_ring_found_before_its_creator_has_written_it_is_waited_for(tmp_path: Path) -> None:
    # Without hard links the creator's file exists, empty, before the ring is in it: a
    # process that opens it then must wait for the ring, not fail on an empty file.
    path = tmp_path / "keyring.json"
    path.touch(mode=0o600)
    ring = Keyring.generate()
    writer = threading.Timer(0.3, lambda: path.write_text(ring.to_json()))
    writer.start()
    try:
        assert _identity(crypto.load_keyring(path)) == _identity(ring)
    finally:
        writer.join()


def test_a_broken_ring_of_some_age_is_reported_without_waiting(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keyring.json"
    path.write_text("{not a ring")
    old = time.time() - 2 * crypto.KEYRING_WAIT_SECONDS
    os.utime(path, (old, old))

    def no_wait(seconds: float) -> None:
        raise AssertionError("waited for a ring that is not being created")

    monkeypatch.setattr(crypto.time, "sleep", no_wait)
    with pytest.raises(crypto.KeyringError):
        crypto.load_keyring(path)
