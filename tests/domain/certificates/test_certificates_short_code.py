"""Short codes: 12 Crockford base32 characters with a check character, easy to type."""

from __future__ import annotations

import re

import pytest

from wayhome.domain.certificates import ShortCodeError, parse_short_code, short_code

from certificate_helpers import make_token

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODES = [short_code(make_token(cert_id=f"C{n}")) for n in range(20)]


def test_short_code_looks_like_three_groups_of_four() -> None:
    for code in CODES:
        assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}",
                            code)
    assert len(set(CODES)) == len(CODES)


def test_typed_variants_read_back_to_the_same_code() -> None:
    for code in CODES:
        plain = code.replace("-", "")
        for typed in (code, plain, plain.lower(), f" {code[:4]} {code[5:9]} {code[10:]} "):
            assert parse_short_code(typed) == code


def test_every_single_mistyped_character_is_detected() -> None:
    for code in CODES:
        plain = code.replace("-", "")
        for i in range(len(plain)):
            for ch in CROCKFORD:
                if ch != plain[i]:
                    with pytest.raises(ShortCodeError, match="mistyped"):
                        parse_short_code(plain[:i] + ch + plain[i + 1 :])


def test_almost_every_swap_of_neighbouring_characters_is_detected() -> None:
    swaps = caught = 0
    for code in CODES:
        plain = code.replace("-", "")
        for i in range(len(plain) - 1):
            if plain[i] != plain[i + 1]:
                swaps += 1
                swapped = plain[:i] + plain[i + 1] + plain[i] + plain[i + 2 :]
                try:
                    parse_short_code(swapped)
                except ShortCodeError:
                    caught += 1
    assert caught >= swaps - 2  # Luhn mod 32 misses only the pair 0/V swapped


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ABC", "expected 12 letters and digits, got 3"),
        ("7K2M-9QXD-4F8AX", "expected 12 letters and digits, got 13"),
        ("UUUU-UUUU-UUUU", "not used in codes: U$"),
        ("7K2M*9QXD*4F8A", "not used in codes: \\*$"),
        ("7K2M/9QXD/4F8*", "not used in codes: \\*/$"),
        ("7K2M-9QXD-4F8ä", "use only the letters and digits"),
    ],
)
def test_bad_codes_are_refused_with_a_clear_message(typed: str, message: str) -> None:
    with pytest.raises(ShortCodeError, match=message) as info:
        parse_short_code(typed)
    assert isinstance(info.value, ValueError)
