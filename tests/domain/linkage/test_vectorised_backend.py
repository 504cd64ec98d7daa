"""The vectorised backend: blocking, levels, EM, one-to-one, clustering, and agreement
with the pure-Python path."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from tests.domain.linkage.synthetic import lists
from wayhome.domain.linkage import LinkageDataError, Record, link
from wayhome.domain.linkage.table import TableModel, load_table_model, parse_table_model
from wayhome.domain.linkage.vector import (
    BlockingRule,
    IntArray,
    Prepared,
    block,
    compare,
    connected_components,
    constrained_clusters,
    Parameters,
    anchor_m,
    anchor_own_m,
    estimate,
    one_to_one,
    prepare,
    row_keys,
    run,
)


def _records(rows: list[dict[str, str]], prefix: str) -> list[Record]:
    return [Record(f"{prefix}{k}", r["name"], r["sex"], r["birth"], r["nationality"])
            for k, r in enumerate(rows)]


def _level_of(column: str, a: str, b: str) -> str:
    model = load_table_model("registry")
    cols = ("name", "sex", "birth", "nationality")
    left = {c: ["Somchai Jaidee" if c == "name" else ""] for c in cols}
    right = {c: ["Somchai Jaidee" if c == "name" else ""] for c in cols}
    left[column], right[column] = [a], [b]
    prep = prepare(left, right, model.columns)
    levels = compare(prep, model, np.array([0]), np.array([1]))
    c = [comp.column for comp in model.comparisons].index(column)
    return model.comparisons[c].levels[int(levels[0, c])].id


def test_vectorised_link_equals_the_python_link_record_for_record() -> None:
    left, right, _ = lists(300, seed=11)
    a = link(_records(left, "L"), _records(right, "R"), backend="python")
    b = link(_records(left, "L"), _records(right, "R"), backend="vectorised")
    assert a.pairs_compared == b.pairs_compared
    assert a.matches and a.matches == b.matches
    assert a.review == b.review


def test_cross_script_pair_meets_in_a_block_and_matches() -> None:
    left = [Record("a", "สมหญิง ใจดี", "F", "1990-04-02", "THA"),
            Record("b", "Nguyễn Văn Hùng", "M", "1985-03-01", "VNM")]
    right = [Record("x", "Hung Nguyen", "M", "1985-03-01", "VNM"),
             Record("y", "Somying Jaidee", "F", "1990-04-02", "THA")]
    result = link(left, right, backend="vectorised")
    pairs = {(m.left_id, m.right_id) for m in result.matches + result.review}
    assert ("a", "y") in pairs and ("b", "x") in pairs


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend"):
        link([], [], backend="gpu")


@pytest.mark.parametrize(("a", "b", "level"), [
    ("1990-04-02", "1990-02-04", "swap"),
    ("1990-04-02", "1990-04-02", "exact"),
    ("1990-04-02", "1990-04-19", "year_month"),
    ("1990-04-02", "1991-07-20", "year1"),
    ("1990", "1990-04-02", "partial0"),
    ("1990-04-02", "1990-11-30", "year0"),
    ("1990-04-02", "1991-04-02", "day_month"),
    ("1987-04-02", "1990-04-02", "year3"),
    ("", "1990-04-02", "missing"),
    ("1950-01-01", "1990-04-02", "else"),
])
def test_birth_levels(a: str, b: str, level: str) -> None:
    assert _level_of("birth", a, b) == level


def test_name_levels_cross_script_and_order() -> None:
    assert _level_of("name", "Nguyen Van Hung", "nguyễn văn hùng") == "exact"
    assert _level_of("name", "Hung Nguyen Van", "Nguyen Van Hung") == "exact"
    assert _level_of("name", "Somchai Jaidee", "Bounmy Phonsavanh") == "else"


def test_one_to_one_uses_each_record_once_best_first() -> None:
    i = np.array([0, 0, 1, 1])
    j = np.array([5, 6, 5, 6])
    w = np.array([3.0, 2.0, 9.0, 1.0])
    keep = one_to_one(i, j, w)
    chosen = {(int(a), int(b)) for a, b, k in zip(i, j, keep, strict=True) if k}
    assert chosen == {(1, 5), (0, 6)}


def test_connected_components_are_transitive() -> None:
    comp = connected_components(5, np.array([0, 1]), np.array([1, 2]))
    assert comp[0] == comp[1] == comp[2]
    assert len({int(comp[0]), int(comp[3]), int(comp[4])}) == 3


def test_constrained_clusters_split_a_chain_the_engine_saw_as_two_people() -> None:
    # 0-1 strong, 1-2 weakly above 0.5, 0-2 compared and judged different (0.001).
    i, j = np.array([0, 1, 0]), np.array([1, 2, 2])
    p = np.array([0.9999, 0.6, 0.001])
    plain = connected_components(3, i[p >= 0.5], j[p >= 0.5])
    assert plain[0] == plain[2]
    comp = constrained_clusters(3, i, j, p)
    assert comp[0] == comp[1] and comp[2] != comp[0]


def test_em_recovers_m_and_u_of_a_known_mixture() -> None:
    model = parse_table_model({
        "blocking": [{"keys": ["a"]}],
        "comparisons": [
            {"column": c, "kind": "exact", "levels": [
                {"test": "missing"}, {"test": "exact"}, {"test": "else"}]}
            for c in ("a", "b", "c", "d")],
    })
    rng = np.random.default_rng(0)
    n, share = 40_000, 0.2
    match = rng.random(n) < share
    levels = np.empty((n, 4), dtype=np.int8)
    m_agree, u_agree = [0.95, 0.9, 0.85, 0.9], [0.1, 0.05, 0.2, 0.3]
    for c in range(4):
        p = np.where(match, m_agree[c], u_agree[c])
        levels[:, c] = np.where(rng.random(n) < p, 1, 2)
    params = estimate(model, levels)
    assert params.prior == pytest.approx(share, abs=0.02)
    for c in range(4):
        assert params.m[c][1] == pytest.approx(m_agree[c], abs=0.03)
        assert params.u[c][1] == pytest.approx(u_agree[c], abs=0.03)


def test_block_skips_oversized_blocks_but_keeps_small_ones() -> None:
    left = {"k": ["a", "a", "a", "b"]}
    right = {"k": ["a", "b"]}
    prep = prepare(left, right, frozenset({"k"}))
    i, j = block(prep, [BlockingRule(("k",), max_side=2)])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(3, 5)]
    i, j = block(prep, [BlockingRule(("k",))])
    assert len(i) == 4


def test_row_keys_agree_with_the_vectorised_keys() -> None:
    rule = BlockingRule(("name.tokens", "birth.year"))
    assert row_keys(rule, {"name": "Nguyễn Văn Hùng", "birth": "1990-01-02"}) == {
        ("nguyen", "1990"), ("van", "1990"), ("hung", "1990")}
    assert row_keys(rule, {"name": "Hung", "birth": ""}) == set()


def test_dedupe_run_clusters_the_same_people() -> None:
    left, right, truth = lists(150, seed=9)
    rows = left + right
    cols = {c: [r[c] for r in rows] for c in ("name", "sex", "birth", "nationality")}
    result = run(load_table_model("registry"), cols)
    comp = result.constrained_clusters(0.5)
    together = sum(1 for a, b in truth if comp[a] == comp[len(left) + b])
    assert together > 0.8 * len(truth)
    assert len(set(comp.tolist())) > len(rows) // 2  # no giant merged cluster


def test_bad_model_file_is_refused_with_the_place() -> None:
    with pytest.raises(LinkageDataError, match=r"comparisons\[0\].levels\[0\]"):
        parse_table_model({"blocking": [{"keys": ["a"]}], "comparisons": [
            {"column": "a", "kind": "exact", "levels": [{"test": "jw"}, {"test": "else"}]}]})
    with pytest.raises(LinkageDataError, match="last level"):
        parse_table_model({"blocking": [{"keys": ["a"]}], "comparisons": [
            {"column": "a", "kind": "exact", "levels": [{"test": "exact"}]}]})


@pytest.mark.parametrize("expr", ["name.tokenpair", "birth.prefix", "birth.prefix0", ".key"])
def test_a_misspelt_blocking_key_expression_is_refused(expr: str) -> None:
    # an unknown operation used to block on the whole raw value without a word
    with pytest.raises(LinkageDataError, match=r"blocking\[0\].keys: key expression"):
        parse_table_model({"blocking": [{"keys": [expr]}], "comparisons": [
            {"column": "a", "kind": "exact", "levels": [{"test": "exact"}, {"test": "else"}]}]})


def _with_name_tf(tf: str, levels: tuple[str, ...] = ()) -> TableModel:
    """The registry model with its name comparison's term frequencies set to ``tf``."""
    from dataclasses import replace

    model = load_table_model("registry")
    comps = tuple(replace(c, tf=tf, tf_levels=levels) if c.column == "name" else c
                  for c in model.comparisons)
    return replace(model, comparisons=comps)


