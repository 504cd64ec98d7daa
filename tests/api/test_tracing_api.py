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


def test_a_tracer_closes_and_reopens_a_report_and_the_list_filters_on_it(
    tracer: Any, registered_hung: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    closed = _post(client, "api:trace_report_close", {"reason": "found"}, ref=ref)
    assert closed.status_code == 200, closed.json()
    assert closed.json()["status"] == "closed" and closed.json()["closed_reason"] == "found"
    assert client.get(reverse("api:trace_reports")).json() == []
    listed = client.get(reverse("api:trace_reports"), {"status": "closed"}).json()
    assert [(r["reference"], r["closed_reason"]) for r in listed] == [(ref, "found")]
    assert _post(client, "api:trace_report_match", ref=ref).status_code == 400
    assert not Candidate.objects.exists()

    reopened = _post(client, "api:trace_report_reopen", {"reason": "The family asks again."},
                     ref=ref)
    assert reopened.status_code == 200 and reopened.json()["status"] == "open"
    assert reopened.json()["closed_reason"] == "" and reopened.json()["closed_at"] is None
    assert [r["reference"] for r in client.get(reverse("api:trace_reports")).json()] == [ref]
    assert _post(client, "api:trace_report_match", ref=ref).json()["created"] == 1
    report = FamilyReport.objects.get(reference=ref)
    for action in ("trace.report.close", "trace.report.closed", "trace.report.reopen",
                   "trace.report.reopened"):
        assert AuditEvent.objects.filter(action=action, object_id=str(report.pk),
                                         actor_id=tracer.pk, allowed=True).count() == 1, action


def test_closing_or_reopening_with_bad_input_is_refused_and_changes_nothing(
    tracer: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    unknown = _post(client, "api:trace_report_close", {"reason": "lost"}, ref=ref)
    assert unknown.status_code == 400 and "reason" in unknown.json()
    no_note = _post(client, "api:trace_report_close", {"reason": "other"}, ref=ref)
    assert no_note.status_code == 400 and "note" in no_note.json()
    not_closed = _post(client, "api:trace_report_reopen", {"reason": "x"}, ref=ref)
    assert not_closed.status_code == 400 and "already open" in str(not_closed.json())
    assert FamilyReport.objects.get().status == "open"

    _post(client, "api:trace_report_close", {"reason": "other", "note": "Moved away"}, ref=ref)
    again = _post(client, "api:trace_report_close", {"reason": "found"}, ref=ref)
    assert again.status_code == 400 and "already closed" in str(again.json())
    no_reason = _post(client, "api:trace_report_reopen", {"reason": ""}, ref=ref)
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    report = FamilyReport.objects.get()
    assert (report.status, report.closed_reason) == ("closed", "other")
    assert report.status_changes.count() == 1
    bad_filter = client.get(reverse("api:trace_reports"), {"status": "everything"})
    assert bad_filter.status_code == 400 and "status" in bad_filter.json()


def test_the_candidates_of_a_closed_report_cannot_be_confirmed_or_rejected(
    tracer: Any, registered_hung: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    ref = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    _post(client, "api:trace_report_match", ref=ref)
    candidate = Candidate.objects.get()
    _post(client, "api:trace_report_close", {"reason": "withdrawn"}, ref=ref)
    confirmed = _post(client, "api:trace_candidate_confirm", pk=candidate.pk)
    assert confirmed.status_code == 400 and "closed" in str(confirmed.json())
    rejected = _post(client, "api:trace_candidate_reject", {"reason": "x"}, pk=candidate.pk)
    assert rejected.status_code == 400
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING
    assert not DisclosureRequest.objects.exists()
    # The tracer still sees the candidates found before closing.
    assert len(client.get(reverse("api:trace_candidates", kwargs={"ref": ref})).json()) == 1


def test_only_the_reports_own_tracers_close_or_reopen_it(
    tracer: Any, client_for: Any, users: dict[str, Any], make_user: Any,
    orgs: dict[str, Organisation]
) -> None:
    ref = _post(client_for(tracer), "api:trace_reports", NEW_REPORT).json()["reference"]
    orgs["tracing_kh"] = Organisation.objects.create(
        name="Cambodian Tracing Service", country="KHM", kind=OrganisationKind.TRACING)
    for user in (make_user(Role.TRACER, org="tracing_kh"), users["case_worker"]):
        client = client_for(user)
        assert _post(client, "api:trace_report_close", {"reason": "found"},
                     ref=ref).status_code == 403
        assert _post(client, "api:trace_report_reopen", {"reason": "x"},
                     ref=ref).status_code == 403
        assert AuditEvent.objects.filter(action="trace.report.close", actor_id=user.pk,
                                         allowed=False).exists()
    assert FamilyReport.objects.get().status == "open"


def test_the_close_and_reopen_endpoints_are_in_the_openapi_schema(
    tracer: Any, client_for: Any
) -> None:
    schema = yaml.safe_load(client_for(tracer).get(reverse("schema")).content)
    assert {"/api/v1/tracing/reports/{ref}/close/",
            "/api/v1/tracing/reports/{ref}/reopen/"} <= set(schema["paths"])
    listing = schema["paths"]["/api/v1/tracing/reports/"]["get"]
    assert "status" in {p["name"] for p in listing.get("parameters", [])}


def _count(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_list_and_the_candidates_cost_as_many_queries_for_five_as_for_one(
    tracer: Any, registered_hung: Any, client_for: Any, make_case: Any, caseworker: Any
) -> None:
    client = client_for(tracer)
    client.get(reverse("api:trace_reports"))
    one = _post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
    _post(client, "api:trace_report_match", ref=one)
    list_at_one = _count(client, reverse("api:trace_reports"))
    candidates_at_one = _count(client, reverse("api:trace_candidates", kwargs={"ref": one}))
    for _ in range(4):
        case = make_case(given_name="HUNG", family_name="NGUYEN VAN", nationality="VNM",
                         sex="M", date_of_birth="1999-04-12")
        case_services.record_consent(caseworker, case, "tracing", True, "vi")
    refs = [_post(client, "api:trace_reports", NEW_REPORT).json()["reference"]
            for _ in range(4)]
    _post(client, "api:trace_report_match", ref=refs[0])
    assert len(client.get(reverse("api:trace_candidates", kwargs={"ref": refs[0]})).json()) == 5
    assert _count(client, reverse("api:trace_reports")) == list_at_one
    assert _count(client, reverse("api:trace_candidates",
                                  kwargs={"ref": refs[0]})) == candidates_at_one
