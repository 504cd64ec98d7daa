"""The catalogue covers the ILO/EC list, has sources and wording in every language."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from wayhome.domain.screening.inputs import CONTEXT_FLAGS

from wayhome.domain.screening import load_catalogue

CAT = load_catalogue()
ILO_EC = [i for i in CAT.indicators.values() if i.id[:2] in {"d1", "d2", "d3", "d4", "d5", "d6"}]


def test_catalogue_has_a_version_and_the_four_languages() -> None:
    assert CAT.version
    assert CAT.languages == ("en", "th", "vi", "my")


def test_every_ilo_ec_indicator_of_section_2_is_present_per_dimension() -> None:
    counts = Counter(i.dimension for i in ILO_EC)
    assert counts == {"D1": 10, "D2": 10, "D3": 16, "D4": 9, "D5": 15, "D6": 7}


@pytest.mark.parametrize(
    ("ind", "adult", "child"),
    [
        ("d1_deceived_job_nature", "S", "S"),
        ("d1_deceived_education", "W", "S"),
        ("d2_violence", "S", "S"),
        ("d2_threats", "M", "S"),
        ("d3_false_info_law_authorities", "M", None),
        ("d3_general_context", "W", "M"),
        ("d4_excessive_hours", "S", "S"),
        ("d4_no_social_protection", "M", None),
        ("d4_no_education", "W", "M"),
        ("d5_forced_criminal_activities", "M", "S"),
        ("d5_threat_inform_family", "W", "M"),
        ("d6_personal_characteristics", "W", "M"),
    ],
)
def test_strengths_are_as_in_the_ilo_ec_list(ind: str, adult: str, child: str | None) -> None:
    assert (CAT.indicators[ind].adult, CAT.indicators[ind].child) == (adult, child)


def test_d3_has_no_strong_indicator_for_adults() -> None:
    assert all(i.adult != "S" for i in ILO_EC if i.dimension == "D3")


def test_scam_compound_indicators_map_to_an_ilo_ec_indicator_and_cite_the_seeds() -> None:
    scam = [i for i in CAT.indicators.values() if i.id.startswith("sc_")]
    assert len(scam) >= 11
    for ind in scam:
        assert ind.ilo_ec in CAT.indicators
        refs = {s.ref: s.firmness for s in ind.sources}
        assert "ohchr_2023" in refs
        assert refs.get("wayhome_mapping") == "to verify"


def test_act_indicators_support_the_act_element() -> None:
    acts = [i for i in CAT.indicators.values() if i.id.startswith("act_")]
    assert {i.elements["act"] for i in acts} == {
        "recruitment",
        "transportation",
        "transfer",
        "receipt_harbouring",
    }


def test_every_indicator_has_a_source_with_a_firmness_mark() -> None:
    for ind in CAT.indicators.values():
        assert ind.sources, ind.id
        for source in ind.sources:
            assert source.firmness in {"checked", "secondary", "to verify"}
            assert source.title


def test_every_indicator_supports_a_legal_element_and_cross_walks_validly() -> None:
    for ind in CAT.indicators.values():
        assert ind.elements, ind.id
        assert set(ind.ilo11) <= set(CAT.ilo11_titles)
    assert len(CAT.ilo11_titles) == 11


def test_sections_are_in_interview_order_and_cover_every_question_once() -> None:
    assert [s.key for s in CAT.sections] == [
        "recruitment",
        "travel",
        "arrival",
        "work",
        "control",
        "leaving",
    ]
    keys = CAT.question_keys
    assert len(keys) == len(set(keys))
    assert set(keys) == {i.question for i in CAT.indicators.values()}


@pytest.mark.parametrize("lang", ["en", "th", "vi", "my"])
def test_every_key_has_wording_in_every_language(lang: str) -> None:
    keys = [f"indicator.{i}" for i in CAT.indicators]
    keys += [f"question.{q}" for q in CAT.question_keys]
    keys += [f"section.{s.key}" for s in CAT.sections] + ["section.context"]
    keys += [f"context.{flag}" for flag in CONTEXT_FLAGS]
    keys += [f"answer.{a}" for a in ("yes", "no", "unknown", "declined")]
    keys += [f"action.{a}" for acts in CAT.actions.values() for a in acts]
    keys += [
        k for k in CAT.texts["en"] if k.startswith(("reason.", "report.", "form.", "grounds."))
    ]
    missing = [k for k in keys if not CAT.has_text(k, lang)]
    assert missing == []


@pytest.mark.parametrize(("lang", "script"), [("th", "[\u0e00-\u0e7f]"), ("my", "[\u1000-\u109f]")])
def test_translations_are_in_the_right_script(lang: str, script: str) -> None:
    for q in CAT.question_keys:
        assert re.search(script, CAT.text(q, lang)), q


def test_burmese_is_unicode_not_zawgyi() -> None:
    # Zawgyi puts these vowel signs before the consonant and uses code points
    # that Unicode reserves for other uses; a visual-order "ေ" at word start is
    # the surest tell.
    for q in CAT.question_keys:
        text = CAT.text(q, "my")
        assert not re.search(r"(^|\s)\u1031", text), q


def test_reason_templates_use_the_same_parameters_in_every_language() -> None:
    field = re.compile(r"\{(\w+)\}")
    for key, english in CAT.texts["en"].items():
        if key.startswith("reason."):
            for lang in ("th", "vi", "my"):
                assert set(field.findall(CAT.text(key, lang))) == set(field.findall(english)), (
                    lang,
                    key,
                )


def test_text_falls_back_to_english_then_to_the_key() -> None:
    assert CAT.text("answer.yes", "km") == "Yes"
    assert CAT.text("no.such.key", "th") == "no.such.key"
    assert CAT.text("act_recruited", "th") == CAT.text("question.act_recruited", "th")
