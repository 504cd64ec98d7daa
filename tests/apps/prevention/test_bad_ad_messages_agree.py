"""An empty or over-long ad gets the same message on the page, from the API and from the
CLI (``wayhome ads check``): the engine's ``validate_text`` is the one check, and the web
layer only translates its message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wayhome.apps.prevention.services import input_message, input_messages
from wayhome.cli import main
from wayhome.domain import jobads

BAD_ADS = {
    "empty": "   \n\t ",
    "too-long": "x" * (jobads.MAX_BYTES + 1),
}


def _engine_message(text: str) -> str:
    with pytest.raises(jobads.AdInputError) as info:
        jobads.validate_text(text)
    return info.value.message


@pytest.mark.django_db
@pytest.mark.parametrize("text", BAD_ADS.values(), ids=BAD_ADS.keys())
def test_page_api_and_cli_give_the_engine_s_message(
    text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.cache import cache

    cache.clear()  # the API's throttle
    expected = _engine_message(text)

    page = Client().post(reverse("prevention:check"), {"text": text, "lang": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(expected) in html
    assert "adcheck-result" not in html

    api = Client().post(reverse("api:ads_check"), json.dumps({"text": text, "lang": "en"}),
                        content_type="application/json")
    assert api.status_code == 400
    assert api.json() == {"text": [expected]}
    batch = Client().post(reverse("api:ads_check"),
                          json.dumps({"ads": [{"text": "Driver wanted"}, {"text": text}]}),
                          content_type="application/json")
    assert batch.status_code == 400
    assert batch.json() == {"ads": {"1": {"text": [expected]}}}

    path = tmp_path / "ads.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    assert main(["ads", "check", str(path)]) == 2
    assert f"line 1: {expected}\n" in capsys.readouterr().err


def test_every_engine_message_has_a_translatable_twin_that_reads_the_same_in_english() -> None:
    params = {"limit_kb": jobads.MAX_BYTES // 1000}
    with translation.override("en"):
        twins = input_messages(params)
    assert set(twins) == set(jobads.INPUT_ERRORS)
    for code, english in jobads.INPUT_ERRORS.items():
        assert twins[code] == english.format(**params), code


THAI_TOO_LONG = "ประกาศยาวเกิน {limit_kb} KB: โปรดวางประกาศงานทีละหนึ่งประกาศ"


@pytest.mark.django_db
def test_a_message_is_chosen_by_the_error_s_code_not_its_english_text() -> None:
    """In Thai: the English text (the engine's) cannot be what is shown; the limit is the
    error's own."""
    from django.core.cache import cache

    cache.clear()  # the API's throttle
    error = jobads.AdInputError("too_long", limit_kb=7)
    assert error.message == "The ad is longer than 7 KB: paste one job advertisement at a time."
    with translation.override("th"):
        assert input_message(error) == THAI_TOO_LONG.format(limit_kb=7)

        expected = THAI_TOO_LONG.format(limit_kb=jobads.MAX_BYTES // 1000)
        client = Client()
        client.cookies["django_language"] = "th"
        text = BAD_ADS["too-long"]
        page = client.post(reverse("prevention:check"), {"text": text, "lang": "th"})
        assert page.status_code == 200
        assert escape(expected) in page.content.decode()
        api = client.post(reverse("api:ads_check"), json.dumps({"text": text, "lang": "en"}),
                          content_type="application/json")
        assert api.status_code == 400
        assert api.json() == {"text": [expected]}
