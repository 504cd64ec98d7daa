"""Return events on the case timeline: the case team sees them, with no notes; a
consular officer who may see the case does not."""

from __future__ import annotations

from typing import Any

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.timeline.registry import events_for

from .conftest import plan_data, prepare_return, url


def test_the_case_team_sees_return_events_and_a_consul_does_not(
    make_case: Any, worker_client: Any, caseworker: Any, users: dict[str, Any]
) -> None:
    case = make_case()
    case_services.record_consent(caseworker, case, "consulate", True, "my")
    prepare_return(worker_client, case)
    worker_client.post(url("plan_new", case), plan_data())
    worker_client.post(url("withdraw_consent", case), {"note": "Secret reason"})
    events = [e for e in events_for(case, caseworker) if e.kind == "return"]
    titles = [e.title for e in events]
    assert "Return or stay: option chosen" in titles and "Return plan created" in titles
    assert "Consent to return withdrawn" in titles
    assert all("Secret reason" not in e.detail for e in events)
    consul = users[Role.CONSULAR_OFFICER]
    assert any(e.kind == "case" for e in events_for(case, consul))
    assert not [e for e in events_for(case, consul) if e.kind == "return"]
