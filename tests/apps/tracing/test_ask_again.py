"""Asking the case team again: a confirmed candidate whose disclosure request was withdrawn
when the report was closed can be asked about again once the report is re-opened. The
same request goes back to waiting (audited), the case team sees it and answers it as any
other. Refused while the report is closed, without the family's consent, for a request
withdrawn because the family withdrew its consent, for a waiting or answered request,
and for anyone but a tracer of the report's organisation. Page, button and API."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases import services as case_services
from wayhome.apps.cases.models import ConsentRecord, Person
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import (
    Candidate,
    DisclosureRequest,
    DisclosureStatus,
    WithdrawnBecause,
)

from .conftest import REPORT

ANSWER = {"agrees": "yes", "language": "vi", "contact_route": "Call the NGO office"}
CONSENT = {"consent_by": "Nguyễn Thị Lan", "consent_on": "2026-02-01", "consent_language": "vi"}
REASKED = "trace.disclosure.reasked"
BUTTON = "Ask the team again"


def _withdrawn_by_closing(tracer: Any, candidate: Candidate,
                          reopen: bool = True) -> DisclosureRequest:
    """Confirmed, the report closed (the request withdrawn) and, unless told, re-opened."""
    request = services.confirm(tracer, candidate)
    services.close_report(tracer, candidate.report, {"reason": "withdrawn"})
    if reopen:
        services.reopen_report(tracer, candidate.report, {"reason": "The family asked again"})
    request.refresh_from_db()
    assert request.status == DisclosureStatus.CANCELLED
    assert request.withdrawn_because == WithdrawnBecause.REPORT_CLOSED
    return request


def _unchanged(request: DisclosureRequest) -> None:
    """Still withdrawn as it was, and no event says it was asked again."""
    before = (request.status, request.cancelled_at, request.withdrawn_because)
    request.refresh_from_db()
    assert (request.status, request.cancelled_at, request.withdrawn_because) == before
    assert request.asked_again_at is None and request.earlier_withdrawal_at is None
    assert not AuditEvent.objects.filter(action=REASKED).exists()


def _refused(user: Any, candidate: Candidate) -> str:
    with pytest.raises(ValidationError) as info:
        services.ask_again(user, candidate)
    return " ".join(info.value.messages)


def _page(client: Any, candidate: Candidate) -> str:
    return client.get(reverse("tracing:report", args=[candidate.report.reference])
                      ).content.decode()


# ------------------------------------------------------------------ the service


def test_asking_again_after_re_opening_puts_the_same_request_back_to_waiting_audited_once(
    candidate: Candidate, tracer: Any, caseworker: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    assert list(services.requests_for_team(caseworker).filter(
        status=DisclosureStatus.PENDING)) == []

    asked = services.ask_again(tracer, candidate)

    assert asked.pk == request.pk and DisclosureRequest.objects.count() == 1
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING
    assert request.cancelled_at is None and request.withdrawn_because == ""
    assert request.answered_at is None and request.answered_by is None
    assert request.consent is None and request.best_interests == ""
    assert request.decided_as_child is False
    event = AuditEvent.objects.get(action=REASKED)
    assert (event.object_type, event.object_id, event.actor_id, event.allowed,
            event.purpose) == ("disclosurerequest", str(request.pk), tracer.pk, True, "tracing")
    waiting = services.requests_for_team(caseworker).filter(status=DisclosureStatus.PENDING)
    assert [r.pk for r in waiting] == [request.pk]
    outcome = services.tracer_outcome(Candidate.objects.get(pk=candidate.pk))
    assert outcome is not None and outcome.state == "pending" and not outcome.can_ask_again

    # The case team answers it as any other request.
    services.record_adult_answer(caseworker, request, ANSWER)
    request.refresh_from_db()
    assert request.status == DisclosureStatus.AGREED
    assert ConsentRecord.objects.filter(purpose="family", granted=True).count() == 1


def test_the_case_team_sees_the_request_waiting_again_with_who_is_looking_and_the_form(
    candidate: Candidate, tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    services.ask_again(tracer, candidate)
    team = client_for(caseworker)
    page = html.unescape(team.get(reverse("tracing:request", args=[request.pk])).content.decode())
    assert "Waiting for the person's answer" in page
    assert "Withdrawn: the family report was closed" not in page
    # ... but it says it was withdrawn once and asked again, and when
    request.refresh_from_db()
    assert request.asked_again_at is not None and request.earlier_withdrawal_at is not None
    assert (f"This request was withdrawn on {request.earlier_withdrawal_at:%Y-%m-%d}, when "
            "the tracer closed the family report, and asked again on "
            f"{request.asked_again_at:%Y-%m-%d}") in page
    assert REPORT["reporter_name"] in page
    assert reverse("tracing:request_answer", args=[request.pk]) in page
    listing = team.get(reverse("tracing:requests")).content.decode()
    assert candidate.case.case_number in listing
    assert "Withdrawn: the family report was closed" not in listing


def test_a_person_now_presumed_to_be_a_child_is_asked_again_as_a_child(
    candidate: Candidate, tracer: Any, caseworker: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    assert request.decided_as_child is False
    Person.objects.filter(case=candidate.case).update(may_be_child=True, age_verified=False,
                                                      age_years=None)
    services.ask_again(tracer, candidate)
    request.refresh_from_db()
    assert request.decided_as_child is True
    with pytest.raises(ValidationError, match="best-interests determination"):
        services.record_adult_answer(caseworker, request, ANSWER)


def test_asking_again_is_refused_while_the_report_is_closed(
    candidate: Candidate, tracer: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate, reopen=False)
    assert "The report is closed: re-open it to ask the team again." in _refused(
        tracer, candidate)
    _unchanged(request)


def test_a_request_withdrawn_because_the_family_withdrew_consent_is_not_asked_again(
    candidate: Candidate, tracer: Any
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_family_consent(tracer, candidate.report, False, CONSENT)
    services.record_family_consent(tracer, candidate.report, True, CONSENT)  # given again
    request.refresh_from_db()
    assert request.withdrawn_because == WithdrawnBecause.FAMILY_CONSENT
    assert "withdrawn because the family withdrew its consent to tracing: it cannot be " \
           "asked again" in _refused(tracer, candidate)
    _unchanged(request)
    outcome = services.tracer_outcome(Candidate.objects.get(pk=candidate.pk))
    assert outcome is not None and outcome.state == "cancelled" and not outcome.can_ask_again


def test_asking_again_waits_for_the_familys_consent_when_it_was_withdrawn_after_closing(
    candidate: Candidate, tracer: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    services.record_family_consent(tracer, candidate.report, False, CONSENT)
    request.refresh_from_db()
    assert request.withdrawn_because == WithdrawnBecause.REPORT_CLOSED  # not withdrawn twice
    assert "The family's consent for tracing is not recorded" in _refused(tracer, candidate)
    _unchanged(request)
    reloaded = Candidate.objects.get(pk=candidate.pk)
    outcome = services.tracer_outcome(reloaded)
    assert outcome is not None and not outcome.can_ask_again

    services.record_family_consent(tracer, candidate.report, True, CONSENT)
    outcome = services.tracer_outcome(Candidate.objects.get(pk=candidate.pk))
    assert outcome is not None and outcome.can_ask_again
    services.ask_again(tracer, candidate)
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING


def test_a_waiting_request_is_not_asked_again(candidate: Candidate, tracer: Any) -> None:
    request = services.confirm(tracer, candidate)
    assert "already asking them" in _refused(tracer, candidate)
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING
    assert not AuditEvent.objects.filter(action=REASKED).exists()


@pytest.mark.parametrize("agrees", ["yes", "no"])
def test_an_answered_request_is_not_asked_again(
    candidate: Candidate, tracer: Any, caseworker: Any, agrees: str
) -> None:
    request = services.confirm(tracer, candidate)
    services.record_adult_answer(caseworker, request, {**ANSWER, "agrees": agrees})
    services.close_report(tracer, candidate.report, {"reason": "withdrawn"})  # kept answered
    services.reopen_report(tracer, candidate.report, {"reason": "The family asked again"})
    assert "already been asked and the request answered" in _refused(tracer, candidate)
    request.refresh_from_db()
    assert request.status == (DisclosureStatus.AGREED if agrees == "yes"
                              else DisclosureStatus.REFUSED)
    assert request.answered_by == caseworker
    assert not AuditEvent.objects.filter(action=REASKED).exists()


@pytest.mark.parametrize("decided", ["pending", "rejected"])
def test_a_candidate_that_was_not_confirmed_is_not_asked_about(
    candidate: Candidate, tracer: Any, decided: str
) -> None:
    if decided == "rejected":
        services.reject(tracer, candidate, "Not him")
    assert "Only a confirmed match can be asked about again." in _refused(tracer, candidate)
    assert not DisclosureRequest.objects.exists()
    assert not AuditEvent.objects.filter(action=REASKED).exists()


@pytest.mark.parametrize("who", ["caseworker", "other_tracer"])
def test_only_a_tracer_of_the_reports_organisation_may_ask_again(
    candidate: Candidate, tracer: Any, who: str, request: pytest.FixtureRequest
) -> None:
    disclosure = _withdrawn_by_closing(tracer, candidate)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.ask_again(user, candidate)
    _unchanged(disclosure)
    assert AuditEvent.objects.filter(action="trace.match.review", actor_id=user.pk,
                                     allowed=False).exists()


def test_a_person_who_withdrew_consent_to_tracing_is_not_asked_again(
    candidate: Candidate, tracer: Any, caseworker: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    case_services.record_consent(caseworker, candidate.case, "tracing", False, "vi")
    with pytest.raises(PermissionDenied):
        services.ask_again(tracer, Candidate.objects.get(pk=candidate.pk))
    _unchanged(request)


def test_the_rows_are_locked_report_candidate_request_before_the_audit_event(
    candidate: Candidate, tracer: Any
) -> None:
    _withdrawn_by_closing(tracer, candidate)
    with CaptureQueriesContext(connection) as ctx:
        services.ask_again(tracer, candidate)
    sqls = [q["sql"] for q in ctx.captured_queries]
    begin = next(i for i, sql in enumerate(sqls)
                 if sql.startswith('SELECT "tracing_familyreport"."status"'))

    def first(table: str) -> int:
        return next(i for i, sql in enumerate(sqls)
                    if i > begin and sql.startswith("SELECT") and f'FROM "{table}"' in sql)

    cand, req = first("tracing_candidate"), first("tracing_disclosurerequest")
    audit = next(i for i, sql in enumerate(sqls) if i > begin and "audit_auditevent" in sql)
    assert begin < cand < req < audit, sqls[begin:audit + 1]
    if connection.vendor == "postgresql":
        assert all("FOR UPDATE" in sqls[i] for i in (begin, cand, req))


# ------------------------------------------------------------------ the page


def test_the_button_shows_only_once_the_report_is_open_again_and_not_after_asking(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    client = client_for(tracer)
    url = reverse("tracing:candidate_ask_again", args=[candidate.pk])
    services.confirm(tracer, candidate)
    assert url not in _page(client, candidate)  # waiting
    services.close_report(tracer, candidate.report, {"reason": "withdrawn"})
    closed = _page(client, candidate)
    assert "withdrawn when this report was closed" in closed and url not in closed
    services.reopen_report(tracer, candidate.report, {"reason": "The family asked again"})
    reopened = _page(client, candidate)
    assert url in reopened and BUTTON in reopened
    services.ask_again(tracer, candidate)
    assert url not in _page(client, candidate)


def test_no_button_for_a_request_withdrawn_because_the_family_withdrew_consent(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    services.confirm(tracer, candidate)
    services.record_family_consent(tracer, candidate.report, False, CONSENT)
    services.record_family_consent(tracer, candidate.report, True, CONSENT)
    page = _page(client_for(tracer), candidate)
    assert "withdrawn when the family withdrew its consent" in page
    assert reverse("tracing:candidate_ask_again", args=[candidate.pk]) not in page
    assert BUTTON not in page


def test_posting_the_button_asks_the_team_again(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    response = client_for(tracer).post(
        reverse("tracing:candidate_ask_again", args=[candidate.pk]), follow=True)
    assert response.redirect_chain == [
        (reverse("tracing:report", args=[candidate.report.reference]), 302)]
    page = response.content.decode()
    assert "will ask them again" in page
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING
    assert AuditEvent.objects.filter(action=REASKED).count() == 1


def test_posting_the_button_while_the_report_is_closed_says_why_and_changes_nothing(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate, reopen=False)
    response = client_for(tracer).post(
        reverse("tracing:candidate_ask_again", args=[candidate.pk]), follow=True)
    assert "re-open it to ask the team again" in response.content.decode()
    _unchanged(request)


def test_the_page_refuses_other_roles_and_other_organisations(
    candidate: Candidate, tracer: Any, other_tracer: Any, caseworker: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    url = reverse("tracing:candidate_ask_again", args=[candidate.pk])
    for user in (other_tracer, caseworker):
        assert client_for(user).post(url).status_code == 403
    assert client_for(tracer).get(url).status_code == 405  # POST only
    _unchanged(request)


# ------------------------------------------------------------------ the API


def test_the_api_shows_the_request_can_be_asked_again_and_asks_it(
    candidate: Candidate, tracer: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    client = client_for(tracer)
    listed = client.get(reverse("api:trace_candidates",
                                kwargs={"ref": candidate.report.reference})).json()
    assert listed[0]["outcome"]["state"] == "cancelled"
    assert listed[0]["outcome"]["can_ask_again"] is True

    response = client.post(reverse("api:trace_candidate_ask_again", kwargs={"pk": candidate.pk}),
                           content_type="application/json")
    assert response.status_code == 200, response.json()
    assert response.json()["outcome"]["state"] == "pending"
    assert response.json()["outcome"]["can_ask_again"] is False
    request.refresh_from_db()
    assert request.status == DisclosureStatus.PENDING

    again = client.post(reverse("api:trace_candidate_ask_again", kwargs={"pk": candidate.pk}),
                        content_type="application/json")
    assert again.status_code == 400
    assert "already asking them" in " ".join(again.json()["__all__"])
    assert AuditEvent.objects.filter(action=REASKED).count() == 1


def test_the_api_refuses_a_tracer_of_another_organisation(
    candidate: Candidate, tracer: Any, other_tracer: Any, client_for: Any
) -> None:
    request = _withdrawn_by_closing(tracer, candidate)
    response = client_for(other_tracer).post(
        reverse("api:trace_candidate_ask_again", kwargs={"pk": candidate.pk}),
        content_type="application/json")
    assert response.status_code == 403
    _unchanged(request)
