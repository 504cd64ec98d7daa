"""The family withdrawing its consent to tracing withdraws the disclosure requests still
waiting with the case team, as closing the report does: the request is CANCELLED (saying
why), audited, shown as withdrawn on the case team's page, list and timeline without who
is looking, and can no longer be answered. Answered requests are kept; giving consent
again does not revive a withdrawn one."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases.models import ConsentRecord
from wayhome.apps.timeline.registry import events_for
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import (
    Candidate,
    DisclosureStatus,
    FamilyReport,
    WithdrawnBecause,
)

from .conftest import REPORT

WITHDRAWN = "Withdrawn: the family withdrew its consent to tracing"
NOTICE = "The family withdrew its consent to tracing, so this request is withdrawn"
REFUSED = "withdrawn because the family withdrew its consent to tracing"
ANSWER = {"agrees": "yes", "language": "vi", "contact_route": "Call the NGO office"}
WITHDRAWAL = {"granted": "no", "consent_by": "Nguyễn Thị Lan", "consent_on": "2026-02-01",
              "consent_language": "vi"}


def _withdraw_consent(client: Any, report: FamilyReport) -> Any:
    return client.post(reverse("tracing:report_consent", args=[report.reference]), WITHDRAWAL)


def test_withdrawing_the_familys_consent_withdraws_the_waiting_request_audited(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, candidate)
    assert _withdraw_consent(client_for(tracer), candidate.report).status_code == 302
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED
    assert request.withdrawn_because == WithdrawnBecause.FAMILY_CONSENT
    assert request.cancelled_at is not None and request.answered_at is None
    event = AuditEvent.objects.get(action="trace.disclosure.cancelled")
    assert (event.object_type, event.object_id, event.actor_id, event.allowed,
            event.detail, event.purpose) == (
        "disclosurerequest", str(request.pk), tracer.pk, True, "family_consent_withdrawn",
        "tracing")
    assert AuditEvent.objects.get(action="trace.report.consent").detail == "withdrawn"

    with pytest.raises(ValidationError) as info:
        services.record_adult_answer(caseworker, request, ANSWER)
    assert REFUSED in str(info.value)
    assert not ConsentRecord.objects.filter(purpose="family").exists()
    outcome = services.tracer_outcome(Candidate.objects.get(pk=candidate.pk))
    assert outcome is not None and outcome.state == "cancelled"
    assert "withdrawn when the family withdrew its consent to tracing" in outcome.message
    assert outcome.contact_route == "" and outcome.location == ""


def test_the_case_team_sees_why_the_request_is_withdrawn_and_no_longer_who_is_looking(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_family_consent(tracer, candidate.report, False, WITHDRAWAL)
    team = client_for(caseworker)
    page = team.get(reverse("tracing:request", args=[request.pk])).content.decode()
    assert WITHDRAWN in page and NOTICE in page
    assert "the family report was closed" not in page
    for private in (REPORT["reporter_name"], REPORT["missing_name"], "Nghe An Family Tracing",
                    "Who is looking for the person"):
        assert private not in page, private
    assert reverse("tracing:request_answer", args=[request.pk]) not in page

    answered = team.post(reverse("tracing:request_answer", args=[request.pk]), ANSWER)
    assert answered.status_code == 200
    assert REFUSED in answered.content.decode()
    assert REPORT["reporter_name"] not in answered.content.decode()

    listing = team.get(reverse("tracing:requests")).content.decode()
    assert candidate.case.case_number in listing and WITHDRAWN in listing
    details = [e.detail for e in events_for(candidate.case, caseworker)
               if e.title == "Tracing: the request is withdrawn, do not ask the person"]
    assert details == [WITHDRAWN]


def test_the_tracer_sees_the_request_withdrawn_with_the_consent(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    services.confirm(tracer, candidate)
    client = client_for(tracer)
    _withdraw_consent(client, candidate.report)
    page = client.get(reverse("tracing:report", args=[candidate.report.reference]))
    text = page.content.decode()
    assert "withdrawn when the family withdrew its consent to tracing" in text
    assert "do not tell the family that anyone was found" in text


@pytest.mark.parametrize("agrees", ["yes", "no"])
def test_an_answered_request_is_kept_as_it_is_when_consent_is_withdrawn(
    candidate: Candidate, tracer: Any, caseworker: Any, agrees: str
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_adult_answer(caseworker, request, {**ANSWER, "agrees": agrees})
    services.record_family_consent(tracer, candidate.report, False, WITHDRAWAL)
    request.refresh_from_db()
    assert request.status == (DisclosureStatus.AGREED if agrees == "yes"
                              else DisclosureStatus.REFUSED)
    assert request.cancelled_at is None and request.withdrawn_because == ""
    assert not AuditEvent.objects.filter(action="trace.disclosure.cancelled").exists()


def test_giving_consent_again_does_not_revive_a_withdrawn_request(
    candidate: Candidate, tracer: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_family_consent(tracer, candidate.report, False, WITHDRAWAL)
    services.record_family_consent(tracer, candidate.report, True, {
        "consent_by": "Nguyễn Thị Lan", "consent_on": "2026-03-01", "consent_language": "vi"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED
    assert AuditEvent.objects.filter(action="trace.disclosure.cancelled").count() == 1


def test_confirming_a_candidate_deleted_since_the_page_was_read_is_not_found(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    from django.http import Http404

    stale = Candidate.objects.get(pk=candidate.pk)  # the tracer's page read it
    assert _withdraw_consent(client_for(tracer), candidate.report).status_code == 302
    assert not Candidate.objects.filter(pk=candidate.pk).exists()  # pending: deleted
    with pytest.raises(Http404):
        services.confirm(tracer, stale)
    from wayhome.apps.tracing.models import DisclosureRequest

    assert not DisclosureRequest.objects.exists()  # nothing was sent to the case team
