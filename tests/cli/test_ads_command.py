"""`wayhome ads check FILE`: CSV, JSON lines, plain text or stdin in; JSON lines out;
bad input named by line, exit 2, nothing written."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wayhome.cli import main
from wayhome.domain.jobads import MODEL_VERSION, check

SCAM = "Customer service in Bangkok, $1,500 per month, free accommodation, contact on Telegram"
LEGIT = "Accountant for our Jakarta office, written contract, health insurance"


def _lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def _write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_a_csv_file_gives_one_json_line_per_ad_with_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ads.csv", f'id,text\na1,"{SCAM}"\na2,"{LEGIT}"\n')
    assert main(["ads", "check", str(path)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert [r["line"] for r in rows] == [2, 3]
    assert rows[0]["risk"] == check(SCAM).risk
    assert rows[0]["score"] == round(check(SCAM).score, 4)
    flag = next(f for f in rows[0]["flags"] if f["id"] == "channel_chat_app")
    assert flag["matched"] == ["Telegram"] and flag["reason"]
    assert rows[0]["model_version"] == MODEL_VERSION


def test_a_csv_with_quoted_multiline_text_keeps_the_starting_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ads.csv", 'text\n"line one\nline two Telegram"\n"' + LEGIT + '"\n')
    assert main(["ads", "check", str(path)]) == 0
    assert [r["line"] for r in _lines(capsys.readouterr().out)] == [2, 4]


def test_json_lines_are_scored_with_their_line_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = json.dumps({"id": 7, "text": SCAM}) + "\n\n" + json.dumps({"text": LEGIT}) + "\n"
    path = _write(tmp_path, "ads.jsonl", content)
    assert main(["ads", "check", str(path)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert [(r["line"], r.get("id")) for r in rows] == [(1, "7"), (3, None)]


def test_a_plain_text_file_is_one_ad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "ad.txt", SCAM + "\n\nSecond paragraph, same ad.\n")
    assert main(["ads", "check", str(path)]) == 0
    rows = _lines(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["risk"] == check(SCAM + "\n\nSecond paragraph, same ad.\n").risk


def test_standard_input_is_read_when_file_is_a_dash(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = (json.dumps({"text": SCAM}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["ads", "check", "-"]) == 0
    rows = _lines(capsys.readouterr().out)
    assert len(rows) == 1 and rows[0]["line"] == 1


def test_content_is_sniffed_when_the_extension_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ads.dat", f'id,text\n1,"{SCAM}"\n2,"{LEGIT}"\n')
    assert main(["ads", "check", str(path)]) == 0
    assert len(_lines(capsys.readouterr().out)) == 2


def test_reasons_come_in_the_language_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ad.txt", SCAM)
    assert main(["ads", "check", str(path), "--lang", "th"]) == 0
    flag = next(f for f in _lines(capsys.readouterr().out)[0]["flags"]
                if f["id"] == "channel_chat_app")
    assert flag["title"] == "ติดต่อผ่านแอปแชตเท่านั้น"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", "", "line 1: the file is empty"),
    ("blank.jsonl", "\n\n", "line 1: the file is empty"),
    ("huge.txt", "a" * 100_001, "line 1: The ad is longer than 100 KB"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("latin1.txt", "Prämie für Mitarbeiter".encode("latin-1"), "line 1: The ad is not valid UTF-8"),
    ("notext.csv", "id,body\n1,hello\n", "line 1: the CSV header has no 'text' column"),
    ("ads.jsonl", json.dumps({"text": SCAM}) + "\n[1, 2]\n", "line 2: a JSON line must be an object"),
    ("ads2.jsonl", json.dumps({"text": SCAM}) + "\n{\"id\": 1}\n", "line 2: the object has no 'text'"),
    ("ads3.jsonl", json.dumps({"text": SCAM}) + "\n{oops\n", "line 2: not valid JSON"),
    ("ads.csv", f'text\n"{SCAM}"\n"   "\n', "line 3: The ad is empty"),
    ("big.csv", f'text\n"{SCAM}"\n"' + "b" * 100_001 + '"\n', "line 3: The ad is longer than 100 KB"),
])
def test_bad_input_is_named_by_line_exits_2_and_prints_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: str | bytes, message: str
) -> None:
    path = _write(tmp_path, name, data)
    assert main(["ads", "check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err
    assert "no output written" in captured.err


def test_bad_input_leaves_no_output_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "ads.jsonl", json.dumps({"text": SCAM}) + "\n42\n")
    out = tmp_path / "out.jsonl"
    assert main(["ads", "check", str(path), "--out", str(out)]) == 2
    assert list(tmp_path.iterdir()) == [path]


def test_the_out_file_holds_the_same_lines_as_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "ads.csv", f'text\n"{SCAM}"\n')
    out = tmp_path / "out.jsonl"
    assert main(["ads", "check", str(path), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert _lines(out.read_text("utf-8"))[0]["risk"] == check(SCAM).risk


def test_the_installed_command_reads_stdin_and_exits_2_on_a_bad_line() -> None:
    good = subprocess.run(
        [sys.executable, "-m", "wayhome.cli", "ads", "check", "-"],
        input=SCAM.encode(), capture_output=True, check=False,
    )
    assert good.returncode == 0 and json.loads(good.stdout)["risk"] in ("medium", "high")
    bad = subprocess.run(
        [sys.executable, "-m", "wayhome.cli", "ads", "check", "-"],
        input=b'{"text": "ok ad text"}\n"just a string"\n', capture_output=True, check=False,
    )
    assert bad.returncode == 2 and bad.stdout == b""
    assert b"line 2" in bad.stderr
