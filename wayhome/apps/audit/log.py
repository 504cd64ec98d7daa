"""Write and verify the audit chain."""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from wayhome.security import crypto

from .models import AuditEvent

GENESIS = "0" * 64
_anchor_lock = threading.Lock()


def _event(actor: Any, action: str, obj: Any, object_type: str, object_id: str,
           purpose: str, allowed: bool, detail: str) -> AuditEvent:
    """An event without its time and place in the chain (at, seq, prev_mac, key, MAC)."""
    if obj is not None:
        object_type = object_type or obj._meta.model_name
        object_id = object_id or str(obj.pk)
    return AuditEvent(
        actor_id=getattr(actor, "pk", None),
        actor_username=getattr(actor, "username", "") or "",
        actor_role=getattr(actor, "role", "") or "",
        action=action,
        purpose=purpose,
        object_type=object_type,
        object_id=object_id,
        allowed=allowed,
        detail=detail[:200],
    )


# Any constant will do: every appender takes this PostgreSQL advisory lock before it reads
# the tail, so appenders queue on something that does not move (locking the last row
# does: a waiter is handed the old tail once it is unlocked and collides on ``seq``).
_APPEND_LOCK = 0x57617948_6F6D6541  # "WayHomeA"


def _lock_the_tail() -> None:
    """Hold the right to append until the transaction ends; wait for it if need be."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_APPEND_LOCK])
        elif connection.vendor == "sqlite":
            # A write that changes nothing takes SQLite's write lock (waiting up to the
            # connection timeout) before the tail is read. Read first, and a writer that
            # commits in between makes the insert fail at once with "database is locked".
            cur.execute("UPDATE audit_auditevent SET seq = seq WHERE 0 = 1")


def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Chain the events after the current tail and write them in one insert."""
    for _attempt in range(5):
        try:
            with transaction.atomic():
                _lock_the_tail()
                last = AuditEvent.objects.order_by("-seq").only("seq", "mac").first()
                seq, prev = (last.seq, last.mac) if last else (0, GENESIS)
                key_id, now = crypto.current_audit_key_id(), timezone.now()
                for event in events:
                    seq += 1
                    event.at, event.seq, event.prev_mac, event.key_id = now, seq, prev, key_id
                    _kid, event.mac = crypto.audit_mac(event.canonical(), event.key_id)
                    prev = event.mac
                if len(events) == 1:
                    events[0].save()
                else:
                    AuditEvent.objects.bulk_create(events)
                tail = events[-1]
                transaction.on_commit(lambda: _write_anchor(tail.seq, tail.mac))
                return events
        except IntegrityError:
            # Appenders that all take the lock never collide; one that does not (an older
            # version during an upgrade) can take this sequence number: retry on the new tail.
            continue
    raise RuntimeError("could not append to the audit log")


def record(
    actor: Any,
    action: str,
    *,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    purpose: str = "",
    allowed: bool = True,
    detail: str = "",
) -> AuditEvent:
    """Append one event. ``detail`` must never contain personal data."""
    return _append([_event(actor, action, obj, object_type, object_id, purpose, allowed,
                           detail)])[0]


def record_many(
    actor: Any, action: str, entries: Sequence[tuple[Any, bool, str]], *, purpose: str = ""
) -> list[AuditEvent]:
    """Append one event per ``(object, allowed, detail)``, in order: the same events as
    that many :func:`record` calls, written in one insert (a page listing many records)."""
    if not entries:
        return []
    return _append([_event(actor, action, obj, "", "", purpose, allowed, detail)
                    for obj, allowed, detail in entries])


def _anchor_path() -> Path | None:
    path = getattr(settings, "WAYHOME_AUDIT_ANCHOR", None)
    return Path(path) if path else None


def read_anchor() -> tuple[int, str] | None:
    path = _anchor_path()
    if not path or not path.exists():
        return None
    data = json.loads(path.read_text())
    return int(data["seq"]), str(data["mac"])


def _write_anchor(seq: int, mac: str) -> None:
    """Keep the newest (seq, mac) outside the database, so deleting the tail shows."""
    path = _anchor_path()
    if not path:
        return
    # Threads of one process take turns, so the anchor never moves back within it, and
    # each writes its own temporary file (a shared one is renamed away under another).
    # Across processes a late writer can leave an older (seq, mac): a weaker anchor,
    # never a false alarm, and the next append moves it on.
    with _anchor_lock:
        current = read_anchor()
        if current and current[0] >= seq:
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(fd, "w") as fh:
            fh.write(json.dumps({"seq": seq, "mac": mac}))
        os.replace(tmp, path)


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem_seq: int | None = None
    problem: str = ""


def verify(batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first row whose MAC or link is wrong."""
    expected_prev = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    qs = AuditEvent.objects.order_by("seq")
    while True:
        rows = list(qs.filter(seq__gt=last_seq)[:batch])
        if not rows:
            break
        for ev in rows:
            if ev.seq != expected_seq:
                return VerifyResult(
                    False, checked, expected_seq,
                    f"event {expected_seq} is missing (next present is {ev.seq})",
                )
            if ev.prev_mac != expected_prev:
                return VerifyResult(
                    False, checked, ev.seq,
                    f"event {ev.seq} does not link to event {ev.seq - 1}",
                )
            try:
                _kid, mac = crypto.audit_mac(ev.canonical(), ev.key_id)
            except crypto.KeyringError as exc:
                return VerifyResult(False, checked, ev.seq, f"event {ev.seq}: {exc}")
            if mac != ev.mac:
                return VerifyResult(
                    False, checked, ev.seq, f"event {ev.seq} was altered after it was written"
                )
            expected_prev = ev.mac
            expected_seq += 1
            checked += 1
            last_seq = ev.seq
    anchor = read_anchor()
    if anchor is not None:
        seq, mac = anchor
        if last_seq < seq:
            return VerifyResult(
                False, checked, last_seq + 1,
                f"events {last_seq + 1} to {seq} were deleted from the end of the log",
            )
        if last_seq >= seq and checked and _mac_of(seq) != mac:
            return VerifyResult(False, checked, seq, f"event {seq} differs from the anchor")
    return VerifyResult(True, checked)


def _mac_of(seq: int) -> str | None:
    return AuditEvent.objects.filter(seq=seq).values_list("mac", flat=True).first()
