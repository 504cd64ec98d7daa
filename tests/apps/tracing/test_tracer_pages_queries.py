"""The tracer's report page and list cost the same number of queries for five candidates
(reports) as for one, and decrypt only what they show: the report once, no case
narrative or child's views, no name or contact in the list."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wayhome.apps.audit.log import verify
from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases import services as case_services
from wayhome.apps.cases.models import Case
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import Candidate, FamilyReport
from wayhome.security import crypto

from .conftest import HUNG, REPORT


@pytest.fixture
def decrypted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every value decrypted while the test runs (the real decryption, observed)."""
    seen: list[str] = []
    real = crypto.decrypt

    def observed(token: str) -> str:
        plain = real(token)
        seen.append(plain)
        return plain

    monkeypatch.setattr(crypto, "decrypt", observed)
    yield seen


@pytest.fixture
def one_and_five(make_report: Callable[..., FamilyReport], traceable_case: Callable[..., Any],
                 tracer: Any, caseworker: Any) -> tuple[FamilyReport, FamilyReport]:
    """A report with one candidate and a report with five (registered persons alike),
    each candidate confirmed and answered by the person (agrees), so that every part of
    the page is shown for each."""
    traceable_case(**HUNG)
    one = make_report(other_names="")
    services.run_matching([one])
    for _ in range(4):
        traceable_case(**HUNG)
    five = make_report(other_names="")
    services.run_matching([five])
    for report, n in ((one, 1), (five, 5)):
        candidates = list(Candidate.objects.filter(report=report))
        assert len(candidates) == n
        for candidate in candidates:
            request = services.confirm(tracer, candidate)
            services.record_adult_answer(caseworker, request, {
                "agrees": "yes", "language": "vi", "contact_route": "Through our office"})
    return one, five


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_report_page_costs_as_many_queries_for_five_candidates_as_for_one(
    one_and_five: tuple[FamilyReport, FamilyReport], tracer: Any, client_for: Any
) -> None:
    one, five = one_and_five
    client = client_for(tracer)
    client.get(reverse("tracing:reports"))  # the session is loaded once before measuring
    at_one = _queries(client, reverse("tracing:report", args=[one.reference]))
    at_five = _queries(client, reverse("tracing:report", args=[five.reference]))
    assert at_five == at_one


def test_the_report_page_still_audits_each_candidate_viewed_in_an_unbroken_chain(
    one_and_five: tuple[FamilyReport, FamilyReport], tracer: Any, client_for: Any
) -> None:
    _one, five = one_and_five
    client_for(tracer).get(reverse("tracing:report", args=[five.reference]))
    shown = [str(pk) for pk in Candidate.objects.filter(report=five).values_list("pk", flat=True)]
    viewed = AuditEvent.objects.filter(action="trace.match.review", actor_id=tracer.pk,
                                       object_type="candidate", object_id__in=shown,
                                       allowed=True)
    # Once each when confirmed, once each on the page.
    assert sorted(viewed.values_list("object_id", flat=True)) == sorted(shown * 2)
    assert verify().ok


def test_the_report_page_decrypts_the_report_once_and_no_case_narrative(
    one_and_five: tuple[FamilyReport, FamilyReport], tracer: Any, client_for: Any,
    decrypted: list[str]
) -> None:
    _one, five = one_and_five
    page = client_for(tracer).get(reverse("tracing:report", args=[five.reference]))
    assert "Through our office" in page.content.decode()
    assert decrypted.count(REPORT["reporter_contact"]) == 1
    assert "Held at KK Park." not in decrypted


def test_the_report_list_costs_as_many_queries_for_five_reports_as_for_one(
    make_report: Callable[..., FamilyReport], tracer: Any, client_for: Any,
    traceable_case: Callable[..., Any]
) -> None:
    client = client_for(tracer)
    client.get(reverse("tracing:reports"))
    make_report()
    at_one = _queries(client, reverse("tracing:reports"))
    traceable_case(**HUNG)
    reports = [make_report(consent=bool(i % 2)) for i in range(4)]
    services.run_matching(reports)
    at_five = _queries(client, reverse("tracing:reports"))
    assert at_five == at_one
    page = client.get(reverse("tracing:reports")).content.decode()
    assert all(r.reference in page for r in reports)


def test_the_report_list_decrypts_nothing(
    make_report: Callable[..., FamilyReport], tracer: Any, client_for: Any,
    decrypted: list[str]
) -> None:
    reports = [make_report() for _ in range(3)]
    client = client_for(tracer)
    client.get(reverse("tracing:reports"))
    decrypted.clear()
    page = client.get(reverse("tracing:reports")).content.decode()
    assert all(r.reference in page for r in reports)
    assert decrypted == []


def test_the_prefetched_consent_is_the_latest_record_as_without_prefetching(
    candidate: Candidate, caseworker: Any, tracer: Any
) -> None:
    """The policy's check and the outcome read the consent records loaded with the
    candidates: the latest record counts, as when each is asked of the database."""
    case = candidate.case
    for granted in (False, True, False):
        case_services.record_consent(caseworker, case, "family", granted, "vi")
    shown = services.candidates_for_tracer(tracer, candidate.report)
    assert [c.pk for c in shown] == [candidate.pk]
    prefetched = shown[0].case
    assert len(getattr(prefetched, Case.ALL_CONSENTS)) == 4  # tracing, family x 3
    for purpose in ("tracing", "family", "services"):
        assert prefetched.has_consent(purpose) == type(case).objects.get(
            pk=case.pk).has_consent(purpose), purpose
