"""REST API for screening: answers, the engine's assessment, the named decision."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.protection.models import ProtectionStatus
from wayhome.apps.screening.models import GroundsDecision, ScreeningSession


def _answers() -> dict[str, str]:
    path = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["answers"])


def test_an_interview_runs_to_a_decision_and_protection_over_the_api(
    caseworker: Any, users: dict[str, Any], make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    started = client.post(reverse("api:screenings", args=[case.case_number]),
                          {"interviewer_language": "en", "person_language": "my"},
                          content_type="application/json")
    assert started.status_code == 201
    pk = started.json()["id"]
    saved = client.patch(reverse("api:screening", args=[pk]),
                         {"answers": _answers(), "context": {"was_paid": True}},
                         content_type="application/json")
    assert saved.status_code == 200, saved.json()
    assessed = client.post(reverse("api:assessment", args=[pk])).json()
    assert assessed["assessment"]["grounds_level"] == "reasonable_grounds"
    assert "non_punishment" in assessed["assessment"]["protective_actions"]
    decided = client.post(reverse("api:decision", args=[pk]),
                          {"level": "reasonable_grounds", "reason": "All three elements."},
                          content_type="application/json")
    assert decided.status_code == 201
    assert decided.json()["decided_by"] == caseworker.username
    assert ProtectionStatus.objects.get(case=case).active

    liaison = client_for(users[Role.ENFORCEMENT_LIAISON])
    status = liaison.get(reverse("api:protection", args=[case.case_number])).json()
    assert status["protected"] is True and status["since"]
    assert any("deport" in m for m in status["means"])
    assert set(status) == {"case_number", "protected", "since", "is_child", "means"}
    assert liaison.get(reverse("api:screening", args=[pk])).status_code == 403


def test_an_unknown_question_or_answer_is_refused_and_nothing_is_saved(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    pk = client.post(reverse("api:screenings", args=[case.case_number]), {},
                     content_type="application/json").json()["id"]
    client.patch(reverse("api:screening", args=[pk]), {"answers": {"act_recruited": "yes"}},
                 content_type="application/json")
    for bad in ({"answers": {"no_such_question": "yes"}},
                {"answers": {"act_transported": "perhaps"}},
                {"context": {"was_paid": "lots"}}):
        response = client.patch(reverse("api:screening", args=[pk]), bad,
                                content_type="application/json")
        assert response.status_code == 400, bad
        assert response.json()["detail"]
    session = ScreeningSession.objects.get(pk=pk)
    assert session.answers == {"act_recruited": "yes"}
    assert not (session.context or {}).get("was_paid")


def test_a_decision_before_the_assessment_or_without_reasons_is_refused(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    pk = client.post(reverse("api:screenings", args=[case.case_number]), {},
                     content_type="application/json").json()["id"]
    early = client.post(reverse("api:decision", args=[pk]),
                        {"level": "reasonable_grounds", "reason": "x"},
                        content_type="application/json")
    assert early.status_code == 400
    client.post(reverse("api:assessment", args=[pk]))
    no_reason = client.post(reverse("api:decision", args=[pk]),
                            {"level": "reasonable_grounds", "reason": ""},
                            content_type="application/json")
    assert no_reason.status_code == 400
    assert not GroundsDecision.objects.filter(case=case).exists()
    assert not ProtectionStatus.objects.filter(case=case, active=True).exists()
