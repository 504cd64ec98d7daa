"""Burmese text typed in the Zawgyi font encoding: detection and conversion to Unicode.

Detection uses Google's myanmar-tools (:mod:`myanmartools`). Conversion is a compact
rule-based converter (``data/zawgyi.toml``): PyICU, whose "Zawgyi-my" transliterator
would be the reference, has no wheel for this machine. It handles the spellings common
in names (pre-base E vowel and medial RA, medials, asat, kinzi, stacked consonants and
the ligatures ႒ ႑ ၮ ၯ ႗ ႖ ႍ ႎ ၎, digits ၀/၇ typed for ဝ/ရ). The code-point table is
our own, checked against the public Rabbit converter's list of Zawgyi code points.
"""

from __future__ import annotations

import functools

from myanmartools import ZawgyiDetector  # type: ignore[import-untyped]

from ._data import load
from .model import NameDataError

#: Probability above which a text is taken to be Zawgyi.
ZAWGYI_THRESHOLD = 0.95

_KINZI = "\u1004\u103a\u1039"
_E_VOWEL = "\u1031"
_MEDIAL_RA = "\u103c"
_VIRAMA = "\u1039"


@functools.cache
def _detector() -> ZawgyiDetector:
    return ZawgyiDetector()


def zawgyi_probability(text: str) -> float:
    """Probability (0..1) that Myanmar-script `text` is Zawgyi; 0.0 without Myanmar letters."""
    if not any("\u1000" <= ch <= "\u109f" for ch in text):
        return 0.0
    return float(_detector().get_zawgyi_probability(text))


def is_zawgyi(text: str, threshold: float = ZAWGYI_THRESHOLD) -> bool:
    return zawgyi_probability(text) > threshold


@functools.cache
def _tables() -> tuple[dict[str, str], dict[str, int]]:
    data = load("zawgyi")
    raw_map, raw_order = data.get("map"), data.get("order")
    if not isinstance(raw_map, dict) or not isinstance(raw_order, dict):
        raise NameDataError("zawgyi.toml: needs [map] and [order] tables")

    def seq(value: str) -> str:
        return "".join("\x00" if h == "KINZI" else chr(int(h, 16)) for h in value.split())

    mapping = {chr(int(k, 16)): seq(str(v)) for k, v in raw_map.items()}
    order = {chr(int(k, 16)): int(v) for k, v in raw_order.items()}
    return mapping, order


def _is_base(ch: str) -> bool:
    """A Myanmar consonant or independent vowel (the start of a cluster)."""
    return "\u1000" <= ch <= "\u102a" or ch == "\u103f" or ch == "\u104e"


def zawgyi_to_unicode(text: str) -> str:
    """Convert Zawgyi-encoded `text` to standard Myanmar Unicode (see module notes)."""
    mapping, order = _tables()
    chars = "".join(mapping.get(ch, ch) for ch in text)
    # Zawgyi users often type the digit zero (၀) for the letter WA (ဝ) and ၇ for ရ.
    chars = "".join(_letter_for_digit(chars, i) for i in range(len(chars)))

    clusters: list[list[str]] = []  # each: [base, marks...]
    pending: list[str] = []  # pre-base marks waiting for their consonant
    for ch in chars:
        if ch in (_E_VOWEL, _MEDIAL_RA):  # typed before their consonant in Zawgyi
            pending.append(ch)
            continue
        if _is_base(ch) and not (clusters and clusters[-1][-1] == _VIRAMA):
            clusters.append([ch, *pending])
            pending = []
            continue
        if ch == "\x00":  # kinzi goes before the consonant it follows in Zawgyi
            if clusters:
                clusters[-1].insert(0, _KINZI)
            continue
        if clusters:
            clusters[-1].append(ch)
        else:
            clusters.append([ch])
    if pending:
        clusters.append(pending)

    out: list[str] = []
    for cluster in clusters:
        out.append(_ordered(cluster, order))
    result = "".join(out)
    # ဥ + ီ is how ဦ is typed in Zawgyi; ဥ + asat is ဉ်.
    return result.replace("\u1025\u102e", "\u1026").replace("\u1025\u103a", "\u1009\u103a")


def _letter_for_digit(chars: str, i: int) -> str:
    """The letter a digit typed in a word stands for: ၀ -> ဝ (outside numbers), and
    ၇ -> ရ when it carries a vowel sign or medial or follows a pre-base E vowel."""
    ch = chars[i]
    if ch == "\u1040" and not _digit_context(chars, i):
        return "\u101d"
    if ch == "\u1047":
        after = chars[i + 1 : i + 2]
        before = chars[i - 1 : i] if i else ""
        if before == _E_VOWEL or (after and "\u102b" <= after <= "\u103e"):
            return "\u101b"
    return ch


def _digit_context(chars: str, i: int) -> bool:
    neighbours = chars[max(0, i - 1) : i] + chars[i + 1 : i + 2]
    return any("\u1040" <= c <= "\u1049" for c in neighbours) or not neighbours.strip()


def _ordered(cluster: list[str], order: dict[str, int]) -> str:
    """Base first (kinzi before it), then marks in Unicode storage order.

    A virama keeps the consonant after it (a stacked consonant) right behind it.
    """
    prefix = ""
    items = list(cluster)
    if items and items[0] == _KINZI:
        prefix = items.pop(0)
    if not items:
        return prefix
    base, rest = items[0], items[1:]
    units: list[str] = []
    i = 0
    while i < len(rest):
        if rest[i] == _VIRAMA and i + 1 < len(rest):
            units.append(rest[i] + rest[i + 1])
            i += 2
        else:
            units.append(rest[i])
            i += 1
    if not _is_base(base):
        return prefix + base + "".join(units)
    units.sort(key=lambda u: order.get(u[0], 99))  # stable: unknown marks keep their place
    return prefix + base + "".join(units)
