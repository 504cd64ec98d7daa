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
from collections.abc import Iterable, Sequence
from typing import Any

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


@functools.cache
def _thai_silent() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), r) for p, r in pairs(load("thai"), "silent"))


def _thai_unread(text: str) -> str:
    """``text`` without the letters Thai writes but does not read (``silent`` in
    ``data/thai.toml``): what pythainlp should spell."""
    for pattern, repl in _thai_silent():
        text = pattern.sub(repl, text)
    return text


def _thai_spellings(text: str, engines: tuple[str, ...]) -> tuple[str, ...]:
    """pythainlp's spellings of a part the name table lacks: without its silent letters
    first, then as written (spelt once when nothing in it is silent)."""
    unread = _thai_unread(text)
    if unread == text:
        return _royin(text, engines)
    return unique([*_royin(unread, engines), *_royin(text, engines)])


@functools.cache
def _thai_parts() -> tuple[dict[str, tuple[str, ...]], int]:
    parts = variant_table(load("thai_names"), "parts")
    return parts, max((len(k) for k in parts), default=0)


_THAI_CONSONANT = re.compile("[\u0e01-\u0e2e]")


def _thai_syllable_spellings(text: str) -> tuple[str, ...]:
    """RTGS spelt syllable by syllable (pythainlp's dictionary syllable splitter), and the
    same with a final ล written "l" as everyday spellings do (กุล Kul, วิมล Wimol).

    The whole-word reading guesses the hidden vowels of a run of consonants wrongly
    (มงคล "mangakhon", สมหมาย "samahamai"); split first, each syllable reads right
    ("mong" + "khon", "som" + "mai"). A syllable of one consonant has the hidden a
    (ช|นิ|ดา "chanida"). For a single syllable only the everyday spelling (its RTGS
    spelling is the whole-word reading, which the caller adds)."""
    from pythainlp.tokenize import syllable_tokenize
    from pythainlp.transliterate import romanize

    syllables = syllable_tokenize(text, engine="dict")
    if len(syllables) < 2:
        syllables = [text]
    rtgs: list[str] = []
    everyday: list[str] = []
    for syl in syllables:
        spelt = romanize(syl + "ะ" if len(syl) == 1 and _THAI_CONSONANT.match(syl) else syl,
                         engine="royin")
        rtgs.append(spelt)
        final_l = syl.rstrip("่้๊๋์").endswith("ล") and spelt.endswith("n")
        everyday.append(spelt[:-1] + "l" if final_l else spelt)
    out = ["".join(rtgs), "".join(everyday)]
    return unique(out) if len(syllables) > 1 else unique(out[1:])


def _royin(text: str, engines: tuple[str, ...]) -> tuple[str, ...]:
    """pythainlp's spellings (syllable by syllable first, see :func:`_thai_syllable_spellings`,
    then its whole-word engines), with the initial อ + consonant it drops put back ("a")."""
    from pythainlp.transliterate import romanize

    prefix = ""
    if len(text) > 2 and text[0] == "อ" and _THAI_CONSONANT.match(text[1]):
        prefix, text = "a", text[1:]
    spellings = [*_thai_syllable_spellings(text),
                 *(romanize(text, engine=engine) for engine in engines)]
    return unique(prefix + s for s in spellings if s)


# Vowel signs, tone marks and other marks written after (or above/below) a consonant, and
# the vowels written before one: a name part cannot end right before the former or start
# right after the latter (สุข is not a part of สุขุม).
_THAI_ATTACHED = frozenset("ะัาำิีึืฺุู็่้๊๋์ํ๎")
_THAI_LEADING = frozenset("เแโใไ")


def _thai_boundary(token: str, start: int, end: int) -> bool:
    before = token[start - 1] if start else ""
    after = token[end] if end < len(token) else ""
    return before not in _THAI_LEADING and after not in _THAI_ATTACHED


