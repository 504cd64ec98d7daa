"""Return or stay: the risk assessment blocks a plan on a high factor until a different
reviewer clears it; consent must be free and informed and can be withdrawn; consular
contact needs consent; a child needs a best-interests determination first. Bad input
gets a clear message and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from wayhome.apps.accounts.models import Role
from wayhome.apps.cases import services as case_services
from wayhome.apps.returns import labels
from wayhome.apps.returns.models import (
    BestInterestsDetermination,
    OptionChoice,
    PlanStatus,
    ReturnConsent,
    ReturnPlan,
    RiskAssessment,
    RiskRating,
)
from wayhome.domain.law import load_profiles, return_risk_factors

from .conftest import CONSENT, assessment, plan_data, prepare_return, url


def test_the_page_lists_every_risk_factor_of_the_law_engine(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    page = worker_client.get(url("case", case)).content.decode()
    for factor in return_risk_factors(child=False):
        assert f'name="rating_{factor.id}"' in page
    assert 'name="rating_child_best_interests"' not in page  # an adult
    assert "Aung Ko" not in page  # the page works on the case number, not the name


def test_every_factor_of_the_law_data_has_a_translated_label() -> None:
    assert {f.id for f in load_profiles().return_risk_factors} <= set(labels.FACTOR_LABELS)


def test_a_high_factor_blocks_the_plan_with_a_message_naming_the_factor(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case, persecution="high")
    page = worker_client.get(url("case", case)).content.decode()
    assert "Blocks return until reviewed." in page
    response = worker_client.post(url("plan_new", case), plan_data())
    body = response.content.decode()
    assert response.status_code == 200
    assert "Return blocked" in body and "“Persecution on refugee grounds” is rated high" in body
    assert not ReturnPlan.objects.exists()


def test_a_high_rating_needs_a_note_and_a_missing_rating_writes_nothing(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    data = assessment(case, reprisals="high")
    data["note_reprisals"] = ""
    del data["rating_stigma"]
    body = worker_client.post(url("assess", case), data).content.decode()
    assert "Explain the high rating of “Reprisals against the person or family”" in body
    assert "Rate “Stigma”" in body
    assert not RiskAssessment.objects.exists() and not RiskRating.objects.exists()


def test_the_assessor_cannot_clear_their_own_high_rating(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case, persecution="high")
    rating = RiskRating.objects.get(rating="high")
    body = worker_client.post(url("clear", case), {
        "rating": rating.pk, "reason": "I think it is fine."}).content.decode()
    assert "another member of the case team must review and clear it" in body
    rating.refresh_from_db()
    assert not rating.is_cleared and rating.cleared_by is None


def test_a_different_reviewer_clears_it_with_a_reason_and_then_the_plan_can_be_created(
    make_case: Any, worker_client: Any, users: dict[str, Any], client_for: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case, persecution="high")
    rating = RiskRating.objects.get(rating="high")
    reviewer = client_for(users[Role.SCREENING_OFFICER])
    no_reason = reviewer.post(url("clear", case), {"rating": rating.pk, "reason": " "})
    assert no_reason.status_code == 200
    rating.refresh_from_db()
    assert not rating.is_cleared
    cleared = reviewer.post(url("clear", case), {
        "rating": rating.pk,
        "reason": "Exempt from conscription: documented medical exemption, checked."})
    assert cleared.status_code == 302
    rating.refresh_from_db()
    assert rating.cleared_by == users[Role.SCREENING_OFFICER] and rating.cleared_at
    assert rating.clearance_reason.startswith("Exempt from conscription")
    page = worker_client.get(url("case", case)).content.decode()
    assert "Cleared by" in page and "Exempt from conscription" in page
    created = worker_client.post(url("plan_new", case), plan_data())
    assert created.status_code == 302, created.content.decode()[:3000]
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.PLANNED


def test_a_new_assessment_with_a_high_factor_blocks_an_existing_plan_from_advancing(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case)
    worker_client.post(url("plan_new", case), plan_data())
    worker_client.post(url("assess", case), assessment(case, torture_or_threat_to_life="high"))
    body = worker_client.post(url("plan_advance", case), {"to": "ready"}).content.decode()
    assert "“Torture or threat to life” is rated high" in body
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.PLANNED


def test_consent_must_have_both_checkboxes_true(make_case: Any, worker_client: Any) -> None:
    case = make_case()
    for missing in ("alternatives_explained", "not_condition_of_release"):
        data = {k: v for k, v in CONSENT.items() if k != missing}
        response = worker_client.post(url("consent", case), data)
        assert response.status_code == 200
    body = worker_client.post(url("consent", case), {"language": "my"}).content.decode()
    assert "consent without them is not informed" in body
    assert "release does not depend on agreeing to return" in body
    assert not ReturnConsent.objects.exists()
    assert worker_client.post(url("consent", case), CONSENT).status_code == 302
    consent = ReturnConsent.objects.get(case=case)
    assert consent.alternatives_explained and consent.not_condition_of_release
    assert consent.language == "my" and consent.recorded_by.role == Role.CASE_WORKER


def test_a_plan_needs_consent_and_voluntary_return_as_the_option(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    worker_client.post(url("option", case), {"option": "asylum",
                                             "decided_on": timezone.localdate().isoformat()})
    worker_client.post(url("assess", case), assessment(case))
    body = worker_client.post(url("plan_new", case), plan_data()).content.decode()
    assert "only for a voluntary return" in body and "No consent to return is recorded" in body
    assert not ReturnPlan.objects.exists()
    assert OptionChoice.objects.get(case=case).option == "asylum"


def test_withdrawing_consent_stops_the_plan(make_case: Any, worker_client: Any) -> None:
    case = make_case()
    prepare_return(worker_client, case)
    assert worker_client.post(url("plan_new", case), plan_data()).status_code == 302
    assert worker_client.post(url("withdraw_consent", case),
                              {"note": "Wants to apply for asylum."}).status_code == 302
    consent = ReturnConsent.objects.get(case=case)
    assert consent.is_withdrawn and consent.withdrawal_note == "Wants to apply for asylum."
    page = worker_client.get(url("case", case)).content.decode()
    assert 'id="plan-consent-withdrawn"' in page and "Consent withdrawn" in page
    body = worker_client.post(url("plan_advance", case), {"to": "ready"}).content.decode()
    assert "Consent withdrawn: the person withdrew consent to return" in body
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.PLANNED
    again = worker_client.post(url("withdraw_consent", case), {}).content.decode()
    assert "no consent to return to withdraw" in again


def test_consular_contact_is_refused_without_consent_to_share_with_the_consulate(
    make_case: Any, worker_client: Any, caseworker: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case)
    body = worker_client.post(url("plan_new", case), plan_data(
        consular_contact="Called the labour attaché, Embassy of Myanmar")).content.decode()
    assert "Consular contact refused" in body
    assert not ReturnPlan.objects.exists()
    case_services.record_consent(caseworker, case, "consulate", True, "my")
    ok = worker_client.post(url("plan_new", case), plan_data(
        consular_contact="Called the labour attaché, Embassy of Myanmar"))
    assert ok.status_code == 302
    assert ReturnPlan.objects.get(case=case).consular_contact.startswith("Called the labour")


def test_a_childs_plan_is_refused_before_a_best_interests_determination(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case(age_years=16)
    page = worker_client.get(url("case", case)).content.decode()
    assert "A child is never detained" in page
    assert "no return plan can be made until a determination recommends return" in page
    assert 'name="rating_child_best_interests"' in page
    prepare_return(worker_client, case)
    body = worker_client.post(url("plan_new", case), plan_data()).content.decode()
    assert "This is a child: a best-interests determination recommending return" in body
    assert not ReturnPlan.objects.exists()

    bid = {"determined_on": timezone.localdate().isoformat(), "outcome": "return",
           "family_tracing": "in_progress", "guardian_name": "Daw Khin Aye", "note": ""}
    early = worker_client.post(url("best_interests", case), bid).content.decode()
    assert "Family tracing must be completed" in early
    assert not BestInterestsDetermination.objects.exists()
    done = worker_client.post(url("best_interests", case), {**bid, "family_tracing": "family_found"})
    assert done.status_code == 302
    assert BestInterestsDetermination.objects.get(case=case).guardian_name == "Daw Khin Aye"
    assert worker_client.post(url("plan_new", case), plan_data()).status_code == 302


def test_a_best_interests_determination_is_refused_for_an_adult(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    body = worker_client.post(url("best_interests", case), {
        "determined_on": timezone.localdate().isoformat(), "outcome": "return",
        "family_tracing": "family_found", "guardian_name": "X"}).content.decode()
    assert "recorded as an adult" in body
    assert not BestInterestsDetermination.objects.exists()


def test_a_plan_is_ready_only_with_documents_date_and_reception_then_travels(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    prepare_return(worker_client, case)
    worker_client.post(url("plan_new", case), plan_data(travel_documents="requested",
                                                        reception="", travel_date=""))
    body = worker_client.post(url("plan_advance", case), {"to": "ready"}).content.decode()
    assert "travel documents are not ready" in body and "Set the travel date" in body
    assert "Record the reception arrangement" in body
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.PLANNED
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    refused = worker_client.post(url("plan_update", case), plan_data(travel_date=past))
    assert "cannot be in the past" in refused.content.decode()
    assert worker_client.post(url("plan_update", case), plan_data()).status_code == 302
    assert worker_client.post(url("plan_advance", case), {"to": "ready"}).status_code == 302
    no_date = worker_client.post(url("plan_advance", case), {"to": "travelled"})
    assert "Give the date the person travelled" in no_date.content.decode()
    travelled = worker_client.post(url("plan_advance", case), {
        "to": "travelled", "travelled_on": timezone.localdate().isoformat()})
    assert travelled.status_code == 302
    plan = ReturnPlan.objects.get(case=case)
    assert plan.status == PlanStatus.TRAVELLED and plan.follow_ups.count() == 4


def test_cancelling_needs_a_reason(make_case: Any, worker_client: Any) -> None:
    case = make_case()
    prepare_return(worker_client, case)
    worker_client.post(url("plan_new", case), plan_data())
    assert worker_client.post(url("plan_cancel", case), {"reason": ""}).status_code == 200
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.PLANNED
    assert worker_client.post(url("plan_cancel", case),
                              {"reason": "Chose to stay."}).status_code == 302
    assert ReturnPlan.objects.get(case=case).status == PlanStatus.CANCELLED
