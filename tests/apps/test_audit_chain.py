"""The audit log is append-only and hash-chained; verify finds any edit or deletion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from wayhome.apps.audit.log import record, record_many, verify
from wayhome.apps.audit.models import AppendOnlyError, AuditEvent
from wayhome.cli import main


def _drop_triggers() -> None:
    """What an attacker with raw database access would do first."""
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("DROP TRIGGER audit_no_update")
            cur.execute("DROP TRIGGER audit_no_delete")
        else:
            cur.execute("DROP TRIGGER audit_no_change ON audit_auditevent")


@pytest.fixture
def chain(caseworker: Any) -> list[AuditEvent]:
    return [record(caseworker, "case.view", object_type="case", object_id=str(i))
            for i in range(1, 6)]


def test_an_untouched_chain_verifies(chain: list[AuditEvent]) -> None:
    result = verify()
    assert result.ok and result.checked == 5


def test_events_written_together_continue_the_chain_one_by_one(
    chain: list[AuditEvent], caseworker: Any
) -> None:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        written = record_many(caseworker, "case.view", [(caseworker, True, ""),
                                                        (caseworker, False, "refused")],
                              purpose="case_management")
    assert sum("INSERT" in q["sql"] for q in ctx.captured_queries) == 1
    assert [e.seq for e in written] == [6, 7]
    assert written[0].prev_mac == chain[-1].mac and written[1].prev_mac == written[0].mac
    assert [(e.allowed, e.detail) for e in AuditEvent.objects.filter(seq__gt=5)] == [
        (True, ""), (False, "refused")]
    assert record(caseworker, "case.view").seq == 8
    result = verify()
    assert result.ok and result.checked == 8


def test_the_orm_refuses_to_change_or_delete_events(chain: list[AuditEvent]) -> None:
    with pytest.raises(AppendOnlyError):
        chain[0].save()
    with pytest.raises(AppendOnlyError):
        chain[0].delete()


def test_the_database_refuses_update_and_delete(chain: list[AuditEvent]) -> None:
    from django.db import DatabaseError, transaction

    for sql in ("UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql)


def test_an_edited_event_is_found_and_named(chain: list[AuditEvent]) -> None:
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET object_id = '99' WHERE seq = 3")
    result = verify()
    assert not result.ok
    assert result.problem_seq == 3
    assert "altered" in result.problem


def test_a_deleted_event_in_the_middle_is_found(chain: list[AuditEvent]) -> None:
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    result = verify()
    assert not result.ok and result.problem_seq == 2
    assert "missing" in result.problem


def test_a_rewritten_and_renumbered_chain_is_found(chain: list[AuditEvent]) -> None:
    """Delete event 2 and renumber the rest: the link from 3 to 1 is broken."""
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent WHERE seq = 2")
        for seq in (3, 4, 5):
            cur.execute("UPDATE audit_auditevent SET seq = %s WHERE seq = %s", [seq - 1, seq])
    result = verify()
    assert not result.ok and result.problem_seq == 2


def test_deleting_the_newest_events_is_found_through_the_anchor(
    caseworker: Any, tmp_path: Path
) -> None:
    from wayhome.apps.audit import log

    with override_settings(WAYHOME_AUDIT_ANCHOR=tmp_path / "anchor.json"):
        events = [record(caseworker, "case.view", object_id=str(i)) for i in range(4)]
        log._write_anchor(events[-1].seq, events[-1].mac)  # on_commit does this in production
        assert verify().ok
        _drop_triggers()
        with connection.cursor() as cur:
            cur.execute("DELETE FROM audit_auditevent WHERE seq >= 3")
        result = verify()
        assert not result.ok and result.problem_seq == 3
        assert "deleted from the end" in result.problem


def test_audit_verify_command_exits_non_zero_on_tampering(
    chain: list[AuditEvent], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify"]) == 0
    assert "5 events verified" in capsys.readouterr().out
    _drop_triggers()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_auditevent SET actor_username = 'someone' WHERE seq = 4")
    assert main(["audit", "verify"]) == 1
    assert "event 4" in capsys.readouterr().err


def test_reads_of_personal_data_are_logged_without_personal_data(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case(given_name="Thiha")
    client_for(caseworker).get(f"/cases/{case.case_number}/")
    events = AuditEvent.objects.filter(object_id=str(case.pk), action="identity.view")
    assert events.exists()
    for ev in AuditEvent.objects.all():
        assert "Thiha" not in ev.canonical().decode()


def test_the_case_team_sees_who_read_the_case_and_refused_attempts(
    users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    from django.urls import reverse

    from wayhome.apps.accounts.models import Role

    case = make_case()
    worker = users[Role.CASE_WORKER]
    client_for(worker).get(reverse("cases:detail", args=[case.case_number]))
    client_for(users[Role.ENFORCEMENT_LIAISON]).get(
        reverse("cases:detail", args=[case.case_number]))  # refused, and logged
    page = client_for(worker).get(reverse("audit:case", args=[case.case_number]))
    html = page.content.decode()
    assert page.status_code == 200
    assert worker.username in html and users[Role.ENFORCEMENT_LIAISON].username in html
    assert "refused" in html
    assert "Aung" not in html  # identifiers only, never a name
