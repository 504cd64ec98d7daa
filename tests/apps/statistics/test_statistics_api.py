"""The statistics API: the same suppressed table as JSON, for analysts only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/statistics/table/"


def test_analyst_gets_the_suppressed_table_as_json(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(30, nationality="MMR")
    bulk_cases(5, nationality="VNM")
    bulk_cases(20, nationality="KHM")
    r = client_for(users["analyst"]).get(URL, {"row": "nationality"})
    assert r.status_code == 200
    data = r.json()
    totals = {row["value"]: row["total"] for row in data["rows"]}
    assert totals == {"KHM": None, "MMR": 30, "VNM": None}
    assert data["total"] == 55 and data["k"] == 11


@pytest.mark.parametrize("role", ["case_worker", "enforcement_liaison", "consular_officer",
                                  "administrator", "tracer", "service_provider"])
def test_other_roles_get_403_from_the_statistics_api(
    role: str, users: dict[str, Any], client_for: Callable[..., Any],
) -> None:
    assert client_for(users[role]).get(URL).status_code == 403


def test_a_bad_period_is_a_400_with_a_message(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    r = client_for(users["analyst"]).get(URL, {"row": "sex", "period": "last week"})
    assert r.status_code == 400 and "not a period" in r.json()["detail"]