def test_agreeing_on_a_rare_name_weighs_more_than_on_a_common_one() -> None:
    from wayhome.domain.linkage.vector import Parameters, term_frequency_adjustment

    model = _with_name_tf("value")
    names = ["Nguyen Van Hung"] * 6 + ["Xaysana Inthavong", "Xaysana Inthavong"]
    cols = {"name": names, "sex": [""] * 8, "birth": [""] * 8, "nationality": [""] * 8}
    prep = prepare(cols, None, model.columns)
    i, j = np.array([0, 6]), np.array([1, 7])
    levels = compare(prep, model, i, j)
    params = Parameters(tuple((0.5,) * len(c.levels) for c in model.comparisons),
                        tuple((0.01,) * len(c.levels) for c in model.comparisons), 0.01)
    adjust = term_frequency_adjustment(prep, model, params, i, j, levels)
    assert adjust[1] > adjust[0]


def test_scoring_names_in_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from wayhome.domain.linkage import vector

    left, right, _ = lists(120, seed=4)
    cols = [{c: [r[c] for r in rows] for c in ("name", "sex", "birth", "nationality")}
            for rows in (left, right)]
    model = load_table_model("registry")
    whole = run(model, *cols)
    monkeypatch.setattr(vector, "NAME_CHUNK", 7)
    chunked = run(model, *cols, params=whole.params)
    assert (whole.levels == chunked.levels).all()
    assert np.allclose(whole.weight, chunked.weight)


