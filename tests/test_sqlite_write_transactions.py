"""On SQLite, a transaction takes the write lock when it begins (IMMEDIATE) and waits for
another writer instead of failing. With SQLite's default (deferred) transactions, one that
reads, then writes after another writer committed in between, failed at once with
"database is locked".

Each check runs the real settings module in a child process with its own WAYHOME_HOME,
so it sees the database file a deployment gets (the tests' own database is in memory).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

_SETTINGS = """
import json
from django.conf import settings
print(json.dumps(settings.DATABASES["default"]))
"""

# One writer reads, lets a second writer try to write, then writes itself.
_READ_THEN_WRITE = """
import json, threading
import django
django.setup()
from django.db import connection, connections, transaction

with connection.cursor() as cur:
    cur.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")

errors, started, done = [], threading.Event(), threading.Event()

def other_writer():
    try:
        started.wait()
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("INSERT INTO note (body) VALUES ('other')")
    except Exception as exc:
        errors.append(f"other writer: {exc}")
    finally:
        connections.close_all()
        done.set()

thread = threading.Thread(target=other_writer)
thread.start()
try:
    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM note")
            started.set()
            done.wait(0.5)  # the other writer commits here, unless it has to wait for us
            cur.execute("INSERT INTO note (body) VALUES ('first')")
except Exception as exc:
    errors.append(f"first writer: {exc}")
thread.join(30)
with connection.cursor() as cur:
    cur.execute("SELECT count(*) FROM note")
    print(json.dumps({"errors": errors, "rows": cur.fetchone()[0]}))
"""


def _run(code: str, home: Path, database_url: str | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k != "WAYHOME_DATABASE_URL"}
    env.update(WAYHOME_HOME=str(home), DJANGO_SETTINGS_MODULE="wayhome.web.settings",
               PYTHONPATH=str(ROOT))
    if database_url:
        env["WAYHOME_DATABASE_URL"] = database_url
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120, cwd=home)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_writer_that_reads_first_waits_for_another_writer_instead_of_failing(
    tmp_path: Path,
) -> None:
    outcome = json.loads(_run(_READ_THEN_WRITE, tmp_path))

    assert outcome == {"errors": [], "rows": 2}


@pytest.mark.parametrize("url", [None, "sqlite:///{home}/other.sqlite3"])
def test_sqlite_databases_begin_immediate_and_wait_for_the_lock(
    tmp_path: Path, url: str | None
) -> None:
    database = json.loads(_run(_SETTINGS, tmp_path, url and url.format(home=tmp_path)))

    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] == 20


def test_postgresql_keeps_its_own_transactions(tmp_path: Path) -> None:
    database = json.loads(_run(_SETTINGS, tmp_path, "postgres://wayhome@127.0.0.1:5432/wayhome"))

    assert "transaction_mode" not in database.get("OPTIONS", {})
