"""Press releases linked to communications, and states' reported action on the OHCHR
2023 recommendations; bad input changes nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.communications.models import PressRelease, Recommendation, StateAction


def test_a_press_release_is_linked_to_its_communications(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    pks = [seeded["AL KHM 1/2025"].pk, seeded["AL THA 3/2025"].pk]
    response = analyst_client.post(reverse("communications:press_new"), {
        "issued_on": "2025-03-20", "title": "Experts alarmed by forced scamming",
        "url": "https://www.ohchr.org/en/press-releases/example", "communications": pks})
    assert response.status_code == 302, response.content.decode()[:2000]
    pr = PressRelease.objects.get()
    assert sorted(c.reference for c in pr.communications.all()) == ["AL KHM 1/2025",
                                                                    "AL THA 3/2025"]
    html = analyst_client.get(reverse("communications:detail", args=[pks[0]])).content.decode()
    assert "Experts alarmed by forced scamming" in html


def test_a_press_release_without_a_communication_is_refused(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    response = analyst_client.post(reverse("communications:press_new"), {
        "issued_on": "2025-03-20", "title": "t", "url": "u"})
    assert response.status_code == 200
    assert PressRelease.objects.count() == 0


def test_a_state_action_is_recorded_and_shown_on_the_state_page(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    rec = Recommendation.objects.get(key="non-punishment-2")
    response = analyst_client.post(
        reverse("communications:state_action_new", args=[rec.pk]),
        {"state": "tha", "reported_on": "2025-05-02",
         "action": "Screening before any immigration detention of people released.",
         "source": "Reply to AL THA 3/2025"})
    assert response.status_code == 302, response.content.decode()[:2000]
    action = StateAction.objects.get()
    assert action.state == "THA"
    html = analyst_client.get(reverse("communications:state", args=["THA"])).content.decode()
    assert "non-punishment-2" in html and "Screening before any immigration" in html


def test_a_state_action_with_a_bad_state_code_is_refused(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    rec = Recommendation.objects.get(key="non-punishment-2")
    response = analyst_client.post(
        reverse("communications:state_action_new", args=[rec.pk]),
        {"state": "XX", "reported_on": "2025-05-02", "action": "a", "source": "s"})
    assert response.status_code == 200
    assert "ISO 3166 alpha-3" in response.content.decode()
    assert StateAction.objects.count() == 0
