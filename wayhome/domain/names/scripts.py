"""Which writing systems a text uses, and Vietnamese-aware diacritic folding."""

from __future__ import annotations

import functools
import unicodedata

LATIN = "Latin"
VIETNAMESE = "Vietnamese-Latin"
THAI = "Thai"
LAO = "Lao"
MYANMAR = "Myanmar"
KHMER = "Khmer"
HAN = "Han"
HANGUL = "Hangul"
KANA = "Kana"
OTHER = "Other"

# (first, last, script), inclusive code point ranges
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0E00, 0x0E7F, THAI),
    (0x0E80, 0x0EFF, LAO),
    (0x1000, 0x109F, MYANMAR),
    (0xA9E0, 0xA9FF, MYANMAR),
    (0xAA60, 0xAA7F, MYANMAR),
    (0x1780, 0x17FF, KHMER),
    (0x19E0, 0x19FF, KHMER),
    (0x3400, 0x4DBF, HAN),
    (0x4E00, 0x9FFF, HAN),
    (0xF900, 0xFAFF, HAN),
    (0x20000, 0x3134F, HAN),
    (0x3040, 0x30FF, KANA),
    (0xAC00, 0xD7AF, HANGUL),
    (0x1100, 0x11FF, HANGUL),
)

# Combining marks only Vietnamese uses on Latin letters: hook above, dot below, horn,
# and breve on a (ă); plus any letter with two stacked marks (ễ, ộ, ằ ...).
_VIETNAMESE_MARKS = frozenset("\u0309\u0323\u031b\u0306")
_VIETNAMESE_LETTERS = frozenset("đĐ")


@functools.lru_cache(maxsize=1 << 14)
def _script_of(ch: str) -> str | None:
    cp = ord(ch)
    for first, last, script in _RANGES:
        if first <= cp <= last:
            return script
    if ch.isalpha():
        if unicodedata.name(ch, "").startswith("LATIN"):
            return LATIN
        return OTHER
    return None


def _is_vietnamese_letter(ch: str) -> bool:
    if ch in _VIETNAMESE_LETTERS:
        return True
    marks = [m for m in unicodedata.normalize("NFD", ch)[1:] if unicodedata.combining(m)]
    return len(marks) >= 2 or any(m in _VIETNAMESE_MARKS for m in marks)


def detect_scripts(text: str) -> set[str]:
    """The scripts of the letters in `text` (digits, spaces, punctuation ignored).

    Latin text with Vietnamese-only diacritics gets both ``"Latin"`` and
    ``"Vietnamese-Latin"``. Empty or letter-free text gives an empty set.
    """
    found: set[str] = set()
    for ch in unicodedata.normalize("NFC", text):
        script = _script_of(ch)
        if script is None:
            continue
        found.add(script)
        if script == LATIN and _is_vietnamese_letter(ch):
            found.add(VIETNAMESE)
    return found


# Letters NFD does not take apart.
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ø": "o", "ł": "l", "ß": "ss", "æ": "ae"})


def fold(text: str) -> str:
    """Lowercase, without diacritics, whitespace collapsed: "Nguyễn Văn Hùng" -> "nguyen van hung".

    Only combining marks on Latin letters are removed; other scripts are kept as they are
    (Thai and Myanmar vowel signs are letters, not accents).
    """
    out: list[str] = []
    prev_latin = False
    for ch in unicodedata.normalize("NFD", text.translate(_FOLD_EXTRA)):
        if unicodedata.combining(ch) and prev_latin:
            continue
        prev_latin = ch.isascii() and ch.isalpha()
        out.append(ch)
    folded = unicodedata.normalize("NFC", "".join(out)).lower().translate(_FOLD_EXTRA)
    return " ".join(folded.split())
