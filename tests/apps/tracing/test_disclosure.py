"""A confirmed match tells the family nothing until the adult has been asked and agrees;
for a child, the case team's best-interests determination decides."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wayhome.apps.cases.models import ConsentRecord
from wayhome.apps.timeline.registry import events_for
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import (
    Candidate,
    DisclosureRequest,
    DisclosureStatus,
)

from .conftest import HUNG

REFUSAL = "The person was found and asked; they do not wish the family to be told."
AGREED = "The person agrees that the family is told."


def _confirm(client: Any, candidate: Candidate) -> DisclosureRequest:
    assert client.post(reverse("tracing:candidate_confirm",
                               args=[candidate.pk])).status_code == 302
    return DisclosureRequest.objects.get(candidate=candidate)


def _tracer_page(client: Any, candidate: Candidate) -> str:
    return str(client.get(reverse("tracing:report", args=[candidate.report.reference]))
               .content.decode())


def test_confirming_an_adult_tells_the_family_nothing_and_asks_the_case_team(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, candidate)
    assert request.status == DisclosureStatus.PENDING and not request.decided_as_child
    page = _tracer_page(tracer_client, candidate)
    assert "do not tell the family that anyone was found" in page
    assert REFUSAL not in page and AGREED not in page

    team = client_for(caseworker)
    listing = team.get(reverse("tracing:requests")).content.decode()
    assert candidate.case.case_number in listing
    detail = team.get(reverse("tracing:request", args=[request.pk])).content.decode()
    assert "Nguyễn Thị Lan" in detail and "mother" in detail
    assert "+84 912" not in detail  # the family's contact stays with the tracer


def test_an_adult_who_refuses_is_respected_and_the_tracer_sees_only_the_refusal(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, candidate)
    answered = client_for(caseworker).post(
        reverse("tracing:request_answer", args=[request.pk]),
        {"agrees": "no", "language": "vi", "contact_route": "Call the NGO office",
         "share_location": "on", "location": "Mae Sot", "note": "Afraid of the broker"})
    assert answered.status_code == 302
    request.refresh_from_db()
    assert request.status == DisclosureStatus.REFUSED
    assert request.contact_route == "" and request.location == ""
    consent = ConsentRecord.objects.get(case=candidate.case, purpose="family")
    assert consent.granted is False and request.consent == consent

    page = _tracer_page(tracer_client, candidate)
    assert REFUSAL in page
    assert "the tracing request is closed" in page
    for hidden in ("Call the NGO office", "Mae Sot", "Afraid of the broker",
                   candidate.case.case_number):
        assert hidden not in page


def test_an_adult_who_agrees_gives_the_contact_route_and_location_only_if_shared(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, candidate)
    client_for(caseworker).post(
        reverse("tracing:request_answer", args=[request.pk]),
        {"agrees": "yes", "language": "vi", "contact_route": "Through NGO Mae Sot's hotline",
         "location": "Tak province"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.AGREED
    assert ConsentRecord.objects.get(case=candidate.case, purpose="family").granted
    page = _tracer_page(tracer_client, candidate)
    assert AGREED in page and "Through NGO Mae Sot&#x27;s hotline" in page
    assert "Tak province" not in page  # not ticked: where they are is not shared


def test_an_adult_who_withdraws_family_consent_later_is_no_longer_disclosed(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    """Agreeing is not for ever: once the latest "family" consent is a withdrawal, the
    tracer sees the refusal and no longer the contact route or the place."""
    from wayhome.apps.cases import services as case_services

    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, candidate)
    client_for(caseworker).post(
        reverse("tracing:request_answer", args=[request.pk]),
        {"agrees": "yes", "language": "vi", "contact_route": "Through NGO Mae Sot's hotline",
         "location": "Tak province", "share_location": "on"})
    assert "Tak province" in _tracer_page(tracer_client, candidate)
    case_services.record_consent(caseworker, candidate.case, "family", False, "vi")
    page = _tracer_page(tracer_client, candidate)
    assert AGREED not in page and "Tak province" not in page
    assert "hotline" not in page and REFUSAL in page


def test_the_adults_answer_needs_a_contact_route_and_bad_input_writes_nothing(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = _confirm(client_for(tracer), candidate)
    page = client_for(caseworker).post(
        reverse("tracing:request_answer", args=[request.pk]),
        {"agrees": "yes", "language": "vi", "contact_route": "", "share_location": "on"})
    assert page.status_code == 200
    assert "Say how the family may make contact" in page.content.decode()
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING
    assert not ConsentRecord.objects.filter(purpose="family").exists()


def test_another_organisations_case_team_cannot_answer(
    candidate: Candidate, tracer: Any, make_user: Any, client_for: Any
) -> None:
    request = _confirm(client_for(tracer), candidate)
    outsider = make_user("case_worker", org="ngo_kh")
    client = client_for(outsider)
    assert client.get(reverse("tracing:request", args=[request.pk])).status_code == 403
    assert client.post(reverse("tracing:request_answer", args=[request.pk]),
                       {"agrees": "yes", "language": "vi",
                        "contact_route": "x"}).status_code == 403
    assert candidate.case.case_number not in client.get(
        reverse("tracing:requests")).content.decode()
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING


def test_the_tracer_cannot_answer_for_the_person(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    request = _confirm(client, candidate)
    assert client.get(reverse("tracing:requests")).status_code == 403
    assert client.post(reverse("tracing:request_answer", args=[request.pk]),
                       {"agrees": "yes", "language": "vi",
                        "contact_route": "x"}).status_code == 403


@pytest.fixture
def child_candidate(make_report: Any, traceable_case: Any) -> Candidate:
    report = make_report(missing_name="Nguyễn Văn Nam", other_names="", birth="2009-02-01")
    case = traceable_case(**{**HUNG, "given_name": "NAM", "date_of_birth": "2009-02-01",
                             "age_years": 16})
    services.run_matching([report])
    return Candidate.objects.get(report=report, case=case)


def test_for_a_child_the_best_interests_determination_decides(
    child_candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, child_candidate)
    assert request.decided_as_child
    team = client_for(caseworker)
    with pytest.raises(ValidationError):
        services.record_adult_answer(caseworker, request, {"agrees": "yes", "language": "vi",
                                                           "contact_route": "x"})
    missing_reasons = team.post(reverse("tracing:request_best_interests", args=[request.pk]),
                                {"best_interests": "disclose", "child_views": "Wants mother",
                                 "contact_route": "Through the shelter"})
    assert missing_reasons.status_code == 200
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING

    team.post(reverse("tracing:request_best_interests", args=[request.pk]),
              {"best_interests": "disclose", "reasons": "Mother verified, no link to broker",
               "child_views": "Wants to speak to his mother",
               "contact_route": "Through the shelter's social worker"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.AGREED
    assert request.best_interests == "disclose"
    assert not ConsentRecord.objects.filter(purpose="family").exists()
    page = _tracer_page(tracer_client, child_candidate)
    assert "in the child&#x27;s best interests, that the family is told" in page
    assert "Through the shelter&#x27;s social worker" in page
    assert "Mother verified" not in page  # the reasons stay with the case team


def test_a_child_not_disclosed_in_their_best_interests_gives_the_tracer_nothing_more(
    child_candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    tracer_client = client_for(tracer)
    request = _confirm(tracer_client, child_candidate)
    services.record_best_interests(caseworker, request, {
        "best_interests": "not_disclose", "reasons": "The uncle sold him to the recruiter",
        "child_views": "Afraid", "contact_route": "should not pass"})
    page = _tracer_page(tracer_client, child_candidate)
    assert "that the family is not told" in page
    assert "should not pass" not in page and "uncle" not in page


def test_the_case_timeline_shows_the_tracing_steps_to_the_case_team_only(
    candidate: Candidate, tracer: Any, caseworker: Any, users: dict[str, Any]
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_adult_answer(caseworker, request, {"agrees": "no", "language": "vi"})
    titles = [e.title for e in events_for(candidate.case, caseworker)]
    assert "Tracing: a family report was matched with this person" in titles
    assert "Tracing: the person's answer on telling the family" in titles
    assert not [e for e in events_for(candidate.case, users["consular_officer"])
                if e.kind == "tracing"]
