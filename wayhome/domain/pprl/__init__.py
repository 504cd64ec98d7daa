"""Privacy-preserving record linkage (PPRL): link two lists without either side handing
over names.

Each side encodes its list with a shared secret key (:class:`Encoder`); only the
encodings are exchanged, and :func:`link_encoded` matches them with the same model as the
plain engine (:mod:`wayhome.domain.linkage`): blocking, a weight per comparison level,
one-to-one assignment, the automatic-match threshold and the review band.

The scheme ("wayhome-pprl/2", parameters in ``data/pprl.toml``)
----------------------------------------------------------------
* **Names**: the names engine's variant spellings (up to ``max_variants``; every script is
  romanised first, so "สมหญิง" and "Somyhing" are compared through their variants). Each
  variant gets its own Bloom filter (a record-level filter per variant, not one CLK of
  all of them, so a pair is scored on its best-agreeing variants: "best over variants").
  Into it go the bigrams of each padded token (" _som_ ") and the consonant-skeleton
  keys of each token and of the whole spelling. The filters are written padded by
  repetition to ``max_variants``, so the number of variants (a hint of the script) is
  not visible.
* **Birth**: a year filter (the year and a +-1 window: same year Dice 1, a year apart about
  0.5) and a day-month filter (day, month, ordered pair, unordered pair twice: a day-month
  swap keeps about 0.4). Partial dates fill only what is known.
* **Sex, nationality**: one token each, in its own small filter.
* **Hashing**: k positions per token by double hashing, h1 + i*h2 mod L, with h1, h2 taken
  from HMAC-SHA256 under a per-field subkey derived from the shared key (so the same
  bigram sets unrelated bits in different fields, and nobody without the key can build a
  dictionary of filters).
* **Blocking**: keyed block keys HMAC(block subkey, key) truncated to 64 bits, for the
  names engine's skeleton keys, order-free token-set keys and variant tokens (the last
  skipped when a block is very large, as in the plain engine), and the full date of birth
  (two records born the same day have identical birth filters anyway).
* **Key check value**: HMAC(key, "wayhome-pprl kcv")[:8] in the file header; encodings
  with a different key check value or parameters are refused.

Filter fill (share of bits set) is measured by benchmarks/pprl.py; lengths and k were
chosen so typical records stay around 0.3-0.5 (a full filter matches everything).

Known attacks and what is done
------------------------------
* *Dictionary attack* (encode every likely name and compare): impossible without the key;
  HMAC with a 256-bit secret; keys shorter than 32 bytes are refused.
* *Frequency attacks on Bloom filters* (Kuzu et al. 2011; Christen et al. 2017-2018:
  frequent filters, or frequent bit patterns, align with frequent names/bigrams; with
  enough public name frequencies many records can be re-identified even without the key):
  - one filter per field and per variant, with field subkeys, so bits cannot be matched
    across fields; cyclic padding hides the variant count;
  - optional XOR-folding of the name filters (``xor_fold``: the two halves XOR-ed,
    Schnell et al. 2016), which blurs which bigram set which bit; it costs recall
    (benchmarks/pprl.py shows it) because unrelated folded filters agree more. The small
    fields are not folded (a folded 16-bit filter is full);
  - NOT done: balancing (adding the complement, Berger/Schnell) and record-level salting
    with a record attribute (e.g. birth year): balancing doubles the length and shifts
    Dice values, salting with a noisy attribute (birth years are often guessed here) would
    split true pairs. Residual risk: identical names still give identical filters, and
    the keyed block keys are deterministic pseudonyms whose frequencies are visible to
    the linking party (e.g. the most frequent "v:" key is likely "nguyen"). Treat the
    linking party as trusted-but-curious, keep encodings and the key apart, and delete
    encodings after linking.
* *Key compromise*: whoever has the key can run a dictionary attack; the key must be
  exchanged out of band and never stored with the encodings (the files hold only the key
  check value).
"""

from .encode import Encoded, Encoder, best_dice, dice, fill, md_tokens, name_tokens, year_tokens
from .io import COLUMNS, EncodedFile, check_compatible, dumps, loads
from .match import candidate_pairs, link_encoded, load_levels, score
from .scheme import (
    FIELDS,
    KEY_BYTES,
    FieldParams,
    Params,
    PprlError,
    default_params,
    key_check_value,
    parse_key,
)

__all__ = [
    "COLUMNS",
    "FIELDS",
    "KEY_BYTES",
    "Encoded",
    "EncodedFile",
    "Encoder",
    "FieldParams",
    "Params",
    "PprlError",
    "best_dice",
    "candidate_pairs",
    "check_compatible",
    "default_params",
    "dice",
    "dumps",
    "fill",
    "key_check_value",
    "link_encoded",
    "load_levels",
    "loads",
    "md_tokens",
    "name_tokens",
    "parse_key",
    "score",
    "year_tokens",
]
