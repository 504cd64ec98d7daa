"""Script detection and Vietnamese-aware folding."""

from __future__ import annotations

import pytest

from wayhome.domain.names import detect_scripts, fold


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hung Nguyen", {"Latin"}),
        ("Nguyễn Văn Hùng", {"Latin", "Vietnamese-Latin"}),
        ("Trần Thị Đào", {"Latin", "Vietnamese-Latin"}),
        ("José Müller", {"Latin"}),
        ("สมหญิง", {"Thai"}),
        ("အောင်ကျော်", {"Myanmar"}),
        ("សុខ ចាន់", {"Khmer"}),
        ("ສົມພອນ", {"Lao"}),
        ("陳大文", {"Han"}),
        ("สมหญิง Somying", {"Thai", "Latin"}),
    ],
)
def test_detect_scripts_names_each_writing_system(text: str, expected: set[str]) -> None:
    assert detect_scripts(text) == expected


def test_detect_scripts_ignores_digits_punctuation_and_empty_text() -> None:
    assert detect_scripts("") == set()
    assert detect_scripts(" 123 -.,") == set()


def test_fold_removes_vietnamese_diacritics_and_d_stroke() -> None:
    assert fold("Nguyễn Văn Hùng") == "nguyen van hung"
    assert fold("Đặng Thị Ánh") == "dang thi anh"
    assert fold("  NGUYEN   VAN HUNG ") == "nguyen van hung"


def test_fold_keeps_other_scripts_intact() -> None:
    assert fold("สมหญิง") == "สมหญิง"
    assert fold("အောင်") == "အောင်"
