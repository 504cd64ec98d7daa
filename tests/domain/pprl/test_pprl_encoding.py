"""Keyed Bloom-filter encoding: deterministic under a key, unrelated across keys, no names
in the output, filters neither empty nor full."""

from __future__ import annotations

import pytest

from wayhome.domain.linkage import Record
from wayhome.domain.names import normalise
from wayhome.domain.pprl import (
    Encoder,
    PprlError,
    default_params,
    dice,
    dumps,
    fill,
    key_check_value,
    loads,
    parse_key,
)

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
PEOPLE = [
    Record("a1", "สมหญิง ใจดี", "F", "1990-05-12", "THA"),
    Record("a2", "Nguyễn Văn Hùng", "M", "1988", "VNM"),
    Record("a3", "陳大文", "M", "1979-11-02", "CHN"),
    Record("a4", "အောင်ကျော်ဝင်း", "", "", "MMR"),
    Record("a5", "សុខា ចាន់", "F", "2001-03-04", ""),
]


def test_same_record_and_key_give_the_same_filters() -> None:
    a = Encoder(KEY, default_params()).encode(PEOPLE[0])
    b = Encoder(KEY, default_params()).encode(PEOPLE[0])
    assert a == b


def test_a_different_key_gives_unrelated_filters() -> None:
    a = Encoder(KEY, default_params()).encode(PEOPLE[0])
    b = Encoder(OTHER_KEY, default_params()).encode(PEOPLE[0])
    assert max(dice(x, y) for x in a.name for y in b.name) < 0.6
    assert not a.blocks & b.blocks


def test_spellings_of_one_name_have_similar_filters_and_other_names_do_not() -> None:
    enc = Encoder(KEY, default_params())
    thai, latin, other = (enc.encode(Record("x", n)) for n in ("สมหญิง", "Somyhing", "Kyaw"))
    assert max(dice(x, y) for x in thai.name for y in latin.name) >= 0.8
    assert max(dice(x, y) for x in thai.name for y in other.name) < 0.5


def test_no_name_or_variant_appears_in_the_encoded_file() -> None:
    enc = Encoder(KEY, default_params())
    text = dumps([enc.encode(p) for p in PEOPLE], default_params(), key_check_value(KEY))
    lowered = text.lower()
    for person in PEOPLE:
        assert person.name not in text
        for variant in normalise(person.name).variants:
            for token in variant.split():
                if len(token) >= 4:
                    assert token not in lowered, token
    assert KEY.hex() not in lowered


@pytest.mark.parametrize("xor_fold", [False, True])
def test_filters_are_neither_empty_nor_full(xor_fold: bool) -> None:
    params = default_params(xor_fold)
    enc = Encoder(KEY, params)
    for person in PEOPLE:
        rec = enc.encode(person)
        for f in rec.name:
            assert 0.15 <= fill(f, params.stored_bits("name")) <= 0.7
        if rec.birth_year is not None:
            assert 0.1 <= fill(rec.birth_year, params.stored_bits("birth_year")) <= 0.7


def test_birth_filters_tell_exact_swapped_and_near_years_apart() -> None:
    enc = Encoder(KEY, default_params())
    base = enc.encode(Record("x", "Somchai", birth="1990-05-12"))
    swapped = enc.encode(Record("x", "Somchai", birth="1990-12-05"))
    next_year = enc.encode(Record("x", "Somchai", birth="1991-05-12"))
    far = enc.encode(Record("x", "Somchai", birth="1970-05-12"))
    assert base.birth_year is not None and base.birth_md is not None
    assert swapped.birth_md is not None and next_year.birth_year is not None
    assert far.birth_year is not None
    assert 0.62 <= dice(base.birth_md, swapped.birth_md) < 0.9
    assert 0.62 <= dice(base.birth_year, next_year.birth_year) < 0.9
    assert dice(base.birth_year, far.birth_year) < 0.62


def test_encoded_file_round_trips() -> None:
    params = default_params()
    enc = Encoder(KEY, params)
    records = [enc.encode(p) for p in PEOPLE]
    parsed = loads(dumps(records, params, key_check_value(KEY)))
    assert parsed.params == params
    assert parsed.kcv == key_check_value(KEY)
    assert [r.id for r in parsed.records] == [p.id for p in PEOPLE]
    assert parsed.records[0] == records[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("00" * 16, "too short"),
        ("", "empty"),
        ("not a key at all!", "not hex or base64"),
        ("00" * 32, "entropy"),
    ],
)
def test_bad_keys_are_refused(content: str, message: str) -> None:
    with pytest.raises(PprlError, match=message):
        parse_key(content)


def test_hex_and_base64_keys_are_read_the_same() -> None:
    import base64

    assert parse_key(KEY.hex()) == parse_key(base64.b64encode(KEY).decode()) == KEY
    assert key_check_value(KEY) != key_check_value(OTHER_KEY)