def test_monthday_key_pairs_a_slipped_year_but_not_a_year_only_date() -> None:
    rule = BlockingRule(("birth.monthday",))
    assert row_keys(rule, {"birth": "1990-01-02"}) == {("01-02",)}
    assert row_keys(rule, {"birth": "1990"}) == set()
    prep = prepare({"birth": ["1990-01-02", "1990"]}, {"birth": ["1991-01-02", "1990-05-06"]},
                   frozenset({"birth"}))
    i, j = block(prep, [rule])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2)]


def test_anyorder_key_pairs_a_date_with_day_and_month_swapped() -> None:
    rule = BlockingRule(("birth.anyorder",))
    assert row_keys(rule, {"birth": "1984-12-04"}) == row_keys(rule, {"birth": "1984-04-12"})
    assert row_keys(rule, {"birth": "1984-04"}) == set()
    prep = prepare({"birth": ["1984-04-12", "1984"]},
                   {"birth": ["1984-12-04", "1985-04-12", "1984-04-12"]}, frozenset({"birth"}))
    i, j = block(prep, [rule])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2), (0, 4)]


def test_table_and_row_keys_agree_for_every_plain_key_operation() -> None:
    # the vectorised run and the Spark job (row by row) must block alike
    from wayhome.domain.linkage.vector import _expression_values

    births = ["1984-12-04", "1984", "1984-04", " 1990-01-02 ", "", "unknown"]
    prep = prepare({"birth": births}, None, frozenset({"birth"}))
    for op in ("", ".year", ".monthday", ".anyorder", ".prefix7"):
        rule = BlockingRule((f"birth{op}",))
        table = _expression_values(prep, f"birth{op}")
        assert [{(k,) for k in keys} for keys in table] == \
            [row_keys(rule, {"birth": b}) for b in births], op


def _anchor_data(model_name: str) -> tuple[TableModel, Prepared, Parameters, IntArray,
                                          IntArray, Any]:
    """200 people with names no one else has, the same on both lists; 20 of the pairs have
    an unrelated birth date on the right (as if the report were wrong)."""
    given = ["Arin", "Boon", "Chai", "Dara", "Ekk", "Fon", "Kanok", "Lamai", "Mali", "Nok"]
    family = ["Jaidee", "Suksan", "Rattana", "Wongsa", "Thongdee", "Srisuk", "Kaewmanee",
              "Boonmee", "Chaiyo", "Phrom", "Sangkhla", "Intara", "Petch", "Rungrot",
              "Sombat", "Thanom", "Udom", "Wichit", "Yodsiri", "Khamphai"]
    names = [f"{g} {f}" for g in given for f in family]
    births = [f"{1960 + k % 40}-{1 + k % 12:02d}-{1 + k % 28:02d}" for k in range(len(names))]
    right_births = [b if k % 10 else f"{2008 - k % 40}-{12 - k % 12:02d}-15"
                    for k, b in enumerate(births)]
    left = {"name": names, "sex": ["F"] * len(names), "birth": births,
            "nationality": ["THA"] * len(names)}
    right = {"name": names, "sex": ["F"] * len(names), "birth": right_births,
             "nationality": ["THA"] * len(names)}
    model = load_table_model(model_name)
    prep = prepare(left, right, model.columns)
    n = len(names)
    i, j = np.arange(n, dtype=np.int64), np.arange(n, 2 * n, dtype=np.int64)
    levels = compare(prep, model, i, j)
    flat = Parameters(tuple(tuple(1.0 / len(c.levels) for _ in c.levels)
                            for c in model.comparisons),
                      tuple(tuple(1.0 / len(c.levels) for _ in c.levels)
                            for c in model.comparisons), 1e-4, 1)
    return model, prep, flat, i, j, levels


