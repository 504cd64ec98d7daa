"""Closing a family report (found, withdrawn, deceased, duplicate, other with a note) and
re-opening it: audited with the reason; a closed report is not matched, is left out of
the open list, and its candidates cannot be decided until it is re-opened."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.tracing import matching, services
from wayhome.apps.tracing.models import (
    Candidate,
    CandidateStatus,
    DisclosureRequest,
    FamilyReport,
    ReportStatusChange,
)

from .conftest import HUNG


def _close(client: Any, report: FamilyReport, **data: str) -> Any:
    return client.post(reverse("tracing:report_close", args=[report.reference]), data)


def _reopen(client: Any, report: FamilyReport, **data: str) -> Any:
    return client.post(reverse("tracing:report_reopen", args=[report.reference]), data)


def test_a_tracer_closes_a_report_with_a_reason_and_it_is_audited(
    make_report: Any, tracer: Any, client_for: Any
) -> None:
    report = make_report()
    client = client_for(tracer)
    response = _close(client, report, reason="duplicate", note="Same as FR-AAAA-BBBB")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.closed_reason) == ("closed", "duplicate")
    assert report.closed_at is not None
    change = ReportStatusChange.objects.get(report=report)
    assert (change.status, change.reason, change.note, change.changed_by) == (
        "closed", "duplicate", "Same as FR-AAAA-BBBB", tracer)
    for action in ("trace.report.close", "trace.report.closed"):
        assert AuditEvent.objects.filter(action=action, object_id=str(report.pk),
                                         actor_id=tracer.pk, allowed=True).exists(), action
    assert AuditEvent.objects.get(action="trace.report.closed").detail == "duplicate"
    page = client.get(reverse("tracing:report", args=[report.reference])).content.decode()
    assert "Duplicate of another report" in page and "Same as FR-AAAA-BBBB" in page
    assert reverse("tracing:report_reopen", args=[report.reference]) in page
    assert reverse("tracing:report_match", args=[report.reference]) not in page


def test_the_closing_note_is_encrypted_at_rest(make_report: Any, tracer: Any) -> None:
    report = make_report()
    services.close_report(tracer, report, {"reason": "found", "note": "Lives in Vinh now"})
    with connection.cursor() as cur:
        cur.execute("SELECT * FROM tracing_reportstatuschange")
        raw = " ".join(str(v) for v in cur.fetchone())
    assert "Vinh" not in raw


@pytest.mark.parametrize("data, field", [
    ({"reason": "other", "note": ""}, "note"),
    ({"reason": "lost"}, "reason"),
    ({"reason": "found", "note": "x" * 2001}, "note"),
])
def test_bad_input_on_closing_is_refused_and_changes_nothing(
    make_report: Any, tracer: Any, client_for: Any, data: dict[str, str], field: str
) -> None:
    report = make_report()
    response = _close(client_for(tracer), report, **data)
    assert response.status_code == 200
    assert response.context["close_form"].errors[field]
    with pytest.raises(ValidationError) as info:
        services.close_report(tracer, report, data)
    assert field in info.value.message_dict
    report.refresh_from_db()
    assert (report.status, report.closed_reason, report.closed_at) == ("open", "", None)
    assert not ReportStatusChange.objects.exists()
    assert not AuditEvent.objects.filter(action="trace.report.closed").exists()


def test_a_closed_report_is_not_matched_and_finds_no_new_candidate(
    make_report: Any, traceable_case: Any, tracer: Any, client_for: Any
) -> None:
    report = make_report()
    services.close_report(tracer, report, {"reason": "withdrawn"})
    traceable_case(**HUNG)
    assert services.run_matching().reports == 0
    page = client_for(tracer).post(reverse("tracing:report_match", args=[report.reference]))
    assert "The report is closed" in page.content.decode()
    assert not Candidate.objects.filter(report=report).exists()
    with pytest.raises(CommandError):
        call_command("trace_match", "--report", report.reference)
    assert not Candidate.objects.filter(report=report).exists()


def test_a_report_closed_while_the_matching_runs_gets_no_candidate(
    make_report: Any, traceable_case: Any, tracer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report()
    traceable_case(**HUNG)
    real = matching.match

    def tracer_closes_meanwhile(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        services.close_report(tracer, FamilyReport.objects.get(pk=report.pk),
                              {"reason": "found"})
        return found

    monkeypatch.setattr(matching, "match", tracer_closes_meanwhile)
    summary = services.run_matching()
    assert not Candidate.objects.filter(report=report).exists()
    # Not counted as matched, nor marked so.
    assert summary.reports == 0
    assert FamilyReport.objects.get(pk=report.pk).matched_at is None
    assert AuditEvent.objects.get(action="trace.match.run").detail.startswith("0 reports")


def test_a_report_whose_family_withdrew_consent_while_the_matching_runs_gets_no_candidate(
    make_report: Any, traceable_case: Any, tracer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = make_report()
    other = make_report()
    traceable_case(**HUNG)
    real = matching.match

    def family_withdraws_meanwhile(*args: Any, **kwargs: Any) -> Any:
        found = real(*args, **kwargs)
        services.record_family_consent(tracer, report, False, {"consent_by": "Lan"})
        return found

    monkeypatch.setattr(matching, "match", family_withdraws_meanwhile)
    summary = services.run_matching()
    assert not Candidate.objects.filter(report=report).exists()
    assert FamilyReport.objects.get(pk=report.pk).matched_at is None
    assert Candidate.objects.filter(report=other).count() == 1  # the other one is matched
    assert FamilyReport.objects.get(pk=other.pk).matched_at is not None
    assert (summary.reports, summary.created) == (1, 1)


def test_a_run_locks_the_reports_in_the_order_of_their_keys(
    make_report: Any, traceable_case: Any
) -> None:
    """Two runs locking the same reports in different orders would deadlock: the first
    statement of the run's transaction locks them by key, whatever the model's default
    ordering."""
    reports = [make_report() for _ in range(3)]
    traceable_case(**HUNG)
    with CaptureQueriesContext(connection) as ctx:
        services.run_matching(list(reversed(reports)))
    sqls = [q["sql"] for q in ctx.captured_queries]
    begin = next(i for i, sql in enumerate(sqls) if sql.startswith("SAVEPOINT"))
    lock = sqls[begin + 1]
    table = FamilyReport._meta.db_table
    assert lock.startswith(f'SELECT "{table}"."id"') and f'FROM "{table}"' in lock, lock
    assert re.search(rf'ORDER BY (1|"{table}"\."id") ASC', lock), lock
    if connection.vendor == "postgresql":
        assert lock.endswith("FOR UPDATE"), lock


def test_the_candidates_of_a_closed_report_cannot_be_confirmed_until_it_is_reopened(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    report = candidate.report
    _close(client, report, reason="deceased")
    page = client.get(reverse("tracing:report", args=[report.reference])).content.decode()
    assert f'id="candidate-{candidate.pk}"' in page  # still shown, read-only
    assert reverse("tracing:candidate_confirm", args=[candidate.pk]) not in page
    client.post(reverse("tracing:candidate_confirm", args=[candidate.pk]))
    client.post(reverse("tracing:candidate_reject", args=[candidate.pk]), {"reason": "x"})
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING
    assert not DisclosureRequest.objects.exists()
    assert not AuditEvent.objects.filter(action="trace.match.confirm").exists()

    response = _reopen(client, report, reason="The death was not confirmed after all.")
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.closed_reason, report.closed_at) == ("open", "", None)
    change = report.status_changes.first()
    assert change is not None and (change.status, change.note) == (
        "open", "The death was not confirmed after all.")
    assert AuditEvent.objects.filter(action="trace.report.reopened", actor_id=tracer.pk,
                                     object_id=str(report.pk)).exists()
    client.post(reverse("tracing:candidate_confirm", args=[candidate.pk]))
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.CONFIRMED


def test_reopening_needs_a_reason_and_a_closed_report(
    make_report: Any, tracer: Any, client_for: Any
) -> None:
    report = make_report()
    client = client_for(tracer)
    open_already = _reopen(client, report, reason="Just in case")
    assert "The report is already open." in open_already.content.decode()
    services.close_report(tracer, report, {"reason": "found"})
    no_reason = _reopen(client, report, reason="")
    assert no_reason.status_code == 200 and no_reason.context["reopen_form"].errors["reason"]
    closed_again = _close(client, report, reason="withdrawn")
    assert "The report is already closed." in closed_again.content.decode()
    report.refresh_from_db()
    assert (report.status, report.closed_reason) == ("closed", "found")
    assert report.status_changes.count() == 1


def test_the_list_shows_open_reports_by_default_and_closed_ones_on_request(
    make_report: Any, tracer: Any, client_for: Any
) -> None:
    kept, closed = make_report(), make_report()
    services.close_report(tracer, closed, {"reason": "found"})
    client = client_for(tracer)
    url = reverse("tracing:reports")
    default = client.get(url).content.decode()
    assert kept.reference in default and closed.reference not in default
    only_closed = client.get(url, {"status": "closed"}).content.decode()
    assert closed.reference in only_closed and kept.reference not in only_closed
    assert "The person was found and is in contact with the family" in only_closed
    every = client.get(url, {"status": "all"}).content.decode()
    assert kept.reference in every and closed.reference in every
    unknown = client.get(url, {"status": "bogus"})
    assert "Show open, closed or all reports." in unknown.content.decode()
    assert kept.reference in unknown.content.decode()


def test_another_organisations_tracer_cannot_close_or_reopen(
    make_report: Any, tracer: Any, other_tracer: Any, client_for: Any
) -> None:
    report = make_report()
    client = client_for(other_tracer)
    assert _close(client, report, reason="found").status_code == 403
    services.close_report(tracer, report, {"reason": "found"})
    assert _reopen(client, report, reason="x").status_code == 403
    report.refresh_from_db()
    assert report.status == "closed" and report.status_changes.count() == 1
    assert AuditEvent.objects.filter(action="trace.report.reopen", actor_id=other_tracer.pk,
                                     allowed=False).exists()
