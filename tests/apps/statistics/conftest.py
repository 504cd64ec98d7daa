"""Cases in bulk (with their person) for statistics, and a sharing agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def bulk_cases(caseworker: Any) -> Callable[..., list[Any]]:
    """``bulk_cases(n, org=..., month="2026-03", **person)``: n cases registered in that
    month (no names: the name tests use make_case)."""
    from wayhome.apps.cases.models import Case, Person, new_case_number

    def make(n: int, org: Any = None, month: str | None = None, **person: Any) -> list[Any]:
        org = org or caseworker.organisation
        cases = Case.objects.bulk_create(
            Case(case_number=new_case_number(org.country), organisation=org,
                 created_by=caseworker) for _ in range(n))
        data = {"nationality": "MMR", "sex": "M", "age_years": 30}
        data.update(person)
        Person.objects.bulk_create(Person(case=c, **data) for c in cases)
        if month:
            when = dt.datetime.fromisoformat(f"{month}-15T12:00:00+00:00")
            Case.objects.filter(pk__in=[c.pk for c in cases]).update(created_at=when)
        return cases
    return make


@pytest.fixture
def share(users: dict[str, Any]) -> Callable[..., Any]:
    """``share(holder_org, recipient_org)``: an agreement in force (as in the fixtures
    of a deployment), without the snapshot the administrator's page would take."""
    from wayhome.apps.statistics.models import SharingAgreement

    def make(holder: Any, recipient: Any) -> Any:
        return SharingAgreement.objects.create(holder=holder, recipient=recipient,
                                               agreed_on=dt.date(2026, 1, 10))
    return make
