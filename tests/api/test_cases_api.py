"""REST API for cases, persons and consent: same policy as the pages, clear errors, no
partial writes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases.models import Case, ConsentRecord, Person

NEW_CASE = {
    "person": {"given_name": "Thida", "family_name": "Win", "nationality": "mmr", "sex": "F",
               "languages": "my,th", "age_years": 22, "interpreter_needed": True},
    "narrative": "Recruited through a Facebook ad for a translator job.",
}


def test_a_case_worker_registers_a_person_and_reads_it_back(
    caseworker: Any, client_for: Any
) -> None:
    client = client_for(caseworker)
    response = client.post(reverse("api:cases"), NEW_CASE, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    number = body["case_number"]
    assert body["person"]["given_name"] == "Thida"
    assert body["person"]["nationality"] == "MMR"
    detail = client.get(reverse("api:case", args=[number])).json()
    assert detail["narrative"] == NEW_CASE["narrative"]
    assert AuditEvent.objects.filter(action="identity.view", object_id=str(
        Case.objects.get(case_number=number).pk)).exists()


def test_the_case_list_is_pseudonymous_and_searchable(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case(given_name="Hùng", family_name="Nguyễn Văn", nationality="VNM")
    make_case(given_name="Somchai", family_name="Jaidee", nationality="THA")
    client = client_for(caseworker)
    listing = client.get(reverse("api:cases")).json()
    assert listing["count"] == 2
    assert "given_name" not in listing["results"][0]["person"]
    found = client.post(reverse("api:case_search"), {"q": "nguyen van hung"},
                        content_type="application/json").json()
    assert [r["case_number"] for r in found["results"]] == [case.case_number]


def test_invalid_person_data_is_refused_field_by_field_and_nothing_is_written(
    caseworker: Any, client_for: Any
) -> None:
    bad = {"person": {"given_name": "X", "nationality": "XXX", "languages": "my,klingon",
                      "date_of_birth": "12/04/1999", "sex": "Q"}}
    before = AuditEvent.objects.count()
    response = client_for(caseworker).post(reverse("api:cases"), bad,
                                           content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["person"]
    assert set(errors) >= {"nationality", "languages", "date_of_birth", "sex"}
    assert "klingon" in errors["languages"][0]
    assert Case.objects.count() == 0 and Person.objects.count() == 0
    # Only the policy check of the refused call is in the log; no write happened.
    assert AuditEvent.objects.count() - before <= 1


def test_a_malformed_json_body_is_a_clear_400(caseworker: Any, client_for: Any) -> None:
    response = client_for(caseworker).post(reverse("api:cases"), "{not json",
                                           content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]
    assert Case.objects.count() == 0


def test_consent_is_recorded_with_who_and_when_and_can_be_withdrawn(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    url = reverse("api:consents", args=[case.case_number])
    granted = client.post(url, {"purpose": "tracing", "granted": True, "language": "my"},
                          content_type="application/json")
    assert granted.status_code == 201
    assert granted.json()["recorded_by"] == caseworker.username
    assert granted.json()["recorded_at"]
    withdrawn = client.post(url, {"purpose": "tracing", "granted": False, "language": "my"},
                            content_type="application/json")
    assert withdrawn.status_code == 201
    history = client.get(url).json()
    # Newest first: the withdrawal, then the consent it withdrew.
    assert [c["granted"] for c in history if c["purpose"] == "tracing"] == [False, True]
    assert ConsentRecord.objects.filter(case=case).count() == 2


def test_an_unknown_consent_purpose_is_refused(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("api:consents", args=[case.case_number]),
        {"purpose": "selling_data", "granted": True, "language": "en"},
        content_type="application/json")
    assert response.status_code == 400 and "purpose" in response.json()
    assert not ConsentRecord.objects.filter(case=case).exists()


def test_a_consul_without_consent_gets_403_and_never_the_identity(
    users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case(nationality="MMR")
    consul = users[Role.CONSULAR_OFFICER]
    response = client_for(consul).get(reverse("api:case", args=[case.case_number]))
    assert response.status_code == 403
    assert "Aung" not in response.content.decode()


def test_the_api_needs_the_second_factor(caseworker: Any, make_case: Any) -> None:
    from django.test import Client

    case = make_case()
    client = Client()
    client.force_login(caseworker)  # password only, no verified device
    response = client.get(reverse("api:case", args=[case.case_number]))
    assert response.status_code == 403
    assert "Aung" not in response.content.decode()
