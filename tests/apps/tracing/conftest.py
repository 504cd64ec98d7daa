"""Fixtures for tracing: tracing services in Viet Nam and Cambodia with a tracer each,
family reports (with or without the family's consent) and registered persons whose
consent to tracing is recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from wayhome.apps.accounts.models import Organisation, OrganisationKind, Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.tracing import services
from wayhome.apps.tracing.models import Candidate, FamilyReport


@pytest.fixture
def tracing_orgs(orgs: dict[str, Organisation]) -> dict[str, Organisation]:
    """Added to ``orgs`` too, so that ``make_user(role, org="tracing_vn")`` works."""
    orgs["tracing_vn"] = Organisation.objects.create(
        name="Nghe An Family Tracing", country="VNM", kind=OrganisationKind.TRACING)
    orgs["tracing_kh"] = Organisation.objects.create(
        name="Cambodian Tracing Service", country="KHM", kind=OrganisationKind.TRACING)
    return {"vn": orgs["tracing_vn"], "kh": orgs["tracing_kh"]}


@pytest.fixture
def tracer(tracing_orgs: Any, make_user: Callable[..., Any]) -> Any:
    return make_user(Role.TRACER, org="tracing_vn")


@pytest.fixture
def other_tracer(tracing_orgs: Any, make_user: Callable[..., Any]) -> Any:
    return make_user(Role.TRACER, org="tracing_kh")


REPORT = {
    "reporter_name": "Nguyễn Thị Lan", "reporter_relation": "mother",
    "reporter_contact": "+84 912 000 111, Nghi Loc commune",
    "missing_name": "Nguyễn Văn Hùng", "other_names": "Hung Nguyen", "sex": "M",
    "birth": "1999-04-12", "nationality": "VNM", "last_known_place": "Poipet",
    "last_heard_of": "2025-11", "destination": "Call-centre job in Sihanoukville",
}


@pytest.fixture
def make_report(tracer: Any) -> Callable[..., FamilyReport]:
    def make(user: Any = None, consent: bool = True, **fields: Any) -> FamilyReport:
        data: dict[str, Any] = dict(REPORT)
        data.update(fields)
        if consent:
            data.update({"consent_given": True, "consent_by": data["reporter_name"],
                         "consent_on": dt.date(2026, 1, 5), "consent_language": "vi"})
        return services.create_report(user or tracer, data)
    return make


@pytest.fixture
def traceable_case(make_case: Callable[..., Any], caseworker: Any) -> Callable[..., Any]:
    """A registered person who consented to tracing."""
    def make(**person: Any) -> Any:
        case = make_case(**person)
        case_services.record_consent(caseworker, case, "tracing", True, "vi")
        return case
    return make


HUNG = {"given_name": "HUNG", "family_name": "NGUYEN VAN", "nationality": "VNM", "sex": "M",
        "date_of_birth": "1999-04-12", "age_years": 26, "languages": "vi",
        "contact": "Shelter room 4, phone via NGO only"}


@pytest.fixture
def candidate(make_report: Callable[..., Any], traceable_case: Callable[..., Any]) -> Candidate:
    """A report of the tracer's organisation with one candidate: the registered Hùng."""
    report = make_report()
    case = traceable_case(**HUNG)
    services.run_matching([report])
    return Candidate.objects.get(report=report, case=case)
