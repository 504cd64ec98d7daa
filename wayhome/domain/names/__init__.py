"""Wayhome names engine: one person's name across scripts and spellings.

Pure Python, works offline (no model or corpus downloads). A name written
"Nguyễn Văn Hùng", "NGUYEN VAN HUNG" or "Hung Nguyen"; "สมหญิง", "Somying" or
"Som Ying"; Burmese in Unicode or Zawgyi; Chinese in characters, pinyin,
Cantonese or Hokkien spellings, becomes a :class:`Name` with romanised variant spellings
and consonant-skeleton keys, and two names get a :func:`similarity` in [0, 1].

Usage::

    from wayhome.domain.names import normalise, similarity
    n = normalise("สมหญิง")
    n.variants      # ('somying', 'somyeeng')
    n.keys          # ('smn',)
    similarity("Nguyễn Văn Hùng", "Hung Nguyen")

Bad input (not text, empty, over 200 characters, control characters, no letters)
raises :class:`NameInputError` (a ValueError). Data: ``data/*.toml``.
"""

from .engine import MAX_VARIANTS, clear_caches, normalise, similarity
from .keys import name_key, phonetic_spelling, skeleton, token_set_keys
from .khmer_lao import romanise_khmer, romanise_lao
from .model import MAX_NAME_LENGTH, Name, NameDataError, NameInputError
from .romanise import (
    burmese_syllables,
    romanise_burmese,
    chinese_family_length,
    romanise_chinese,
    romanise_thai,
    romanise_with_anyascii,
)
from .scripts import detect_scripts, fold
from .zawgyi import is_zawgyi, zawgyi_probability, zawgyi_to_unicode

__all__ = [
    "clear_caches",
    "MAX_NAME_LENGTH",
    "MAX_VARIANTS",
    "Name",
    "NameDataError",
    "NameInputError",
    "burmese_syllables",
    "chinese_family_length",
    "detect_scripts",
    "fold",
    "is_zawgyi",
    "name_key",
    "phonetic_spelling",
    "normalise",
    "romanise_burmese",
    "romanise_chinese",
    "romanise_khmer",
    "romanise_lao",
    "romanise_thai",
    "romanise_with_anyascii",
    "similarity",
    "skeleton",
    "token_set_keys",
    "zawgyi_probability",
    "zawgyi_to_unicode",
]
