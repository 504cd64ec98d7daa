"""`wayhome comms check`: the parsed reference and publication date as JSON; a malformed
reference or date gets a clear message on stderr and exit code 2; no Django needed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from wayhome.cli import main


def test_prints_the_parsed_reference_and_the_publication_date(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["comms", "check", "AL KHM 1/2025", "--sent", "2025-03-10"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"reference": "AL KHM 1/2025", "type": "AL",
                   "type_label": "allegation letter", "country": "KHM", "number": 1,
                   "year": 2025, "sent": "2025-03-10", "publication_date": "2025-05-09"}


def test_a_lowercase_reference_is_printed_in_canonical_form(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["comms", "check", "al oth 17/2025", "--sent", "2025-12-31"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reference"] == "AL OTH 17/2025"
    assert out["publication_date"] == "2026-03-01"


def test_without_a_date_sent_there_is_no_publication_date(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["comms", "check", "UA THA 2/2024"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sent"] is None and out["publication_date"] is None


@pytest.mark.parametrize("ref, words", [
    ("AL KHM 1-2025", "slash"),
    ("AL XYZ 1/2025", "ISO 3166 alpha-3"),
    ("AL KHM 0/2025", "starts at 1"),
    ("JUA KHM 1/2025", "joint letters"),
])
def test_a_malformed_reference_is_refused_on_stderr_with_exit_2(
        capsys: pytest.CaptureFixture[str], ref: str, words: str) -> None:
    assert main(["comms", "check", ref, "--sent", "2025-03-10"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert words in captured.err and captured.err.startswith("wayhome comms check:")


def test_a_date_sent_in_another_year_than_the_reference_is_refused(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["comms", "check", "AL KHM 1/2025", "--sent", "2024-03-10"]) == 2
    assert "year of the reference is the year of sending" in capsys.readouterr().err


def test_a_malformed_date_is_refused_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["comms", "check", "AL KHM 1/2025", "--sent", "10/03/2025"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_the_command_runs_without_django() -> None:
    code = ("import sys; from wayhome.cli import main; rc = main(['comms', 'check', "
            "'AL THA 3/2025', '--sent', '2025-03-10']); "
            "assert 'django' not in sys.modules, 'django imported'; sys.exit(rc)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["publication_date"] == "2025-05-09"
