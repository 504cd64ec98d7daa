"""Grounds level, legal elements, child rules and the never-do rules (screening.md 1, 7)."""

from __future__ import annotations

from typing import Any

import pytest

from wayhome.domain.screening import (
    GROUNDS_LEVELS,
    Assessment,
    assess,
    load_catalogue,
    parse_input,
)

ADULT = {"age": 24, "age_is_estimate": False, "may_be_child": False, "age_verified": True}

# A man answers a Facebook ad for a customer-service job in Bangkok, is driven
# across the Moei river into Myanmar, and made to run crypto scams behind guards.
FULL_CASE = {
    "act_recruited": "yes",
    "sc_job_ad_social_media": "yes",
    "sc_border_crossed_unknowingly": "yes",
    "act_received_harboured": "yes",
    "sc_passport_phone_taken": "yes",
    "sc_no_family_contact": "yes",
    "sc_forced_online_fraud": "yes",
    "sc_punished_quotas": "yes",
    "sc_long_night_shifts": "yes",
    "sc_little_food_no_medical": "yes",
    "sc_debt_ransom": "yes",
}


def run(
    answers: dict[str, str], person: dict[str, Any] | None = None, **context: Any
) -> Assessment:
    data: dict[str, Any] = {"person": person or ADULT, "answers": answers}
    if context:
        data["context"] = context
    return assess(parse_input(data))


def test_adult_full_scam_compound_case_is_reasonable_grounds() -> None:
    a = run(FULL_CASE)
    assert a.grounds_level == "reasonable_grounds"
    assert all(e.supported for e in a.elements)
    assert a.combination.positive
    assert "non_punishment" in a.protective_actions
    assert "release_from_immigration_detention" in a.protective_actions
    assert "unconditional_assistance" in a.protective_actions
    assert "treat_as_child" not in a.protective_actions


def test_one_indicator_per_element_is_enough_for_an_adult() -> None:
    a = run(
        {"act_recruited": "yes", "sc_passport_phone_taken": "yes", "sc_forced_online_fraud": "yes"}
    )
    assert a.grounds_level == "reasonable_grounds"
    assert "grounds_elements_adult" in a.reason_codes
    assert not a.combination.positive


def test_child_is_reasonable_grounds_without_any_means() -> None:
    child = {"age": 16, "age_is_estimate": False, "may_be_child": True, "age_verified": True}
    a = run({"act_recruited": "yes", "sc_long_night_shifts": "yes"}, child)
    assert a.child.is_child
    assert not a.element("means").supported
    assert not a.element("means").required
    assert a.grounds_level == "reasonable_grounds"
    assert "means_not_required_child" in a.reason_codes
    for action in (
        "treat_as_child",
        "appoint_guardian",
        "best_interests_determination",
        "never_detain_child",
        "family_tracing_before_return",
    ):
        assert action in a.protective_actions


def test_presumed_child_with_estimated_age_17_gets_child_rules() -> None:
    person = {"age": 17, "age_is_estimate": True, "may_be_child": True, "age_verified": False}
    a = run(
        {"act_recruited": "yes", "sc_forced_online_fraud": "no", "d4_excessive_hours": "yes"},
        person,
    )
    assert a.child.presumed_child and not a.child.is_child
    assert a.child.basis == "presumed_age_uncertain"
    assert a.grounds_level == "reasonable_grounds"
    assert "treat_as_child" in a.protective_actions
    assert a.combination.rule == "child"


def test_unknown_age_with_reasons_to_believe_child_is_presumed_child() -> None:
    person = {"age": None, "may_be_child": True}
    a = run({}, person)
    assert a.child.presumed_child
    assert "never_detain_child" in a.protective_actions


def test_stated_adult_age_with_reasons_to_doubt_it_is_presumed_child() -> None:
    a = run({}, {"age": 19, "may_be_child": True, "age_verified": False})
    assert a.child.presumed_child


def test_verified_adult_age_19_without_means_is_not_reasonable_grounds_via_elements() -> None:
    person = {"age": 19, "age_is_estimate": False, "may_be_child": True, "age_verified": True}
    a = run({"act_recruited": "yes", "d4_excessive_hours": "yes"}, person)
    assert not a.child.child_rules
    assert not a.element("means").supported
    assert a.element("means").required
    assert a.grounds_level != "reasonable_grounds"
    assert a.grounds_level == "vulnerable_migrant"
    assert "element_not_supported" in a.reason_codes


@pytest.mark.parametrize(
    "context",
    [
        {"signed_contract": True},
        {"was_paid": True},
        {"knew_work_was_fraud": True},
        {"signed_contract": True, "was_paid": True, "knew_work_was_fraud": True},
    ],
)
@pytest.mark.parametrize(
    "answers",
    [
        FULL_CASE,
        {"act_recruited": "yes", "sc_long_night_shifts": "yes"},
        {"d3_economic_reasons": "yes"},
        {},
    ],
)
def test_contract_pay_or_knowing_it_was_fraud_never_changes_the_grounds_level(
    context: dict[str, Any], answers: dict[str, str]
) -> None:
    without = run(answers)
    with_context = run(answers, **context)
    assert with_context.grounds_level == without.grounds_level
    assert with_context.elements == without.elements
    assert with_context.protective_actions == without.protective_actions


