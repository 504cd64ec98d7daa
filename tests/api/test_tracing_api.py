"""REST API for tracers: list and create family reports, match, list candidates with
their evidence, confirm and reject; same policy as the pages, in the OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.urls import reverse

from wayhome.apps.accounts.models import Organisation, OrganisationKind, Role
from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases import services as case_services
from wayhome.apps.tracing.models import Candidate, CandidateStatus, DisclosureRequest, FamilyReport

NEW_REPORT = {
    "reporter_name": "Nguyễn Thị Lan", "reporter_relation": "mother",
    "reporter_contact": "+84 912 000 111", "missing_name": "Nguyễn Văn Hùng",
    "sex": "M", "birth": "1999-04-12", "nationality": "VNM",
    "consent_given": True, "consent_by": "Nguyễn Thị Lan", "consent_on": "2026-01-05",
    "consent_language": "vi",
}


@pytest.fixture
def tracer(orgs: dict[str, Organisation], make_user: Any) -> Any:
    orgs["tracing_vn"] = Organisation.objects.create(
        name="Nghe An Family Tracing", country="VNM", kind=OrganisationKind.TRACING)
    return make_user(Role.TRACER, org="tracing_vn")


@pytest.fixture
def registered_hung(make_case: Any, caseworker: Any) -> Any:
    case = make_case(given_name="HUNG", family_name="NGUYEN VAN", nationality="VNM",
                     sex="M", date_of_birth="1999-04-12")
    case_services.record_consent(caseworker, case, "tracing", True, "vi")
    return case


def _post(client: Any, name: str, data: Any = None, **kw: Any) -> Any:
    return client.post(reverse(name, kwargs=kw), data or {}, content_type="application/json")


def test_a_tracer_creates_a_report_lists_it_and_finds_a_candidate(
    tracer: Any, registered_hung: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    created = _post(client, "api:trace_reports", NEW_REPORT)
    assert created.status_code == 201, created.json()
    ref = created.json()["reference"]
    assert created.json()["has_consent"] is True
    listing = client.get(reverse("api:trace_reports")).json()
    assert [r["reference"] for r in listing] == [ref]
    assert "missing_name" not in listing[0]

    matched = _post(client, "api:trace_report_match", ref=ref)
    assert matched.status_code == 200 and matched.json()["created"] == 1
    candidates = client.get(reverse("api:trace_candidates", kwargs={"ref": ref})).json()
    assert len(candidates) == 1
    ev = candidates[0]["evidence"]
    assert ev["registered_name"] == "HUNG NGUYEN VAN" and ev["country"] == "THA"
    assert "case" not in candidates[0] and "narrative" not in str(candidates[0])
    assert registered_hung.case_number not in str(candidates[0])


def test_invalid_reports_are_refused_with_every_problem_and_nothing_is_written(
    tracer: Any, client_for: Any
) -> None:
    bad = {**NEW_REPORT, "missing_name": "!!!", "birth": "yesterday", "nationality": "XXX",
           "consent_language": "klingon"}
    response = _post(client_for(tracer), "api:trace_reports", bad)
    assert response.status_code == 400
    assert {"missing_name", "birth", "nationality", "consent_language"} <= set(response.json())
    assert FamilyReport.objects.count() == 0


def test_matching_without_the_familys_consent_is_refused(
    tracer: Any, registered_hung: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", {**NEW_REPORT, "consent_given": False}
                ).json()["reference"]
    response = _post(client, "api:trace_report_match", ref=ref)
    assert response.status_code == 400
    assert "consent" in str(response.json())
    assert not Candidate.objects.exists()


def test_confirm_opens_a_disclosure_request_and_reject_is_final(
    tracer: Any, registered_hung: Any, client_for: Any, make_case: Any, caseworker: Any
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    _post(client, "api:trace_report_match", ref=ref)
    candidate = Candidate.objects.get()
    confirmed = _post(client, "api:trace_candidate_confirm", pk=candidate.pk)
    assert confirmed.status_code == 200
    assert confirmed.json()["status"] == "confirmed"
    assert confirmed.json()["outcome"]["state"] == "pending"
    assert DisclosureRequest.objects.filter(candidate=candidate).exists()
    again = _post(client, "api:trace_candidate_reject", {"reason": "x"}, pk=candidate.pk)
    assert again.status_code == 400
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.CONFIRMED
    assert AuditEvent.objects.filter(action="trace.match.confirm",
                                     object_id=str(candidate.pk)).exists()


def test_other_roles_and_other_organisations_get_403(
    tracer: Any, registered_hung: Any, client_for: Any, users: dict[str, Any],
    make_user: Any, orgs: dict[str, Organisation]
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    _post(client, "api:trace_report_match", ref=ref)
    candidate = Candidate.objects.get()
    orgs["tracing_kh"] = Organisation.objects.create(
        name="Cambodian Tracing Service", country="KHM", kind=OrganisationKind.TRACING)
    outsider = client_for(make_user(Role.TRACER, org="tracing_kh"))
    assert outsider.get(reverse("api:trace_report", kwargs={"ref": ref})).status_code == 403
    assert outsider.get(reverse("api:trace_candidates", kwargs={"ref": ref})).status_code == 403
    assert _post(outsider, "api:trace_candidate_confirm", pk=candidate.pk).status_code == 403
    assert _post(outsider, "api:trace_candidate_reject", pk=candidate.pk).status_code == 403
    assert outsider.get(reverse("api:trace_reports")).json() == []
    case_worker = client_for(users["case_worker"])
    assert case_worker.get(reverse("api:trace_reports")).status_code == 403
    assert _post(case_worker, "api:trace_reports", NEW_REPORT).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING


def test_the_tracing_endpoints_are_in_the_openapi_schema(
    tracer: Any, client_for: Any
) -> None:
    schema = yaml.safe_load(client_for(tracer).get(reverse("schema")).content)
    assert {"/api/v1/tracing/reports/", "/api/v1/tracing/reports/{ref}/",
            "/api/v1/tracing/reports/{ref}/match/", "/api/v1/tracing/reports/{ref}/candidates/",
            "/api/v1/tracing/candidates/{id}/confirm/",
            "/api/v1/tracing/candidates/{id}/reject/"} <= {
        p.replace("{pk}", "{id}") for p in schema["paths"]}
