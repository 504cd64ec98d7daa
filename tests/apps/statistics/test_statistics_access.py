"""Only analysts reach the statistics; only administrators the sharing agreements; the
analyst never reaches a case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

ANALYST_URLS = ["/statistics/", "/statistics/table.csv?row=sex", "/statistics/htcds.csv"]
OTHER_ROLES = ["case_worker", "screening_officer", "enforcement_liaison", "consular_officer",
               "tracer", "service_provider", "administrator"]


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("url", ANALYST_URLS)
def test_roles_other_than_analyst_get_403_on_the_statistics(
    role: str, url: str, users: dict[str, Any], client_for: Callable[..., Any],
) -> None:
    assert client_for(users[role]).get(url).status_code == 403


@pytest.mark.parametrize("url", ANALYST_URLS)
def test_analyst_reaches_the_statistics(
    url: str, users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    assert client_for(users["analyst"]).get(url).status_code == 200


@pytest.mark.parametrize("role", ["analyst", "case_worker", "enforcement_liaison"])
def test_only_administrators_manage_sharing_agreements(
    role: str, users: dict[str, Any], client_for: Callable[..., Any],
) -> None:
    client = client_for(users[role])
    assert client.get("/statistics/agreements/").status_code == 403
    assert client.post("/statistics/agreements/", {}).status_code == 403


def test_statistics_need_a_login(client: Any) -> None:
    r = client.get("/statistics/")
    assert r.status_code == 302 and "/accounts/login/" in r["Location"]


def test_analyst_never_reaches_a_case_page(
    users: dict[str, Any], make_case: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    case = make_case()
    client = client_for(users["analyst"])
    assert client.get(f"/cases/{case.case_number}/").status_code == 403
    assert client.get(f"/api/v1/cases/{case.case_number}/").status_code == 403


def test_each_statistics_request_writes_one_audit_event(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.audit.models import AuditEvent

    share(orgs["ngo"], orgs["other"])
    client = client_for(users["analyst"])
    before = AuditEvent.objects.filter(action="stats.view").count()
    client.get("/statistics/?row=sex")
    assert AuditEvent.objects.filter(action="stats.view").count() == before + 1
    denied = client_for(users["case_worker"])
    denied.get("/statistics/?row=sex")
    assert AuditEvent.objects.filter(action="stats.view", allowed=False).count() == 1
