"""`wayhome screen FILE`: the engine from the command line, with clear errors for bad files."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from wayhome.cli import main

EXAMPLE = resources.files("wayhome.domain.screening").joinpath("data/example_answers.json")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_prints_the_assessment_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    assert main(["screen", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["grounds_level"] == "reasonable_grounds"
    assert set(out["elements"]) == {"act", "means", "purpose"}


def test_prints_readable_text_in_thai(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    assert main(["screen", str(path), "--text", "--lang", "th"]) == 0
    out = capsys.readouterr().out
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in out)  # Thai script


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "line 1"),
        ("[]", "object"),
        ('{"person": {}, "answers": {"no_such_question": "yes"}}', "no_such_question"),
        ('{"person": {}, "answers": {"act_recruited": "perhaps"}}', "perhaps"),
        ("", "line 1"),
    ],
)
def test_a_malformed_file_is_a_clear_error_and_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    path = _write(tmp_path, content)
    assert main(["screen", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "wayhome screen:" in captured.err and expected in captured.err


def test_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screen", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_a_binary_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xff\xfe\x00\x01garbage\x80")
    assert main(["screen", str(path)]) == 2
    assert "wayhome screen:" in capsys.readouterr().err
