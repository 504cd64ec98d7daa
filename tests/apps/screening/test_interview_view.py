"""The interview pages: both languages side by side, save and come back, bad input refused."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.screening import services
from wayhome.domain.screening import load_catalogue


def test_questions_appear_in_both_languages_side_by_side(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cat = load_catalogue()
    session = services.start(caseworker, make_case(), "en", "my")
    first = cat.sections[0]
    page = client_for(caseworker).get(
        reverse("screening:section", args=[session.pk, first.key])).content.decode()
    q = first.question_keys[0]
    assert cat.text(q, "en") in page
    assert cat.text(q, "my") in page
    assert 'lang="my"' in page


def test_the_closing_facts_section_has_wording_in_both_languages(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cat = load_catalogue()
    session = services.start(caseworker, make_case(), "en", "th")
    page = client_for(caseworker).get(
        reverse("screening:section", args=[session.pk, "context"])).content.decode()
    for flag in ("signed_contract", "was_paid", "knew_work_was_fraud", "documents_missing"):
        assert cat.text(f"context.{flag}", "en") in page
        assert cat.text(f"context.{flag}", "th") in page
        assert f"context.{flag}" not in page  # never a raw key


def test_answers_are_saved_and_shown_again_when_coming_back(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cat = load_catalogue()
    case = make_case()
    session = services.start(caseworker, case, "en", "my")
    sec = cat.sections[0]
    q = sec.question_keys[0]
    client = client_for(caseworker)
    url = reverse("screening:section", args=[session.pk, sec.key])
    response = client.post(url, {q: "yes", "save_exit": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.case_number])
    session.refresh_from_db()
    assert session.answers == {q: "yes"}
    page = client.get(url).content.decode()
    assert f'type="radio" name="{q}" value="yes" checked>' in page
    assert f'type="radio" name="{q}" value="no" checked>' not in page


def test_a_forged_answer_value_is_refused_and_nothing_is_saved(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    cat = load_catalogue()
    session = services.start(caseworker, make_case(), "en", "vi")
    sec = cat.sections[0]
    q = sec.question_keys[0]
    response = client_for(caseworker).post(
        reverse("screening:section", args=[session.pk, sec.key]), {q: "maybe", "save_next": "1"})
    assert response.status_code == 200
    assert "maybe" in response.content.decode()  # the error names the bad value
    session.refresh_from_db()
    assert session.answers in ({}, None)


def test_an_unknown_section_is_not_found(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    session = services.start(caseworker, make_case(), "en", "vi")
    response = client_for(caseworker).get(
        reverse("screening:section", args=[session.pk, "nonsense"]))
    assert response.status_code == 404
