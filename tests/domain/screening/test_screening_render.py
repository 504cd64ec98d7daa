"""render_text produces readable reports in every catalogue language."""

from __future__ import annotations

import pytest

from wayhome.domain.screening import assess, load_catalogue, parse_input, render_text

CASE = {
    "person": {"age": 17, "age_is_estimate": True, "may_be_child": True, "age_verified": False},
    "answers": {
        "act_recruited": "yes",
        "sc_forced_online_fraud": "yes",
        "sc_punished_quotas": "yes",
        "d5_violence": "declined",
    },
    "context": {
        "signed_contract": True,
        "documents_missing": True,
        "corroboration": {"independent_cases": 2, "indicators": ["sc_debt_ransom"]},
    },
}


@pytest.mark.parametrize("lang", ["en", "th", "vi", "my"])
def test_render_text_is_in_the_requested_language(lang: str) -> None:
    cat = load_catalogue()
    text = render_text(assess(parse_input(CASE)), lang)
    assert cat.text("grounds.reasonable_grounds", lang) in text
    assert cat.text("action.treat_as_child", lang) in text
    assert cat.text("indicator.sc_forced_online_fraud", lang) in text
    assert "{" not in text  # every template filled


def test_render_text_in_thai_vietnamese_and_burmese_differs_from_english() -> None:
    a = assess(parse_input(CASE))
    english = render_text(a)
    for lang in ("th", "vi", "my"):
        assert render_text(a, lang) != english


def test_render_text_for_an_unknown_language_falls_back_to_english() -> None:
    a = assess(parse_input(CASE))
    assert render_text(a, "xx") == render_text(a, "en")
