"""The provider's side: an inbox of the referrals addressed to its own services, with
only what the referral needs from the case; accept, decline, complete; invalid changes
refused; nothing of another organisation's referrals, ever."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.cases import services as case_services
from wayhome.apps.referrals import services
from wayhome.apps.referrals.models import Referral, ReferralStatus

PERSONAL = ["Zarni", "Htet", "+95 9 123 456", "Held at KK Park", "1999-02-03",
            "Tunmyat"]


def _referral(caseworker: Any, case: Any, service: Any, message: str = "Needs a bed") -> Any:
    return services.send_referral(caseworker, case, service, message=message)


def test_a_referral_goes_from_sent_to_accepted_to_completed_with_dated_events(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case()
    referral = _referral(caseworker, case, make_service())
    provider = client_for(provider_user)
    respond = reverse("referrals:respond", args=[referral.pk])

    accepted = provider.post(respond, {"status": "accepted", "note": "Bed 4 from tonight"})
    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    completed = provider.post(respond, {"status": "completed"}, follow=True)
    assert "Answer recorded." in completed.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED

    events = list(referral.events.all())
    assert [e.status for e in events] == ["sent", "accepted", "completed"]
    assert [e.by for e in events] == [caseworker, provider_user, provider_user]
    assert events[0].at <= events[1].at <= events[2].at
    assert referral.status_changed_at == events[2].at
    assert events[1].note == "Bed 4 from tonight"

    team_page = client_for(caseworker).get(
        reverse("referrals:case", args=[case.case_number])).content.decode()
    assert "Completed" in team_page and "Bed 4 from tonight" in team_page
    for e in events:
        assert e.at.strftime("%Y-%m-%d %H:%M") in team_page


def test_the_provider_declines_and_a_declined_referral_cannot_be_completed(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case()
    referral = _referral(caseworker, case, make_service())
    provider = client_for(provider_user)
    respond = reverse("referrals:respond", args=[referral.pk])
    provider.post(respond, {"status": "declined", "note": "Full tonight"})
    refused = provider.post(respond, {"status": "completed"}, follow=True)
    assert "cannot be marked" in refused.content.decode()
    accept_late = provider.post(respond, {"status": "accepted"}, follow=True)
    assert "cannot be marked" in accept_late.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DECLINED
    assert [e.status for e in referral.events.all()] == ["sent", "declined"]


def test_a_referral_cannot_be_completed_before_it_is_accepted(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    referral = _referral(caseworker, consenting_case(), make_service())
    client_for(provider_user).post(reverse("referrals:respond", args=[referral.pk]),
                                   {"status": "completed"})
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT and referral.events.count() == 1


def test_a_provider_cannot_withdraw_and_the_case_team_cannot_answer_for_the_provider(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    referral = _referral(caseworker, consenting_case(), make_service())
    provider = client_for(provider_user)
    assert provider.post(reverse("referrals:withdraw", args=[referral.pk])).status_code == 403
    team = client_for(caseworker)
    assert team.post(reverse("referrals:respond", args=[referral.pk]),
                     {"status": "accepted"}).status_code == 403
    assert team.get(reverse("referrals:inbox")).status_code == 403
    assert team.get(reverse("referrals:inbox_item", args=[referral.pk])).status_code == 403
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_inbox_shows_no_name_contact_or_narrative(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case(given_name="Zarni", family_name="Htet", contact="+95 9 123 456",
                           date_of_birth="1999-02-03", aliases="Tunmyat",
                           interpreter_needed=True, languages="my,shn")
    referral = _referral(caseworker, case, make_service(), message="Arrives with a hand injury")
    provider = client_for(provider_user)
    inbox = provider.get(reverse("referrals:inbox")).content.decode()
    item = provider.get(reverse("referrals:inbox_item", args=[referral.pk])).content.decode()
    assert case.case_number in inbox and case.case_number in item
    for page in (inbox, item):
        for secret in PERSONAL:
            assert secret not in page, secret
    # ...and what the provider does need is there.
    assert "Male" in item and "25–34" in item and "my, shn" in item
    assert "needs an interpreter" in item and "Arrives with a hand injury" in item


def test_the_inbox_shows_a_child_flag_and_an_age_band_not_the_age(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case(age_years=16, sex="F")
    home = make_service(name="Girls' home", accepts_adult_men=False, accepts_children=True)
    referral = _referral(caseworker, case, home)
    item = client_for(provider_user).get(
        reverse("referrals:inbox_item", args=[referral.pk])).content.decode()
    assert "Child or presumed child" in item and "under 18" in item
    assert ">16<" not in item


def test_a_provider_of_another_organisation_never_sees_the_referral(
    caseworker: Any, provider_user: Any, other_provider_user: Any, consenting_case: Any,
    make_service: Any, client_for: Any
) -> None:
    case = consenting_case()
    referral = _referral(caseworker, case, make_service())  # to the shelter, not the clinic
    other = client_for(other_provider_user)
    assert case.case_number not in other.get(reverse("referrals:inbox")).content.decode()
    assert case.case_number not in other.get(
        reverse("referrals:inbox") + "?show=all").content.decode()
    assert other.get(reverse("referrals:inbox_item", args=[referral.pk])).status_code == 403
    denied = other.post(reverse("referrals:respond", args=[referral.pk]),
                        {"status": "accepted"})
    assert denied.status_code == 403 and case.case_number not in denied.content.decode()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert AuditEvent.objects.filter(action="referral.respond", allowed=False,
                                     actor_id=other_provider_user.pk).exists()
    # The shelter's own provider sees it.
    mine = client_for(provider_user).get(reverse("referrals:inbox")).content.decode()
    assert case.case_number in mine


def test_when_consent_to_services_is_withdrawn_the_provider_loses_access(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case()
    referral = _referral(caseworker, case, make_service())
    case_services.record_consent(caseworker, case, "services", False, "my")
    provider = client_for(provider_user)
    assert case.case_number not in provider.get(reverse("referrals:inbox")).content.decode()
    assert provider.get(reverse("referrals:inbox_item", args=[referral.pk])).status_code == 403


def test_closed_referrals_leave_the_open_list_but_stay_in_all(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case()
    referral = _referral(caseworker, case, make_service())
    services.change_status(provider_user, referral, "declined", "Full")
    provider = client_for(provider_user)
    assert case.case_number not in provider.get(reverse("referrals:inbox")).content.decode()
    assert case.case_number in provider.get(
        reverse("referrals:inbox") + "?show=all").content.decode()


def test_an_answer_without_a_status_changes_nothing(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    referral = _referral(caseworker, consenting_case(), make_service())
    response = client_for(provider_user).post(
        reverse("referrals:respond", args=[referral.pk]), {"status": "withdrawn"}, follow=True)
    assert "Choose whether you accept, decline or complete" in response.content.decode()
    assert Referral.objects.get().status == ReferralStatus.SENT
