"""Value objects of the letters package: the facts a letter states, and the letter itself.

The facts carry no field for the person's name, and nothing else that names them: a
letter identifies the person by the organisation's pseudonymous case number and the
authority's own file reference only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal


class LetterError(ValueError):
    """Base class of the letters package's errors. The message names the bad field first."""


class LetterInputError(LetterError):
    """Bad input to compose a letter (a missing fact, an unknown language, a bad analysis)."""


class LetterDataError(LetterError):
    """A letter template file is malformed. The message names the file and key first."""


class LetterRenderError(LetterError):
    """The letter cannot be printed (for example a character no packaged font covers)."""


@dataclass(frozen=True, slots=True)
class MeasureFacts:
    """What the case records about the measure, beyond what the law analysis knows.

    `authority` is the authority as recorded (free text, may be empty: the letter then
    names the kind of authority); `reference` is the authority's own file or court
    reference (may be empty).
    """

    ordered_on: dt.date
    authority: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class LetterFacts:
    """The facts a request letter states. There is deliberately no field for a name.

    `organisation` writes the letter; `case_number` is its pseudonymous case number;
    `grounds_recorded_on` is the date the organisation recorded reasonable grounds (the
    non-punishment principle applies from then); `letter_date` is the date of the letter.
    """

    organisation: str
    case_number: str
    letter_date: dt.date
    grounds_recorded_on: dt.date
    measure: MeasureFacts


BlockKind = Literal[
    "draft_notice",
    "organisation",
    "meta",
    "version",
    "addressee",
    "subject",
    "salutation",
    "heading",
    "paragraph",
    "item",
    "valediction",
    "signature",
    "signatory",
    "references_heading",
    "reference",
]


#: What a staff member checks when a cited provision is marked "to verify", by the
#: ``about`` of the law data's sources (and "source" for a citation whose source as a
#: whole is to verify), in English; each letter template words them in its own language in
#: its ``[to_verify]`` table, and the web page through the translation catalogues.
TO_VERIFY_FACTS: Mapping[str, str] = MappingProxyType({
    "existence": "that it exists",
    "article": "the article number",
    "scope": "what it covers",
    "condition": "its condition",
    "measures": "that it bars this measure",
    "source": "its wording",
})

#: Printed after each citation that is still to verify, in a draft.
TO_VERIFY_MARK = "[TO VERIFY]"


@dataclass(frozen=True, slots=True)
class UnverifiedCitation:
    """A legal provision the letter cites although the law data marks it "to verify".

    `key` is stable ("national:<provision id>" or "standard:<standard id>"): a caller
    confirms the check by key. `citation` is the instrument and article as the law data
    gives them; `facts` are what is to verify (keys of :data:`TO_VERIFY_FACTS`).
    """

    key: str
    citation: str
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a letter: a line or paragraph with its role in the layout."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Letter:
    """A composed letter in one language, ready to render.

    `review` is the template's review mark (for example "machine-drafted: needs review by
    a native-speaking lawyer"); the PDF prints it in a footer line. `font` names the
    packaged font family the language is written in (see :mod:`.fonts`). `to_verify`
    lists the cited provisions marked "to verify" that no one has confirmed checking.
    """

    language: str
    language_name: str
    font: str
    line_height: float
    review: str
    title: str
    blocks: tuple[Block, ...]
    to_verify: tuple[UnverifiedCitation, ...] = ()

    @property
    def is_draft(self) -> bool:
        """True while the letter cites a provision to verify that no one has confirmed:
        a draft carries a notice and a mark at each such citation, and is not to be sent."""
        return bool(self.to_verify)

    @property
    def text(self) -> str:
        """The whole letter as plain text, one block per paragraph."""
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def footer(self) -> str:
        """The footer line: which template wrote this letter, and its review mark (and, on
        a draft, that it is not to be sent)."""
        line = f"Wayhome letter template ({self.language}): {self.review}"
        return f"DRAFT, NOT TO BE SENT · {line}" if self.is_draft else line
