"""The letter templates: one TOML file per language under ``data/``, checked on load.

Each file holds the sentences of a request letter with ``{placeholders}``, the phrases
that vary with the measure, the offence and the international standard, and how dates
are written. The code fixes which keys a file must have and which placeholders each
sentence must use (:data:`TEXT_PLACEHOLDERS`), so a translation cannot silently drop a
fact (a case number, a reference) or add one the code does not supply.

Layout of a file::

    language = "th"                 # ISO 639-1, the file name without .toml
    name = "ภาษาไทย"                 # the language's own name
    font = "thai"                   # a font of fonts.FONTS
    line_height = 1.6               # line height as a multiple of the font size
    subject_first = true            # the subject line comes before the addressee
    review = "machine-drafted: needs review by a native-speaking lawyer"

    [date]      format ("{day} {month} {year}"), months (12), year_offset (543 for B.E.),
                digits? (ten characters, for native digits in dates)
    [text]      the sentences: exactly the keys of TEXT_PLACEHOLDERS
    [request] [request_title] [measure_action] [authority]   one entry per measure
    [offence]   one entry per offence of the law engine
    [to_verify] what a draft's notice says is to verify (keys of model.TO_VERIFY_FACTS)
    [standard]  a statement per international-standard id of the law data
    [provision] optional: how to cite a national provision in this language, by id
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wayhome.domain.law import Measure, Offence

from .fonts import FONT_NAMES
from .model import TO_VERIFY_FACTS, LetterDataError, LetterInputError

#: The review mark every machine-drafted translation carries until a lawyer checks it.
MACHINE_DRAFTED = "machine-drafted: needs review by a native-speaking lawyer"

_NONE: frozenset[str] = frozenset()

#: Every sentence key of [text], and the placeholders it must use (all of them, no others).
TEXT_PLACEHOLDERS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "version": _NONE,
        "date_line": frozenset({"date"}),
        "our_reference": frozenset({"case_number"}),
        "addressee": frozenset({"addressee"}),
        "subject": frozenset({"request_title"}),
        "salutation": _NONE,
        "introduction": frozenset({"organisation", "case_number"}),
        "heading_measure": _NONE,
        "measure": frozenset(
            {"measure_date", "measure_authority", "measure_action", "offence_clause",
             "reference_clause"}
        ),
        "offence_clause": frozenset({"offence"}),
        "reference_clause": frozenset({"reference"}),
        "unknown_authority": _NONE,
        "heading_grounds": _NONE,
        "grounds": frozenset({"grounds_date", "organisation"}),
        "grounds_effect": _NONE,
        "direct_consequence": _NONE,
        "forced_criminality": _NONE,
        "heading_law": _NONE,
        "national_covered": frozenset({"provision"}),
        "national_conditional": frozenset({"provision"}),
        "national_offence_not_listed": frozenset({"provision", "offence_list", "offence"}),
        "national_offence_not_given": frozenset({"provision", "offence_list"}),
        "national_measure_unknown": frozenset({"provision"}),
        "national_scope_unknown": _NONE,
        "national_none": _NONE,
        "national_unknown_country": _NONE,
        "list_separator": _NONE,
        "heading_standard": _NONE,
        "standard_intro": _NONE,
        "standard_item": frozenset({"citation", "statement"}),
        "heading_request": _NONE,
        "request": frozenset({"request"}),
        "reply": frozenset({"case_number"}),
        "closing": _NONE,
        "valediction": _NONE,
        "signature_line": _NONE,
        "signatory": frozenset({"organisation"}),
        "heading_references": _NONE,
        # the notice on top of a draft (see compose.py): for staff, in the letter's language
        "draft_notice_one": frozenset({"citations", "mark"}),
        "draft_notice_many": frozenset({"count", "citations", "mark"}),
        "draft_citation": frozenset({"citation", "facts"}),
    }
)

#: Sentences a language may leave empty (Thai letters, for example, have no salutation
#: after the addressee line).
MAY_BE_EMPTY: frozenset[str] = frozenset({"salutation"})

_MEASURES = tuple(m.value for m in Measure)
_OFFENCES = tuple(o.value for o in Offence)

#: Tables keyed by measure or offence: every key must be there.
TABLE_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "request": _MEASURES,
        "request_title": _MEASURES,
        "measure_action": _MEASURES,
        "authority": _MEASURES,
        "offence": _OFFENCES,
        "to_verify": tuple(TO_VERIFY_FACTS),
    }
)
#: Tables with free keys: [standard] by standard id (required), [provision] (optional).
FREE_TABLES: tuple[str, ...] = ("standard", "provision")

_DATA = "data"


@dataclass(frozen=True, slots=True)
class DateStyle:
    """How a language writes a date: "{day} {month} {year}", month names, era, digits."""

    format: str
    months: tuple[str, ...]
    year_offset: int = 0
    digits: str | None = None

    def write(self, value: object) -> str:
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise LetterInputError(f"date: expected a date, got {value!r}")
        text = self.format.format(
            day=value.day, month=self.months[value.month - 1], year=value.year + self.year_offset
        )
        if self.digits:
            text = text.translate(str.maketrans("0123456789", self.digits))
        return text


@dataclass(frozen=True, slots=True)
class Template:
    """One language's letter template, checked."""

    language: str
    name: str
    font: str
    line_height: float
    subject_first: bool
    review: str
    date: DateStyle
    text: Mapping[str, str]
    tables: Mapping[str, Mapping[str, str]]

    def fill(self, key: str, **values: str) -> str:
        """Sentence `key` with its placeholders filled (the loader checked they match)."""
        try:
            return self.text[key].format_map(values)
        except KeyError as exc:  # a programming error: the schema and the code disagree
            raise LetterDataError(f"{self.language}.toml: text.{key}: no value for {exc}") from None

    def entry(self, table: str, key: str) -> str | None:
        return self.tables.get(table, {}).get(key)