def test_anchor_pairs_teach_how_often_a_true_match_disagrees_on_birth() -> None:
    model, prep, flat, i, j, levels = _anchor_data("registry")
    params = anchor_m(prep, model, flat, i, j, levels)
    birth = [c.column for c in model.comparisons].index("birth")
    ids = [lv.id for lv in model.comparisons[birth].levels]
    m = dict(zip(ids, params.m[birth], strict=True))
    assert m["exact"] > 0.85
    assert m["else"] < 0.15
    name = [c.column for c in model.comparisons].index("name")
    assert params.m[name] == flat.m[name]


def test_without_an_anchor_comparison_m_stays_as_given() -> None:
    model, prep, flat, i, j, levels = _anchor_data("registry")
    plain = parse_table_model({
        "blocking": [{"keys": ["name.key"]}],
        "comparisons": [{"column": c.column, "kind": c.kind,
                         "levels": [{"id": lv.id, "test": lv.test, "min": lv.min,
                                     "max": lv.max} for lv in c.levels]}
                        for c in model.comparisons]})
    assert anchor_m(prep, plain, flat, i, j, levels) == flat


def _levels(model: TableModel, rows: list[tuple[int, dict[str, str]]]) -> Any:
    """Comparison vectors from (count, {column: level id}); columns not given are missing."""
    out = []
    for count, given in rows:
        row = [next(k for k, lv in enumerate(c.levels) if (lv.id or lv.test) ==
                    given.get(c.column, "missing")) for c in model.comparisons]
        out += [row] * count
    return np.asarray(out, dtype=np.int8)


def _birth_sex_session(model: TableModel, pairs: Any) -> list[Any]:
    """Rule members: every pair in the rule blocked on birth date and sex, none elsewhere."""
    return [np.full(len(pairs), tuple(r.keys) == ("birth", "sex")) for r in model.blocking]


def _random_pairs(model: TableModel, alike_same_sex: int) -> Any:
    """200,000 random pairs, half of the same sex; ``alike_same_sex`` of those have "sim75"
    names, no pair of opposite sexes has."""
    return _levels(model, [(100_000 - alike_same_sex, {"name": "else", "sex": "exact"}),
                           (alike_same_sex, {"name": "sim75", "sex": "exact"}),
                           (100_000, {"name": "else", "sex": "else"})])


def _comparison_and_level(model: TableModel, column: str, level: str) -> tuple[int, int]:
    c = [comp.column for comp in model.comparisons].index(column)
    return c, [lv.id or lv.test for lv in model.comparisons[c].levels].index(level)


def test_a_weak_name_level_gets_the_m_true_matches_show_not_that_of_compatriots() -> None:
    # Blocked on birth date and sex: 1,000 true matches (1 % with a weak "sim75" name) and
    # 20,000 strangers, 0.5 % of them "sim75" as among random pairs of the same sex, but
    # all of those share a nationality (compatriots have alike names). EM over name and
    # nationality together takes them for matches; the name alone against the random
    # pairs' u does not.
    model = load_table_model("registry")
    agree = {"birth": "exact", "sex": "exact"}
    pairs = _levels(model, [
        (990, {**agree, "name": "exact", "nationality": "exact"}),
        (10, {**agree, "name": "sim75", "nationality": "exact"}),
        (100, {**agree, "name": "sim75", "nationality": "exact"}),
        (3900, {**agree, "name": "else", "nationality": "exact"}),
        (16000, {**agree, "name": "else", "nationality": "else"})])
    rand = _random_pairs(model, 500)
    members = _birth_sex_session(model, pairs)
    name, sim75 = _comparison_and_level(model, "name", "sim75")
    blocked = frozenset(_comparison_and_level(model, c, "exact")[0] for c in ("birth", "sex"))
    session = estimate(model, pairs, exclude=blocked,
                       initial_u=[np.full(len(c.levels), 1 / len(c.levels))
                                  for c in model.comparisons])
    assert session.m[name][sim75] > 0.05
    flat = Parameters(session.m, session.u, 1e-4, 1)
    m = anchor_own_m(model, flat, pairs, members, rand, min_pairs=10).m[name]
    assert m[sim75] == pytest.approx(0.01, abs=0.005)
    # The name alone cannot tell how many of the "else" pairs are matches: the fewest
    # that fit (none) are taken, not a share that grows with the number of strangers.
    assert m[_comparison_and_level(model, "name", "else")[1]] < 0.005
    assert m[_comparison_and_level(model, "name", "exact")[1]] == pytest.approx(0.99, abs=0.01)


