"""The assessment page: elements with indicators and sources, dimensions, the named decision."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from django.urls import reverse

from wayhome.apps.protection.models import ProtectionStatus
from wayhome.apps.screening import services
from wayhome.apps.screening.models import GroundsDecision
from wayhome.domain.screening import load_catalogue


def _example_answers() -> dict[str, str]:
    path = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")
    return dict(json.loads(path.read_text(encoding="utf-8"))["answers"])


def _interviewed(caseworker: Any, case: Any, answers: dict[str, str] | None = None) -> Any:
    session = services.start(caseworker, case, "en", "my")
    return services.save_answers(caseworker, session, answers or _example_answers(), {})


def test_each_supporting_indicator_shows_where_it_comes_from_and_its_sources(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    session = _interviewed(caseworker, make_case())
    html = client_for(caseworker).get(reverse("screening:assessment", args=[session.pk]))
    assert html.status_code == 200
    page = html.content.decode()
    assert 'id="recommended">Reasonable grounds' in page
    # The forced-fraud indicator supports "means" and "purpose", from the interview,
    # with the seed document it is taken from and its firmness mark.
    assert page.count('data-indicator="sc_forced_online_fraud"') == 2
    row = page.split('data-indicator="sc_forced_online_fraud"')[1].split("</tr>")[0]
    assert "Interview" in row or "interview" in row
    assert "[firm]" in row or "[to verify]" in row
    assert 'id="element-act"' in page and 'id="element-means"' in page
    assert "Deceptive recruitment" in page and "positive" in page


def test_the_page_is_in_the_viewers_language(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    session = _interviewed(caseworker, make_case())
    client = client_for(caseworker)
    client.cookies["django_language"] = "th"
    page = client.get(reverse("screening:assessment", args=[session.pk])).content.decode()
    assert "<html lang=\"th\"" in page
    # The catalogue's own Thai wording for the grounds level and a dimension is used.
    cat = load_catalogue()
    assert cat.text("grounds.reasonable_grounds", "th") in page
    assert cat.text("dimension.D1", "th") in page


def test_a_presumed_child_gets_child_rules_without_any_means(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case(age_years=16)
    answers = {"act_recruited": "yes", "sc_forced_online_fraud": "yes"}
    session = _interviewed(caseworker, case, answers)
    page = client_for(caseworker).get(
        reverse("screening:assessment", args=[session.pk])).content.decode()
    assert 'id="child-rules"' in page
    assert "never detained" in page


def test_a_named_decision_switches_protection_on(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    session = _interviewed(caseworker, case)
    client = client_for(caseworker)
    client.get(reverse("screening:assessment", args=[session.pk]))
    response = client.post(reverse("screening:decide", args=[session.pk]),
                           {"level": "reasonable_grounds", "reason": "Act, means and purpose."})
    assert response.status_code == 302
    decision = GroundsDecision.objects.get(case=case)
    assert decision.decided_by == caseworker and decision.reason == "Act, means and purpose."
    status = ProtectionStatus.objects.get(case=case)
    assert status.active and status.since == decision.decided_at


def test_a_decision_without_reasons_is_refused_and_changes_nothing(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    session = _interviewed(caseworker, case)
    client = client_for(caseworker)
    client.get(reverse("screening:assessment", args=[session.pk]))
    response = client.post(reverse("screening:decide", args=[session.pk]),
                           {"level": "reasonable_grounds", "reason": "  "}, follow=True)
    assert "Give the reasons for your decision." in response.content.decode()
    assert not GroundsDecision.objects.filter(case=case).exists()
    assert not ProtectionStatus.objects.filter(case=case, active=True).exists()


def test_an_invented_grounds_level_is_refused(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    session = _interviewed(caseworker, case)
    client = client_for(caseworker)
    client.get(reverse("screening:assessment", args=[session.pk]))
    response = client.post(reverse("screening:decide", args=[session.pk]),
                           {"level": "conclusive_by_magic", "reason": "x"}, follow=True)
    assert "Choose a grounds level from the list." in response.content.decode()
    assert not GroundsDecision.objects.filter(case=case).exists()