# ------------------------------------------------------------------ loading


def placeholders(text: str) -> frozenset[str]:
    """The placeholder names used in `text` ("{x}"; "{{" is a literal brace)."""
    return frozenset(
        field for _, field, _, _ in string.Formatter().parse(text) if field is not None
    )


def _check_placeholders(text: str, where: str) -> frozenset[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise LetterDataError(f"{where}: bad placeholder syntax: {exc}") from None
    for _, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise LetterDataError(
                f"{where}: bad placeholder {{{field}}}: only plain {{name}} placeholders are allowed"
            )
    return placeholders(text)


def _str(value: object, where: str, *, empty_ok: bool = False) -> str:
    if not isinstance(value, str) or (not empty_ok and not value.strip()):
        raise LetterDataError(f"{where}: expected a non-empty string")
    return value


def _table(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise LetterDataError(f"{where}: expected a table")
    return value


def _date_style(raw: object, where: str) -> DateStyle:
    entry = _table(raw, where)
    fmt = _str(entry.get("format"), f"{where}.format")
    if _check_placeholders(fmt, f"{where}.format") != {"day", "month", "year"}:
        raise LetterDataError(f"{where}.format: expected the placeholders {{day}}, {{month}}, {{year}}")
    months = entry.get("months")
    if not isinstance(months, list) or len(months) != 12:
        raise LetterDataError(f"{where}.months: expected a list of 12 month names")
    offset = entry.get("year_offset", 0)
    if not isinstance(offset, int) or isinstance(offset, bool):
        raise LetterDataError(f"{where}.year_offset: expected an integer")
    digits = entry.get("digits")
    if digits is not None and (not isinstance(digits, str) or len(digits) != 10):
        raise LetterDataError(f"{where}.digits: expected a string of the ten digits 0-9")
    return DateStyle(
        format=fmt,
        months=tuple(_str(m, f"{where}.months[{i}]") for i, m in enumerate(months)),
        year_offset=offset,
        digits=digits,
    )


def parse_template(raw: Mapping[str, Any], language: str, source: str = "") -> Template:
    """Check a parsed template file and build the :class:`Template`."""
    src = source or f"{language}.toml"
    if raw.get("language") != language:
        raise LetterDataError(f"{src}: language: expected {language!r} (the file name)")
    font = _str(raw.get("font"), f"{src}: font")
    if font not in FONT_NAMES:
        raise LetterDataError(
            f"{src}: font: unknown font {font!r}; expected one of " + ", ".join(FONT_NAMES)
        )
    line_height = raw.get("line_height")
    if not isinstance(line_height, int | float) or not 1.0 <= float(line_height) <= 3.0:
        raise LetterDataError(f"{src}: line_height: expected a number between 1 and 3")
    subject_first = raw.get("subject_first")
    if not isinstance(subject_first, bool):
        raise LetterDataError(f"{src}: subject_first: expected true or false")

    text_raw = _table(raw.get("text"), f"{src}: text")
    missing = sorted(set(TEXT_PLACEHOLDERS) - set(text_raw))
    extra = sorted(set(text_raw) - set(TEXT_PLACEHOLDERS))
    if missing or extra:
        raise LetterDataError(
            f"{src}: text: "
            + "; ".join(
                part for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(extra)}" if extra else "",
                ) if part
            )
        )
    text: dict[str, str] = {}
    for key, expected in TEXT_PLACEHOLDERS.items():
        where = f"{src}: text.{key}"
        value = _str(text_raw[key], where, empty_ok=key in MAY_BE_EMPTY)
        found = _check_placeholders(value, where)
        if found != expected:
            raise LetterDataError(
                f"{where}: expected the placeholders {{{', '.join(sorted(expected)) or ''}}}, "
                f"found {{{', '.join(sorted(found))}}}"
            )
        text[key] = value

    tables: dict[str, Mapping[str, str]] = {}
    for name, keys in TABLE_KEYS.items():
        entry = _table(raw.get(name), f"{src}: {name}")
        absent = [k for k in keys if k not in entry]
        unknown = sorted(set(entry) - set(keys))
        if absent or unknown:
            raise LetterDataError(
                f"{src}: {name}: "
                + (f"missing {', '.join(absent)}" if absent else f"unknown {', '.join(unknown)}")
            )
        tables[name] = MappingProxyType(
            {k: _plain(entry[k], f"{src}: {name}.{k}") for k in keys}
        )
    for name in FREE_TABLES:
        entry = _table(raw.get(name, {}), f"{src}: {name}")
        tables[name] = MappingProxyType(
            {k: _plain(v, f"{src}: {name}.{k}") for k, v in entry.items()}
        )
    if not tables["standard"]:
        raise LetterDataError(f"{src}: standard: expected a statement per international standard")

    return Template(
        language=language,
        name=_str(raw.get("name"), f"{src}: name"),
        font=font,
        line_height=float(line_height),
        subject_first=subject_first,
        review=_str(raw.get("review"), f"{src}: review"),
        date=_date_style(raw.get("date"), f"{src}: date"),
        text=MappingProxyType(text),
        tables=MappingProxyType(tables),
    )


