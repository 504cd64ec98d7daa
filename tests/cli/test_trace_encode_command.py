"""`wayhome trace encode IN.csv --key KEYFILE --out ENC.csv`: keyed encodings, never names;
bad keys or rows refused with line numbers and no output file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wayhome.cli import main

ROWS = (
    "id,name,sex,birth,nationality\n"
    "a1,สมหญิง ใจดี,F,1990-05-12,THA\n"
    "a2,Nguyễn Văn Hùng,M,1988,VNM\n"
    "a3,陳大文,,,\n"
)


def _files(tmp_path: Path, rows: str = ROWS, key: str | None = None) -> tuple[Path, Path]:
    src = tmp_path / "in.csv"
    src.write_text(rows, encoding="utf-8")
    keyfile = tmp_path / "key.hex"
    keyfile.write_text(key if key is not None else os.urandom(32).hex(), encoding="ascii")
    return src, keyfile


def test_encode_writes_a_header_with_parameters_and_no_names(tmp_path: Path) -> None:
    src, keyfile = _files(tmp_path)
    out = tmp_path / "enc.csv"
    assert main(["trace", "encode", str(src), "--key", str(keyfile), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# wayhome-pprl ") and '"kcv"' in first and '"bits"' in first
    assert keyfile.read_text() not in text
    for word in ("สมหญิง", "Nguyễn", "nguyen", "somying", "陳", "hung"):
        assert word not in text.lower()
    assert [line.split(",")[0] for line in text.splitlines()[2:]] == ["a1", "a2", "a3"]


def test_the_same_key_gives_the_same_file(tmp_path: Path) -> None:
    src, keyfile = _files(tmp_path)
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["trace", "encode", str(src), "--key", str(keyfile), "--out", str(a)]) == 0
    assert main(["trace", "encode", str(src), "--key", str(keyfile), "--out", str(b)]) == 0
    assert a.read_text() == b.read_text()


@pytest.mark.parametrize(
    ("key", "message"),
    [("ab" * 16, "too short"), ("", "empty"), ("%%%", "not hex or base64")],
)
def test_a_bad_key_is_refused_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, message: str
) -> None:
    src, keyfile = _files(tmp_path, key=key)
    out = tmp_path / "enc.csv"
    assert main(["trace", "encode", str(src), "--key", str(keyfile), "--out", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_malformed_rows_are_reported_by_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = ROWS + "a4,Somchai,X,1990,THA\na5,,M,1990-02-30,TH\n"
    src, keyfile = _files(tmp_path, rows)
    out = tmp_path / "enc.csv"
    assert main(["trace", "encode", str(src), "--key", str(keyfile), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert ":5:" in err and ":6:" in err
    assert not out.exists()
    assert not (tmp_path / "enc.csv.tmp").exists()
