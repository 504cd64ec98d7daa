"""`wayhome law check` and `wayhome law countries`: JSON out, exit code 2 with a clear message."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wayhome.cli import main

ROOT = Path(__file__).resolve().parents[3]


def test_check_prints_the_analysis_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["law", "check", "--country", "THA", "--measure", "charge", "--offence", "fraud"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["country"] == "THA"
    assert out["covered_by_national_law"] is False
    assert out["national_provisions"][0]["article"] == "s.41"
    assert out["request"].startswith("Withdrawal of the charge")


def test_check_without_an_offence_and_lower_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "check", "--country", "brn", "--measure", "detention"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["offence"] is None and out["covered_by_national_law"] is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--country", "XYZ", "--measure", "charge"], "country: no profile for 'XYZ'"),
        (["--country", "THA", "--measure", "arrest"], "measure: unknown measure 'arrest'"),
        (
            ["--country", "THA", "--measure", "fine", "--offence", "theft"],
            "offence: unknown offence 'theft'",
        ),
    ],
)
def test_bad_input_is_a_clear_error_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    assert main(["law", "check", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"wayhome law check: {expected}")


def test_countries_lists_every_profile_with_its_provision_count(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["law", "countries", "--json"]) == 0
    rows = {r["country"]: r["provisions"] for r in json.loads(capsys.readouterr().out)}
    assert rows == {
        "BRN": 1,
        "KHM": 0,
        "IDN": 1,
        "LAO": 1,
        "MYS": 1,
        "MMR": 1,
        "PHL": 1,
        "SGP": 0,
        "THA": 1,
        "VNM": 0,
    }
    assert main(["law", "countries"]) == 0
    assert "THA  Thailand" in capsys.readouterr().out


def test_the_law_command_does_not_load_django() -> None:
    code = (
        "import sys, contextlib, io\n"
        "from wayhome.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    rc = main(['law', 'check', '--country', 'THA', '--measure', 'charge'])\n"
        "assert rc == 0, rc\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django loaded'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)
