"""The advice and hotline data the checker shows: every step in the eight languages, every
country with a licensing body and at least one number, every number either read in a cited
source or marked to verify; malformed data is refused, not shown."""

from __future__ import annotations

from typing import Any

import pytest

from wayhome.domain.jobads import advice

COUNTRIES_PEOPLE_ARE_RECRUITED_FROM = {"PHL", "VNM", "IDN", "THA", "KHM", "MMR", "KEN", "IND",
                                       "CHN"}


def test_every_step_is_written_in_each_language_of_the_checker() -> None:
    steps = advice.steps()
    assert len(steps) >= 5
    for step in steps:
        texts = dict(step.texts)
        assert set(texts) == set(advice.ADVICE_LANGUAGES), step.id
        assert all(t.strip() for t in texts.values()), step.id
        assert len({texts[lang] for lang in advice.ADVICE_LANGUAGES}) == 8, step.id


def test_a_language_without_a_step_text_falls_back_to_english() -> None:
    step = advice.Step(id="x", texts=(("en", "Check the employer."),))
    assert step.text("km") == "Check the employer."


def test_the_main_countries_of_recruitment_each_have_a_licensing_body_and_a_hotline() -> None:
    found = {c.code: c for c in advice.countries()}
    assert COUNTRIES_PEOPLE_ARE_RECRUITED_FROM <= set(found)
    for country in found.values():
        assert country.licensing.body and country.hotlines


def test_a_number_marked_as_seen_cites_its_source() -> None:
    for country in advice.countries():
        for hotline in country.hotlines:
            assert hotline.status in advice.STATUSES
            if hotline.verified:
                assert hotline.source.startswith(("https://", "http://")), hotline.name
            assert hotline.dial.lstrip("+").isdigit(), hotline.number


def test_the_named_national_hotlines_are_there() -> None:
    numbers = {c.code: {h.number for h in c.hotlines} for c in advice.countries()}
    assert "1343" in numbers["PHL"]
    assert "1300" in numbers["THA"]
    assert "111" in numbers["VNM"]


def test_a_country_is_found_by_its_code_in_any_case() -> None:
    assert advice.country("phl") is advice.country("PHL") is not None
    assert advice.country("XXX") is None


@pytest.mark.parametrize(("entry", "words"), [
    ({"code": "Philippines"}, "alpha-3"),
    ({"code": "PHL"}, "licensing"),
    ({"code": "PHL", "licensing": {"body": "DMW", "what": "x", "status": "ok",
                                   "checked": "2026-11-25"}}, "status"),
    ({"code": "PHL", "licensing": {"body": "DMW", "what": "x", "status": "to_verify",
                                   "checked": "2026-11-25"}}, "at least one hotline"),
    ({"code": "PHL", "licensing": {"body": "DMW", "what": "x", "status": "to_verify",
                                   "checked": "2026-11-25"},
      "hotline": [{"number": "1343", "name": "n", "what": "w", "status": "source_seen",
                   "checked": "2026-11-25"}]}, "cite its source"),
], ids=["bad-code", "no-licensing", "bad-status", "no-hotline", "seen-without-source"])
def test_malformed_country_data_is_refused(entry: dict[str, Any], words: str) -> None:
    with pytest.raises(advice.AdviceDataError, match=words):
        advice._country(entry)
