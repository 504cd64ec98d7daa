"""The policy's record-level rules for referrals, asked directly."""

from __future__ import annotations

from typing import Any

from wayhome.apps.accounts.models import Role
from wayhome.apps.referrals import services
from wayhome.security.policy import Action, decide, visible_referrals


def test_a_provider_may_answer_only_referrals_to_its_own_organisations_services(
    caseworker: Any, provider_user: Any, other_provider_user: Any, consenting_case: Any,
    make_service: Any
) -> None:
    case = consenting_case()
    referral = services.send_referral(caseworker, case, make_service())
    assert decide(provider_user, Action.REFERRAL_RESPOND, referral)
    assert decide(provider_user, Action.REFERRAL_INBOX, referral)
    assert not decide(other_provider_user, Action.REFERRAL_RESPOND, referral)
    assert not decide(other_provider_user, Action.REFERRAL_INBOX, referral)
    assert list(visible_referrals(provider_user)) == [referral]
    assert not visible_referrals(other_provider_user).exists()


def test_a_provider_gets_nothing_from_a_case_itself(
    provider_user: Any, consenting_case: Any
) -> None:
    case = consenting_case()
    for action in Action:
        assert not decide(provider_user, action, case), action
    # Not even by passing the case where a referral is expected.
    assert not decide(provider_user, Action.REFERRAL_INBOX, case)


def test_team_actions_follow_the_case_rule_and_no_other_role_has_them(
    users: dict[str, Any], make_user: Any, consenting_case: Any
) -> None:
    case = consenting_case()
    other_ngo = make_user(Role.CASE_WORKER, org="ngo_kh")
    for action in (Action.REFERRAL_VIEW, Action.REFERRAL_SEND, Action.NEEDS_ASSESS):
        assert decide(users[Role.CASE_WORKER], action, case)
        assert decide(users[Role.SCREENING_OFFICER], action, case)
        assert not decide(other_ngo, action, case)
        for role in (Role.ENFORCEMENT_LIAISON, Role.CONSULAR_OFFICER, Role.TRACER,
                     Role.SERVICE_PROVIDER, Role.ANALYST, Role.ADMINISTRATOR):
            assert not decide(users[role], action, case), (role, action)


def test_the_enforcement_liaison_sees_nothing_of_services_or_referrals(
    users: dict[str, Any]
) -> None:
    liaison = users[Role.ENFORCEMENT_LIAISON]
    for action in (Action.SERVICE_DIRECTORY, Action.SERVICE_ADD, Action.REFERRAL_INBOX):
        assert not decide(liaison, action)
    assert not visible_referrals(liaison).exists()
