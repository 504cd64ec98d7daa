"""Record linkage: blocking, scoring levels, one-to-one assignment, CSV input, CLI."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from wayhome.cli import main
from wayhome.domain.linkage import (
    LinkageDataError,
    LinkageInputError,
    Record,
    candidate_pairs,
    link,
    load_settings,
    parse_birth,
    parse_records,
    parse_settings,
    read_records,
    score_pair,
)
from wayhome.domain.names import normalise

CROSS_SCRIPT = [
    ("สมหญิง", "Somyhing", "F", "THA"),
    ("陳大文", "Chan Tai Man", "M", "CHN"),
    ("Nguyễn Văn Hùng", "Hung Nguyen", "M", "VNM"),
]


def _levels(left: Record, right: Record) -> dict[str, str]:
    return {lv.field: lv.level for lv in score_pair(left, right).levels}


@pytest.mark.parametrize(("a", "b", "sex", "nat"), CROSS_SCRIPT)
def test_cross_script_names_are_candidates(a: str, b: str, sex: str, nat: str) -> None:
    assert candidate_pairs([normalise(a)], [normalise(b)]) == [(0, 0)]


def test_blocking_keeps_cross_script_pairs_and_stays_far_below_cross_product() -> None:
    rng = random.Random(7)
    given = ["Anan", "Boonmee", "Chai", "Dara", "Ekkachai", "Fah", "Kanya", "Lek", "Mali",
             "Niran", "Pim", "Rattana", "Sakda", "Thida", "Udom", "Wanida", "Yupa", "Zaw"]
    family = ["Srisuk", "Wongsa", "Kaewkla", "Phromma", "Thongdee", "Saelim", "Chaiyo",
              "Intharak", "Boonyarat", "Pongsak", "Rattanakorn", "Sukjai", "Yodying"]
    left = [f"{rng.choice(given)} {rng.choice(family)}" for _ in range(300)]
    right = [f"{rng.choice(given)} {rng.choice(family)}" for _ in range(300)]
    left += [a for a, _, _, _ in CROSS_SCRIPT]
    right += [b for _, b, _, _ in CROSS_SCRIPT]
    ln, rn = [normalise(x) for x in left], [normalise(x) for x in right]
    pairs = set(candidate_pairs(ln, rn, max_token_block=20))
    for k in range(len(CROSS_SCRIPT)):
        assert (300 + k, 300 + k) in pairs
    assert len(pairs) < 0.1 * len(left) * len(right)


@pytest.mark.parametrize(("a", "b", "sex", "nat"), CROSS_SCRIPT)
def test_cross_script_examples_match(a: str, b: str, sex: str, nat: str) -> None:
    result = link([Record("L1", a, sex, "1994-07-12", nat)],
                  [Record("R1", b, sex, "1994-07-12", nat)])
    assert [(m.left_id, m.right_id) for m in result.matches] == [("L1", "R1")]
    assert result.matches[0].probability >= load_settings().match_threshold


def test_similar_names_with_different_birth_year_and_sex_do_not_match() -> None:
    result = link([Record("L1", "Nguyen Van Hung", "M", "1972", "VNM")],
                  [Record("R1", "Nguyen Van Hong", "F", "1985", "VNM")])
    assert result.matches == ()
    assert result.review == ()


def test_day_month_swap_still_matches() -> None:
    left, right = Record("L", "Somchai Jaidee", "M", "1990-03-04", "THA"), \
        Record("R", "Somchai Jaidee", "M", "1990-04-03", "THA")
    assert _levels(left, right)["birth"] == "day_month_swapped"
    assert [m.right_id for m in link([left], [right]).matches] == ["R"]


def test_year_off_by_one_still_matches() -> None:
    left, right = Record("L", "Aung Kyaw", "M", "1990", "MMR"), \
        Record("R", "Aung Kyaw", "M", "1991-02-01", "MMR")
    assert _levels(left, right)["birth"] == "year_only_within_1"
    assert [m.right_id for m in link([left], [right]).matches] == ["R"]


def test_a_slip_of_the_year_with_the_same_day_counts_for_more_than_the_year_alone() -> None:
    base = Record("L", "Aung Kyaw", "M", "1990-05-06", "MMR")
    slip = score_pair(base, Record("R", "Aung Kyaw", "M", "1991-05-06", "MMR"))
    other_day = score_pair(base, Record("R", "Aung Kyaw", "M", "1991-08-20", "MMR"))
    assert {lv.field: lv.level for lv in slip.levels}["birth"] == "year_slip"
    assert {lv.field: lv.level for lv in other_day.levels}["birth"] == "year_within_1"
    assert slip.weight > other_day.weight


def test_the_year_alone_agreeing_is_evidence_when_one_side_gives_only_the_year() -> None:
    base = Record("L", "Aung Kyaw", "M", "1990-05-06", "MMR")
    year_only = score_pair(base, Record("R", "Aung Kyaw", "M", "1990", "MMR"))
    two_full_dates = score_pair(base, Record("R", "Aung Kyaw", "M", "1990-11-23", "MMR"))
    levels = {lv.field: lv for lv in year_only.levels}
    assert levels["birth"].level == "year_only"
    assert levels["birth"].weight > 3
    assert {lv.field: lv.level for lv in two_full_dates.levels}["birth"] == "year_within_1"
    assert year_only.weight > two_full_dates.weight


def test_birth_levels() -> None:
    base = Record("L", "Aung Kyaw", "M", "1990-05-06", "MMR")

    def level(birth: str) -> str:
        return _levels(base, Record("R", "Aung Kyaw", "M", birth, "MMR"))["birth"]

    assert level("1990-05-06") == "exact"
    assert level("1990-05-07") == "year_month"
    assert level("1990-05") == "year_month"
    assert level("1990-06-05") == "day_month_swapped"
    assert level("1991-05-06") == "year_slip"
    assert level("1990") == "year_only"
    assert level("1989") == "year_only_within_1"
    assert level("1991-01-01") == "year_within_1"
    assert level("1993-01-01") == "year_within_3"
    assert level("1993") == "year_within_3"
    assert level("1999") == "disagree"
    assert level("") == "missing"


def test_missing_values_carry_no_weight() -> None:
    p = score_pair(Record("L", "Aung Kyaw"), Record("R", "Aung Kyaw"))
    weights = {lv.field: lv.weight for lv in p.levels}
    assert weights["sex"] == weights["birth"] == weights["nationality"] == 0.0


def test_one_to_one_keeps_only_the_best_of_two_near_duplicates() -> None:
    left = [Record("L1", "Somchai Jaidee", "M", "1990-03-04", "THA")]
    right = [Record("R1", "Somchai Jaidee", "M", "1990", "THA"),
             Record("R2", "Somchai Jaidee", "M", "1990-03-04", "THA")]
    result = link(left, right)
    assert [(m.left_id, m.right_id) for m in result.matches] == [("L1", "R2")]
    assert result.review == ()


def test_each_record_is_used_at_most_once() -> None:
    left = [Record(f"L{i}", "Mali Srisuk", "F", "1995", "THA") for i in range(3)]
    right = [Record(f"R{i}", "Mali Srisuk", "F", "1995", "THA") for i in range(2)]
    result = link(left, right)
    kept = result.matches + result.review
    assert len({k.left_id for k in kept}) == len(kept) == 2
    assert len({k.right_id for k in kept}) == 2


def test_link_is_deterministic() -> None:
    rng = random.Random(3)
    names = ["Somchai Jaidee", "สมชาย ใจดี", "Mali Srisuk", "陳大文", "Chan Tai Man",
             "Nguyen Van Hung", "Hung Nguyen", "Aung Kyaw", "Kyaw Aung"]
    left = [Record(f"L{i}", rng.choice(names), rng.choice("MF"), str(1980 + i % 5), "")
            for i in range(40)]
    right = [Record(f"R{i}", rng.choice(names), rng.choice("MF"), str(1980 + i % 4), "")
             for i in range(40)]
    first = link(left, right)
    assert link(left, right) == first
    assert link(list(left), list(right)) == first


def test_malformed_csv_lists_every_problem_by_line() -> None:
    raw = (
        "\ufeffid,name,sex,birth,nationality\n"
        "1,Somchai Jaidee,M,1990-03-04,THA\n"   # line 2 ok
        ",Mali,F,1990,THA\n"                    # 3 missing id
        "1,Mali,F,1990,THA\n"                   # 4 duplicate id
        "3,Mali,X,1990,THA\n"                   # 5 bad sex
        "4,Mali,F,1990-02-30,THA\n"             # 6 bad date
        "5,Mali,F,1990,Thailand\n"              # 7 bad nationality
        "6,Mali,F,1990\n"                       # 8 wrong column count
        "7,,F,1990,THA\n"                       # 9 empty name
    ).encode("utf-8") + b"8,Ma\xffli,F,1990,THA\n" + b"9,1234,F,1990,THA\n"  # 10, 11
    with pytest.raises(LinkageInputError) as info:
        parse_records(raw, "people.csv")
    lines = [p.line for p in info.value.problems]
    assert lines == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    text = str(info.value)
    assert "people.csv:3: id: missing" in text
    assert "duplicate (first on line 2)" in text
    assert "people.csv:10: undecodable" in text
    assert "people.csv:8: expected 5 columns, got 4" in text


def test_csv_header_is_required_and_bom_is_tolerated(tmp_path: Path) -> None:
    with pytest.raises(LinkageInputError, match="header"):
        parse_records(b"1,Somchai,M,1990,THA\n")
    f = tmp_path / "a.csv"
    f.write_bytes("\ufeffid,name,sex,birth,nationality\r\n1,สมหญิง,f,,tha\r\n\r\n".encode())
    assert read_records(f) == [Record("1", "สมหญิง", "F", "", "THA")]


def test_link_rejects_invalid_records_listing_all() -> None:
    with pytest.raises(LinkageInputError) as info:
        link([Record("1", "Mali", "Q", "19x0", "")], [Record("1", "!!!", "", "", "th")])
    assert len(info.value.problems) == 4


def test_parse_birth() -> None:
    assert parse_birth("1990") is not None and parse_birth("") is None
    for bad in ("1990-13", "90", "1990-1-1", "1990-02-30"):
        with pytest.raises(ValueError):
            parse_birth(bad)


def test_settings_file_is_checked() -> None:
    settings = load_settings()
    assert settings.review_threshold < settings.match_threshold
    with pytest.raises(LinkageDataError):
        parse_settings({"model": {"prior": 0.01}})


def _write(path: Path, rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "sex", "birth", "nationality"])
        w.writerows(rows)


def test_cli_end_to_end(tmp_path: Path) -> None:
    left, right, out = tmp_path / "l.csv", tmp_path / "r.csv", tmp_path / "m.csv"
    _write(left, [("a", "สมหญิง", "F", "1995-03-04", "THA"),
                  ("b", "陳大文", "M", "1988-01-02", "CHN"),
                  ("c", "Nguyễn Văn Hùng", "M", "1990-05-06", "VNM"),
                  ("d", "Mali Srisuk", "F", "1990", "")])
    _write(right, [("1", "Somyhing", "F", "1995-04-03", "THA"),
                   ("2", "Chan Tai Man", "M", "1988-01-02", "CHN"),
                   ("3", "Hung Nguyen", "M", "1990-05-06", "VNM"),
                   ("4", "Nguyen Van Hong", "F", "1975", "VNM"),
                   ("5", "Mali Srisuk", "", "1991", "")])
    assert main(["trace", "link", str(left), str(right), "--out", str(out)]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["left_id", "right_id", "score"]
    assert [r[:2] for r in rows[1:]] == [["a", "1"], ["b", "2"], ["c", "3"]]
    assert all(len(r[2].split(".")[1]) == 4 for r in rows[1:])

    assert main(["trace", "link", str(left), str(right), "--out", str(out), "--review"]) == 0
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert rows[0] == ["left_id", "right_id", "score", "band"]
    assert ["d", "5"] in [r[:2] for r in rows[1:]]
    assert {r[3] for r in rows[1:]} == {"match", "review"}
    assert dict(((r[0], r[1]), r[3]) for r in rows[1:])[("d", "5")] == "review"


def test_cli_malformed_input_reports_all_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    left, right, out = tmp_path / "l.csv", tmp_path / "r.csv", tmp_path / "m.csv"
    _write(left, [("a", "Mali", "X", "1990", "THA")])
    _write(right, [("1", "Mali", "F", "1990-13", "THA"), ("1", "Mali", "F", "1990", "THA")])
    assert main(["trace", "link", str(left), str(right), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{left}:2: sex 'X'" in err
    assert f"{right}:2: birth '1990-13'" in err
    assert f"{right}:3: id '1': duplicate" in err
    assert not out.exists()


def test_ambiguous_match_goes_to_review() -> None:
    left = [Record("L1", "Mali Srisuk", "F", "1990", "THA")]
    # R2 fits a little less well (no nationality), within the ambiguity margin of R1.
    right = [Record("R1", "Mali Srisuk", "F", "1990", "THA"),
             Record("R2", "Mali Srisuk", "F", "1990", "")]
    result = link(left, right)
    assert result.matches == ()
    assert [r.band for r in result.review] == ["review"]


@pytest.mark.parametrize("backend", ["python", "vectorised"])
def test_a_namesake_who_is_clearly_someone_elses_match_leaves_the_match_clear(
        backend: str) -> None:
    # L2 fits R1 a little less well than L1 does (no nationality), but L2 is R2 exactly
    # (same full date of birth): R1 has no real rival, so L1-R1 is a match, not review.
    left = [Record("L1", "Mali Srisuk", "F", "1990", "THA"),
            Record("L2", "Mali Srisuk", "F", "1990-04-03", "")]
    right = [Record("R1", "Mali Srisuk", "F", "1990", "THA"),
             Record("R2", "Mali Srisuk", "F", "1990-04-03", "THA")]
    result = link(left, right, backend=backend)
    assert [(m.left_id, m.right_id) for m in result.matches] == [("L1", "R1"), ("L2", "R2")]
    # without L2's own better pair, L2 would still be a rival of L1 for R1
    alone = link(left, right[:1], backend=backend)
    assert alone.matches == () and [(m.left_id, m.right_id) for m in alone.review] == [
        ("L1", "R1")]


@pytest.mark.parametrize("backend", ["python", "vectorised"])
def test_a_name_respelt_beyond_every_key_meets_its_record_by_the_full_birth_date(
        backend: str) -> None:
    left = [Record("L", "Wira Chinnawat", "M", "2005-05-17", "THA")]
    right = [Record("R", "Veera Shinawatra", "M", "2005-05-17", "THA"),
             Record("S", "Veera Shinawatra", "M", "2005", "THA")]
    names = [normalise(r.name) for r in left + right]
    # no name key in common: only the birth date brings the two together
    assert candidate_pairs(names[:1], names[1:]) == []
    result = link(left, right, backend=backend)
    assert [(m.left_id, m.right_id) for m in result.matches + result.review] == [("L", "R")]


def test_only_a_full_birth_date_is_a_block() -> None:
    names = [normalise("Wira Chinnawat"), normalise("Veera Shinawatra")]
    births = (["2005-05-17", "2005", ""], ["2005-05-17", "2005", "2005-05"])
    pairs = candidate_pairs([names[0]] * 3, [names[1]] * 3, births=births)
    assert pairs == [(0, 0)]
