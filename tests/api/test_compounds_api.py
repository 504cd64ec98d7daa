"""The registry's read-only API: places with status history, sources and suppressed
corroboration counts, in the OpenAPI schema; no case reaches it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from wayhome.apps.cases.models import Case
from wayhome.apps.compounds import services
from wayhome.apps.compounds.models import Compound


@pytest.fixture
def seeded(db: Any) -> Any:
    return services.load_seed()


def _link(make_case: Any, user: Any, compound: Compound, n: int) -> None:
    for _ in range(n):
        services.link_case(user, make_case(user), compound, ["forced_criminality"])


def test_the_list_gives_every_place_with_its_status(seeded: Any, users: dict[str, Any],
                                                    client_for: Any) -> None:
    client = client_for(users["analyst"])
    data = client.get(reverse("api:compounds"), {"country": "khm"}).json()
    slugs = {r["slug"] for r in data["results"]}
    assert {"sihanoukville", "dara-sakor-sez", "henge-thmorda-sez"} <= slugs
    assert all(r["country"] == "KHM" and r["status"] for r in data["results"])


def test_the_detail_has_ordered_history_sources_and_suppressed_counts(
        seeded: Any, users: dict[str, Any], caseworker: Any, make_case: Any,
        client_for: Any) -> None:
    kk = Compound.objects.get(slug="kk-park")
    _link(make_case, caseworker, kk, 3)
    data = client_for(users["analyst"]).get(reverse("api:compound", args=["kk-park"])).json()
    dates = [h["on"] for h in data["history"]]
    assert dates == sorted(dates) and data["history"][0]["source"]["title"]
    assert any(c["fact"] == "named" and "KK" in c["quote"] for c in data["citations"])
    corr = data["corroboration"]
    assert corr["k"] == 11
    assert corr["cases"] == {"count": None, "suppressed": True, "display": "fewer than 11"}
    forced = next(a for a in corr["abuses"] if a["abuse"] == "forced_criminality")
    assert forced["count"] is None and forced["suppressed"]
    body = str(data)
    for number in Case.objects.values_list("case_number", flat=True):
        assert number not in body
    _link(make_case, caseworker, kk, 8)
    data = client_for(users["analyst"]).get(reverse("api:compound", args=["kk-park"])).json()
    assert data["corroboration"]["cases"]["count"] == 11


def test_the_api_is_read_only_and_closed_to_other_roles(
        seeded: Any, users: dict[str, Any], client_for: Any) -> None:
    url = reverse("api:compound", args=["kk-park"])
    assert client_for(users["analyst"]).post(url, {}).status_code == 405
    assert client_for(users["analyst"]).post(reverse("api:compounds"), {}).status_code == 405
    for role in ("enforcement_liaison", "tracer", "consular_officer", "administrator"):
        assert client_for(users[role]).get(url).status_code == 403, role
    assert client_for(users["case_worker"]).get(url).status_code == 200


def test_the_compound_endpoints_are_in_the_openapi_schema(users: dict[str, Any],
                                                          client_for: Any) -> None:
    schema = client_for(users["analyst"]).get(reverse("schema"), {"format": "json"}).json()
    assert "/api/v1/compounds/" in schema["paths"]
    assert "/api/v1/compounds/{slug}/" in schema["paths"]
    detail = schema["components"]["schemas"]["CompoundDetail"]["properties"]
    assert {"history", "citations", "corroboration"} <= set(detail)
