"""Protection certificates in the app: issued only under protection, hold no name,
verify from the QR content or the short code, and fail once revoked."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

from django.urls import reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.certificates import services
from wayhome.apps.certificates.models import Certificate
from wayhome.apps.protection.models import ProtectionStatus
from wayhome.domain import certificates as engine


def _protect(case: Any, child: bool = False) -> None:
    ProtectionStatus.objects.update_or_create(case=case, defaults={
        "active": True, "since": timezone.now(), "basis": "reasonable_grounds",
        "is_child": child})


def _issue(client: Any, case: Any) -> Certificate:
    response = client.post(reverse("certificates:issue", args=[case.case_number]))
    assert response.status_code == 302
    return Certificate.objects.get(case=case)


def test_a_certificate_is_refused_without_protection_and_nothing_is_written(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("certificates:issue", args=[case.case_number]), follow=True)
    assert "only be issued to a person under protection" in response.content.decode()
    assert not Certificate.objects.exists()


def test_the_certificate_page_has_a_qr_and_short_code_and_no_name(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case(given_name="Kyaw Zin", family_name="Oo")
    _protect(case)
    client = client_for(caseworker)
    cert = _issue(client, case)
    page = client.get(reverse("certificates:show", args=[cert.pk])).content.decode()
    assert "<svg" in page and cert.short_code in page and case.case_number in page
    assert "Kyaw" not in page and "Oo</" not in page
    claims = engine.read_claims(cert.token)
    assert claims.case_number == case.case_number
    part = cert.token.split(".")[1]
    payload = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    assert set(payload) <= {"v", "kid", "iss", "case", "id", "issued", "until", "child", "photo"}
    assert payload["case"] == case.case_number


def test_a_liaison_verifies_the_qr_content_and_the_short_code(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case, child=True)
    cert = _issue(client_for(caseworker), case)
    liaison = client_for(users[Role.ENFORCEMENT_LIAISON])
    for text in (cert.token, cert.short_code.lower().replace("-", " ")):
        page = liaison.post(reverse("certificates:verify"), {"code": text}).content.decode()
        assert "Valid: the person is under protection." in page, text
        assert case.case_number in page and "never detain" in page
        assert "Aung" not in page


def test_a_revoked_or_altered_certificate_fails(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    client = client_for(caseworker)
    cert = _issue(client, case)
    head, payload, sig = cert.token.split(".")
    altered = ".".join([head, payload[:-2] + ("A" if payload[-2] != "A" else "B") + payload[-1],
                        sig])
    assert not services.verify(altered).valid
    refused = client.post(reverse("certificates:revoke", args=[cert.pk]), {"reason": ""},
                          follow=True)
    assert "Give the reason" in refused.content.decode()
    client.post(reverse("certificates:revoke", args=[cert.pk]),
                {"reason": "Issued to the wrong case number."})
    liaison = client_for(users[Role.ENFORCEMENT_LIAISON])
    for text in (cert.token, cert.short_code):
        page = liaison.post(reverse("certificates:verify"), {"code": text}).content.decode()
        assert "Revoked." in page, text


def test_an_expired_certificate_fails(caseworker: Any, make_case: Any, client_for: Any) -> None:
    case = make_case()
    _protect(case)
    cert = _issue(client_for(caseworker), case)
    later = cert.valid_until + dt.timedelta(days=1)
    assert services.verify(cert.token, today=later).reason == engine.VerificationReason.EXPIRED


def test_offline_check_with_only_the_downloaded_key_and_register(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    cert = _issue(client_for(caseworker), case)
    org = case.organisation.pk
    liaison = client_for(users[Role.ENFORCEMENT_LIAISON])
    pem = liaison.get(reverse("certificates:public_key", args=[org])).content
    register = liaison.get(reverse("certificates:register", args=[org])).content.decode()
    # From here on, no server: only the engine, the public key and the register.
    trusted = engine.keyring(engine.public_key_from_pem(pem))
    today = timezone.localdate()
    assert engine.verify(cert.token, trusted, today=today,
                         revoked=engine.revoked_from_register(register, trusted)).valid
    assert engine.verify_short_code(cert.short_code, register, trusted, today=today).valid


def test_a_key_of_another_organisation_cannot_vouch_for_this_one(
    caseworker: Any, make_case: Any, make_user: Any, client_for: Any
) -> None:
    case = make_case()
    _protect(case)
    cert = _issue(client_for(caseworker), case)
    # Another organisation's key signs a certificate that claims to come from ours.
    other_key = services.signing_key(make_user(Role.CASE_WORKER, org="ngo_kh").organisation)
    forged = engine.issue(engine.private_key_from_pem(other_key.private_pem.encode()),
                          case_number=case.case_number, issuer_id=str(case.organisation_id),
                          cert_id=engine.new_cert_id(), issued_on=cert.issued_on,
                          valid_until=cert.valid_until, is_child=False)
    assert services.verify(forged).reason == engine.VerificationReason.UNKNOWN_ISSUER
