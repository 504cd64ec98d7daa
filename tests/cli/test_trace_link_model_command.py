"""`wayhome trace link LEFT RIGHT --model registry`: long lists linked under a table model;
unknown or malformed models and --encoded with --model are refused with no output."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from wayhome.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "datasets"))

import registry as gen  # noqa: E402

COLUMNS = ["id", "name", "sex", "birth", "nationality"]


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, set[tuple[str, str]]]:
    folder = tmp_path_factory.mktemp("lists")
    reports, registered, truth = gen.generate(1200, seed=4, profile="clerical")
    paths = []
    for name, rows in (("reports", reports), ("registered", registered)):
        path = folder / f"{name}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows([r[c] for c in COLUMNS] for r in rows)
        paths.append(path)
    return paths[0], paths[1], set(truth)


def test_links_long_lists_with_the_registry_model(
        lists: tuple[Path, Path, set[tuple[str, str]]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    left, right, truth = lists
    out = tmp_path / "m.csv"
    assert main(["trace", "link", str(left), str(right), "--out", str(out), "--model",
                 "registry", "--review"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    matches = {(r["left_id"], r["right_id"]) for r in rows if r["band"] == "match"}
    assert len(matches & truth) / len(matches) > 0.95
    assert len(matches & truth) / len(truth) > 0.9
    assert any(r["band"] == "review" for r in rows)
    assert "match(es)" in capsys.readouterr().err


@pytest.mark.parametrize("model, message", [
    ("no-such-model", "no model 'no-such-model' (packaged:"),
    ("historical", "do not have"),
])
def test_unknown_or_unfit_models_are_refused_with_no_output(
        lists: tuple[Path, Path, set[tuple[str, str]]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], model: str, message: str) -> None:
    left, right, _ = lists
    out = tmp_path / "m.csv"
    assert main(["trace", "link", str(left), str(right), "--out", str(out), "--model",
                 model]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_a_malformed_model_file_is_refused_with_no_output(
        lists: tuple[Path, Path, set[tuple[str, str]]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    left, right, _ = lists
    bad = tmp_path / "mine.toml"
    bad.write_text("[model\nmatch_threshold = 2\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["trace", "link", str(left), str(right), "--out", str(out), "--model",
                 str(bad)]) == 2
    assert "mine.toml" in capsys.readouterr().err
    assert not out.exists()


def test_encoded_lists_take_no_model(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "m.csv"
    assert main(["trace", "link", "--encoded", "a.csv", "b.csv", "--out", str(out),
                 "--model", "registry"]) == 2
    assert "drop --model" in capsys.readouterr().err
    assert not out.exists()