def _thai_segments(token: str) -> list[tuple[str, bool]]:
    """Greedy longest-match split into (text, is a known name part)."""
    parts, longest = _thai_parts()
    out: list[tuple[str, bool]] = []
    pos, rest = 0, ""
    while pos < len(token):
        for size in range(min(longest, len(token) - pos), 0, -1):
            if token[pos : pos + size] in parts and _thai_boundary(token, pos, pos + size):
                if rest:
                    out.append((rest, False))
                    rest = ""
                out.append((token[pos : pos + size], True))
                pos += size
                break
        else:
            rest += token[pos]
            pos += 1
    if rest:
        out.append((rest, False))
    return out


def romanise_thai(token: str) -> tuple[str, ...]:
    """RTGS spellings, then everyday variants.

    Known name parts (``data/thai_names.toml``) are spelled from the table, the rest by
    pythainlp's "royin" and "lookup" engines; when no part is known the pythainlp
    spelling is the base, as before."""
    engines, rules, combined = _thai_rules()
    parts, _ = _thai_parts()
    segments = _thai_segments(token)
    per_segment = [parts[text] if known else _thai_spellings(text, engines)
                   for text, known in segments]
    per_segment = [options for options in per_segment if options]
    if not per_segment:
        return ()
    indexed = [list(enumerate(options)) for options in per_segment]
    combos = sorted(itertools.islice(itertools.product(*indexed), 500),
                    key=lambda combo: sum(i for i, _ in combo))
    bases = unique("".join(s for _, s in combo).replace(" ", "") for combo in combos[:8])
    if any(known for _, known in segments):
        table_bases = bases
        return unique([*table_bases, *_apply_rules(table_bases[:3], rules, combined)])
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
def _chinese_tables() -> tuple[
    dict[str, tuple[str, ...]], tuple[tuple[str, str], ...], dict[str, tuple[str, ...]]
]:
    data = load("chinese")
    return (variant_table(data, "surnames"), pairs(data, "jyutping_hk"),
            variant_table(data, "compound_surnames"))


@functools.cache
def _hokkien_tables() -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, str], ...]]:
    data = load("chinese")
    return variant_table(data, "hokkien_surnames"), pairs(data, "hokkien_poj")


@functools.cache
def _hokkien_converter() -> Any:
    from taibun import Converter  # type: ignore[import-untyped]

    return Converter(system="POJ", dialect="south", format="strip")


def _hokkien_syllables(chars: Sequence[str]) -> list[str]:
    """Each character's Hokkien reading (taibun's Peh-oe-ji, tones stripped), rewritten by
    ``hokkien_poj`` towards everyday spellings ("chhoa" -> "chua", "toa" -> "tua")."""
    converter = _hokkien_converter()
    _, rules = _hokkien_tables()
    out: list[str] = []
    for ch in chars:
        syl = fold(str(converter.get(ch)).lower())
        for pattern, repl in rules:
            syl = re.sub(pattern, repl, syl)
        out.append(re.sub(r"[^a-z]", "", syl) or fold(anyascii(ch)).lower())
    return out


