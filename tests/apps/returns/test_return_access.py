"""Who reaches the return pages: the case team of the case's organisation only. The
enforcement liaison (the firewall), consular officers and another organisation's case
workers get 403, and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.returns.models import OptionChoice, ReturnConsent

from .conftest import CONSENT


def _returns_urls(case: Any) -> list[tuple[str, str]]:
    """(method, url) for every URL of the returns app."""
    resolver = next(p for p in get_resolver().url_patterns
                    if isinstance(p, URLResolver) and p.namespace == "returns")
    out = []
    for p in resolver.url_patterns:
        kwargs = {"number": case.case_number} if "number" in p.pattern.converters else {}
        method = "get" if p.name in {"case", "due"} else "post"
        out.append((method, reverse(f"returns:{p.name}", kwargs=kwargs)))
    return out


def test_every_returns_url_is_walked(make_case: Any) -> None:
    names = {u for _m, u in _returns_urls(make_case())}
    assert len(names) == 13


def test_an_enforcement_liaison_gets_403_on_every_page(
    users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    liaison = client_for(users[Role.ENFORCEMENT_LIAISON])
    for method, u in _returns_urls(case):
        data = {"option": "voluntary_return", "decided_on": "2026-01-01", **CONSENT}
        response = getattr(liaison, method)(u, data if method == "post" else {})
        assert response.status_code == 403, (u, response.status_code)
        assert "Aung Ko" not in response.content.decode()
    assert not OptionChoice.objects.exists() and not ReturnConsent.objects.exists()


def test_another_organisations_case_worker_gets_403(
    make_user: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    other = client_for(make_user(Role.CASE_WORKER, org="ngo_kh"))
    for method, u in _returns_urls(case):
        if u == reverse("returns:due"):
            continue  # a list of the user's own organisation: reachable, shows nothing here
        response = getattr(other, method)(u, {"option": "voluntary_return",
                                              "decided_on": "2026-01-01"})
        assert response.status_code == 403, u
    assert not OptionChoice.objects.exists()


@pytest.mark.parametrize("role", [Role.CONSULAR_OFFICER, Role.TRACER, Role.SERVICE_PROVIDER,
                                  Role.ANALYST, Role.ADMINISTRATOR])
def test_roles_outside_the_case_team_cannot_open_the_return_page(
    role: str, users: dict[str, Any], make_case: Any, client_for: Any, caseworker: Any
) -> None:
    case = make_case()
    case_services.record_consent(caseworker, case, "consulate", True, "my")
    client = client_for(users[role])
    assert client.get(reverse("returns:case", args=[case.case_number])).status_code == 403
    assert client.post(reverse("returns:consent", args=[case.case_number]),
                       CONSENT).status_code == 403
    assert not ReturnConsent.objects.exists()


def test_the_screening_officer_of_the_same_organisation_reaches_the_page(
    users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    officer = client_for(users[Role.SCREENING_OFFICER])
    assert officer.get(reverse("returns:case", args=[case.case_number])).status_code == 200
    assert officer.get(reverse("returns:due")).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login_page(make_case: Any) -> None:
    case = make_case()
    for method, u in _returns_urls(case):
        response = getattr(Client(), method)(u, {})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], u
