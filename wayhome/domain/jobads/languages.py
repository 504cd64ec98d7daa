"""Which of the eight supported languages an ad is written in.

Thai, Khmer, Burmese and Chinese are told apart by script. Latin-script text is
English, Vietnamese, Indonesian or Filipino: Vietnamese by its letters (ư, ơ, ă,
đ and stacked tone marks), the others by short, frequent function words. An ad
can be in more than one language (English job title, Thai body); every language
with a fair share of the evidence is reported, the largest first.
"""

from __future__ import annotations

import re
from collections import Counter

_VI_LETTERS = set("ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the and for with you your are will our this that from have who job work "
        "salary we is of to in on be an as at".split()
    ),
    "id": frozenset(
        "yang dan untuk dengan kerja gaji di ke dari tidak bisa ini itu kami anda "
        "akan atau juga lowongan segera berangkat".split()
    ),
    "fil": frozenset(
        "ang mga ng sa na at ay para kung hindi trabaho sahod sweldo kami ka mo "
        "namin ito lang po may".split()
    ),
    "vi": frozenset(
        "và của cho với không làm việc lương các có được người là tại tuyển".split()
    ),
}

_WORD = re.compile(r"\w+")
# The first characters are enough to tell the language, and keep long ads fast.
_SAMPLE = 1500


_SCRIPT_RX: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("th", re.compile("[\\u0e00-\\u0e7f]"), 3),
    ("km", re.compile("[\\u1780-\\u17ff]"), 3),
    ("my", re.compile("[\\u1000-\\u109f]"), 3),
    ("zh", re.compile("[\\u3400-\\u4dbf\\u4e00-\\u9fff]"), 2),
)
_VI_RX = re.compile("[" + "".join(sorted(_VI_LETTERS)) + "]")
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _vocab in _FUNCTION_WORDS.items():
    for _w in _vocab:
        _WORD_LANGS[_w] = _WORD_LANGS.get(_w, ()) + (_lang,)


def detect_languages(text: str, limit: int = 3) -> tuple[str, ...]:
    """Languages found in ``text``, most evidence first (at most ``limit``)."""
    text = text[:_SAMPLE]
    counts: Counter[str] = Counter()
    if not text.isascii():
        # Non-spaced scripts: roughly two to three characters a word.
        for lang, rx, per_word in _SCRIPT_RX:
            n = len(rx.findall(text))
            if n:
                counts[lang] += n // per_word
    lowered = text.casefold()
    counts["vi"] += len(_VI_RX.findall(lowered)) // 2
    for w in _WORD.findall(lowered):
        for lang in _WORD_LANGS.get(w, ()):
            counts[lang] += 1
    total = sum(counts.values())
    if total == 0:
        return ()
    ranked = sorted(
        ((n, lang) for lang, n in counts.items() if n > 0 and n >= 0.15 * total and n >= 2),
        key=lambda x: (-x[0], x[1]),
    )
    return tuple(lang for _, lang in ranked[:limit])
