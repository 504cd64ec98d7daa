"""The case team's side: needs, sending a referral (gated by consent and by who the
service takes), the referral list per case, withdrawing. Bad input writes nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.referrals.models import NeedsAssessment, Referral, ReferralEvent


def _send(client: Any, case: Any, service: Any, **extra: Any) -> Any:
    return client.post(reverse("referrals:send", args=[case.case_number]),
                       {"service": service.pk, "message": "Needs a bed tonight.", **extra})


def test_a_referral_is_refused_without_consent_to_services_and_nothing_is_written(
    caseworker: Any, make_case: Any, make_service: Any, client_for: Any
) -> None:
    case = make_case()
    shelter = make_service()
    client = client_for(caseworker)
    page = client.get(reverse("referrals:send", args=[case.case_number])).content.decode()
    assert "has not given consent to referral to services" in page
    response = _send(client, case, shelter)
    assert response.status_code == 200
    assert "has not given consent to referral to services" in response.content.decode()
    assert not Referral.objects.exists() and not ReferralEvent.objects.exists()


def test_consent_that_was_withdrawn_also_stops_a_referral(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    case_services.record_consent(caseworker, case, "services", False, "my")
    response = _send(client_for(caseworker), case, make_service())
    assert "has not given consent to referral to services" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_adult_man_cannot_be_referred_to_a_shelter_for_women_and_nothing_is_written(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case(sex="M", age_years=31)
    women_only = make_service(name="Women's shelter Bangkok", accepts_adult_men=False,
                              accepts_adult_women=True)
    response = _send(client_for(caseworker), case, women_only)
    assert response.status_code == 200
    assert "does not take adult men" in response.content.decode()
    assert not Referral.objects.exists() and not ReferralEvent.objects.exists()


def test_an_adult_woman_cannot_be_referred_to_a_shelter_for_men(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case(sex="F", age_years=24)
    response = _send(client_for(caseworker), case, make_service())
    assert "does not take adult women" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_presumed_child_cannot_be_referred_to_a_shelter_for_adults(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case(sex="M", age_years=None, may_be_child=True)
    response = _send(client_for(caseworker), case, make_service())
    assert "does not take children" in response.content.decode()
    assert not Referral.objects.exists()
    children = make_service(name="Children's home", accepts_adult_men=False,
                            accepts_children=True)
    assert _send(client_for(caseworker), case, children).status_code == 302
    assert Referral.objects.get().service == children


def test_a_family_cannot_be_referred_to_a_shelter_that_takes_no_families(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    response = _send(client_for(caseworker), case, make_service(), with_family="on")
    assert "does not take families" in response.content.decode()
    assert not Referral.objects.exists()


def test_an_adult_man_is_referred_to_a_shelter_that_takes_men_and_the_case_page_lists_it(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    shelter = make_service(name="Men's shelter Mae Sot")
    client = client_for(caseworker)
    response = _send(client, case, shelter)
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/cases/{case.case_number}/"
    referral = Referral.objects.get()
    assert referral.status == "sent" and referral.sent_by == caseworker
    assert referral.message == "Needs a bed tonight."
    event = referral.events.get()
    assert event.status == "sent" and event.by == caseworker and event.at is not None
    page = client.get(response["Location"]).content.decode()
    assert "Men&#x27;s shelter Mae Sot" in page and "Sent" in page
    assert event.at.strftime("%Y-%m-%d") in page


def test_the_send_page_lists_only_services_matching_the_filters(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    make_service(name="Men's shelter Mae Sot")
    make_service(name="Legal aid Phnom Penh", kind="legal_aid", country="KHM")
    make_service(name="Legal aid Bangkok", kind="legal_aid", org="clinic")
    client = client_for(caseworker)
    url = reverse("referrals:send", args=[case.case_number])
    default = client.get(url).content.decode()  # the case's own country by default
    assert "Legal aid Bangkok" in default and "Legal aid Phnom Penh" not in default
    legal = client.get(url, {"country": "THA", "kind": "legal_aid"}).content.decode()
    assert "Legal aid Bangkok" in legal and "Mae Sot" not in legal


def test_needs_are_recorded_and_the_needs_not_yet_referred_link_to_the_send_page(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    client = client_for(caseworker)
    response = client.post(reverse("referrals:needs", args=[case.case_number]),
                           {"needs": ["shelter", "medical", "legal_aid"],
                            "note": "Injured hand; wants to go home"})
    assert response.status_code == 302
    assessment = NeedsAssessment.objects.get(case=case)
    assert assessment.need_list == ["shelter", "medical", "legal_aid"]
    assert assessment.note == "Injured hand; wants to go home"
    _send(client, case, make_service())
    page = client.get(reverse("referrals:case", args=[case.case_number])).content.decode()
    assert "Not referred yet:" in page
    assert "?kind=medical" in page and "?kind=legal_aid" in page
    assert "?kind=shelter" not in page  # the shelter referral is out


def test_an_unknown_need_is_refused_and_nothing_is_written(
    caseworker: Any, make_case: Any, client_for: Any
) -> None:
    case = make_case()
    response = client_for(caseworker).post(
        reverse("referrals:needs", args=[case.case_number]), {"needs": ["police_statement"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NeedsAssessment.objects.exists()


def test_the_case_team_withdraws_a_referral_and_the_history_shows_who_and_when(
    caseworker: Any, consenting_case: Any, make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    client = client_for(caseworker)
    _send(client, case, make_service())
    referral = Referral.objects.get()
    client.post(reverse("referrals:withdraw", args=[referral.pk]),
                {"note": "The person changed their mind"})
    referral.refresh_from_db()
    assert referral.status == "withdrawn"
    assert [e.status for e in referral.events.all()] == ["sent", "withdrawn"]
    again = client.post(reverse("referrals:withdraw", args=[referral.pk]), follow=True)
    assert "cannot be marked" in again.content.decode()
    assert referral.events.count() == 2


def test_a_case_worker_of_another_organisation_cannot_see_or_send_referrals(
    caseworker: Any, consenting_case: Any, make_service: Any, make_user: Any, client_for: Any
) -> None:
    case = consenting_case()
    _send(client_for(caseworker), case, make_service())
    referral = Referral.objects.get()
    other = client_for(make_user(Role.CASE_WORKER, org="ngo_kh"))
    for name in ("referrals:case", "referrals:needs", "referrals:send"):
        assert other.get(reverse(name, args=[case.case_number])).status_code == 403, name
    assert _send(other, case, make_service(name="Another")).status_code == 403
    assert other.post(reverse("referrals:withdraw", args=[referral.pk])).status_code == 403
    assert Referral.objects.count() == 1 and referral.events.count() == 1


def test_a_service_provider_cannot_reach_the_case_teams_pages(
    provider_user: Any, consenting_case: Any, client_for: Any
) -> None:
    case = consenting_case()
    client = client_for(provider_user)
    for name in ("referrals:case", "referrals:needs", "referrals:send"):
        assert client.get(reverse(name, args=[case.case_number])).status_code == 403, name