def test_considered_irrelevant_facts_are_recorded_as_notes() -> None:
    a = run(FULL_CASE, signed_contract=True, was_paid=True, knew_work_was_fraud=True)
    assert {
        "note_contract_irrelevant",
        "note_payment_irrelevant",
        "note_knew_fraud_irrelevant",
    } <= set(a.note_codes)


@pytest.mark.parametrize("answers", [FULL_CASE, {"act_recruited": "yes"}, {}])
def test_missing_documents_never_lower_the_assessment(answers: dict[str, str]) -> None:
    order = {"not_indicated": 0, "vulnerable_migrant": 1, "reasonable_grounds": 2}
    without = run(answers)
    missing = run(answers, documents_missing=True)
    assert order[missing.grounds_level] >= order[without.grounds_level]
    assert "note_documents_missing" in missing.note_codes


def test_forced_criminality_alone_supports_purpose() -> None:
    a = run({"sc_forced_online_fraud": "yes"})
    purpose = a.element("purpose")
    assert purpose.supported
    assert [e.form for e in purpose.evidence] == ["forced_criminality"]
    assert "note_forced_criminality_purpose" in a.note_codes


def test_generic_forced_criminal_activities_indicator_supports_purpose() -> None:
    a = run({"d5_forced_criminal_activities": "yes"})
    assert a.element("purpose").supported


def test_corroboration_lifts_purpose_and_means_to_reasonable_grounds() -> None:
    answers = {"act_recruited": "yes", "sc_border_crossed_unknowingly": "no"}
    before = run(answers)
    assert not before.element("purpose").supported
    assert before.grounds_level == "not_indicated"
    after = run(
        answers,
        corroboration={
            "independent_cases": 3,
            "indicators": ["sc_forced_online_fraud", "d5_violence"],
        },
    )
    assert after.element("purpose").supported and after.element("means").supported
    assert after.grounds_level == "reasonable_grounds"
    evidence = after.element("purpose").evidence
    assert evidence[0].corroboration and evidence[0].sources == ("corroboration",)
    assert "corroboration_counted" in after.reason_codes


def test_corroboration_without_independent_cases_is_not_counted() -> None:
    a = run(
        {"act_recruited": "yes"},
        corroboration={"independent_cases": 0, "indicators": ["sc_forced_online_fraud"]},
    )
    assert not a.element("purpose").supported
    assert "corroboration_no_cases" in a.reason_codes


def test_corroboration_of_an_answered_indicator_marks_both_sources() -> None:
    a = run(
        {"sc_forced_online_fraud": "yes"},
        corroboration={"independent_cases": 1, "indicators": ["sc_forced_online_fraud"]},
    )
    assert a.element("purpose").evidence[0].sources == ("interview", "corroboration")


def test_vulnerability_without_the_elements_is_vulnerable_migrant() -> None:
    a = run({"d3_economic_reasons": "yes", "d6_unknown_area": "yes"})
    assert a.grounds_level == "vulnerable_migrant"
    assert a.protective_actions == (
        "refer_to_assistance",
        "screen_again_later",
        "legal_advice",
        "named_person_decides",
    )


def test_nothing_recorded_is_not_indicated() -> None:
    a = run({"act_recruited": "yes", "sc_passport_phone_taken": "no", "d5_violence": "no"})
    assert a.grounds_level == "not_indicated"
    assert "named_person_decides" in a.protective_actions


def test_unknown_and_declined_never_count_against_the_person() -> None:
    base = {"act_recruited": "yes", "sc_forced_online_fraud": "yes", "sc_no_family_contact": "yes"}
    silent = dict(base, d5_violence="declined", sc_debt_ransom="unknown")
    assert run(silent).grounds_level == run(base).grounds_level == "reasonable_grounds"
    assert "note_declined_unknown" in run(silent).note_codes


@pytest.mark.parametrize("answer", ["yes", "no", "unknown", "declined"])
@pytest.mark.parametrize("child", [True, False])
def test_conclusive_is_never_returned(answer: str, child: bool) -> None:
    person = {"age": 15 if child else 30, "age_verified": True}
    answers = {q: answer for q in load_catalogue().question_keys}
    a = run(
        answers,
        person,
        corroboration={"independent_cases": 9, "indicators": list(load_catalogue().indicators)},
    )
    assert a.grounds_level in GROUNDS_LEVELS
    assert a.grounds_level != "conclusive"
    assert "conclusive" not in str(a.to_dict()).replace("'Conclusive'", "")
    assert a.recommendation_only
    assert a.protective_actions[-1] == "named_person_decides"
    assert "note_engine_recommends" in a.note_codes


def test_to_dict_is_json_serialisable_and_carries_the_catalogue_version() -> None:
    import json

    a = run(
        FULL_CASE,
        signed_contract=True,
        corroboration={"independent_cases": 2, "indicators": ["d5_violence"]},
    )
    data = json.loads(json.dumps(a.to_dict()))
    assert data["catalogue_version"] == load_catalogue().version
    assert data["grounds_level"] == "reasonable_grounds"
    assert set(data["elements"]) == {"act", "means", "purpose"}
    assert set(data["dimensions"]) == {"D1", "D2", "D3", "D4", "D5", "D6"}
    assert data["child"]["is_child"] is False
    assert "retention_of_documents" in data["ilo11"]


def test_answer_order_does_not_change_the_assessment() -> None:
    forward = run(FULL_CASE)
    backward = run(dict(reversed(list(FULL_CASE.items()))))
    assert forward.to_dict() == backward.to_dict()
