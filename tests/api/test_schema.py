"""The OpenAPI schema describes every API path and validates as OpenAPI 3."""

from __future__ import annotations

from typing import Any

import yaml
from django.urls import reverse


def test_the_schema_lists_every_endpoint_and_is_valid_openapi(
    caseworker: Any, client_for: Any
) -> None:
    from drf_spectacular.validation import validate_schema

    response = client_for(caseworker).get(reverse("schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    paths = set(schema["paths"])
    assert {"/api/v1/cases/", "/api/v1/cases/{number}/", "/api/v1/cases/{number}/consents/",
            "/api/v1/cases/{number}/screenings/", "/api/v1/screenings/{id}/",
            "/api/v1/screenings/{id}/assessment/", "/api/v1/screenings/{id}/decision/",
            "/api/v1/protection/{number}/"} <= paths | {p.replace("{pk}", "{id}") for p in paths}


def test_a_tracing_candidates_outcome_is_described_field_by_field(
    caseworker: Any, client_for: Any
) -> None:
    schema = yaml.safe_load(client_for(caseworker).get(reverse("schema")).content)
    components = schema["components"]["schemas"]
    outcome = components["Candidate"]["properties"]["outcome"]
    ref = (outcome.get("$ref") or next(x["$ref"] for x in outcome.get("allOf", outcome.get(
        "oneOf", [])) if "$ref" in x)).rsplit("/", 1)[-1]
    assert {"state", "message", "family_may_be_told", "can_ask_again"} <= set(
        components[ref]["properties"])
