"""Every tracing URL, walked with every role: who may reach it (the same table and
fixture as tests/security/test_access_by_role_and_url.py would use)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.tracing import services as tracing_services
from wayhome.apps.tracing.models import Candidate

from ...conftest import verified_client

R = Role
TEAM = {R.CASE_WORKER, R.SCREENING_OFFICER}

EXPECTED: dict[str, tuple[str, set[str]]] = {
    "tracing:reports": ("get", {R.TRACER}),
    "tracing:report_new": ("get", {R.TRACER}),
    "tracing:report": ("get", {R.TRACER}),
    "tracing:report_consent": ("post", {R.TRACER}),
    "tracing:report_match": ("post", {R.TRACER}),
    "tracing:candidate_confirm": ("post", {R.TRACER}),
    "tracing:candidate_reject": ("post", {R.TRACER}),
    "tracing:requests": ("get", TEAM),
    "tracing:request": ("get", TEAM),
    "tracing:request_answer": ("post", TEAM),
    "tracing:request_best_interests": ("post", TEAM),
    "api:trace_reports": ("get", {R.TRACER}),
    "api:trace_report": ("get", {R.TRACER}),
    "api:trace_report_match": ("post", {R.TRACER}),
    "api:trace_candidates": ("get", {R.TRACER}),
    "api:trace_candidate_confirm": ("post", {R.TRACER}),
    "api:trace_candidate_reject": ("post", {R.TRACER}),
}


@pytest.fixture
def tracing_world(users: dict[str, Any], make_case: Any) -> dict[str, Any]:
    """Three reports of the tracer's organisation for the same registered person (who
    consented to tracing): one candidate confirmed (so a disclosure request exists for
    the case team), one to confirm and one to reject."""
    worker, tracer = users[R.CASE_WORKER], users[R.TRACER]
    traced = make_case(given_name="HUNG", family_name="NGUYEN VAN", nationality="VNM",
                       sex="M", date_of_birth="1999-04-12")
    case_services.record_consent(worker, traced, "tracing", True, "vi")
    reports = [tracing_services.create_report(tracer, {
        "reporter_name": "Nguyễn Thị Lan", "reporter_relation": "mother",
        "reporter_contact": "+84 912 000 111", "missing_name": "Nguyễn Văn Hùng",
        "sex": "M", "birth": "1999-04-12", "nationality": "VNM", "consent_given": True,
        "consent_by": "Nguyễn Thị Lan", "consent_on": "2026-01-05",
        "consent_language": "vi"}) for _ in range(3)]
    tracing_services.run_matching(reports)
    confirmed, to_confirm, to_reject = (Candidate.objects.get(report=r) for r in reports)
    request = tracing_services.confirm(tracer, confirmed)
    return {"report": reports[0], "to_confirm": to_confirm, "to_reject": to_reject,
            "request": request}


def _url(name: str, world: dict[str, Any]) -> str:
    kwargs: dict[str, Any] = {}
    if name in {"tracing:report", "tracing:report_consent", "tracing:report_match",
                "api:trace_report", "api:trace_report_match", "api:trace_candidates"}:
        kwargs["ref"] = world["report"].reference
    if name in {"tracing:candidate_confirm", "api:trace_candidate_confirm"}:
        kwargs["pk"] = world["to_confirm"].pk
    if name in {"tracing:candidate_reject", "api:trace_candidate_reject"}:
        kwargs["pk"] = world["to_reject"].pk
    if name in {"tracing:request", "tracing:request_answer",
                "tracing:request_best_interests"}:
        kwargs["pk"] = world["request"].pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", sorted(Role.values))
def test_each_role_reaches_exactly_the_tracing_urls_its_policy_allows(
    role: str, users: dict[str, Any], tracing_world: dict[str, Any]
) -> None:
    wrong: list[str] = []
    for name, (method, allowed) in sorted(EXPECTED.items()):
        response = getattr(verified_client(users[role]), method)(_url(name, tracing_world))
        if (response.status_code < 400) != (role in allowed):
            wrong.append(f"{method.upper()} {name} -> {response.status_code}")
        if role not in allowed:
            assert response.status_code in (403, 405), (name, response.status_code)
        if role != R.TRACER:
            assert "Nguyễn Văn Hùng" not in response.content.decode() or role in TEAM, name
    assert not wrong, f"{role}: {wrong}"
