"""REST API for checking a certificate: valid, altered and unknown codes, no name."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.certificates import services as certificates
from wayhome.apps.protection.models import ProtectionStatus


def _certificate(caseworker: Any, make_case: Any) -> Any:
    case = make_case(given_name="Zarni", family_name="Oo")
    ProtectionStatus.objects.create(case=case, active=True, since=timezone.now())
    return certificates.issue(caseworker, case)


def test_a_liaison_checks_a_qr_token_and_a_short_code_and_sees_no_name(
    users: dict[str, Any], caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cert = _certificate(caseworker, make_case)
    client = client_for(users[Role.ENFORCEMENT_LIAISON])
    for code in (cert.token, cert.short_code):
        response = client.post(reverse("api:certificate_verify"), {"code": code},
                               content_type="application/json")
        assert response.status_code == 200
        body = response.json()
        assert body["valid"] is True and body["reason"] == "ok"
        assert body["case_number"] == cert.case.case_number and body["means"]
        assert "Zarni" not in response.content.decode()


def test_an_altered_token_is_reported_invalid_with_the_reason(
    users: dict[str, Any], caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cert = _certificate(caseworker, make_case)
    altered = cert.token[:-3] + ("AAA" if not cert.token.endswith("AAA") else "BBB")
    response = client_for(users[Role.ENFORCEMENT_LIAISON]).post(
        reverse("api:certificate_verify"), {"code": altered}, content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and body["valid"] is False
    assert body["reason"] != "ok" and body["means"] == []


def test_an_empty_code_is_a_400_and_a_service_provider_is_refused(
    users: dict[str, Any], client_for: Any
) -> None:
    url = reverse("api:certificate_verify")
    empty = client_for(users[Role.ENFORCEMENT_LIAISON]).post(url, {"code": ""},
                                                              content_type="application/json")
    assert empty.status_code == 400 and "code" in empty.json()
    refused = client_for(users[Role.SERVICE_PROVIDER]).post(url, {"code": "X"},
                                                            content_type="application/json")
    assert refused.status_code == 403
