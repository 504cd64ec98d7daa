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
    # more real Zawgyi spellings (as typed with the Zawgyi keyboard)
    ("ႏိုင္", "နိုင်"),  # Naing: short NA variant U+108F
    ("ေဒၚ", "ဒေါ်"),  # Daw: tall AA + asat ligature U+105A
    ("ျမန္မာ", "မြန်မာ"),
    ("ဗိုလ္ခ်ဳပ္", "ဗိုလ်ချုပ်"),  # short u variant U+1033 after medial YA
    ("ကၽြန္ေတာ္", "ကျွန်တော်"),  # medial YA variant U+107D with medial WA
    ("ၿမိဳ႕", "မြို့"),  # medial RA variant U+107F, dot-below variant U+1095
    ("ႀကီး", "ကြီး"),  # wide medial RA U+1080
    ("ႏွင့္", "နှင့်"),
    ("ဆုိ", "ဆို"),  # u typed before i
    ("ေျပာ", "ပြော"),  # E vowel and medial RA both before the consonant
    ("ဥကၠ႒", "ဥက္ကဋ္ဌ"),  # stacked KA U+1060, TTA-TTHA ligature U+1092
    ("ကမၻာ", "ကမ္ဘာ"),  # stacked BHA U+107B
    ("ဗုဒၶ", "ဗုဒ္ဓ"),
    ("သႏၲာ", "သန္တာ"),  # stacked TA variant U+1072
    ("ညြန္႔", "ညွန့်"),  # dot below U+1094
    ("ေ၇ႊ", "ရွှေ"),  # digit seven typed for RA, WA+HA ligature U+108A
    ("၎", "၎င်း"),
    ("ခင္ေမာင္ညိဳ", "ခင်မောင်ညို"),
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
