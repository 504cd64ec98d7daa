"""Romanisation into several plausible spellings: Thai, Burmese, Khmer, Lao, Chinese."""

from __future__ import annotations

import pytest

from wayhome.domain.names import (
    burmese_syllables,
    romanise_burmese,
    romanise_chinese,
    romanise_thai,
)


def test_thai_gives_rtgs_first_then_everyday_spellings() -> None:
    assert romanise_thai("สมหญิง")[0] == "somying"
    chai = romanise_thai("สมชาย")
    assert chai[0] == "somchai" and {"somjai", "somchay"} <= set(chai)
    porn = romanise_thai("พรทิพย์")
    assert porn[0] == "phonthip" and {"ponthip", "pornthip", "phontip"} <= set(porn)


@pytest.mark.parametrize(
    ("burmese", "expected"),
    [
        ("အောင်", {"aung"}),
        ("ကျော်", {"kyaw"}),
        ("မြင့်", {"myint", "myin"}),
        ("သူ", {"thu", "thuu"}),
        ("ထက်", {"htet"}),
        ("ဝင်း", {"win", "winn"}),
        ("ဇော်", {"zaw"}),
        ("လှိုင်", {"hlaing"}),
        ("ထွန်း", {"htun"}),
    ],
)
def test_burmese_syllables_have_their_usual_spellings(burmese: str, expected: set[str]) -> None:
    assert expected <= set(romanise_burmese(burmese))


def test_burmese_name_splits_into_syllables_written_as_words() -> None:
    assert burmese_syllables("အောင်ကျော်ဝင်း") == ["အောင်", "ကျော်", "ဝင်း"]
    variants = romanise_burmese("အောင်ကျော်ဝင်း")
    assert variants[:2] == ("aung kyaw win", "aungkyawwin")
    assert "aung kyaw winn" in variants


def test_chinese_gives_pinyin_jyutping_and_hong_kong_spellings_both_orders() -> None:
    v = romanise_chinese("陳大文")
    assert v[0] == "chen dawen"
    assert {"dawen chen", "can daai man", "chan tai man", "tai man chan"} <= set(v)
    assert "cheung kwok wing" in romanise_chinese("張國榮")
    assert {"wang xiao ming", "wong siu ming"} <= set(romanise_chinese("王小明"))
