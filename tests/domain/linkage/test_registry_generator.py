"""The synthetic registry generator (benchmarks/datasets/registry.py) and its oracle."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks" / "datasets"))

import registry as gen  # noqa: E402


def test_same_seed_gives_the_same_lists_and_another_seed_others() -> None:
    assert gen.generate(300, seed=3) == gen.generate(300, seed=3)
    assert gen.generate(300, seed=3)[1] != gen.generate(300, seed=4)[1]


def test_truth_links_reports_to_the_registered_person_they_were_written_from() -> None:
    reg = gen.build(2000, seed=5)
    assert len(reg.truth) == 1200  # 60 % overlap
    registered = {r["id"]: k for k, r in enumerate(reg.registered)}
    reports = {r["id"]: k for k, r in enumerate(reg.reports)}
    for rid, pid in reg.truth:
        src = reg.report_sources[reports[rid]]
        assert src == registered[pid]
        ident = reg.report_idents[reports[rid]]
        assert ident == reg.persons[src].ident or ident[0] == "short"


def test_names_in_two_scripts_are_the_same_name_to_the_oracle() -> None:
    reg = gen.build(3000, seed=1)
    by_ident: dict[tuple[str, ...], set[str]] = {}
    for p in reg.persons:
        if p.nationality in {"THA", "CHN"}:
            by_ident.setdefault(p.ident, set()).add(p.name.isascii() and "latin" or "native")
    assert any(len(scripts) == 2 for scripts in by_ident.values())


def test_oracle_is_perfect_when_every_report_is_unambiguous_and_worse_with_namesakes() -> None:
    reg = gen.build(2000, seed=5)
    ceiling = gen.oracle(reg)
    assert 0.5 < ceiling["oracle_f1_abstain"] < 1.0
    # Give every registered person a unique name identity and every report its source's
    # exact birth date: nothing is ambiguous any more, so the oracle finds every pair.
    for k, p in enumerate(reg.persons):
        reg.persons[k] = gen.Person(p.name, p.alt_script, p.sex, p.birth, p.nationality,
                                    ("unique", str(k)))
    for k, src in enumerate(reg.report_sources):
        if src is not None:
            reg.report_idents[k] = reg.persons[src].ident
            reg.reports[k]["birth"] = reg.persons[src].birth
        else:
            reg.report_idents[k] = ("new", str(k))
    perfect = gen.oracle(reg)
    assert perfect["oracle_f1_abstain"] == perfect["oracle_f1_pick"] == 1.0


def test_chinese_characters_are_not_taken_for_a_given_name_alone() -> None:
    reg = gen.build(3000, seed=2)
    for name, ident, src in zip((r["name"] for r in reg.reports), reg.report_idents,
                                reg.report_sources, strict=True):
        if src is not None and not name.isascii():
            assert ident[0] != "short", name


def test_near_dates_include_a_day_moved_and_kept_within_the_month() -> None:
    near = gen._near_dates("1990-05-01")
    assert "1990-05-11" in near and "1990-05-02" in near  # 11 - 10 and 2 - 1
    assert "1990-05-05" in near  # 5 - 10 kept at 1


def test_clerical_reports_keep_the_script_and_mostly_the_full_birth_date() -> None:
    field, clerical = gen.build(3000, seed=6), gen.build(3000, seed=6, profile="clerical")
    assert field.registered == clerical.registered  # the same persons, other reports

    def share(reg: gen.Registry, test: object) -> float:
        rows = [(reg.reports[k], reg.persons[src]) for k, src in
                enumerate(reg.report_sources) if src is not None]
        return sum(1 for row, p in rows if test(row, p)) / len(rows)  # type: ignore[operator]

    def same_script(row: dict[str, str], p: gen.Person) -> bool:
        return row["name"].isascii() == p.name.isascii()

    def full_date(row: dict[str, str], p: gen.Person) -> bool:
        return row["birth"] == p.birth

    assert share(clerical, same_script) == 1.0 > share(field, same_script)
    assert share(clerical, full_date) > 0.8 > 0.6 > share(field, full_date)
