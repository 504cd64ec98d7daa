"""Writers lock their rows before they write their first audit event. Appending to the audit
log locks the log's tail until the commit; answering a disclosure request locks the
request, then writes to the log. Closing the report (or the family withdrawing consent)
must therefore lock the report's waiting requests before it writes to the log, or the two
wait for each other (a deadlock: PostgreSQL aborts one of them, a 500 for its user)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from wayhome.apps.cases.models import ConsentRecord
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import Candidate, DisclosureRequest, DisclosureStatus

ANSWER = {"agrees": "yes", "language": "vi", "contact_route": "Call the NGO office"}
REQUESTS = DisclosureRequest._meta.db_table

WITHDRAWING: dict[str, Callable[[Any, Any], Any]] = {
    "closing": lambda tracer, report: services.close_report(
        tracer, report, {"reason": "withdrawn"}),
    "consent withdrawn": lambda tracer, report: services.record_family_consent(
        tracer, report, False, {"consent_by": "Nguyễn Thị Lan"}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("withdraw", WITHDRAWING.values(), ids=WITHDRAWING.keys())
def test_the_waiting_requests_are_locked_before_the_first_audit_event(
    candidate: Candidate, tracer: Any, withdraw: Callable[[Any, Any], Any]
) -> None:
    services.confirm(tracer, candidate)
    with CaptureQueriesContext(connection) as ctx:
        withdraw(tracer, candidate.report)
    sqls = [q["sql"] for q in ctx.captured_queries]
    # The transaction starts by locking the report (the policy's event is written before).
    begin = next(i for i, sql in enumerate(sqls)
                 if sql.startswith('SELECT "tracing_familyreport"."status"'))
    lock = next(i for i, sql in enumerate(sqls)
                if sql.startswith("SELECT") and f'FROM "{REQUESTS}"' in sql)
    first_audit = next(i for i, sql in enumerate(sqls) if i > begin and "audit_auditevent" in sql)
    assert begin < lock < first_audit, sqls[begin:first_audit + 1]
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in sqls[begin] and "FOR UPDATE" in sqls[lock]
    assert DisclosureRequest.objects.get().status == DisclosureStatus.CANCELLED


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent writers need a PostgreSQL server")
@pytest.mark.parametrize("withdraw", WITHDRAWING.values(), ids=WITHDRAWING.keys())
def test_an_answer_and_a_withdrawal_at_the_same_time_both_finish(
    candidate: Candidate, tracer: Any, caseworker: Any, withdraw: Callable[[Any, Any], Any]
) -> None:
    """Real threads: the case team is answering (the request locked) when the tracer
    closes the report; the answer then writes its audit events and commits, and the
    closing goes on (the request answered, so not withdrawn)."""
    request = services.confirm(tracer, candidate)
    report = candidate.report
    answering, closer_waits = threading.Event(), threading.Event()
    pids: dict[str, int] = {}
    failures: list[BaseException] = []

    def answer() -> None:
        try:
            with transaction.atomic():
                DisclosureRequest.objects.select_for_update().get(pk=request.pk)
                answering.set()
                assert closer_waits.wait(10), "the closing never waited for the request"
                services.record_adult_answer(caseworker, request, ANSWER)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            answering.set()
            connections.close_all()

    def close() -> None:
        try:
            assert answering.wait(10)
            with connection.cursor() as cur:
                cur.execute("SELECT pg_backend_pid()")
                pids["closer"] = cur.fetchone()[0]
            withdraw(tracer, report)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer), threading.Thread(target=close)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 10
    with connection.cursor() as cur:
        while time.monotonic() < deadline:  # until the closing waits for a lock
            cur.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                        [pids.get("closer", 0)])
            row = cur.fetchone()
            if row and row[0] == "Lock":
                break
            time.sleep(0.01)
    closer_waits.set()
    for t in threads:
        t.join(timeout=30)

    assert not [t for t in threads if t.is_alive()], "a writer hung"
    assert failures == []
    request.refresh_from_db()
    assert request.status == DisclosureStatus.AGREED
    assert ConsentRecord.objects.filter(purpose="family", granted=True).count() == 1
