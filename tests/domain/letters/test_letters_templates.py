"""The letter templates are data: every language has the same keys and placeholders, is
marked for review, and a malformed file is refused with the key named."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from importlib import resources
from typing import Any

import pytest

from wayhome.domain import law
from wayhome.domain.letters import (
    MACHINE_DRAFTED,
    TEXT_PLACEHOLDERS,
    LetterDataError,
    available_languages,
    load_template,
    placeholders,
)
from wayhome.domain.letters.templates import parse_template

OTHERS = [lang for lang in available_languages() if lang != "en"]


def raw(language: str) -> dict[str, Any]:
    path = resources.files("wayhome.domain.letters").joinpath("data", f"{language}.toml")
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", OTHERS)
def test_every_language_file_has_the_same_placeholders_as_english(language: str) -> None:
    en, other = load_template("en"), load_template(language)
    assert set(other.text) == set(en.text) == set(TEXT_PLACEHOLDERS)
    for key, sentence in en.text.items():
        assert placeholders(other.text[key]) == placeholders(sentence), key
    for table in ("request", "request_title", "measure_action", "authority", "offence",
                  "standard"):
        assert set(other.tables[table]) == set(en.tables[table]), table
        assert all(not placeholders(v) for v in other.tables[table].values())


@pytest.mark.parametrize("language", OTHERS)
def test_every_translation_is_marked_machine_drafted(language: str) -> None:
    assert raw(language)["review"] == MACHINE_DRAFTED
    assert load_template(language).review == MACHINE_DRAFTED


def test_the_english_template_is_marked_for_review_too() -> None:
    assert "review" in load_template("en").review


@pytest.mark.parametrize("language", available_languages())
def test_every_international_standard_has_a_statement_in_every_language(language: str) -> None:
    ids = {s.id for s in law.load_profiles().standards}
    assert ids == set(load_template(language).tables["standard"])


@pytest.mark.parametrize("language", available_languages())
def test_provision_citations_are_for_provisions_the_law_data_knows(language: str) -> None:
    known = {p.id for c in law.load_profiles().countries.values() for p in c.provisions}
    assert set(load_template(language).tables["provision"]) <= known


def test_dates_follow_each_language() -> None:
    day = dt.date(2026, 3, 2)
    assert load_template("en").date.write(day) == "2 March 2026"
    assert load_template("th").date.write(day) == "2 มีนาคม 2569"
    assert load_template("km").date.write(day) == "ថ្ងៃទី២ ខែមីនា ឆ្នាំ២០២៦"
    assert load_template("my").date.write(day) == "၂၀၂၆ ခုနှစ်၊ မတ်လ ၂ ရက်"
    assert load_template("vi").date.write(day) == "2 tháng 3 năm 2026"
    assert load_template("ms").date.write(day) == "2 Mac 2026"
    assert load_template("id").date.write(day) == "2 Maret 2026"


def _broken(change: Any) -> str:
    data = copy.deepcopy(raw("th"))
    change(data)
    with pytest.raises(LetterDataError) as info:
        parse_template(data, "th")
    return str(info.value)


def test_a_sentence_that_drops_a_placeholder_is_refused() -> None:
    def drop(d: dict[str, Any]) -> None:
        d["text"]["reply"] = "ไม่มีหมายเลข"
    msg = _broken(drop)
    assert msg.startswith("th.toml: text.reply: expected the placeholders {case_number}")


def test_a_sentence_with_an_unknown_or_dotted_placeholder_is_refused() -> None:
    def extra(d: dict[str, Any]) -> None:
        d["text"]["closing"] = "{person_name}"
    assert "text.closing: expected the placeholders {}, found {person_name}" in _broken(extra)

    def dotted(d: dict[str, Any]) -> None:
        d["text"]["reply"] = "{case_number.__class__}"
    assert "only plain {name} placeholders" in _broken(dotted)


def test_a_missing_sentence_table_entry_or_font_is_refused() -> None:
    assert "text: missing closing" in _broken(lambda d: d["text"].pop("closing"))
    assert "request: missing charge" in _broken(lambda d: d["request"].pop("charge"))
    assert "offence: missing fraud" in _broken(lambda d: d["offence"].pop("fraud"))
    assert "font: unknown font 'comic'" in _broken(lambda d: d.update(font="comic"))
    assert "language: expected 'th'" in _broken(lambda d: d.update(language="lo"))
    assert "date.months: expected a list of 12" in _broken(
        lambda d: d["date"].update(months=["x"]))
