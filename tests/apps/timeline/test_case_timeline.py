"""The case timeline: every event in order, filtered by what the viewer may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.nonpunishment import services as measure_services
from wayhome.apps.protection.models import ProtectionStatus
from wayhome.apps.screening import services as screening_services
from wayhome.apps.timeline.registry import Event, _PROVIDERS, events_for, register


def _history(worker: Any, case: Any) -> None:
    case_services.record_consent(worker, case, "consulate", True, "my")
    session = screening_services.start(worker, case, "en", "my")
    screening_services.save_answers(worker, session, {"act_recruited": "yes"}, {})
    screening_services.run_assessment(worker, session)
    screening_services.decide_grounds(worker, session, "reasonable_grounds", "Seen.")
    measure_services.record_measure(worker, case, {
        "kind": "detention", "offence": "immigration", "ordered_on": dt.date(2020, 1, 5)})


def test_the_case_team_sees_every_event_oldest_first(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    _history(caseworker, case)
    events = events_for(case, caseworker)
    kinds = [e.kind for e in events]
    assert kinds[0] == "measure"  # the detention order of 2020 comes first
    assert {"case", "consent", "screening", "decision", "protection", "measure"} <= set(kinds)
    assert [e.sort_key for e in events] == sorted(e.sort_key for e in events)
    page = client_for(caseworker).get(reverse("timeline:case", args=[case.case_number]))
    html = page.content.decode()
    assert page.status_code == 200 and "Decision: Reasonable grounds" in html


def test_a_consul_sees_only_what_the_consul_may_see(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case(nationality="MMR")
    _history(caseworker, case)
    consul = users[Role.CONSULAR_OFFICER]
    kinds = {e.kind for e in events_for(case, consul)}
    assert kinds == {"case", "protection"}
    html = client_for(consul).get(reverse("timeline:case", args=[case.case_number])).content
    assert b"Screening" not in html and b"Immigration detention" not in html


def test_a_liaison_cannot_open_the_timeline(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    ProtectionStatus.objects.create(case=case, active=True, since=timezone.now())
    response = client_for(users[Role.ENFORCEMENT_LIAISON]).get(
        reverse("timeline:case", args=[case.case_number]))
    assert response.status_code == 403


def test_an_app_can_add_its_own_events(caseworker: Any, make_case: Any) -> None:
    case = make_case()

    def visits(case: Any, user: Any) -> list[Event]:
        return [Event(dt.date(1999, 1, 1), "visit", "Home visit")]

    register(visits)
    try:
        assert events_for(case, caseworker)[0].title == "Home visit"
    finally:
        _PROVIDERS.remove(visits)


def test_referrals_appear_for_the_team_but_not_for_a_consul(
    caseworker: Any, users: dict[str, Any], make_case: Any
) -> None:
    from wayhome.apps.referrals import services as referral_services
    from wayhome.apps.referrals.models import Service

    case = make_case(nationality="MMR")
    case_services.record_consent(caseworker, case, "services", True, "my")
    case_services.record_consent(caseworker, case, "consulate", True, "my")
    service = Service.objects.create(
        organisation=users[Role.SERVICE_PROVIDER].organisation, added_by=caseworker,
        name="Men's shelter", country="THA", kind="shelter", accepts_adult_women=False)
    referral_services.send_referral(caseworker, case, service, message="Bed tonight.")
    titles = [e.title for e in events_for(case, caseworker) if e.kind == "referral"]
    assert len(titles) == 1 and "Men's shelter" in titles[0]
    assert "referral" not in {e.kind for e in events_for(case, users[Role.CONSULAR_OFFICER])}
