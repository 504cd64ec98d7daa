"""The communications API: analysts read communications with their questions and
answer status and the per-state summary; every other role gets 403; the endpoints are
in the OpenAPI schema."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.communications.models import Communication
from wayhome.apps.communications.services import load_seed, record_reply


@pytest.fixture
def seeded(db: Any) -> dict[str, Communication]:
    load_seed()
    return {c.reference: c for c in Communication.objects.all()}


def test_the_list_gives_each_communication_with_its_counts(
        users: dict[str, Any], client_for: Callable[[Any], Any],
        seeded: dict[str, Any]) -> None:
    data = client_for(users[Role.ANALYST]).get(reverse("api:communications")).json()
    by_ref = {row["reference"]: row for row in data}
    assert set(by_ref) == {"AL KHM 1/2025", "AL CHN 4/2025", "AL THA 3/2025", "AL OTH 17/2025"}
    assert by_ref["AL KHM 1/2025"]["questions_count"] == 15
    assert by_ref["AL OTH 17/2025"]["country"] == "OTH"
    assert by_ref["AL THA 3/2025"]["publication_date"] == "2025-05-09"


def test_the_detail_gives_the_questions_with_their_status(
        users: dict[str, Any], client_for: Callable[[Any], Any],
        seeded: dict[str, Any]) -> None:
    analyst = users[Role.ANALYST]
    comm = seeded["AL OTH 17/2025"]
    reply = record_reply(analyst, comm, {"received_on": date(2025, 4, 1), "from_whom": "ASEAN",
                                         "summary": "s"},
                         {1: ("answered", "in full"), 2: ("partly", ""),
                          3: ("not_answered", ""), 4: ("not_answered", "")})
    data = client_for(analyst).get(reverse("api:communication", args=[comm.pk])).json()
    assert [(q["number"], q["status"]) for q in data["questions"]] == [
        (1, "answered"), (2, "partly"), (3, "not_answered"), (4, "not_answered")]
    assert data["questions"][0]["reply_id"] == reply.pk
    assert data["unanswered"] == 3
    assert data["replies"][0]["publication_date"] == "2025-05-09"
    assert "Japan" in data["copies"]


def test_the_state_summary_gives_what_is_still_unanswered(
        users: dict[str, Any], client_for: Callable[[Any], Any],
        seeded: dict[str, Any]) -> None:
    client = client_for(users[Role.ANALYST])
    rows = client.get(reverse("api:communication_states")).json()
    assert {r["code"] for r in rows} == {"KHM", "CHN", "THA", "OTH"}
    data = client.get(reverse("api:communication_state", args=["THA"])).json()
    assert data["questions"] == 10 and data["unanswered"] == 10
    assert [c["reference"] for c in data["communications"]] == ["AL THA 3/2025"]
    assert client.get(reverse("api:communication_state", args=["QQQ"])).status_code == 404


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ANALYST])
def test_no_other_role_reads_the_communications_api(
        role: str, users: dict[str, Any], client_for: Callable[[Any], Any],
        seeded: dict[str, Any]) -> None:
    client = client_for(users[role])
    pk = seeded["AL KHM 1/2025"].pk
    for url in (reverse("api:communications"), reverse("api:communication", args=[pk]),
                reverse("api:communication_states"),
                reverse("api:communication_state", args=["KHM"])):
        assert client.get(url).status_code == 403, (role, url)


def test_the_endpoints_are_in_the_openapi_schema(
        users: dict[str, Any], client_for: Callable[[Any], Any]) -> None:
    schema = client_for(users[Role.ANALYST]).get(reverse("schema")).content.decode()
    for path in ("/api/v1/communications/", "/api/v1/communications/{id}/",
                 "/api/v1/communications/states/", "/api/v1/communications/states/{code}/"):
        assert path in schema, path
