"""Romanisation of one name into several plausible Latin spellings, per script.

Every function takes one whitespace-free token in its script (Chinese: a whole name) and
returns spellings as lowercase ASCII, most usual first, without duplicates, deterministic.
Nothing here downloads anything: the pythainlp engines used ("royin", "lookup") and
pypinyin / ToJyutping / anyascii work from files shipped in their packages.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

from anyascii import anyascii

from ._data import load, pairs, variant_table
from .scripts import fold

_ASCII_LETTERS = re.compile(r"[^a-z ]+")


def unique(items: Iterable[str]) -> tuple[str, ...]:
    """Clean, non-empty, first-seen order."""
    seen: dict[str, None] = {}
    for item in items:
        cleaned = " ".join(_ASCII_LETTERS.sub("", item.lower()).split())
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def _apply_rules(
    bases: Iterable[str],
    rules: tuple[tuple[str, str], ...],
    combined: tuple[tuple[str, str], ...] = (),
) -> tuple[str, ...]:
    out: list[str] = []
    for base in bases:
        out.append(base)
        for pattern, repl in rules:
            out.append(re.sub(pattern, repl, base))
        if combined:
            text = base
            for pattern, repl in combined:
                text = re.sub(pattern, repl, text)
            out.append(text)
    return unique(out)


# ------------------------------------------------------------------ Thai


@functools.cache
def _thai_rules() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    data = load("thai")
    engines = tuple(str(e) for e in data.get("engines", ["royin"]))
    return engines, pairs(data, "rules"), pairs(data, "combined")


def romanise_thai(token: str) -> tuple[str, ...]:
    """RTGS ("royin") and dictionary ("lookup") spellings, then everyday variants."""
    from pythainlp.transliterate import romanize

    engines, rules, combined = _thai_rules()
    bases = unique(romanize(token, engine=engine) for engine in engines)
    return _apply_rules(bases, rules, combined)


# ------------------------------------------------------------------ Burmese

_MEDIALS = frozenset("\u103b\u103c\u103d\u103e")
_TONES = frozenset("\u1037\u1038")
_ASAT = "\u103a"
_VIRAMA = "\u1039"
_MEDIAL_WA = "\u103d"


def _is_myanmar_base(ch: str) -> bool:
    return "\u1000" <= ch <= "\u102a" or ch == "\u103f"


@functools.cache
def _burmese_tables() -> tuple[
    dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], int
]:
    data = load("burmese")
    return (
        variant_table(data, "onsets"),
        variant_table(data, "rhymes"),
        variant_table(data, "creaky"),
        int(data.get("max_variants", 24)),
    )


def burmese_syllables(text: str) -> list[str]:
    """Split Myanmar Unicode into syllables: a base letter starts one unless it is a final
    (followed by asat or virama) or a stacked consonant (after virama)."""
    syllables: list[str] = []
    for i, ch in enumerate(text):
        nxt = text[i + 1 : i + 3].replace("\u1037", "")[:1]  # creaky dot may sit before asat
        if (_is_myanmar_base(ch) and nxt not in (_ASAT, _VIRAMA)) or not syllables:
            syllables.append(ch)
        else:
            syllables[-1] += ch
    return syllables


def _syllable_spellings(syllable: str) -> tuple[str, ...]:
    onsets, rhymes, creaky_rhymes, _ = _burmese_tables()
    base, rest = syllable[0], syllable[1:].replace(_VIRAMA, "")
    medials = ""
    while rest and rest[0] in _MEDIALS:
        medials, rest = medials + rest[0], rest[1:]
    creaky = "\u1037" in rest
    rhyme = "".join(ch for ch in rest if ch not in _TONES)
    # medial WA with a final and no vowel belongs to the rhyme: ထွန်း = ht + un
    if _MEDIAL_WA in medials and rhyme in {k[1:] for k in rhymes if k.startswith(_MEDIAL_WA)}:
        medials, rhyme = medials.replace(_MEDIAL_WA, ""), _MEDIAL_WA + rhyme
    onset = onsets.get(base + medials)
    if onset is None:
        plain = onsets.get(base, (anyascii(base).lower(),))
        onset = tuple(_with_medials(o, medials) for o in plain)
    endings = (creaky_rhymes.get(rhyme) if creaky else None) or rhymes.get(rhyme)
    if endings is None:
        endings = (anyascii(rhyme).lower() or "a",)
    if base in "ဣဤဥဦဧဩဪ" and rhyme == "":
        endings = ("",)
    return unique(o + e for o, e in itertools.product(onset, endings))


def _with_medials(onset: str, medials: str) -> str:
    if "\u103e" in medials:
        onset = "h" + onset
    if "\u103b" in medials or "\u103c" in medials:
        onset += "y"
    if _MEDIAL_WA in medials:
        onset += "w"
    return onset


def romanise_burmese(token: str) -> tuple[str, ...]:
    """Syllable-by-syllable spellings ("aung kyaw"), syllables as separate words, plus the
    run-together form of the most usual one ("aungkyaw")."""
    _, _, _, limit = _burmese_tables()
    per_syllable = [_syllable_spellings(s) for s in burmese_syllables(token)]
    combos = itertools.islice(itertools.product(*per_syllable), limit)
    spaced = [" ".join(c) for c in combos]
    return unique([*spaced[:1], spaced[0].replace(" ", "") if spaced else "", *spaced[1:]])


# ------------------------------------------------------------------ Chinese


@functools.cache
def _chinese_tables() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    data = load("chinese")
    return variant_table(data, "surnames"), pairs(data, "jyutping_hk")


def _jyutping_syllables(text: str) -> list[str]:
    import ToJyutping  # type: ignore[import-untyped]

    out: list[str] = []
    for ch, jp in ToJyutping.get_jyutping_list(text):
        syl = re.sub(r"\d", "", jp or "") or anyascii(ch).lower()
        out.append(syl.split()[0] if syl.split() else syl)
    return out


def _hk_syllable(jyutping: str, rules: tuple[tuple[str, str], ...]) -> str:
    for pattern, repl in rules:
        jyutping = re.sub(pattern, repl, jyutping)
    return jyutping


def romanise_chinese(name: str) -> tuple[str, ...]:
    """Mandarin pinyin (no tones), Cantonese Jyutping and a Hong Kong-style spelling, each
    with the first character as family name, written first and last ("chen dawen",
    "dawen chen"). Two-character family names are not recognised."""
    from pypinyin import Style, lazy_pinyin

    chars = [ch for ch in name if not ch.isspace()]
    if not chars:
        return ()
    surnames, hk_rules = _chinese_tables()
    pinyin = [p.replace("ü", "v").replace("v", "u") for p in lazy_pinyin(chars, style=Style.NORMAL)]
    jyut = _jyutping_syllables("".join(chars))
    hk = [_hk_syllable(s, hk_rules) for s in jyut]
    readings: list[list[str]] = [pinyin, jyut, hk]
    for spelling in surnames.get(chars[0], ()):
        readings.append([spelling, *hk[1:]])
    out: list[str] = []
    for syl in readings:
        family, given = syl[0], syl[1:]
        if not given:
            out.append(family)
            continue
        out += [
            f"{family} {''.join(given)}",
            f"{''.join(given)} {family}",
            " ".join(syl),
            f"{' '.join(given)} {family}",
        ]
    return unique(out)


# ------------------------------------------------------------------ Khmer, Lao, other


def romanise_with_anyascii(token: str, rules_key: str) -> tuple[str, ...]:
    """anyascii baseline with the variant rules of ``data/khmer_lao.toml`` (`khmer`, `lao`)."""
    base = fold(anyascii(unicodedata.normalize("NFC", token)))
    rules = pairs(load("khmer_lao"), rules_key) if rules_key else ()
    combined = rules
    return _apply_rules([base], rules, combined)


def romanise_latin(token: str) -> tuple[str, ...]:
    return unique([fold(anyascii(fold(token)))])
