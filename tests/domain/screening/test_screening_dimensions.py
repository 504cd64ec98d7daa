"""ILO/EC dimension rule and combination rule (screening.md section 2)."""

from __future__ import annotations

import pytest
from typing import Any

from wayhome.domain.screening import Assessment, assess, dimension_positive, parse_input

ADULT = {"age": 30, "age_verified": True}


def run(answers: dict[str, str], person: dict[str, Any] | None = None) -> Assessment:
    return assess(parse_input({"person": person or ADULT, "answers": answers}))


@pytest.mark.parametrize(
    ("strong", "medium", "weak", "positive"),
    [
        (2, 0, 0, True),  # two strong
        (1, 1, 0, True),  # one strong + one medium
        (1, 0, 1, True),  # one strong + one weak
        (0, 3, 0, True),  # three medium
        (0, 2, 1, True),  # two medium + one weak
        (1, 0, 0, False),
        (0, 2, 0, False),
        (0, 1, 3, False),
        (0, 0, 5, False),
    ],
)
def test_dimension_rule_branches(strong: int, medium: int, weak: int, positive: bool) -> None:
    assert dimension_positive(strong, medium, weak) is positive


def test_two_strong_indicators_make_d5_positive() -> None:
    d5 = run({"d5_violence": "yes", "d5_debt_bondage": "yes"}).dimension("D5")
    assert d5.positive and len(d5.strong) == 2


def test_one_strong_and_one_weak_make_d5_positive() -> None:
    d5 = run({"d5_violence": "yes", "d5_threat_inform_family": "yes"}).dimension("D5")
    assert d5.positive and d5.weak == ("d5_threat_inform_family",)


def test_three_medium_make_d4_positive() -> None:
    d4 = run(
        {"d4_low_no_salary": "yes", "d4_wage_manipulation": "yes", "d4_hazardous_work": "yes"}
    ).dimension("D4")
    assert d4.positive and len(d4.medium) == 3


def test_two_medium_and_one_weak_make_d6_positive() -> None:
    d6 = run(
        {"d6_unknown_area": "yes", "d6_economic_reasons": "yes", "d6_past_difficulties": "yes"}
    ).dimension("D6")
    assert d6.positive


def test_two_medium_alone_are_not_positive() -> None:
    d6 = run({"d6_unknown_area": "yes", "d6_economic_reasons": "yes"}).dimension("D6")
    assert not d6.positive


def test_a_scam_indicator_and_its_ilo_ec_indicator_count_once() -> None:
    d5 = run({"sc_passport_phone_taken": "yes", "d5_confiscated_documents": "yes"}).dimension("D5")
    assert len(d5.strong) == 1 and not d5.positive


def test_child_strengths_are_used_for_a_child() -> None:
    answers = {"d5_threats": "yes", "d5_forced_criminal_activities": "yes"}  # M/S and M/S
    assert not run(answers).dimension("D5").positive
    child = run(answers, {"age": 15, "age_verified": True}).dimension("D5")
    assert child.positive and len(child.strong) == 2


def test_adult_only_indicator_does_not_count_for_a_child() -> None:
    child = run({"d4_no_social_protection": "yes"}, {"age": 15, "age_verified": True})
    assert child.dimension("D4").medium == ()


def test_adult_combination_rule_positive() -> None:
    a = run(
        {
            "d1_deceived_job_nature": "yes",
            "d1_deceived_wages": "yes",  # D1: S + M
            "d4_excessive_hours": "yes",
            "d4_low_no_salary": "yes",  # D4: S + M
            "d6_unknown_area": "yes",
            "d6_economic_reasons": "yes",
            "d6_authorities_legal_status": "yes",  # D6: 3 M
        }
    )
    assert a.combination.rule == "adult" and a.combination.positive
    assert a.combination.firmness == "to verify"
    assert a.grounds_level == "reasonable_grounds"


def test_adult_combination_rule_negative_without_coercion_or_vulnerability_at_destination() -> None:
    a = run(
        {
            "d1_deceived_job_nature": "yes",
            "d1_deceived_wages": "yes",
            "d4_excessive_hours": "yes",
            "d4_low_no_salary": "yes",
            "d6_unknown_area": "yes",
        }
    )
    assert not a.combination.positive
    assert "combination_negative" in a.reason_codes


def test_combination_rule_alone_gives_reasonable_grounds_when_act_is_missing() -> None:
    a = run(
        {
            "d3_economic_reasons": "yes",
            "d3_lack_information": "yes",
            "d3_past_difficulties": "yes",
            "d4_excessive_hours": "yes",
            "d4_hazardous_work": "yes",
            "d6_unknown_area": "yes",
            "d6_economic_reasons": "yes",
            "d6_family_situation": "yes",
        }
    )
    assert not a.element("act").supported
    assert a.combination.positive
    assert a.grounds_level == "reasonable_grounds"
    assert "grounds_combination" in a.reason_codes


def test_child_combination_rule_needs_a_recruitment_act_and_d4() -> None:
    child = {"age": 14, "age_verified": True}
    positive = run(
        {"act_recruited": "yes", "d4_excessive_hours": "yes", "d4_low_no_salary": "yes"}, child
    )
    assert positive.combination.rule == "child" and positive.combination.positive
    negative = run({"d4_excessive_hours": "yes", "d4_low_no_salary": "yes"}, child)
    assert not negative.combination.positive