def test_the_name_u_is_read_off_random_pairs_of_the_same_sex_when_blocked_on_sex() -> None:
    # Only same-sex strangers have alike names (1 %); over all random pairs it is 0.5 %.
    model = load_table_model("registry")
    agree = {"birth": "exact", "sex": "exact"}
    pairs = _levels(model, [(1000, {**agree, "name": "exact"}),
                            (200, {**agree, "name": "sim75"}),
                            (19800, {**agree, "name": "else"})])
    rand = _random_pairs(model, 1000)
    members = _birth_sex_session(model, pairs)
    name, sim75 = _comparison_and_level(model, "name", "sim75")
    even = tuple(tuple(1 / len(c.levels) for _ in c.levels) for c in model.comparisons)
    flat = Parameters(even, even, 1e-4, 1)
    same_sex = anchor_own_m(model, flat, pairs, members, rand, min_pairs=10)
    assert same_sex.m[name][sim75] < 0.01
    everyone = anchor_own_m(model, flat, pairs, members, rand, min_pairs=10,
                            min_random=150_000)
    assert everyone.m[name][sim75] > 0.05


def test_only_a_name_comparison_may_anchor() -> None:
    with pytest.raises(LinkageDataError, match="anchor"):
        parse_table_model({"blocking": [{"keys": ["sex"]}], "comparisons": [
            {"column": "sex", "kind": "exact", "anchor": True,
             "levels": [{"test": "exact"}, {"test": "else"}]}]})


def test_sorted_key_meets_the_same_name_in_any_script_and_order_only() -> None:
    rule = BlockingRule(("name.sorted",))
    assert ("hung nguyen van",) in row_keys(rule, {"name": "Hung Nguyen Van"})
    assert row_keys(rule, {"name": "Nguyễn Văn Hùng"}) & row_keys(rule, {"name": "HUNG NGUYEN VAN"})
    assert not row_keys(rule, {"name": "Nguyễn Văn Hùng"}) & row_keys(rule, {"name": "Nguyễn Văn Hải"})
    prep = prepare({"name": ["Nguyễn Văn Hùng", "Trần Thị Lan"]},
                   {"name": ["Hung Nguyen Van", "Lan Tran"]}, frozenset({"name"}))
    i, j = block(prep, [rule])
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 2)]


def test_m_floor_keeps_a_disagreement_from_vetoing_a_match() -> None:
    from wayhome.domain.linkage.vector import floor_m

    model = load_table_model("registry")
    assert model.m_floor == 0.001
    sex = [c.column for c in model.comparisons].index("sex")
    m = [list(c) for c in (tuple(1.0 / len(c.levels) for _ in c.levels)
                           for c in model.comparisons)]
    m[sex] = [1.0, 1.0, 0.0]  # missing, exact, else: "true matches never disagree"
    params = Parameters(tuple(tuple(x) for x in m), tuple(tuple(x) for x in m), 1e-4, 1)
    floored = floor_m(model, params)
    missing, exact, other = floored.m[sex]
    assert missing == 1.0  # no evidence either way, untouched
    assert other == pytest.approx(0.001, rel=0.01)
    assert exact + other == pytest.approx(1.0)
    no_floor = parse_table_model({
        "blocking": [{"keys": ["name.key"]}],
        "comparisons": [{"column": c.column, "kind": c.kind,
                         "levels": [{"id": lv.id, "test": lv.test, "min": lv.min,
                                     "max": lv.max} for lv in c.levels]}
                        for c in model.comparisons]})
    assert floor_m(no_floor, params) == params


def test_m_floor_out_of_range_is_refused() -> None:
    with pytest.raises(LinkageDataError, match="m_floor"):
        parse_table_model({"model": {"m_floor": 0.5}, "blocking": [{"keys": ["name"]}],
                           "comparisons": [{"column": "name", "kind": "exact",
                                            "levels": [{"test": "else"}]}]})


def test_token_agreement_is_the_worst_matched_token_of_the_shorter_name() -> None:
    from wayhome.domain.linkage.vector import _token_agreement

    got = _token_agreement(["nguyen thi huy", "nkuyen van hung", "hung", "a b"],
                           ["nguyen thi thu", "nguyen van hung", "nguyen van hung", "b a"])
    assert got[0] == pytest.approx(0.667, abs=0.01)  # huy / thu: the given name differs
    assert got[1] == 0.9  # a typo in the family name
    assert got[2] == 1.0 and got[3] == 1.0  # a given name alone; order ignored


def test_names_sharing_all_but_the_given_name_fall_below_the_token_levels() -> None:
    assert _level_of("name", "Nguyễn Thị Huy", "Nguyen Thi Thu") == "sim88"
    # a typo: the name scores 0.93 and every token is still matched at 0.9 or better
    assert _level_of("name", "Nguyễn Văn Hùng", "Nkuyen Van Hung") == "sim88_tokens"


