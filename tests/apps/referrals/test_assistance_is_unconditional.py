"""Assistance never depends on cooperating with the police or a prosecution (law.md
section 3): the data model has no place to record it, and a referral goes through
without it."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.referrals.models import (
    NeedsAssessment,
    Referral,
    ReferralEvent,
    ReferralStatus,
    Service,
)
from wayhome.apps.referrals.forms import NeedsForm, RespondForm, SendForm, ServiceForm

FORBIDDEN = ("cooperat", "co-operat", "police", "complain")


def test_no_field_of_the_referral_models_is_about_cooperating_with_the_police() -> None:
    for model in (Service, NeedsAssessment, Referral, ReferralEvent):
        for field in model._meta.get_fields():
            name = field.name.lower()
            assert not any(word in name for word in FORBIDDEN), (model.__name__, field.name)
            label = str(getattr(field, "verbose_name", "")).lower()
            assert not any(word in label for word in FORBIDDEN), (model.__name__, label)


def test_no_form_of_the_referral_pages_asks_about_it() -> None:
    for form in (ServiceForm, NeedsForm, SendForm, RespondForm):
        for name in form.base_fields:
            assert not any(word in name.lower() for word in FORBIDDEN), (form.__name__, name)


def test_a_referral_is_sent_and_accepted_with_no_information_about_cooperation(
    caseworker: Any, provider_user: Any, consenting_case: Any, make_service: Any,
    client_for: Any
) -> None:
    case = consenting_case()  # no screening, no statement, no complaint: nothing is needed
    service = make_service()
    team = client_for(caseworker)
    sent = team.post(reverse("referrals:send", args=[case.case_number]),
                     {"service": service.pk})
    assert sent.status_code == 302
    referral = Referral.objects.get(case=case)
    accepted = client_for(provider_user).post(
        reverse("referrals:respond", args=[referral.pk]), {"status": "accepted"})
    assert accepted.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
