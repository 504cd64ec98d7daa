"""The case team links its own case, pseudonymously, to the place where the person was
held and the abuses reported there; nobody else can."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.compounds.models import CaseCompoundLink, Compound

LINK = {"held_from": "2024-05-01", "held_until": "2024-11-30",
        "abuses": ["forced_criminality", "electric_shocks", "documents_confiscated"]}


def test_the_case_page_leads_the_case_team_to_the_link_page(
        make_case: Any, caseworker: Any, client_for: Any) -> None:
    case = make_case()
    page = client_for(caseworker).get(reverse("cases:detail", args=[case.case_number]))
    assert reverse("compounds:case", args=[case.case_number]) in page.content.decode()


def test_a_case_worker_links_a_case_to_a_compound_and_it_is_audited(
        kk_park: Compound, make_case: Any, caseworker: Any, client_for: Any) -> None:
    case = make_case()
    client = client_for(caseworker)
    url = reverse("compounds:case", args=[case.case_number])
    response = client.post(url, {"compound": kk_park.pk, **LINK})
    assert response.status_code == 302
    link = CaseCompoundLink.objects.get(case=case)
    assert link.compound == kk_park and link.held_from.isoformat() == "2024-05-01"
    assert link.abuses == ["forced_criminality", "electric_shocks", "documents_confiscated"]
    assert AuditEvent.objects.filter(action="case.compound.link.saved",
                                     object_id=str(link.pk)).exists()
    assert AuditEvent.objects.filter(action="case.compound.link", object_id=str(case.pk),
                                     allowed=True).exists()
    # Saving again updates the same link: a case counts once per compound.
    client.post(url, {"compound": kk_park.pk, "abuses": ["beating"]})
    assert CaseCompoundLink.objects.get(case=case).abuses == ["beating"]
    page = client.get(url).content.decode()
    assert "KK Park" in page and "Torture or beating" in page


def test_bad_input_changes_nothing(kk_park: Compound, make_case: Any, caseworker: Any,
                                   client_for: Any) -> None:
    case = make_case()
    client = client_for(caseworker)
    url = reverse("compounds:case", args=[case.case_number])
    no_place = client.post(url, {**LINK, "compound": ""})
    assert "Choose the compound or place" in no_place.content.decode()
    backwards = client.post(url, {**LINK, "compound": kk_park.pk, "held_from": "2024-12-01"})
    assert "before its start" in backwards.content.decode()
    future = client.post(url, {**LINK, "compound": kk_park.pk, "held_until": "2999-01-01"})
    assert "in the future" in future.content.decode()
    unknown = client.post(url, {"compound": kk_park.pk, "abuses": ["made_up"]})
    assert unknown.status_code == 200
    assert not CaseCompoundLink.objects.exists()


def test_another_organisations_case_cannot_be_linked(
        kk_park: Compound, make_case: Any, make_user: Any, client_for: Any) -> None:
    other_team = make_user("case_worker", org="ngo_kh", username="kh-worker")
    case = make_case(other_team)
    client = client_for(make_user("case_worker", username="th-worker"))
    url = reverse("compounds:case", args=[case.case_number])
    assert client.get(url).status_code == 403
    assert client.post(url, {"compound": kk_park.pk, **LINK}).status_code == 403
    assert not CaseCompoundLink.objects.exists()
    assert AuditEvent.objects.filter(action="case.compound.link", allowed=False).exists()


def test_analysts_liaisons_and_other_roles_cannot_link_or_see_the_link_page(
        kk_park: Compound, make_case: Any, users: dict[str, Any], client_for: Any) -> None:
    case = make_case()
    url = reverse("compounds:case", args=[case.case_number])
    for role in ("analyst", "enforcement_liaison", "consular_officer", "tracer",
                 "service_provider", "administrator"):
        client = client_for(users[role])
        assert client.get(url).status_code == 403, role
        assert client.post(url, {"compound": kk_park.pk, **LINK}).status_code == 403, role
    assert not CaseCompoundLink.objects.exists()


def test_a_link_can_be_removed_by_the_team_only(
        kk_park: Compound, make_case: Any, caseworker: Any, users: dict[str, Any],
        client_for: Any) -> None:
    case = make_case()
    client = client_for(caseworker)
    client.post(reverse("compounds:case", args=[case.case_number]),
                {"compound": kk_park.pk, **LINK})
    link = CaseCompoundLink.objects.get(case=case)
    url = reverse("compounds:case_unlink", args=[case.case_number, link.pk])
    assert client_for(users["analyst"]).post(url).status_code == 403
    assert CaseCompoundLink.objects.filter(pk=link.pk).exists()
    assert client.post(url).status_code == 302
    assert not CaseCompoundLink.objects.filter(pk=link.pk).exists()
    assert AuditEvent.objects.filter(action="case.compound.link.removed").exists()


def test_the_link_shows_on_the_case_timeline_for_the_team_only(
        kk_park: Compound, make_case: Any, caseworker: Any, users: dict[str, Any],
        client_for: Any) -> None:
    case = make_case()
    client_for(caseworker).post(reverse("compounds:case", args=[case.case_number]),
                                {"compound": kk_park.pk, **LINK})
    timeline = client_for(caseworker).get(reverse("timeline:case", args=[case.case_number]))
    assert "Held at: KK Park" in timeline.content.decode()
    from wayhome.apps.timeline.registry import events_for

    assert not [e for e in events_for(case, users["consular_officer"]) if e.kind == "compound"]