def test_a_given_name_alone_has_its_own_level_and_a_different_one_does_not() -> None:
    assert _level_of("name", "Son", "Trần Thị Mai Sơn") == "part"
    assert _level_of("name", "Kitti", "กิตติ มงคลสวัสดิ์") == "part"
    assert _level_of("name", "Dung", "Trần Thị Mai Sơn") not in {"part", "exact"}


def test_token_agreement_of_0_9_reaches_a_0_9_level() -> None:
    from wayhome.domain.linkage.vector import _token_agreement

    # Jaro-Winkler("nkuyen", "nguyen") is 0.9: in float32 it was 0.89999998
    assert _token_agreement(["nguyen van hung"], ["nkuyen van hung"])[0] >= 0.9


def test_min_tokens_only_on_a_name_similarity_level() -> None:
    with pytest.raises(LinkageDataError, match="min_tokens"):
        parse_table_model({"blocking": [{"keys": ["name"]}], "comparisons": [
            {"column": "name", "kind": "string",
             "levels": [{"test": "jw", "min": 0.9, "min_tokens": 0.8}, {"test": "else"}]}]})


def test_comparing_in_chunks_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import wayhome.domain.linkage.vector as vector

    left, right, _ = lists(150)
    model = load_table_model("registry")
    cols = ("name", "sex", "birth", "nationality")
    prep = prepare({c: [r[c] for r in left] for c in cols},
                   {c: [r[c] for r in right] for c in cols}, model.columns)
    i, j = block(prep, model.blocking)
    whole = compare(prep, model, i, j)
    monkeypatch.setattr(vector, "COMPARE_CHUNK", 7)
    assert len(i) > 7 * 3
    assert np.array_equal(compare(prep, model, i, j), whole)


def test_competing_candidates_share_the_probability_a_lone_pair_keeps() -> None:
    from wayhome.domain.linkage.vector import competing_probability

    # report 0 has one candidate (odds 3: probability 0.75 alone); report 1 has two
    # equally good ones (odds 3 each); registered 5 is also a weak candidate of report 2.
    i = np.array([0, 1, 1, 2])
    j = np.array([3, 4, 5, 5])
    total = np.log2(np.array([3.0, 3.0, 3.0, 1e-9]))
    p = competing_probability(i, j, total)
    assert p[0] == pytest.approx(0.75)
    assert p[1] == pytest.approx(3 / 7) and p[2] == pytest.approx(3 / 7, rel=1e-6)
    assert p[3] < 1e-9


def test_a_rival_with_a_much_likelier_pair_of_its_own_hardly_takes_a_share() -> None:
    from wayhome.domain.linkage.vector import competing_probability

    # registered 10 is a candidate of reports 0 and 1 (odds 3 each); report 1 also fits
    # registered 11 (odds 1000), so it is almost surely 11, and 10 is left to report 0.
    i = np.array([0, 1, 1])
    j = np.array([10, 10, 11])
    p = competing_probability(i, j, np.log2(np.array([3.0, 3.0, 1000.0])))
    assert p[0] > 0.74  # 0.75 alone
    assert p[1] < 0.003 and p[2] > 0.99
    # the exact marginals (enumerate the one-to-one assignments): no cycle, so equal
    weights = {(): 1.0, ((0, 10),): 3.0, ((1, 10),): 3.0, ((1, 11),): 1000.0,
               ((0, 10), (1, 11)): 3000.0}
    z = sum(weights.values())
    assert p[0] == pytest.approx((3.0 + 3000.0) / z)
    assert p[2] == pytest.approx((1000.0 + 3000.0) / z)


def test_registry_model_lowers_the_probability_of_pairs_with_rivals() -> None:
    model = load_table_model("registry")
    assert model.competing
    left, right, truth = lists(200)
    cols = ("name", "sex", "birth", "nationality")
    result = run(model, {c: [r[c] for r in left] for c in cols},
                 {c: [r[c] for r in right] for c in cols})
    alone = 1.0 / (1.0 + np.exp2(-result.weight))
    assert np.any(result.probability < alone - 0.1)  # some pairs had rivals
    assert np.any(result.probability > 0.99)  # a pair with no rival keeps its own


def test_a_block_of_pairs_without_usable_names_is_compared_without_error() -> None:
    model = load_table_model("registry")
    cols = ("name", "sex", "birth", "nationality")
    left = {"name": ["-"], "sex": ["F"], "birth": ["1990-01-02"], "nationality": ["THA"]}
    right = {"name": ["-"], "sex": ["F"], "birth": ["1990-01-02"], "nationality": ["THA"]}
    prep = prepare(left, right, model.columns)
    levels = compare(prep, model, np.array([0]), np.array([1]))
    name = [c for c in cols].index("name")
    assert model.comparisons[name].levels[int(levels[0, name])].id == "missing"


