"""Only analysts reach the communications pages and API; every other role gets 403,
and a refused attempt is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.communications.models import Communication, Recommendation

OTHERS = [r for r in Role.values if r != Role.ANALYST]


def _urls(seeded: dict[str, Any]) -> list[tuple[str, str]]:
    pk = seeded["AL THA 3/2025"].pk
    rec = Recommendation.objects.get(key="identification-1").pk
    return [
        ("get", reverse("communications:list")),
        ("get", reverse("communications:detail", args=[pk])),
        ("get", reverse("communications:new")),
        ("post", reverse("communications:new")),
        ("get", reverse("communications:edit", args=[pk])),
        ("post", reverse("communications:edit", args=[pk])),
        ("get", reverse("communications:reply_new", args=[pk])),
        ("post", reverse("communications:reply_new", args=[pk])),
        ("get", reverse("communications:press_new")),
        ("get", reverse("communications:states")),
        ("get", reverse("communications:state", args=["THA"])),
        ("get", reverse("communications:recommendations")),
        ("get", reverse("communications:state_action_new", args=[rec])),
        ("post", reverse("communications:state_action_new", args=[rec])),
        ("get", reverse("api:communications")),
        ("get", reverse("api:communication", args=[pk])),
        ("get", reverse("api:communication_states")),
        ("get", reverse("api:communication_state", args=["THA"])),
    ]


@pytest.mark.parametrize("role", OTHERS)
def test_no_other_role_reaches_any_communications_url(
        role: str, users: dict[str, Any], seeded: dict[str, Any],
        client_for: Callable[[Any], Any]) -> None:
    client = client_for(users[role])
    for method, url in _urls(seeded):
        assert getattr(client, method)(url).status_code == 403, (role, method, url)


def test_the_analyst_reaches_every_page(analyst_client: Any, seeded: dict[str, Any]) -> None:
    for method, url in _urls(seeded):
        if method == "get":
            assert analyst_client.get(url).status_code == 200, url


def test_a_refused_edit_is_audited_and_writes_nothing(
        users: dict[str, Any], seeded: dict[str, Any], client_for: Callable[[Any], Any],
        new_letter: dict[str, str]) -> None:
    client = client_for(users[Role.CASE_WORKER])
    assert client.post(reverse("communications:new"), new_letter).status_code == 403
    assert not Communication.objects.filter(reference="UA MMR 5/2025").exists()
    assert AuditEvent.objects.filter(action="comms.edit", allowed=False,
                                     actor_username=users[Role.CASE_WORKER].username).exists()


def test_the_nav_shows_communications_to_the_analyst_only(
        users: dict[str, Any], client_for: Callable[[Any], Any], seeded: dict[str, Any]) -> None:
    link = reverse("communications:list")
    assert f'href="{link}"' in client_for(users[Role.ANALYST]).get("/").content.decode()
    assert f'href="{link}"' not in client_for(users[Role.CASE_WORKER]).get("/").content.decode()
