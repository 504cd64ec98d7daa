"""References of Special Procedures communications, e.g. ``AL KHM 1/2025``.

A reference is four parts (project domain/law.md section 4): the type of letter, the
addressee, a running number and the year the letter was sent.

- Type: ``UA`` (urgent appeal), ``AL`` (allegation letter) or ``OL`` (other letter).
  Those are the only types law.md documents. Letters signed by several mandates are
  called "joint communications" in the seeds, but their reference keeps the plain
  type (the OHCHR 2023 paper cites "Joint communication ... AL KHM 2/2022"), so forms
  such as ``JAL`` or ``JUA`` are rejected with a message that says so.
- Addressee: an ISO 3166-1 alpha-3 country code (``KHM``, ``THA``), or ``OTH`` for a
  letter to anyone who is not a state (``AL OTH 17/2025`` went to ASEAN).
- Number: a positive whole number with no leading zero (``1``, ``17``).
- Year: four digits, from :data:`MIN_YEAR` to the current year (the caller may pass
  ``today`` to fix "now", as the tests do).

Spelling decisions, so that each communication has exactly one canonical form:

- Case is not significant: ``al khm 1/2025`` is read as ``AL KHM 1/2025``.
- Runs of spaces (and tabs) between the parts count as one space; leading and trailing
  space is ignored. A space is required between type and addressee and between
  addressee and number; no space is allowed around the slash.
- A leading ``Ref.:`` (as printed on the letters) is not part of a reference and is
  rejected, so a pasted header is noticed rather than silently trimmed.

Errors raise :class:`ReferenceFormatError`, a ``ValueError`` with a stable ``code``
(for translated messages in the web layer) and an English message naming what is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import pycountry

#: Earliest year accepted. The running-number references with an ISO country code are
#: those of the communications reporting system; nothing in the project's sources is
#: older than 2022, and a year before 2000 is far more likely a typing slip.
MIN_YEAR = 2000

#: Addressee code for letters to anyone who is not a state (regional bodies, companies,
#: armed groups).
OTHER_ADDRESSEE = "OTH"


class CommunicationType(StrEnum):
    """The three letter types of law.md section 4."""

    UA = "UA"
    AL = "AL"
    OL = "OL"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS: dict[CommunicationType, str] = {
    CommunicationType.UA: "urgent appeal",
    CommunicationType.AL: "allegation letter",
    CommunicationType.OL: "other letter",
}

_TYPES = ", ".join(f"{t.value} ({t.label})" for t in CommunicationType)
_JOINT = {"JAL", "JUA", "JOL"}


class ReferenceFormatError(ValueError):
    """A reference that cannot be read. ``code`` names the kind of error (stable, for
    translations); ``message`` says what is wrong in English."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


@dataclass(frozen=True, order=True)
class Reference:
    """A parsed, valid reference. ``str()`` gives the canonical form."""

    type: CommunicationType
    country: str
    number: int
    year: int

    def __str__(self) -> str:
        return f"{self.type.value} {self.country} {self.number}/{self.year}"

    @property
    def canonical(self) -> str:
        return str(self)

    @property
    def is_state(self) -> bool:
        """True when addressed to a state (an ISO country code), not to ``OTH``."""
        return self.country != OTHER_ADDRESSEE


_SHAPE = re.compile(
    r"^(?P<type>[A-Z]+)[ \t]+(?P<country>[A-Z]+)[ \t]+(?P<number>[0-9]+)"
    r"(?P<slash>/)?(?P<year>[0-9]*)$"
)
_EXAMPLE = "AL KHM 1/2025"


def parse_reference(text: str, today: date | None = None) -> Reference:
    """Read a reference, or raise :class:`ReferenceFormatError` saying what is wrong.

    ``today`` bounds the year (no reference from the future); default: today's date.
    """
    if not isinstance(text, str) or not text.strip():
        raise ReferenceFormatError("empty", f"The reference is empty: write it like {_EXAMPLE}.")
    raw = text.strip().upper()
    if raw.startswith("REF"):
        raise ReferenceFormatError(
            "prefix", f"Leave out the 'Ref.:' label: write only the reference, like {_EXAMPLE}.")
    match = _SHAPE.match(raw)
    if match is None:
        raise _shape_error(raw)
    if match.group("slash") is None:
        raise ReferenceFormatError(
            "missing_slash",
            f"The number and the year are separated by a slash: write it like {_EXAMPLE}.")
    kind = _check_type(match.group("type"))
    country = _check_country(match.group("country"))
    number = _check_number(match.group("number"))
    year = _check_year(match.group("year"), today or date.today())
    return Reference(kind, country, number, year)


