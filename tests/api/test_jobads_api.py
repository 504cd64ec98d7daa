"""POST /api/v1/ads/check/: public, stateless, throttled; one ad or a batch; bad input is a
400 with a message per field; documented in the OpenAPI schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from wayhome.domain import jobads

from ..apps.prevention.conftest import LEGIT_AD, SCAM_AD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def _post(body: Any, client: Client | None = None, **extra: Any) -> Any:
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return (client or Client()).post(reverse("api:ads_check"), raw,
                                     content_type="application/json", **extra)


def test_one_ad_is_scored_without_login_and_not_cached() -> None:
    response = _post({"text": SCAM_AD, "lang": "en"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body == jobads.check(SCAM_AD).to_dict("en")
    assert body["risk"] == "high" and 0 <= body["score"] <= 1
    assert {"id", "category", "title", "matched", "reason"} <= set(body["flags"][0])
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


def test_the_reasons_come_in_the_requested_language() -> None:
    body = _post({"text": SCAM_AD, "lang": "th"}).json()
    assert body == jobads.check(SCAM_AD).to_dict("th")
    assert body["flags"][0]["reason"] != _post({"text": SCAM_AD}).json()["flags"][0]["reason"]


def test_a_batch_returns_one_result_per_ad_in_order_with_its_id() -> None:
    ads = [{"id": "scam-1", "text": SCAM_AD}, {"id": "ok-1", "text": LEGIT_AD},
           {"text": LEGIT_AD}]
    response = _post({"ads": ads, "lang": "en"})
    assert response.status_code == 200
    body = response.json()
    assert [r["id"] for r in body["results"]] == ["scam-1", "ok-1", "2"]
    assert [r["risk"] for r in body["results"]] == ["high", "low", "low"]
    assert body["model_version"] == jobads.MODEL_VERSION


def test_a_logged_in_session_is_not_needed_and_not_used(
    caseworker: Any, client_for: Any
) -> None:
    client = client_for(caseworker)
    client.handler.enforce_csrf_checks = True
    assert _post({"text": LEGIT_AD}, client).status_code == 200


@pytest.mark.parametrize(("body", "field", "words"), [
    ({"text": ""}, "text", "empty"),
    ({"text": "   \n"}, "text", "empty"),
    ({"text": "x" * (jobads.MAX_BYTES + 1)}, "text", "longer than"),
    ({"text": ["a list"]}, "text", "valid string"),
    ({}, "text", "Send text"),
    ({"text": SCAM_AD, "ads": [{"text": SCAM_AD}]}, "text", "not both"),
    ({"ads": []}, "ads", "empty"),
    ({"ads": [{"id": "a"}]}, "ads", "required"),
    ({"ads": [{"text": SCAM_AD}] * 1001}, "ads", "1000"),
    ({"text": SCAM_AD, "lang": "xx"}, "lang", "valid choice"),
], ids=["empty", "blank", "too-long", "not-a-string", "nothing", "both", "empty-batch",
        "item-without-text", "batch-too-large", "unknown-language"])
def test_bad_input_is_a_400_naming_the_field(body: Any, field: str, words: str) -> None:
    response = _post(body)
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert words in json.dumps(errors), errors
    assert "no-store" in response["Cache-Control"]


def test_an_empty_ad_inside_a_batch_is_reported_at_its_position() -> None:
    response = _post({"ads": [{"text": SCAM_AD}, {"text": SCAM_AD}, {"text": ""}]})
    assert response.status_code == 400
    assert response.json()["ads"]["2"]["text"] == [
        "The ad is empty: paste the text of the job advertisement."]


def test_a_body_that_is_not_json_is_a_400() -> None:
    response = _post("{not json")
    assert response.status_code == 400
    assert "JSON" in response.json()["detail"]


def test_a_body_over_5_mb_is_refused_before_parsing() -> None:
    response = _post(" " * (5 * 1024 * 1024 + 1))
    assert response.status_code == 413
    assert "5 MB" in response.json()["detail"]


def test_a_batch_of_1000_ads_under_5_mb_is_accepted() -> None:
    response = _post({"ads": [{"id": str(i), "text": LEGIT_AD} for i in range(1000)]})
    assert response.status_code == 200
    assert len(response.json()["results"]) == 1000


def test_only_post_is_allowed() -> None:
    assert Client().get(reverse("api:ads_check")).status_code == 405


@override_settings(WAYHOME_ADS_API_RATE="3/minute")
def test_a_client_over_the_configured_rate_is_throttled() -> None:
    codes = [_post({"text": LEGIT_AD}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = _post({"text": LEGIT_AD}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_the_schema_documents_the_endpoint_as_public(caseworker: Any, client_for: Any) -> None:
    from drf_spectacular.validation import validate_schema

    schema = yaml.safe_load(client_for(caseworker).get(reverse("schema")).content)
    validate_schema(schema)
    operation = schema["paths"]["/api/v1/ads/check/"]["post"]
    assert operation["operationId"] == "ads_check"
    assert operation.get("security") in ([], [{}], None)
    request_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert request_schema["$ref"].endswith("/AdCheckRequest")
    props = schema["components"]["schemas"]["AdCheckRequest"]["properties"]
    assert {"text", "ads", "lang"} <= set(props)
    assert "200" in operation["responses"] and "400" in operation["responses"]
