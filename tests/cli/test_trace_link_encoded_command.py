"""`wayhome trace link --encoded LEFT RIGHT --out M.csv`: links encodings made with one key;
refuses another key, other parameters or malformed files (line numbers, no output)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wayhome.cli import main

LEFT = (
    "id,name,sex,birth,nationality\n"
    "L1,สมหญิง ใจดี,F,1990-05-12,THA\n"
    "L2,Nguyễn Văn Hùng,M,1988-02-01,VNM\n"
    "L3,陳大文,M,1979-11-02,CHN\n"
    "L4,សុខា ចាន់,F,2001-03-04,KHM\n"
)
RIGHT = (
    "id,name,sex,birth,nationality\n"
    "R1,Somyhing Jaidee,F,1990-05-12,THA\n"
    "R2,HUNG NGUYEN VAN,M,1988-02-01,VNM\n"
    "R3,Chan Tai Man,M,1979-11-02,\n"
    "R4,Chan Sokha,F,2001-03-04,KHM\n"
    "R5,Maria Santos,F,1970-01-01,PHL\n"
)


def _encode(tmp_path: Path, name: str, rows: str, key: Path, *extra: str) -> Path:
    src = tmp_path / f"{name}.csv"
    src.write_text(rows, encoding="utf-8")
    out = tmp_path / f"{name}_enc.csv"
    assert main(["trace", "encode", str(src), "--key", str(key), "--out", str(out),
                 *extra]) == 0
    return out


def _key(tmp_path: Path, name: str = "key") -> Path:
    path = tmp_path / f"{name}.hex"
    path.write_text(os.urandom(32).hex(), encoding="ascii")
    return path


def test_encoded_lists_link_to_the_true_pairs(tmp_path: Path) -> None:
    key = _key(tmp_path)
    left, right = _encode(tmp_path, "l", LEFT, key), _encode(tmp_path, "r", RIGHT, key)
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", str(left), str(right), "--out", str(out),
                 "--review"]) == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "left_id,right_id,score,band"
    pairs = {tuple(line.split(",")[:2]) for line in lines[1:]}
    assert pairs == {("L1", "R1"), ("L2", "R2"), ("L3", "R3"), ("L4", "R4")}


def test_encodings_with_different_keys_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left = _encode(tmp_path, "l", LEFT, _key(tmp_path, "a"))
    right = _encode(tmp_path, "r", RIGHT, _key(tmp_path, "b"))
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", str(left), str(right), "--out", str(out)]) == 2
    assert "different keys" in capsys.readouterr().err
    assert not out.exists()


def test_encodings_with_different_parameters_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(tmp_path)
    left = _encode(tmp_path, "l", LEFT, key)
    right = _encode(tmp_path, "r", RIGHT, key, "--xor-fold")
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", str(left), str(right), "--out", str(out)]) == 2
    assert "different scheme parameters" in capsys.readouterr().err
    assert not out.exists()


def test_malformed_encoded_rows_are_reported_by_line_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(tmp_path)
    left, right = _encode(tmp_path, "l", LEFT, key), _encode(tmp_path, "r", RIGHT, key)
    lines = right.read_text().splitlines()
    lines[3] = "R2,not-base64!!,,,,,"  # line 4
    cols = lines[5].split(",")
    lines[5] = ",".join([cols[0], cols[1], "AAAA", *cols[3:]])  # line 6: wrong length
    lines.append("R1," + lines[2].split(",", 1)[1])  # line 8: duplicate id
    right.write_text("\n".join(lines) + "\n")
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", str(left), str(right), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{right}:4: name: not base64" in err
    assert f"{right}:6: birth_year" in err
    assert f"{right}:8: id 'R1': duplicate" in err
    assert not out.exists()


def test_a_plain_csv_given_as_encoded_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(tmp_path)
    left = _encode(tmp_path, "l", LEFT, key)
    plain = tmp_path / "plain.csv"
    plain.write_text(RIGHT, encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", str(left), str(plain), "--out", str(out)]) == 2
    assert "not a Wayhome encoded file" in capsys.readouterr().err
    assert not out.exists()
