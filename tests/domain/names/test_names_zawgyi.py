"""Zawgyi detection (myanmartools) and the rule-based Zawgyi -> Unicode converter."""

from __future__ import annotations

import pytest

from wayhome.domain.names import is_zawgyi, normalise, zawgyi_probability, zawgyi_to_unicode

# (Zawgyi, Unicode) spellings of common name syllables and a full name.
PAIRS = [
    ("ေအာင္", "အောင်"),  # Aung: E vowel typed before the consonant
    ("ေက်ာ္", "ကျော်"),  # Kyaw: medial YA, asat
    ("ျမင့္", "မြင့်"),  # Myint: medial RA typed first, creaky dot
    ("ထြန္း", "ထွန်း"),  # Htun: medial WA
    ("လွိဳင္", "လှိုင်"),  # Hlaing: medial HA, u vowel variant
    ("ဝင္း", "ဝင်း"),  # Win
    ("ေဇာ္", "ဇော်"),  # Zaw
    ("ၾကည္", "ကြည်"),  # Kyi: medial RA width variant
    ("ေအာင္ေက်ာ္ဝင္း", "အောင်ကျော်ဝင်း"),
]


@pytest.mark.parametrize(("zawgyi", "unicode"), PAIRS)
def test_zawgyi_names_convert_to_unicode(zawgyi: str, unicode: str) -> None:
    assert zawgyi_to_unicode(zawgyi) == unicode


def test_detector_tells_zawgyi_from_unicode() -> None:
    assert is_zawgyi("ေအာင္ေက်ာ္")
    assert not is_zawgyi("အောင်ကျော်")
    assert zawgyi_probability("Aung Kyaw") == 0.0


def test_zawgyi_and_unicode_spellings_normalise_to_the_same_variants() -> None:
    z, u = normalise("ေအာင္ေက်ာ္ဝင္း"), normalise("အောင်ကျော်ဝင်း")
    assert z.zawgyi_converted and not u.zawgyi_converted
    assert z.variants == u.variants
    assert z.variants[0] == "aung kyaw win"
