"""normalise(), the phonetic keys, similarity(), bad input and determinism."""

from __future__ import annotations

import pytest

from wayhome.domain.names import (
    MAX_NAME_LENGTH,
    Name,
    NameInputError,
    name_key,
    normalise,
    similarity,
    skeleton,
    token_set_keys,
)


def test_normalise_keeps_the_original_and_folds_vietnamese() -> None:
    n = normalise("Nguyễn Văn Hùng")
    assert isinstance(n, Name)
    assert n.original == "Nguyễn Văn Hùng"
    assert n.tokens == ("Nguyễn", "Văn", "Hùng")
    assert n.variants == ("nguyen van hung",)
    assert "Vietnamese-Latin" in n.scripts


@pytest.mark.parametrize("spelling", ["Somying", "Somyhing", "Som Ying", "สมหญิง", "SOMYING"])
def test_thai_everyday_spellings_share_a_key(spelling: str) -> None:
    assert "smn" in normalise(spelling).keys


def test_vietnamese_name_in_either_order_shares_a_token_set_key() -> None:
    a, b = normalise("Nguyen Van Hung"), normalise("Hung Nguyen")
    assert set(a.token_keys) & set(b.token_keys)
    assert normalise("NGUYEN VAN HUNG").token_keys == normalise("Nguyễn Văn Hùng").token_keys


def test_skeleton_rules_merge_southeast_asian_spelling_pairs() -> None:
    assert skeleton("phon") == skeleton("pon")
    assert skeleton("thip") == skeleton("tip")
    assert skeleton("chai") == skeleton("jai")
    assert skeleton("kanya") == skeleton("ganya")
    assert skeleton("wanida") == skeleton("vanida")
    assert skeleton("winn") == skeleton("win")
    assert skeleton("htet") == skeleton("tet")
    assert skeleton("") == ""
    assert name_key("som ying") == name_key("somying")
    assert token_set_keys("nguyen van hung") == ("hn n wn", "hn n")


def test_similarity_matches_across_scripts_spellings_and_order() -> None:
    assert similarity("Nguyễn Văn Hùng", "NGUYEN VAN HUNG") == 1.0
    assert similarity("Nguyễn Văn Hùng", "Hung Nguyen") >= 0.85
    assert similarity("สมหญิง", "Somying") == 1.0
    assert similarity("สมหญิง", "Somyhing") >= 0.85
    assert similarity("Som Ying", "Somying") >= 0.85
    assert similarity("ေအာင္ေက်ာ္", "Aung Kyaw") == 1.0
    assert similarity("陳大文", "Chan Tai Man") == 1.0
    assert similarity("陳大文", "Chen Dawen") == 1.0


def test_similarity_is_low_for_different_people_and_symmetric() -> None:
    assert similarity("Somying", "Aung Kyaw") < 0.5
    assert similarity("Hung", "Nguyen Van Hung") < 0.85
    assert similarity("Mya Mya", "Somchai") == similarity("Somchai", "Mya Mya")
    score = similarity("Tran Thi Mai", "Nguyen Van Hung")
    assert 0.0 <= score < 0.6


def test_single_burmese_name_is_a_valid_name() -> None:
    n = normalise("ဇော်")
    assert n.variants == ("zaw", "jaw")
    assert n.tokens == ("ဇော်",)
    assert similarity("ဇော်", "Zaw") == 1.0


@pytest.mark.parametrize(
    "bad",
    ["", "   \t\n", "1234", "!!!", "ab\x00cd", "na\ufffdme", "x" * (MAX_NAME_LENGTH + 1)],
)
def test_bad_input_raises_a_clear_name_input_error(bad: str) -> None:
    with pytest.raises(NameInputError, match="^name: "):
        normalise(bad)


def test_bytes_are_refused_not_guessed() -> None:
    with pytest.raises(NameInputError, match="expected text"):
        normalise(b"Somying")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        similarity("", "Somying")


def test_longest_allowed_name_is_accepted_and_variants_are_capped() -> None:
    n = normalise(" ".join(["สมหญิง"] * 28))
    assert 1 <= len(n.variants) <= 32


@pytest.mark.parametrize(
    "name", ["Nguyễn Văn Hùng", "สมหญิง สุขใจ", "အောင်ကျော်ဝင်း", "陳大文", "សុខ ចាន់", "ေအာင္"]
)
def test_same_input_gives_same_variants_in_same_order(name: str) -> None:
    first = normalise(name)
    assert all(normalise(name) == first for _ in range(3))


def test_engine_works_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the names engine tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    for name in ["สมหญิง", "ေအာင္ေက်ာ္", "陳大文", "សុខ", "ສົມພອນ", "Nguyễn"]:
        assert normalise(name).variants
