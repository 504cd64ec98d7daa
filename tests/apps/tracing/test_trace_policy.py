"""The policy's record-level rule for tracing records (_decide_on_trace, visible_reports)."""

from __future__ import annotations

from typing import Any

from wayhome.apps.cases import services as case_services
from wayhome.apps.tracing.models import Candidate
from wayhome.security.policy import Action, decide, visible_reports


def test_a_tracer_may_see_only_its_own_organisations_reports(
    candidate: Candidate, tracer: Any, other_tracer: Any
) -> None:
    report = candidate.report
    assert decide(tracer, Action.TRACE_REPORT_VIEW, report)
    assert not decide(other_tracer, Action.TRACE_REPORT_VIEW, report)
    assert list(visible_reports(tracer)) == [report]
    assert list(visible_reports(other_tracer)) == []


def test_a_tracer_never_gets_a_case_as_a_record(candidate: Candidate, tracer: Any) -> None:
    for action in (Action.TRACE_REPORT_VIEW, Action.TRACE_MATCH_REVIEW, Action.CASE_VIEW,
                   Action.IDENTITY_VIEW):
        assert not decide(tracer, action, candidate.case), action


def test_a_candidate_is_reviewable_only_while_the_persons_consent_to_tracing_stands(
    candidate: Candidate, tracer: Any, caseworker: Any
) -> None:
    assert decide(tracer, Action.TRACE_MATCH_REVIEW, candidate)
    assert not decide(tracer, Action.TRACE_REPORT_VIEW, candidate)  # wrong action for it
    case_services.record_consent(caseworker, candidate.case, "tracing", False, "vi")
    decision = decide(tracer, Action.TRACE_MATCH_REVIEW, candidate)
    assert not decision and "withdrawn" in decision.reason


def test_the_case_team_decides_disclosure_only_for_its_own_cases(
    candidate: Candidate, caseworker: Any, make_user: Any, users: dict[str, Any]
) -> None:
    assert decide(caseworker, Action.TRACE_DISCLOSURE_DECIDE, candidate.case)
    outsider = make_user("case_worker", org="ngo_kh")
    assert not decide(outsider, Action.TRACE_DISCLOSURE_DECIDE, candidate.case)
    assert not decide(caseworker, Action.TRACE_REPORT_VIEW, candidate.report)
    assert not decide(users["consular_officer"], Action.TRACE_DISCLOSURE_DECIDE, candidate.case)
