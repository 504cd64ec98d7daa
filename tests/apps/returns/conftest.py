"""Helpers for the return tests: posting the forms of /returns/cases/<number>/."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from wayhome.domain.law import return_risk_factors


def url(name: str, case: Any) -> str:
    return reverse(f"returns:{name}", args=[case.case_number])


def assessment(case: Any, **ratings: str) -> dict[str, str]:
    """Every factor of the law engine rated low, except those given (factor=rating)."""
    child = case.person.is_child_or_presumed
    data: dict[str, str] = {}
    for f in return_risk_factors(child=child):
        data[f"rating_{f.id}"] = ratings.get(f.id, "low")
        data[f"note_{f.id}"] = f"{f.id} note" if ratings.get(f.id) == "high" else ""
    return data


CONSENT = {"language": "my", "alternatives_explained": "on", "not_condition_of_release": "on",
           "note": "Explained with an interpreter."}


def plan_data(**extra: Any) -> dict[str, Any]:
    data = {"travel_documents": "issued", "consular_contact": "", "escort": "IOM escort",
            "reception": "Met by the partner NGO in Myawaddy",
            "travel_date": (timezone.localdate() + dt.timedelta(days=7)).isoformat()}
    data.update(extra)
    return data


def prepare_return(client: Any, case: Any, **ratings: str) -> None:
    """Voluntary return chosen, the risk assessed (low unless said), consent recorded."""
    r = client.post(url("option", case), {"option": "voluntary_return",
                                          "decided_on": timezone.localdate().isoformat()})
    assert r.status_code == 302, r.content.decode()[:3000]
    r = client.post(url("assess", case), assessment(case, **ratings))
    assert r.status_code == 302, r.content.decode()[:3000]
    r = client.post(url("consent", case), CONSENT)
    assert r.status_code == 302, r.content.decode()[:3000]


@pytest.fixture
def worker_client(caseworker: Any, client_for: Any) -> Any:
    return client_for(caseworker)
