"""Rendering: one PDF, English then the authority's language, in packaged fonts with
shaped text that a PDF reader can extract again."""

from __future__ import annotations

import pytest
from letters_helpers import CASE_NUMBER, facts, khmer, pdf_pages, thai

from wayhome.domain import law
from wayhome.domain.letters import (
    MACHINE_DRAFTED,
    LetterRenderError,
    compose_letter,
    compose_letters,
    render_pdf,
    request_letter_pdf,
)
from wayhome.domain.letters.fonts import CACHE_ENV, FONT_NAMES, cache_dir, coverage, static_font


@pytest.fixture(scope="module")
def tha_fraud_pages() -> list[str]:
    pdf = request_letter_pdf(law.analyse("THA", "charge", "fraud"), facts())
    assert pdf.startswith(b"%PDF-")
    return pdf_pages(pdf)


def _split(pages: list[str], marker: str) -> tuple[str, str]:
    """The English pages and the other language's pages (which start with `marker`)."""
    first = next(i for i, p in enumerate(pages) if marker in p)
    return "\n".join(pages[:first]), "\n".join(pages[first:])


def test_a_thai_charge_letter_is_english_then_thai_with_s41_extractable(
    tha_fraud_pages: list[str],
) -> None:
    english, thai_pages = _split(tha_fraud_pages, "ฉบับภาษาไทย")
    assert "s.41" in english and "A/HRC/47/34" in english and CASE_NUMBER in english
    assert not thai(english)
    assert thai(thai_pages) and "s.41" in thai_pages and CASE_NUMBER in thai_pages
    assert "ขอแสดงความนับถือ" in thai_pages


def test_the_review_mark_is_printed_in_the_footer(tha_fraud_pages: list[str]) -> None:
    _, thai_pages = _split(tha_fraud_pages, "ฉบับภาษาไทย")
    assert f"Wayhome letter template (th): {MACHINE_DRAFTED}" in thai_pages


def test_a_cambodian_detention_letter_prints_khmer() -> None:
    pdf = request_letter_pdf(law.analyse("KHM", "detention", "immigration"), facts())
    english, khmer_pages = _split(pdf_pages(pdf), "Wayhome letter template (km)")
    assert "release from detention" in english and "s.41" not in english
    assert khmer(khmer_pages) and "A/HRC/47/34" in khmer_pages


def test_an_english_only_authority_gets_one_letter() -> None:
    letters = compose_letters(law.analyse("PHL", "charge", "fraud"), facts())
    pages = pdf_pages(render_pdf(letters))
    text = "\n".join(pages)
    assert "English version" in text and "RA 9208, as amended, s.17" in text
    assert "Wayhome letter template (en)" in text and "template (fil)" not in text


def test_thai_text_in_an_english_letter_falls_back_to_the_thai_font() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"),
                            facts(organisation="มูลนิธิแม่สอด"), "en")
    text = "\n".join(pdf_pages(render_pdf([letter])))
    assert "มูลนิธิแม่สอด" in text and "s.41" in text


def test_text_no_packaged_font_covers_is_refused_not_printed_as_boxes() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"),
                            facts(authority="北京市公安局"), "en")
    with pytest.raises(LetterRenderError) as info:
        render_pdf([letter])
    assert "no packaged font can print" in str(info.value) and "U+5317" in str(info.value)


def test_nothing_to_render_is_an_error() -> None:
    with pytest.raises(LetterRenderError, match="nothing to render"):
        render_pdf([])


def test_fonts_are_static_instances_cached_on_disk() -> None:
    from fontTools.ttLib import TTFont

    regular, bold = static_font("thai", ""), static_font("thai", "B")
    assert regular.is_file() and regular.parent == bold.parent
    assert static_font("thai", "") == regular  # made once
    for path, weight in ((regular, 400), (bold, 700)):
        font = TTFont(str(path), lazy=True)
        assert "fvar" not in font and "gvar" not in font  # no longer variable
        assert font["OS/2"].usWeightClass == weight
    # The script fonts leave Latin letters to Noto Sans (one script per shaped run).
    assert ord("A") not in coverage("thai") and ord("ก") in coverage("thai")
    assert ord("7") in coverage("thai") and ord("ệ") in coverage("latin")
    assert set(FONT_NAMES) == {"latin", "thai", "lao", "khmer", "myanmar"}


def test_the_font_cache_directory_can_be_configured(monkeypatch: pytest.MonkeyPatch,
                                                    tmp_path: object) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "fonts"
    monkeypatch.setenv(CACHE_ENV, str(target))
    assert cache_dir() == target and target.is_dir()
    target.chmod(0o777)
    with pytest.raises(LetterRenderError, match=CACHE_ENV):
        cache_dir()  # writable by others: refused (a planted font would be parsed)