def chinese_family_length(chars: str) -> int:
    """2 for a two-character family name (歐陽, 司馬, 諸葛, 上官 ...), else 1."""
    _, _, compound = _chinese_tables()
    return 2 if len(chars) >= 2 and chars[:2] in compound else 1


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
    """Mandarin pinyin (no tones), Cantonese Jyutping, a Hong Kong-style spelling and
    Hokkien (Singapore / Malaysia / Indonesia spellings of the family name, Peh-oe-ji of the
    given name: "王大文" -> "ong tua bun"), each
    with the family name (one character, or two for the compound family names of
    ``data/chinese.toml``: 歐陽 ouyang / au yeung, 司馬, 諸葛, 上官 ...) written first and
    last ("chen dawen", "dawen chen", "ouyang zhenhua", "zhenhua ouyang")."""
    from pypinyin import Style, lazy_pinyin

    chars = [ch for ch in name if not ch.isspace()]
    if not chars:
        return ()
    surnames, hk_rules, compound = _chinese_tables()
    pinyin = [p.replace("ü", "v").replace("v", "u") for p in lazy_pinyin(chars, style=Style.NORMAL)]
    jyut = _jyutping_syllables("".join(chars))
    hk = [_hk_syllable(s, hk_rules) for s in jyut]
    flen = chinese_family_length("".join(chars))
    # each reading: (family syllables run together, given-name syllables)
    readings: list[tuple[str, list[str]]] = [
        ("".join(syl[:flen]), syl[flen:]) for syl in (pinyin, jyut, hk)
    ]
    known = compound.get("".join(chars[:2]), ()) if flen == 2 else surnames.get(chars[0], ())
    for spelling in known:
        readings.append((spelling.replace(" ", ""), hk[flen:]))
    out: list[str] = []
    for family, given in readings:
        if not given:
            out.append(family)
            continue
        out += [
            f"{family} {''.join(given)}",
            f"{''.join(given)} {family}",
            f"{family} {' '.join(given)}",
            f"{' '.join(given)} {family}",
        ]
    # Hokkien: syllables written apart, family name first or last ("Ong Tua Bun").
    hokkien = _hokkien_syllables(chars)
    hokkien_surnames, _ = _hokkien_tables()
    families = hokkien_surnames.get(chars[0], ()) if flen == 1 else ()
    for family in families or ("".join(hokkien[:flen]),):
        given = hokkien[flen:]
        out += [f"{family} {' '.join(given)}", f"{' '.join(given)} {family}"] if given \
            else [family]
    return unique(out)


# ------------------------------------------------------------------ Khmer, Lao, other


def romanise_with_anyascii(token: str, rules_key: str) -> tuple[str, ...]:
    """anyascii baseline with the variant rules of ``data/khmer_lao.toml`` (`khmer`, `lao`)."""
    base = fold(anyascii(unicodedata.normalize("NFC", token)))
    rules = pairs(load("khmer_lao"), rules_key) if rules_key else ()
    combined = rules
    return _apply_rules([base], rules, combined)


@functools.cache
def _latin_rules() -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    data = load("latin")
    return pairs(data, "old_to_new"), tuple(str(t) for t in data.get("triggers", []))


@functools.cache
def _latin_alternatives() -> tuple[tuple[str, str], ...]:
    return pairs(load("latin"), "alternatives")


def _alternative(word: str, pattern: str, repl: str) -> str:
    if pattern.startswith("-"):
        return word[:1] + word[1:].replace(pattern[1:], repl)
    return word.replace(pattern, repl)


def _modern_spelling(word: str, rules: tuple[tuple[str, str], ...]) -> str:
    """Old orthography to new, in one left-to-right pass (so "dj" -> "j" is not then
    turned into "y" by the "j" -> "y" rule)."""
    out, pos = "", 0
    while pos < len(word):
        for old, new in rules:
            inside_only = old.startswith("-")
            old = old.lstrip("-")
            if word.startswith(old, pos) and not (inside_only and pos == 0):
                out, pos = out + new, pos + len(old)
                break
        else:
            out, pos = out + word[pos], pos + 1
    return out


def romanise_latin(token: str) -> tuple[str, ...]:
    """The folded token, plus its modern spelling when it is written in an older
    Indonesian/Malay orthography (``data/latin.toml``: Soekarno -> sukarno, Djoko -> joko,
    Achmad -> akhmad / ahmad), and its everyday alternatives (Akhmad -> ahmad)."""
    base = fold(anyascii(fold(token)))
    rules, triggers = _latin_rules()
    word = base.lower()
    spellings = [base]
    if any((t[1:] in word[1:]) if t.startswith("-") else (t in word) for t in triggers):
        modern = _modern_spelling(word, rules)
        spellings.append(modern)
    spellings += [_alternative(s, pattern, repl) for s in list(spellings)
                  for pattern, repl in _latin_alternatives()]
    return unique(spellings)