def _neighbour_adjustment(left: list[str], right: list[str] | None,
                          pairs: list[tuple[int, int]]) -> Any:
    from wayhome.domain.linkage.vector import term_frequency_adjustment

    model = load_table_model("registry")
    assert model.comparisons[0].tf == "neighbours"

    def cols(names: list[str]) -> dict[str, list[str]]:
        return {"name": names, "sex": [""] * len(names), "birth": [""] * len(names),
                "nationality": [""] * len(names)}

    prep = prepare(cols(left), None if right is None else cols(right), model.columns)
    i = np.asarray([a for a, _ in pairs])
    j = np.asarray([b for _, b in pairs])
    levels = compare(prep, model, i, j)
    params = Parameters(tuple((0.5,) * len(c.levels) for c in model.comparisons),
                        tuple((1e-4,) * len(c.levels) for c in model.comparisons), 0.01)
    return levels, term_frequency_adjustment(prep, model, params, i, j, levels)


def test_a_name_with_no_close_rival_among_the_candidates_weighs_more() -> None:
    # linking: the report "Nguyen Van Hung" has five namesakes on the register, the report
    # "Xaysana Inthavong" one; the same level, but the crowded name gets less
    left = ["Nguyen Van Hung", "Xaysana Inthavong", "Bounmy Keo", "Noy Sisavath"]
    right = ["Nguyen Van Hung"] * 5 + ["Xaysana Inthavong", "Vilay Phommachanh", "Kham Douangdy"]
    pairs = [(0, 4 + k) for k in range(5)] + [(1, 9)]
    levels, adjust = _neighbour_adjustment(left, right, pairs)
    assert len(set(levels[:, 0].tolist())) == 1
    assert adjust[5] > adjust[0] + 1
    assert np.allclose(adjust[:5], adjust[0])


def test_a_namesake_on_the_other_side_counts_as_a_rival_of_the_pair() -> None:
    # the register's "Xaysana Inthavong" resembles two reports: both pairs lose weight
    left = ["Xaysana Inthavong", "Xaysana Inthavong", "Bounmy Keo"]
    right = ["Xaysana Inthavong", "Noy Sisavath", "Kham Douangdy"]
    _, shared = _neighbour_adjustment(left, right, [(0, 3), (1, 3)])
    _, alone = _neighbour_adjustment(left, right, [(0, 3)])
    assert shared[0] < alone[0]


def test_deduplicating_counts_rivals_on_both_ends_of_a_pair() -> None:
    # (most records resemble nobody: the spread of the counts is what says that four
    # close names are a crowd)
    names = ["Nguyen Van Hung"] * 4 + ["Xaysana Inthavong"] * 2 + [
        "Bounmy Keo", "Noy Sisavath", "Kham Douangdy", "Somchai Jaidee", "Mya Mya Win",
        "Chea Bopha"]
    pairs = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (4, 5)]
    _, adjust = _neighbour_adjustment(names, None, pairs)
    assert adjust[6] > adjust[0]


def test_levels_outside_tf_levels_are_not_adjusted() -> None:
    left = ["Xaysana Inthavong", "Bounmy Keo"]
    right = ["Somchai Jaidee", "Noy Sisavath"]
    levels, adjust = _neighbour_adjustment(left, right, [(0, 2)])
    model = load_table_model("registry")
    level_id = model.comparisons[0].levels[int(levels[0, 0])].id
    assert level_id not in model.comparisons[0].tf_levels
    assert adjust[0] == 0.0


@pytest.mark.parametrize(("comparison", "message"), [
    ({"tf": "neighbours"}, "tf_levels"),
    ({"tf": "neighbours", "tf_levels": ["nope"]}, "tf_levels"),
    ({"tf": "neighbours", "tf_levels": ["else"]}, "tf_levels"),
    ({"tf": True, "tf_levels": ["exact"]}, "tf_levels"),
    ({"tf": "sometimes"}, r"\.tf:"),
])
def test_bad_term_frequency_settings_are_refused(comparison: dict[str, Any],
                                                 message: str) -> None:
    raw = {"column": "name", "kind": "name",
           "levels": [{"test": "exact"}, {"test": "else"}], **comparison}
    with pytest.raises(LinkageDataError, match=message):
        parse_table_model({"blocking": [{"keys": ["name"]}], "comparisons": [raw]})


def test_term_frequencies_only_on_names() -> None:
    raw = {"column": "sex", "kind": "exact", "tf": True,
           "levels": [{"test": "exact"}, {"test": "else"}]}
    with pytest.raises(LinkageDataError, match="only a name comparison"):
        parse_table_model({"blocking": [{"keys": ["sex"]}], "comparisons": [raw]})


