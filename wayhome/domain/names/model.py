"""Value objects of the names engine."""

from __future__ import annotations

from dataclasses import dataclass

#: Longest name (in characters, after trimming) the engine accepts.
MAX_NAME_LENGTH = 200


class NameInputError(ValueError):
    """A name the engine cannot work with: empty, too long, control characters, no letters."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NameDataError(ValueError):
    """The packaged name data files are inconsistent."""


@dataclass(frozen=True, slots=True)
class Name:
    """One written name and everything the engine derives from it.

    ``variants`` are lowercase, diacritic-free Latin spellings, deduplicated, in a fixed
    order (the most usual spelling first): the same input always gives the same tuple.
    ``keys`` are consonant skeletons of each variant with its tokens run together
    (order as written); ``token_keys`` are order-free keys: the sorted token skeletons
    of each variant, and, for names of three tokens or more, of its first and last
    token only (so "Nguyen Van Hung" and "Hung Nguyen" share one).
    """

    original: str
    scripts: frozenset[str]
    tokens: tuple[str, ...]
    variants: tuple[str, ...]
    keys: tuple[str, ...]
    token_keys: tuple[str, ...]
    zawgyi_converted: bool = False

    @property
    def variant_set(self) -> frozenset[str]:
        return frozenset(self.variants)