def is_valid_reference(text: str, today: date | None = None) -> bool:
    try:
        parse_reference(text, today)
    except ReferenceFormatError:
        return False
    return True


def canonical_reference(text: str, today: date | None = None) -> str:
    """The one spelling of a reference (raises :class:`ReferenceFormatError`)."""
    return str(parse_reference(text, today))


def _shape_error(raw: str) -> ReferenceFormatError:
    """Say which part is missing or misplaced when the overall shape does not match."""
    parts = raw.replace("\t", " ").split()
    if len(parts) == 1 and re.match(r"^[A-Z]{2,3}[A-Z]{3}[0-9]", raw):
        return ReferenceFormatError(
            "missing_space",
            f"Separate the type, the addressee and the number with spaces, like {_EXAMPLE}.")
    if len(parts) == 2 and parts[1][:1].isdigit():
        return ReferenceFormatError(
            "missing_part",
            f"The reference needs a type, an addressee, a number and a year, like {_EXAMPLE}: "
            "the type or the addressee is missing.")
    if len(parts) == 4 and parts[2].isdigit() and parts[3].isdigit():
        return ReferenceFormatError(
            "missing_slash",
            f"The number and the year are separated by a slash: write it like {_EXAMPLE}.")
    if len(parts) > 3 and "/" in raw:
        return ReferenceFormatError(
            "space_in_number",
            f"Write the number and the year without spaces around the slash, like {_EXAMPLE}.")
    if len(parts) == 3 and re.match(r"^[0-9]+[^0-9/][0-9]+$", parts[2]):
        return ReferenceFormatError(
            "missing_slash",
            f"The number and the year are separated by a slash: write it like {_EXAMPLE}.")
    return ReferenceFormatError(
        "shape",
        f"Not a communication reference: expected a type, an addressee, a number and a year, "
        f"like {_EXAMPLE}.")


def _check_type(value: str) -> CommunicationType:
    if value in _JOINT:
        raise ReferenceFormatError(
            "joint_type",
            f"'{value}' is not a reference type: joint letters keep the plain type "
            f"({_TYPES}).", value=value)
    try:
        return CommunicationType(value)
    except ValueError:
        raise ReferenceFormatError(
            "unknown_type", f"Unknown type '{value}': the type is one of {_TYPES}.",
            value=value) from None


def _check_country(value: str) -> str:
    if value == OTHER_ADDRESSEE:
        return value
    if len(value) != 3:
        raise ReferenceFormatError(
            "country_length",
            f"The addressee '{value}' is not a three-letter code: use the ISO 3166 alpha-3 code "
            f"of the state (KHM, THA) or {OTHER_ADDRESSEE} for a non-state addressee.",
            value=value)
    if pycountry.countries.get(alpha_3=value) is None:
        raise ReferenceFormatError(
            "unknown_country",
            f"'{value}' is not an ISO 3166 alpha-3 country code: use the code of the state "
            f"(KHM, THA) or {OTHER_ADDRESSEE} for a non-state addressee.", value=value)
    return value


def _check_number(value: str) -> int:
    number = int(value)
    if number == 0:
        raise ReferenceFormatError(
            "number_zero", "The running number starts at 1: 0 is not a communication number.")
    if value.startswith("0"):
        raise ReferenceFormatError(
            "leading_zero", f"Write the number without leading zeros ({number}, not {value}).",
            value=value)
    return number


def _check_year(value: str, today: date) -> int:
    if not value:
        raise ReferenceFormatError(
            "missing_year", f"The year is missing after the slash: write it like {_EXAMPLE}.")
    if len(value) != 4:
        raise ReferenceFormatError(
            "year_digits", f"Write the year with four digits ({_EXAMPLE}), not '{value}'.",
            value=value)
    year = int(value)
    if year < MIN_YEAR or year > today.year:
        raise ReferenceFormatError(
            "year_range",
            f"The year {year} is out of range: it must be from {MIN_YEAR} to {today.year}.",
            year=year, min=MIN_YEAR, max=today.year)
    return year
