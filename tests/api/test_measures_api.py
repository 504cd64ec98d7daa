"""REST API for legal measures: the same rules and the same analysis as the pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.nonpunishment.models import LegalMeasure


def test_a_case_worker_records_a_measure_and_gets_the_law_engines_analysis(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    url = reverse("api:measures", args=[case.case_number])
    response = client_for(caseworker).post(url, {
        "kind": "charge", "offence": "fraud", "country": "THA", "ordered_on": "2026-03-01",
        "reference": "Tak provincial court 12/2026"}, content_type="application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "charge" and body["status"] == "open"
    assert body["analysis"]["profile_known"] is True
    assert body["analysis"]["applies_now"] is False  # no reasonable grounds recorded yet
    listing = client_for(caseworker).get(url).json()
    assert [m["id"] for m in listing] == [body["id"]]


def test_a_charge_without_an_offence_is_refused_and_nothing_is_written(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("api:measures", args=[case.case_number]),
        {"kind": "charge", "ordered_on": "2026-03-01"}, content_type="application/json")
    assert response.status_code == 400
    assert "offence" in response.json()
    assert not LegalMeasure.objects.exists()


def test_a_bad_date_and_an_unknown_kind_are_refused_field_by_field(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("api:measures", args=[case.case_number]),
        {"kind": "flogging", "ordered_on": "01/03/2026"}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) >= {"kind", "ordered_on"}
    assert not LegalMeasure.objects.exists()


def test_a_liaison_cannot_read_the_measures_of_a_case(
    users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(users[Role.ENFORCEMENT_LIAISON]).get(
        reverse("api:measures", args=[case.case_number]))
    assert response.status_code == 403