def _partial_rule_pairs(left_births: list[str], right_births: list[str] | None) -> set[
        tuple[int, int]]:
    rule = BlockingRule(("name.tokens", "birth.year"), 0, "birth")

    def cols(births: list[str]) -> dict[str, list[str]]:
        return {"name": ["Somchai Jaidee"] * len(births), "birth": births}

    prep = prepare(cols(left_births), None if right_births is None else cols(right_births),
                   frozenset({"name", "birth"}))
    i, j = block(prep, [rule])
    return set(zip(i.tolist(), j.tolist(), strict=True))


def test_a_partial_date_rule_pairs_only_where_a_record_gives_no_full_date() -> None:
    # left: 0 "about 1990", 1 a full date; right: 2 a full date, 3 "1990", 4 "1990-05"
    got = _partial_rule_pairs(["1990", "1990-01-01"], ["1990-02-02", "1990", "1990-05"])
    assert got == {(0, 2), (0, 3), (0, 4), (1, 3), (1, 4)}  # not (1, 2): two full dates


def test_a_partial_date_rule_deduplicating_skips_pairs_of_two_full_dates() -> None:
    got = _partial_rule_pairs(["1990", "1990-01-01", "1990-02-02", ""], None)
    assert got == {(0, 1), (0, 2)}
    plain = BlockingRule(("name.tokens", "birth.year"))
    prep = prepare({"name": ["Somchai Jaidee"] * 3, "birth": ["1990", "1990-01-01",
                                                              "1990-02-02"]}, None,
                   frozenset({"name", "birth"}))
    i, j = block(prep, [plain])
    assert set(zip(i.tolist(), j.tolist(), strict=True)) == {(0, 1), (0, 2), (1, 2)}


def test_a_partial_option_must_name_a_column() -> None:
    with pytest.raises(LinkageDataError, match=r"blocking\[0\].partial"):
        parse_table_model({"blocking": [{"keys": ["name"], "partial": True}],
                           "comparisons": [{"column": "name", "kind": "exact", "levels": [
                               {"test": "exact"}, {"test": "else"}]}]})


def test_one_typing_slip_in_a_short_name_has_its_own_level() -> None:
    # "Nank Moe" / "Nang Moe" score 0.875, under sim88: one letter replaced (2 edits)
    assert _level_of("name", "Nank Moe", "Nang Moe") == "typo"
    # two different names well apart are not a typo
    assert _level_of("name", "Nang Moe", "Nay Ni Moe") != "typo"


def test_edits_count_insertions_and_deletions_between_the_spellings_run_together() -> None:
    from wayhome.domain.linkage.vector import FlatNames, NameColumn, _name_features_chunk
    from wayhome.domain.names import normalise

    names = [normalise(n) for n in ("Nang Moe", "Nank Moe", "Nangg Moe", "Ngan Moe")]
    nc = NameColumn(np.arange(4), [n.variants for n in names], [n.keys for n in names],
                    [n.token_keys for n in names])
    assert FlatNames.of(nc).joined_len[0] == len("nangmoe")
    pa, pb = np.zeros(3, dtype=np.int64), np.arange(1, 4)
    edits = _name_features_chunk(nc, pa, pb, {"edits"})["edits"]
    assert edits.tolist() == [2.0, 1.0, 2.0]  # replaced, doubled, swapped


def test_phonetic_level_and_block_meet_everyday_romanisations_only() -> None:
    model = parse_table_model({
        "blocking": [{"keys": ["name.phonetic"]}],
        "comparisons": [{"column": "name", "kind": "name", "levels": [
            {"test": "missing"}, {"test": "exact"}, {"test": "phonetic"},
            {"test": "else"}]}],
    })
    left = {"name": ["Wai Htoon Kyaw", "Nguyễn Thị Lan", "สมหญิง ใจดี"]}
    right = {"name": ["Kyaw Wai Htun", "Nguyen Thi Linh", "Somying Jaidee"]}
    prep = prepare(left, right, model.columns)
    i, j = block(prep, model.blocking)
    assert sorted(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 3), (2, 5)]
    levels = compare(prep, model, np.array([0, 1, 2]), np.array([3, 4, 5]))
    # (RTGS writes ใจดี "chaidi", the family "Jaidee": the same name, spelt otherwise)
    assert [model.comparisons[0].levels[k].test for k in levels[:, 0]] == [
        "phonetic", "else", "phonetic"]
    # the record-by-record key builder gives the same keys as the vectorised one
    keys = row_keys(model.blocking[0], {"name": "Kyaw Wai Htun"})
    assert keys & row_keys(model.blocking[0], {"name": "Wai Htoon Kyaw"})
    assert not keys & row_keys(model.blocking[0], {"name": "Nguyen Thi Linh"})
