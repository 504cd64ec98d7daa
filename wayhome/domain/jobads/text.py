"""Reading and normalising ad text.

Matching runs on a *folded* copy of the text (NFKC, casefold, Latin diacritics
removed so "luong cao" finds "lương cao"), but the words we report must be the
words the person pasted. ``fold`` therefore keeps, for every folded character,
the index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

MAX_BYTES = 100_000


class AdInputError(ValueError):
    """The ad cannot be read; the message is a sentence a person can act on.

    ``code`` names the kind of problem (stable, one of :data:`INPUT_ERRORS`) so that a
    web layer can show the message in the reader's language; ``params`` holds the values
    the message quotes; ``message`` (and ``str()``) is the English sentence. This is the
    one place the checks and their wording live: the page, the API and the CLI all go
    through :func:`validate_text` / :func:`read_text`.
    """

    def __init__(self, code: str, **params: int) -> None:
        self.code = code
        self.params = params
        self.message = INPUT_ERRORS[code].format(**params)
        super().__init__(self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (by a worker process) as its code and values, not its message.
        return (_rebuild, (self.code, self.params))


def _rebuild(code: str, params: dict[str, int]) -> AdInputError:
    return AdInputError(code, **params)


#: The English message of each kind of bad input, by code. A web layer that translates
#: them keeps the same code -> sentence table (``wayhome.apps.prevention.services``), and a
#: test checks the two agree word for word in English.
INPUT_ERRORS: dict[str, str] = {
    "empty": "The ad is empty: paste the text of the job advertisement.",
    "too_long": "The ad is longer than {limit_kb} KB: paste one job advertisement at a time.",
    "binary": (
        "The ad looks like a binary file (an image or a document), not text: "
        "copy the words of the advertisement instead."
    ),
    "encoding": (
        "The ad is not valid UTF-8 text: save it as UTF-8 (or UTF-16 with a byte-order mark) "
        "and try again."
    ),
}


def _too_long() -> AdInputError:
    return AdInputError("too_long", limit_kb=MAX_BYTES // 1000)


# Letters that NFKD does not split into base + mark but that people type both ways.
_LATIN_EXTRA = str.maketrans({"đ": "d", "ø": "o", "ł": "l", "ß": "ss", "ı": "i"})


def _is_latin_base(ch: str) -> bool:
    o = ord(ch)
    return o < 0x250 or 0x1E00 <= o <= 0x1EFF


# ord -> folded string, filled as new characters are seen (bounded).
_TABLE: dict[int, str] = {}
# Characters whose folded form is not exactly one character.
_UNEVEN: set[str] = set()


def _fold_char(ch: str) -> str:
    """Fold one character: NFKC, casefold, and drop the marks of Latin letters."""
    s = unicodedata.normalize("NFKC", ch).casefold()
    if not s.isascii():
        out: list[str] = []
        for c in s:
            if _is_latin_base(c):
                decomposed = unicodedata.normalize("NFKD", c)
                out.append("".join(d for d in decomposed if not unicodedata.combining(d)))
            else:
                out.append(c)
        s = "".join(out).translate(_LATIN_EXTRA)
    if s.isspace():
        s = " "
    return s


def _learn(chars: set[str]) -> None:
    for ch in chars:
        if ord(ch) not in _TABLE and len(_TABLE) < 50_000:
            f = _fold_char(ch)
            _TABLE[ord(ch)] = f
            if len(f) != 1:
                _UNEVEN.add(ch)


@dataclass(frozen=True)
class Folded:
    """Folded text, and the way back from folded positions to the original.

    When folding kept every character in place (the common case) positions
    are the same. Otherwise (a character folded to several, or dropped
    combining marks) the folded form of each original character is worked out
    the first time a matched span is mapped back, so ads without flags pay
    nothing for it.
    """

    original: str
    text: str
    aligned: bool

    @cached_property
    def parts(self) -> tuple[str, ...]:
        return tuple(_fold_parts(self.original))

    def original_span(self, start: int, end: int) -> str:
        """The original words behind folded ``text[start:end]``."""
        if self.aligned:
            return self.original[start:end]
        pos = 0
        a = b = -1
        for i, p in enumerate(self.parts):
            nxt = pos + len(p)
            if a < 0 and nxt > start:
                a = i
            if nxt >= end:
                b = i + 1
                break
            pos = nxt
        return self.original[a:b]


_COMBINING = re.compile("[\\u0300-\\u036f]")


def _fold_parts(text: str) -> list[str]:
    """The folded form of each character of ``text`` (marks after Latin letters dropped)."""
    parts = [_TABLE[ord(c)] if ord(c) in _TABLE else _fold_char(c) for c in text]
    if _COMBINING.search(text):
        # Decomposed Latin text (a base letter then its marks, as some phones
        # send Vietnamese): drop a mark that follows a Latin letter.
        base_is_latin = False
        for i, ch in enumerate(text):
            if unicodedata.combining(ch):
                if base_is_latin:
                    parts[i] = ""
            else:
                base_is_latin = ch.isalpha() and _is_latin_base(ch)
    return parts


def fold(text: str) -> Folded:
    """Fold ``text`` for matching and keep the way back to the original."""
    if text.isascii():
        return Folded(text, text.lower(), True)
    chars = set(_NON_ASCII.findall(text))
    _learn(chars)
    if _COMBINING.search(text) is None and len(_TABLE) < 50_000:
        # Only the characters whose fold is not their plain lower case need
        # replacing; a character-class substitution touches just those.
        special = "".join(sorted(c for c in chars if _TABLE[ord(c)] != c.lower()))
        if not special:
            return Folded(text, text.lower(), True)
        folded = _special_rx(special).sub(_replace, text).lower()
        return Folded(text, folded, not (chars & _UNEVEN))
    return Folded(text, "".join(_fold_parts(text)), False)


_NON_ASCII = re.compile("[^\\x00-\\x7f]")


def _replace(m: re.Match[str]) -> str:
    return _TABLE[ord(m.group())]


@lru_cache(maxsize=512)
def _special_rx(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def fold_term(term: str) -> str:
    """Fold a lexicon term the same way as the text."""
    return re.sub(r"\s+", " ", fold(term).text).strip()


# Control characters other than white space, lone surrogates, private use.
_CONTROL = re.compile("[\\x00-\\x08\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff\\ue000-\\uf8ff]")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4096]
    return len(_CONTROL.findall(sample)) > max(3, len(sample) // 20)


def validate_text(text: str) -> str:
    """Reject text that is empty, too long or binary; return it unchanged otherwise."""
    if not text.strip():
        raise AdInputError("empty")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise _too_long()
    if _looks_binary(text):
        raise AdInputError("binary")
    return text


def decode(raw: bytes) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused."""
    if raw.startswith(b"\xef\xbb\xbf"):
        encodings: tuple[str, ...] = ("utf-8-sig",)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8",)
    for enc in encodings:
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    if b"\x00" in raw:
        raise AdInputError("binary")
    raise AdInputError("encoding")


def read_text(raw: bytes) -> str:
    """Decode and validate the bytes of one ad."""
    if len(raw) > MAX_BYTES * 4:
        # Refuse before decoding anything very large.
        raise _too_long()
    if not raw.strip():
        raise AdInputError("empty")
    return validate_text(decode(raw))
