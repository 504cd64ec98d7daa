"""`wayhome stats export`: the suppressed aggregates of every dimension, written
atomically; k below 5 refused with exit 2 and no file."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from wayhome.cli import main

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cases(orgs: dict[str, Any], caseworker: Any) -> None:
    from wayhome.apps.cases.models import Case, Person, new_case_number
    from wayhome.apps.statistics.models import SharingAgreement

    SharingAgreement.objects.create(holder=orgs["ngo"], recipient=orgs["other"],
                                    agreed_on=dt.date(2026, 1, 10))
    for nationality, n in (("MMR", 30), ("VNM", 4), ("KHM", 14)):
        cases = Case.objects.bulk_create(
            Case(case_number=new_case_number("THA"), organisation=orgs["ngo"],
                 created_by=caseworker) for _ in range(n))
        Person.objects.bulk_create(Person(case=c, nationality=nationality, sex="M")
                                   for c in cases)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_export_writes_every_dimension_suppressed(
    shared_cases: None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from wayhome.apps.statistics.dimensions import DIMENSIONS

    out = tmp_path / "stats.csv"
    assert main(["stats", "export", "--k", "11", "--out", str(out)]) == 0
    rows = _read(out)
    assert {r["dimension"] for r in rows} == set(DIMENSIONS)
    nat = {r["value"]: r for r in rows if r["dimension"] == "nationality"}
    assert nat["MMR"]["count"] == "30" and nat["VNM"]["suppressed"] == "1"
    assert nat["*"]["count"] == "48"
    assert all(r["count"] == "" or not 1 <= int(r["count"]) < 11 for r in rows)
    assert "written to" in capsys.readouterr().err


def test_a_higher_k_suppresses_more(shared_cases: None, tmp_path: Path) -> None:
    out = tmp_path / "stats.csv"
    assert main(["stats", "export", "--k", "20", "--out", str(out)]) == 0
    rows = _read(out)
    nat = {r["value"]: r for r in rows if r["dimension"] == "nationality"}
    assert nat["KHM"]["suppressed"] == "1"  # 14: published with k = 11, not with 20
    assert all(r["count"] == "" or not 1 <= int(r["count"]) < 20 for r in rows)


@pytest.mark.parametrize("k", ["4", "0", "-3"])
def test_k_below_five_is_refused_with_exit_2_and_no_file(
    shared_cases: None, tmp_path: Path, k: str, capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "stats.csv"
    assert main(["stats", "export", "--k", k, "--out", str(out)]) == 2
    assert not out.exists()
    assert "below the minimum of 5" in capsys.readouterr().err


def test_an_existing_file_is_kept_when_the_export_is_refused(
    shared_cases: None, tmp_path: Path,
) -> None:
    out = tmp_path / "stats.csv"
    out.write_text("earlier export\n")
    assert main(["stats", "export", "--k", "3", "--out", str(out)]) == 2
    assert out.read_text() == "earlier export\n"
    assert list(tmp_path.iterdir()) == [out]


def test_a_missing_folder_is_an_error_not_a_traceback(
    shared_cases: None, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["stats", "export", "--out", str(tmp_path / "no" / "s.csv")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_the_export_is_refused_after_an_organisation_counted_stopped_sharing(
    shared_cases: None, orgs: dict[str, Any], caseworker: Any, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Exported over {ngo, ngo_kh}, then over {ngo} from the same snapshot, the two files
    would give ngo_kh's cases by subtraction: refused (exit 2, nothing written) until
    the next snapshot."""
    from django.utils import timezone

    from wayhome.apps.cases.models import Case, Person, new_case_number
    from wayhome.apps.statistics.models import SharingAgreement

    leaving = SharingAgreement.objects.create(holder=orgs["ngo_kh"], recipient=orgs["other"],
                                              agreed_on=dt.date(2026, 1, 10))
    cases = Case.objects.bulk_create(
        Case(case_number=new_case_number("KHM"), organisation=orgs["ngo_kh"],
             created_by=caseworker) for _ in range(3))
    Person.objects.bulk_create(Person(case=c, nationality="VNM", sex="M") for c in cases)
    assert main(["stats", "export", "--out", str(tmp_path / "before.csv")]) == 0
    leaving.ended_at = timezone.now()
    leaving.save()
    capsys.readouterr()
    after = tmp_path / "after.csv"
    assert main(["stats", "export", "--out", str(after)]) == 2
    assert not after.exists()
    assert "stopped sharing; nothing written" in capsys.readouterr().err
    main(["stats", "snapshot"])
    assert main(["stats", "export", "--out", str(after)]) == 0
    def counts(path: Path) -> dict[tuple[str, str], str]:
        return {(r["dimension"], r["value"]): r["count"] for r in _read(path)}

    before, now = counts(tmp_path / "before.csv"), counts(after)
    assert before[("nationality", "*")] == "51"
    assert now[("nationality", "*")] == ""  # 48: ngo_kh's 3 by subtraction
    assert any(now.values())  # not everything withheld
    for cell, n in now.items():  # no other cell of ngo_kh's by subtraction either
        if n and before.get(cell):
            assert not 1 <= int(before[cell]) - int(n) < 11, cell
