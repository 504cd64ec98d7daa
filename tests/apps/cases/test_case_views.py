"""Case pages: register, search by name through keyed hashes, edit, consent per purpose."""

from __future__ import annotations

import re

from typing import Any

from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases.models import Case, ConsentRecord, Person

FORM = {
    "given_name": "Kyaw Zin", "family_name": "Oo", "nationality": "MMR", "sex": "M",
    "languages": ["my"], "age_years": "27", "interpreter_needed": "on",
    "narrative": "Crossed the Moei river at night.",
}


def test_registering_a_person_gives_a_pseudonymous_case_number(
    caseworker: Any, client_for: Any
) -> None:
    response = client_for(caseworker).post(reverse("cases:new"), FORM)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.case_number.startswith("THA-")  # the organisation's country, not the name
    assert "Kyaw" not in case.case_number
    assert case.person.given_name == "Kyaw Zin" and case.person.interpreter_needed
    assert case.narrative == "Crossed the Moei river at night."


def test_an_invalid_form_shows_each_error_and_saves_nothing(
    caseworker: Any, client_for: Any
) -> None:
    bad = {**FORM, "age_years": "", "date_of_birth": "12/04/1999", "languages": ["xx"]}
    response = client_for(caseworker).post(reverse("cases:new"), bad)
    assert response.status_code == 200
    page = response.content.decode()
    assert "YYYY-MM-DD" in page
    assert "xx" in page  # the rejected language choice is named
    assert Case.objects.count() == 0 and Person.objects.count() == 0


def test_an_unknown_age_of_a_possible_child_is_accepted_with_the_presumption(
    caseworker: Any, client_for: Any
) -> None:
    data = {**FORM, "age_years": "", "may_be_child": "on"}
    response = client_for(caseworker).post(reverse("cases:new"), data)
    assert response.status_code == 302
    assert Case.objects.get().person.is_child_or_presumed


def test_search_finds_a_name_in_another_spelling_and_writes_no_name_to_the_audit(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    hung = make_case(given_name="Hùng", family_name="Nguyễn Văn", nationality="VNM")
    make_case(given_name="Somchai", family_name="Jaidee", nationality="THA")
    page = client_for(caseworker).post(reverse("cases:list"), {"q": "NGUYEN VAN HUNG"},
                                       follow=True)
    html = page.content.decode()
    assert hung.case_number in html and "Somchai" not in html
    details = " ".join(AuditEvent.objects.values_list("detail", flat=True))
    assert "NGUYEN" not in details.upper()


def test_searched_names_never_appear_in_a_url(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    """URLs land in server logs, browser history and Referer headers: the words searched
    for travel in the POST body and stay in the session."""
    for _ in range(51):  # more than one page, so the page links are rendered
        make_case(given_name="Hùng", family_name="Nguyễn Văn", nationality="VNM")
    client = client_for(caseworker)
    response = client.post(reverse("cases:list"), {"q": "Nguyen Van Hung"})
    assert response.status_code == 302 and "Nguyen" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    links = re.findall(r'href="([^"]*)"', html)
    assert any("page=2" in link for link in links)
    assert not [link for link in links if "Nguyen" in link or "Hung" in link or "q=" in link]


def test_opening_the_list_again_forgets_the_last_search(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    hung = make_case(given_name="Hùng", family_name="Nguyễn Văn", nationality="VNM")
    other = make_case(given_name="Somchai", family_name="Jaidee", nationality="THA")
    client = client_for(caseworker)
    searched = client.post(reverse("cases:list"), {"q": "Somchai"}, follow=True)
    assert hung.case_number not in searched.content.decode()
    html = client.get(reverse("cases:list")).content.decode()
    assert hung.case_number in html and other.case_number in html


def test_search_by_case_number(caseworker: Any, make_case: Any, client_for: Any) -> None:
    case = make_case()
    other = make_case(given_name="Somchai")
    html = client_for(caseworker).post(
        reverse("cases:list"), {"q": case.case_number.lower()}, follow=True).content.decode()
    assert case.case_number in html and other.case_number not in html


def test_editing_updates_the_person_and_keeps_search_in_step(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    data = {**FORM, "given_name": "Min Thu", "family_name": "Aung"}
    response = client.post(reverse("cases:edit", args=[case.case_number]), data)
    assert response.status_code == 302
    case.person.refresh_from_db()
    assert case.person.given_name == "Min Thu"
    assert case.case_number in client.post(
        reverse("cases:list"), {"q": "min thu"}, follow=True).content.decode()
    assert case.case_number not in client.post(
        reverse("cases:list"), {"q": "Kyaw"}, follow=True).content.decode()


def test_consent_is_recorded_per_purpose_and_its_withdrawal_is_kept(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    client = client_for(caseworker)
    url = reverse("cases:consent", args=[case.case_number])
    client.post(url, {"purpose": "consulate", "granted": "yes", "language": "my"})
    client.post(url, {"purpose": "consulate", "granted": "no", "language": "my",
                      "note": "Afraid the embassy will tell the recruiter."})
    records = ConsentRecord.objects.filter(case=case, purpose="consulate").order_by("id")
    assert [r.granted for r in records] == [True, False]
    assert all(r.recorded_by == caseworker and r.recorded_at for r in records)
    assert case.consent_state()["consulate"].granted is False
    assert not case.has_consent("consulate")
    detail = client.get(reverse("cases:detail", args=[case.case_number])).content.decode()
    assert caseworker.username in detail or caseworker.get_full_name() in detail


def test_an_invalid_consent_purpose_changes_nothing(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("cases:consent", args=[case.case_number]),
        {"purpose": "advertising", "granted": "yes", "language": "my"})
    assert response.status_code == 200
    assert not ConsentRecord.objects.filter(case=case).exists()
