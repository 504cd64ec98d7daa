"""Every flag fires on real sentences in every language, and stays quiet on near misses."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from wayhome.domain.jobads import LANGUAGES, check, load_catalogue, raised_flags

EXAMPLES: list[dict[str, Any]] = tomllib.loads(
    (Path(__file__).parent / "flag_examples.toml").read_text("utf-8")
)["example"]
ALL_IDS = {f.id for f in load_catalogue().flags} | {c.id for c in load_catalogue().combinations}
LEXICON_IDS = {f.id for f in load_catalogue().flags}


def _absent(example: dict[str, Any]) -> set[str]:
    absent = set(example.get("absent", []))
    if "*" in absent:
        return ALL_IDS - set(example["present"])
    return absent


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e['lang']}:{e['text'][:30]}")
def test_each_example_raises_exactly_the_flags_it_names(example: dict[str, Any]) -> None:
    raised = set(raised_flags(example["text"]))
    missing = set(example["present"]) - raised
    unexpected = raised & _absent(example)
    assert not missing, f"not raised: {missing}"
    assert not unexpected, f"raised but should not be: {unexpected}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_flag_has_a_positive_and_a_negative_example_in_each_language(lang: str) -> None:
    examples = [e for e in EXAMPLES if e["lang"] == lang]
    positives = set().union(*(set(e["present"]) for e in examples))
    negatives = set().union(*(_absent(e) for e in examples))
    assert LEXICON_IDS - positives == set()
    assert LEXICON_IDS - negatives == set()


def test_matched_words_are_reported_as_written_not_as_folded() -> None:
    result = check("TUYỂN GẤP nhân viên, LƯƠNG CAO, nhắn qua ＴＥＬＥＧＲＡＭ")
    matched = {f.id: f.matched for f in result.flags}
    assert matched["offer_high_pay"] == ("LƯƠNG CAO",)
    assert matched["pressure_urgent"] == ("TUYỂN GẤP",)
    assert matched["channel_chat_app"] == ("ＴＥＬＥＧＲＡＭ",)


def test_thai_words_that_fold_to_more_characters_are_reported_whole() -> None:
    # NFKC splits the Thai vowel SARA AM in two; the report must still show the original.
    found = raised_flags("บริษัททำวีซ่าให้ ออกค่าตั๋วให้")
    assert found["offer_visa_arranged"] == ("ทำวีซ่าให้",)
    assert found["offer_airfare_paid"] == ("ออกค่าตั๋ว",)


def test_vietnamese_matches_without_diacritics_and_in_decomposed_form() -> None:
    import unicodedata

    plain = raised_flags("viec nhe luong cao, bao an o")
    decomposed = raised_flags(unicodedata.normalize("NFD", "Việc nhẹ lương cao, bao ăn ở"))
    for found in (plain, decomposed):
        assert "offer_high_pay" in found and "offer_free_housing_food" in found
    assert decomposed["offer_high_pay"] == (unicodedata.normalize("NFD", "Việc nhẹ lương cao"),)


def test_latin_terms_need_word_boundaries_but_not_next_to_thai_or_chinese() -> None:
    assert "role_it" not in raised_flags("Send the itinerary and the quality report")
    assert "channel_chat_app" in raised_flags("ติดต่อทางTelegramเท่านั้น")
    assert "channel_chat_app" in raised_flags("请加telegram联系")


def test_a_place_alone_is_not_the_border_route_combination() -> None:
    assert "combo_hub_via_border" not in raised_flags("Hotel job in Bangkok, apply at the front desk")
    assert "combo_hub_via_border" in raised_flags("Job in Bangkok, then we go to Mae Sot")


def test_pay_figures_are_recognised_in_several_currencies() -> None:
    for text in ("Pay: $1,800 per month", "USD 2000/month", "เงินเดือน 45,000 บาท",
                 "lương 25 triệu", "月薪1万5"):
        assert "offer_high_pay" in raised_flags(text), text
    for text in ("Lunch costs $12", "ค่าสมัคร 500 บาท", "30 years of history"):
        assert "offer_high_pay" not in raised_flags(text), text


def test_every_flag_cites_sources_and_speaks_all_eight_languages() -> None:
    cat = load_catalogue()
    for flag in cat.flags + cat.combinations:
        assert flag.sources, flag.id
        assert set(flag.titles) == set(LANGUAGES), flag.id
        assert set(flag.reasons) == set(LANGUAGES), flag.id
    for flag in cat.flags:
        assert set(flag.terms_by_language) == set(LANGUAGES), flag.id


def test_reasons_come_in_the_asked_language_and_fall_back_to_english() -> None:
    flag = next(f for f in check("Contact on Telegram for the job").flags
                if f.id == "channel_chat_app")
    assert flag.reason("th") != flag.reason("en")
    assert "Telegram" in flag.reason("th")
    assert flag.reason("xx") == flag.reason("en")
    assert flag.title("zh") == "只通过聊天软件联系"
