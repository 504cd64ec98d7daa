"""Closing a family report withdraws the disclosure requests still waiting with the case
team (found, withdrawn, deceased, duplicate; not "other"): the request is CANCELLED,
audited, shown as withdrawn on the case team's page and list, and can no longer be
answered. Answered requests are kept; re-opening the report does not revive one."""

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
    CandidateStatus,
    DisclosureRequest,
    DisclosureStatus,
)

from .conftest import HUNG, REPORT

WITHDRAWN = "Withdrawn: the family report was closed"
DO_NOT_ASK = "do not ask the person about it any more"
ANSWER = {"agrees": "yes", "language": "vi", "contact_route": "Call the NGO office"}


@pytest.fixture
def child_candidate(make_report: Any, traceable_case: Any) -> Candidate:
    report = make_report(missing_name="Nguyễn Văn Nam", other_names="", birth="2009-02-01")
    case = traceable_case(**{**HUNG, "given_name": "NAM", "date_of_birth": "2009-02-01",
                             "age_years": 16})
    services.run_matching([report])
    return Candidate.objects.get(report=report, case=case)


@pytest.mark.parametrize("reason", ["withdrawn", "deceased", "duplicate", "found"])
def test_closing_the_report_withdraws_the_request_waiting_for_the_answer_audited(
    candidate: Candidate, tracer: Any, caseworker: Any, reason: str
) -> None:
    request = services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report, {"reason": reason})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED
    assert request.cancelled_at is not None
    assert request.answered_at is None and request.consent is None
    event = AuditEvent.objects.get(action="trace.disclosure.cancelled")
    assert (event.object_type, event.object_id, event.actor_id, event.allowed,
            event.detail, event.purpose) == (
        "disclosurerequest", str(request.pk), tracer.pk, True, reason, "tracing")

    with pytest.raises(ValidationError) as info:
        services.record_adult_answer(caseworker, request, ANSWER)
    assert "withdrawn because the family report was closed" in str(info.value)
    assert not ConsentRecord.objects.filter(purpose="family").exists()
    outcome = services.tracer_outcome(Candidate.objects.get(pk=candidate.pk))
    assert outcome is not None and outcome.state == "cancelled"
    assert outcome.contact_route == "" and outcome.location == ""


def test_the_case_team_sees_the_request_withdrawn_on_its_page_and_list_and_cannot_answer(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report, {"reason": "withdrawn"})
    team = client_for(caseworker)
    url = reverse("tracing:request", args=[request.pk])
    page = team.get(url).content.decode()
    assert WITHDRAWN in page and DO_NOT_ASK in page
    answer_url = reverse("tracing:request_answer", args=[request.pk])
    assert answer_url not in page  # no form to ask the person with
    listing = team.get(reverse("tracing:requests")).content.decode()
    assert candidate.case.case_number in listing and WITHDRAWN in listing

    answered = team.post(answer_url, ANSWER)
    assert answered.status_code == 200
    assert "withdrawn because the family report was closed" in answered.content.decode()
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED and request.answered_by is None
    assert not ConsentRecord.objects.filter(purpose="family").exists()

    titles = [e.title for e in events_for(candidate.case, caseworker)]
    assert "Tracing: the request is withdrawn, do not ask the person" in titles


def test_a_withdrawn_request_no_longer_shows_the_case_team_who_is_looking(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, candidate)
    team = client_for(caseworker)
    url = reverse("tracing:request", args=[request.pk])
    private = (REPORT["reporter_name"], REPORT["reporter_relation"], REPORT["missing_name"],
               "Nghe An Family Tracing", "Who is looking for the person")
    waiting = team.get(url).content.decode()
    assert all(text in waiting for text in private)  # shown while the person is asked
    services.close_report(tracer, candidate.report, {"reason": "found"})
    for page in (team.get(url).content.decode(),
                 team.post(reverse("tracing:request_answer", args=[request.pk]),
                           ANSWER).content.decode(),
                 team.get(reverse("tracing:requests")).content.decode()):
        assert WITHDRAWN in page
        for text in private:
            assert text not in page, text


def test_a_childs_request_is_withdrawn_and_no_determination_can_be_recorded(
    child_candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, child_candidate)
    services.close_report(tracer, child_candidate.report, {"reason": "deceased"})
    team = client_for(caseworker)
    bid_url = reverse("tracing:request_best_interests", args=[request.pk])
    page = team.get(reverse("tracing:request", args=[request.pk])).content.decode()
    assert WITHDRAWN in page and bid_url not in page
    refused = team.post(bid_url, {"best_interests": "disclose", "reasons": "Mother verified",
                                  "child_views": "Wants his mother",
                                  "contact_route": "Through the shelter"})
    assert refused.status_code == 200
    assert "withdrawn because the family report was closed" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED and request.best_interests == ""


def test_the_tracer_sees_the_request_withdrawn_and_that_the_family_is_told_nothing(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report, {"reason": "duplicate"})
    page = client_for(tracer).get(
        reverse("tracing:report", args=[candidate.report.reference])).content.decode()
    assert "withdrawn when this report was closed" in page
    assert "do not tell the family that anyone was found" in page
    assert "The person was found and asked" not in page  # not shown as a refusal


def test_closing_for_another_reason_leaves_the_request_waiting(
    candidate: Candidate, tracer: Any, caseworker: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report,
                          {"reason": "other", "note": "Handed to the Red Cross tracing desk"})
    with pytest.raises(ValidationError):  # already closed: nothing more happens
        services.close_report(tracer, candidate.report, {"reason": "withdrawn"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING and request.cancelled_at is None
    assert not AuditEvent.objects.filter(action="trace.disclosure.cancelled").exists()
    services.record_adult_answer(caseworker, request, ANSWER)
    request.refresh_from_db()
    assert request.status == DisclosureStatus.AGREED


@pytest.mark.parametrize("agrees", ["yes", "no"])
def test_an_answered_request_is_kept_as_it_is_when_the_report_is_closed(
    candidate: Candidate, tracer: Any, caseworker: Any, agrees: str
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_adult_answer(caseworker, request, {**ANSWER, "agrees": agrees})
    services.close_report(tracer, candidate.report, {"reason": "withdrawn"})
    request.refresh_from_db()
    assert request.status == (DisclosureStatus.AGREED if agrees == "yes"
                              else DisclosureStatus.REFUSED)
    assert request.cancelled_at is None
    assert not AuditEvent.objects.filter(action="trace.disclosure.cancelled").exists()


def test_reopening_the_report_does_not_revive_a_withdrawn_request(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report, {"reason": "duplicate"})
    services.reopen_report(tracer, candidate.report, {"reason": "Not a duplicate after all"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED
    page = client_for(caseworker).get(reverse("tracing:request", args=[request.pk]))
    assert WITHDRAWN in page.content.decode()
    # The candidate stays confirmed: it cannot be confirmed again, so no second request.
    with pytest.raises(ValidationError) as info:
        services.confirm(tracer, candidate)
    assert "already been decided" in str(info.value)
    assert Candidate.objects.get(pk=candidate.pk).status == CandidateStatus.CONFIRMED
    assert list(DisclosureRequest.objects.values_list("status", flat=True)) == ["cancelled"]
