"""Writers appending to the audit log at the same time all succeed, and the chain stays whole:
every sequence number once, in order, each event linked to the one before, the anchor on
the newest event."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections

from wayhome.apps.audit.log import read_anchor, record, record_many, verify
from wayhome.apps.audit.models import AuditEvent
from wayhome.security import crypto

THREADS = 4
APPENDS = 25  # per writer: even rounds write one event, odd rounds two in one insert
TOTAL = THREADS * (APPENDS + APPENDS // 2)


def _append_concurrently(actor: Any) -> tuple[list[BaseException], list[list[int]]]:
    """THREADS writers, each on its own connection, start together and append APPENDS times."""
    crypto.load_keyring()  # created once here: its first creation is not what is tested
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []
    written: list[list[int]] = [[] for _ in range(THREADS)]

    def writer(n: int) -> None:
        try:
            start.wait()
            for i in range(APPENDS):
                if i % 2:
                    events = record_many(actor, "case.view", [(actor, True, f"t{n}-{i}a"),
                                                              (actor, True, f"t{n}-{i}b")])
                    written[n] += [e.seq for e in events]
                else:
                    written[n].append(record(actor, "case.view", object_type="case",
                                             object_id=f"{n}-{i}").seq)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not [t for t in threads if t.is_alive()], "a writer hung"
    return failures, written


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="the SQLite test database is in memory; see the test below")
def test_concurrent_writers_on_postgresql_all_append_and_the_chain_stays_whole(
    caseworker: Any, settings: Any, tmp_path: Path
) -> None:
    settings.WAYHOME_AUDIT_ANCHOR = tmp_path / "audit-anchor.json"
    failures, written = _append_concurrently(caseworker)

    assert failures == []
    assert sorted(s for seqs in written for s in seqs) == list(range(1, TOTAL + 1))
    assert all(seqs == sorted(seqs) for seqs in written)
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, TOTAL + 1))
    result = verify()
    assert result.ok, result.problem
    assert result.checked == TOTAL
    assert read_anchor() == (TOTAL, AuditEvent.objects.get(seq=TOTAL).mac)


_SQLITE_RUN = """
import json, django
django.setup()
from django.core.management import call_command
call_command("migrate", "audit", verbosity=0)
from tests.apps.test_audit_concurrency import _append_concurrently
from wayhome.apps.audit.log import read_anchor, verify
failures, written = _append_concurrently(None)
result = verify()
print(json.dumps({"failures": [repr(f) for f in failures], "written": written,
                  "ok": result.ok, "checked": result.checked, "anchor": read_anchor()}))
"""


def test_concurrent_writers_on_a_sqlite_file_wait_for_each_other(tmp_path: Path) -> None:
    """SQLite as deployed (a file in WAL mode, the production settings), in a fresh process."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"WAYHOME_DATABASE_URL", "WAYHOME_KEYRING", "WAYHOME_SECRET_KEY"}}
    env.update(DJANGO_SETTINGS_MODULE="wayhome.web.settings", WAYHOME_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", _SQLITE_RUN], env=env, capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])

    assert out["failures"] == []
    assert sorted(s for seqs in out["written"] for s in seqs) == list(range(1, TOTAL + 1))
    assert all(seqs == sorted(seqs) for seqs in out["written"])
    assert out["ok"] and out["checked"] == TOTAL
    assert out["anchor"][0] == TOTAL
