"""parse_input and load_input_file give clear errors naming the bad field."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from wayhome.domain.screening import (
    Answer,
    PersonFacts,
    ScreeningInput,
    ScreeningInputError,
    assess,
    load_input_file,
    parse_input,
)

PERSON = {"age": 24, "age_is_estimate": False, "may_be_child": False, "age_verified": True}


def error_for(data: Any) -> str:
    with pytest.raises(ScreeningInputError) as info:
        parse_input(data)
    return str(info.value)


def test_valid_input_is_parsed_into_typed_values() -> None:
    inp = parse_input(
        {
            "person": PERSON,
            "answers": {"act_recruited": "yes"},
            "context": {
                "signed_contract": True,
                "corroboration": {"independent_cases": 2, "indicators": ["d5_violence"]},
            },
        }
    )
    assert inp.person == PersonFacts(24, False, False, True)
    assert inp.answers == {"act_recruited": Answer.YES}
    assert inp.context.signed_contract is True
    assert inp.context.corroboration.indicators == ("d5_violence",)


def test_unknown_question_is_named() -> None:
    assert (
        error_for({"person": PERSON, "answers": {"d1_x": "yes"}})
        == "answers.d1_x: unknown question"
    )


def test_bad_answer_value_lists_the_allowed_values() -> None:
    msg = error_for({"person": PERSON, "answers": {"act_recruited": "maybe"}})
    assert msg.startswith("answers.act_recruited: expected one of yes, no, unknown, declined")


def test_non_string_answer_is_rejected() -> None:
    msg = error_for({"person": PERSON, "answers": {"act_recruited": True}})
    assert msg.startswith("answers.act_recruited: expected one of yes, no, unknown, declined")


def test_missing_person_is_rejected() -> None:
    assert error_for({"answers": {}}) == "person: required"


@pytest.mark.parametrize(
    ("data", "prefix"),
    [
        ([], "input: expected an object"),
        ({"person": "adult"}, "person: expected an object"),
        ({"person": {"age": "24"}}, "person.age: expected a whole number"),
        ({"person": {"age": True}}, "person.age: expected a whole number"),
        ({"person": {"age": 24.5}}, "person.age: expected a whole number"),
        ({"person": {"age": -1}}, "person.age: expected 0 to 130"),
        ({"person": {"age_verified": "yes"}}, "person.age_verified: expected true or false"),
        ({"person": {"age_verified": True}}, "person.age: required when age_verified"),
        ({"person": {"name": "x"}}, "person.name: unknown field"),
        ({"person": PERSON, "answers": ["act_recruited"]}, "answers: expected an object"),
        (
            {"person": PERSON, "context": {"was_paid": "no"}},
            "context.was_paid: expected true or false",
        ),
        ({"person": PERSON, "context": {"colour": 1}}, "context.colour: unknown field"),
        (
            {"person": PERSON, "context": {"corroboration": {"independent_cases": "3"}}},
            "context.corroboration.independent_cases: expected a whole number",
        ),
        (
            {"person": PERSON, "context": {"corroboration": {"independent_cases": -2}}},
            "context.corroboration.independent_cases: must not be negative",
        ),
        (
            {"person": PERSON, "context": {"corroboration": {"indicators": ["nope"]}}},
            "context.corroboration.indicators[0]: unknown indicator",
        ),
        ({"person": PERSON, "extra": 1}, "extra: unknown field"),
    ],
)
def test_wrong_types_and_shapes_name_the_field(data: Any, prefix: str) -> None:
    assert error_for(data).startswith(prefix)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ScreeningInputError, match="file not found"):
        load_input_file(tmp_path / "absent.json")


def test_invalid_json_reports_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"person": {"age": 24},\n  "answers": {oops}}', encoding="utf-8")
    with pytest.raises(ScreeningInputError, match=r"invalid JSON at line 2, column 15"):
        load_input_file(path)


def test_wrong_shape_in_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "shape.json"
    path.write_text('{"answers": {}}', encoding="utf-8")
    with pytest.raises(ScreeningInputError, match="person: required"):
        load_input_file(path)


def test_packaged_example_is_a_reasonable_grounds_scam_compound_case() -> None:
    example = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")
    with resources.as_file(example) as path:
        inp = load_input_file(path)
    assert assess(inp).grounds_level == "reasonable_grounds"


def test_assess_rejects_unknown_question_in_a_hand_built_input() -> None:
    inp = ScreeningInput(PersonFacts(age=30), {"nope": Answer.YES})
    with pytest.raises(ScreeningInputError, match="answers.nope: unknown question"):
        assess(inp)
