"""The tracer's view of a match is the minimum needed to judge it; other organisations'
tracers see nothing; every view, confirmation and rejection is audited."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.tracing.models import Candidate, CandidateStatus


def test_the_tracer_sees_the_candidate_with_its_evidence(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    page = client_for(tracer).get(
        reverse("tracing:report", args=[candidate.report.reference])).content.decode()
    assert "HUNG NGUYEN VAN" in page
    assert "nguyen van hung" in page  # the spellings that agreed
    assert "same date of birth" in page and "same nationality" in page
    assert "THA" in page  # the country of the registering organisation


def test_the_tracer_never_sees_case_content_beyond_the_minimum(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    page = client.get(
        reverse("tracing:report", args=[candidate.report.reference])).content.decode()
    case = candidate.case
    for hidden in (case.case_number, "Held at KK Park", "Shelter room 4", "NGO Mae Sot"):
        assert hidden not in page
    assert client.get(reverse("cases:detail", args=[case.case_number])).status_code == 403
    assert client.get(reverse("api:case", args=[case.case_number])).status_code == 403


def test_another_organisations_tracer_gets_403_on_the_report_and_its_candidates(
    candidate: Candidate, other_tracer: Any, client_for: Any
) -> None:
    client = client_for(other_tracer)
    ref = candidate.report.reference
    assert client.get(reverse("tracing:report", args=[ref])).status_code == 403
    assert client.post(reverse("tracing:report_match", args=[ref])).status_code == 403
    assert client.post(reverse("tracing:candidate_confirm",
                               args=[candidate.pk])).status_code == 403
    assert client.post(reverse("tracing:candidate_reject",
                               args=[candidate.pk])).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING
    listing = client.get(reverse("tracing:reports")).content.decode()
    assert ref not in listing


def test_the_case_team_and_other_roles_never_reach_the_tracers_pages(
    candidate: Candidate, users: dict[str, Any], client_for: Any
) -> None:
    ref = candidate.report.reference
    for role in ("case_worker", "consular_officer", "enforcement_liaison", "analyst",
                 "service_provider", "administrator"):
        client = client_for(users[role])
        assert client.get(reverse("tracing:reports")).status_code == 403, role
        assert client.get(reverse("tracing:report", args=[ref])).status_code == 403, role


def test_viewing_confirming_and_rejecting_are_audited(
    candidate: Candidate, tracer: Any, client_for: Any, make_report: Any,
    traceable_case: Any
) -> None:
    client = client_for(tracer)
    client.get(reverse("tracing:report", args=[candidate.report.reference]))
    viewed = AuditEvent.objects.filter(action="trace.match.review", object_type="candidate",
                                       object_id=str(candidate.pk), actor_id=tracer.pk)
    assert viewed.count() == 1
    client.post(reverse("tracing:candidate_confirm", args=[candidate.pk]))
    assert viewed.count() == 2
    assert AuditEvent.objects.filter(action="trace.match.confirm", object_type="candidate",
                                     object_id=str(candidate.pk), actor_id=tracer.pk).exists()
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.CONFIRMED

    from wayhome.apps.tracing import services

    other = make_report(missing_name="Nguyễn Văn Hùng", other_names="")
    services.run_matching([other])
    second = Candidate.objects.get(report=other)
    client.post(reverse("tracing:candidate_reject", args=[second.pk]),
                {"reason": "Different father's name"})
    second.refresh_from_db()
    assert second.status == CandidateStatus.REJECTED
    assert AuditEvent.objects.filter(action="trace.match.review", object_id=str(second.pk),
                                     allowed=True).exists()
    assert AuditEvent.objects.filter(action="trace.match.reject", object_type="candidate",
                                     object_id=str(second.pk), actor_id=tracer.pk).exists()


def test_a_refused_access_is_audited_too(
    candidate: Candidate, other_tracer: Any, client_for: Any
) -> None:
    client_for(other_tracer).get(reverse("tracing:report", args=[candidate.report.reference]))
    assert AuditEvent.objects.filter(action="trace.report.view", actor_id=other_tracer.pk,
                                     allowed=False).exists()