def _plain(value: object, where: str) -> str:
    """A phrase inserted into a sentence: text only, no placeholders of its own."""
    text = _str(value, where)
    if _check_placeholders(text, where):
        raise LetterDataError(f"{where}: a phrase cannot have placeholders")
    return text


def _data_dir() -> Traversable:
    return resources.files("wayhome.domain.letters").joinpath(_DATA)


@functools.cache
def available_languages() -> tuple[str, ...]:
    """The languages that have a template file, English first."""
    found = sorted(
        p.name.removesuffix(".toml") for p in _data_dir().iterdir() if p.name.endswith(".toml")
    )
    return tuple(sorted(found, key=lambda lang: (lang != "en", lang)))


def read_template(path: Traversable | Path, language: str) -> Template:
    """Read and check one template file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise LetterDataError(f"{path.name}: not valid TOML: {exc}") from exc
    return parse_template(raw, language, path.name)


@functools.cache
def load_template(language: str) -> Template:
    """The packaged template for `language` (ISO 639-1), read and checked once, then cached."""
    key = str(language).strip().lower()
    if key not in available_languages():
        raise LetterInputError(
            f"language: no letter template for {language!r}; expected one of "
            + ", ".join(available_languages())
        )
    return read_template(_data_dir().joinpath(f"{key}.toml"), key)
