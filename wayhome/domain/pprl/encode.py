"""Keyed Bloom-filter encoding of one record (no name or variant string leaves here)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from wayhome.domain.linkage import Record, parse_birth
from wayhome.domain.linkage.blocking import birth_key
from wayhome.domain.names import Name, name_key, normalise, skeleton

from .scheme import FIELDS, Params, subkey


@dataclass(frozen=True, slots=True)
class Encoded:
    """One encoded record: Bloom filters as ints (bit i = position i), None = missing.

    ``name`` holds one filter per distinct name variant (repetition padding is removed
    when read back); ``blocks`` are keyed block keys "kind:hexdigest"."""

    id: str
    name: tuple[int, ...]
    birth_year: int | None
    birth_md: int | None
    sex: int | None
    nationality: int | None
    blocks: frozenset[str]


class Encoder:
    """Encodes records with one key and one parameter set (subkeys derived once)."""

    def __init__(self, key: bytes, params: Params) -> None:
        self.params = params
        self._keys = {f: subkey(key, f) for f in FIELDS}
        self._block_key = subkey(key, "blocks")

    def positions(self, field: str, token: str) -> list[int]:
        """k positions by double hashing of HMAC-SHA256(field subkey, token)."""
        p = self.params.fields[field]
        digest = hmac.new(self._keys[field], token.encode(), hashlib.sha256).digest()
        h1 = int.from_bytes(digest[:8], "big")
        h2 = int.from_bytes(digest[8:16], "big") | 1
        return [(h1 + i * h2) % p.bits for i in range(p.k)]

    def bloom(self, field: str, tokens: Iterable[str]) -> int:
        bits = 0
        for token in tokens:
            for pos in self.positions(field, token):
                bits |= 1 << pos
        if self.params.xor_fold and field == "name":
            half = self.params.fields[field].bits // 2
            bits = (bits & ((1 << half) - 1)) ^ (bits >> half)
        return bits

    def block_key(self, kind: str, value: str) -> str:
        digest = hmac.new(self._block_key, f"{kind}:{value}".encode(), hashlib.sha256)
        return f"{kind}:{digest.hexdigest()[:16]}"

    def encode(self, record: Record, name: Name | None = None) -> Encoded:
        """Encode one (valid) record. Raises NameInputError for an unusable name."""
        analysed = name or normalise(record.name)
        variants = analysed.variants[: self.params.max_variants]
        filters = tuple(dict.fromkeys(self.bloom("name", name_tokens(v)) for v in variants))
        birth = parse_birth(record.birth)
        year = md = None
        if birth is not None:
            year = self.bloom("birth_year", year_tokens(birth.year))
            if birth.month is not None and birth.day is not None:
                md = self.bloom("birth_md", md_tokens(birth.month, birth.day))
        sex = self.bloom("sex", [f"s:{record.sex}"]) if record.sex else None
        nat = self.bloom("nationality", [f"n:{record.nationality}"]) if record.nationality \
            else None
        blocks = {self.block_key("k", k) for k in analysed.keys if k}
        blocks |= {self.block_key("t", k) for k in analysed.token_keys if k}
        blocks |= {self.block_key("v", t) for v in analysed.variants for t in v.split()
                   if len(t) >= 2}
        # the same full date of birth, as the plain engine blocks (the birth filters of
        # two records born the same day are identical bits anyway: this tells no more)
        blocks |= {self.block_key("b", k) for k in birth_key(record.birth)}
        return Encoded(record.id, filters, year, md, sex, nat, frozenset(blocks))


def name_tokens(variant: str) -> list[str]:
    """What goes into a variant's filter: bigrams of each padded token ("_som_"), so
    token order does not matter; plus the consonant skeleton of the whole spelling and of
    each token, so everyday spellings that differ in vowels still share bits."""
    tokens: list[str] = []
    for word in variant.split():
        padded = f"_{word}_"
        tokens += [f"b:{padded[i:i + 2]}" for i in range(len(padded) - 1)]
        tokens.append(f"s:{skeleton(word)}")
    tokens.append(f"k:{name_key(variant)}")
    return tokens


def year_tokens(year: int) -> list[str]:
    """The year and a window of +-1 year: one year apart shares 2 of 4 tokens, two years
    apart 1 of 4."""
    return [f"y:{year}", *(f"w:{year + d}" for d in (-1, 0, 1))]


def md_tokens(month: int, day: int) -> list[str]:
    """Day and month, in order and as an unordered pair (four times), so a day-month swap
    shares 4 of 7 tokens and another day of the same month 1 of 7."""
    low, high = sorted((month, day))
    return [f"m:{month}", f"d:{day}", f"o:{month}-{day}",
            *(f"p{i}:{low}-{high}" for i in range(4))]


def dice(a: int, b: int) -> float:
    """Dice coefficient of two bit sets: 2|A and B| / (|A| + |B|)."""
    total = a.bit_count() + b.bit_count()
    return 2 * (a & b).bit_count() / total if total else 0.0


def best_dice(a: Sequence[int], b: Sequence[int]) -> float:
    return max((dice(x, y) for x in a for y in b), default=0.0)


def fill(bits: int, length: int) -> float:
    """Share of the filter's bits that are set."""
    return bits.bit_count() / length if length else 0.0
