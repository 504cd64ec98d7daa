"""Encoded files: a header line with the scheme parameters and key check value (never
the key), then CSV rows of base64 Bloom filters and keyed block keys."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .encode import Encoded
from .scheme import Params, PprlError, header_line

COLUMNS = ("id", "name", "birth_year", "birth_md", "sex", "nationality", "blocks")
_HEADER_PREFIX = "# wayhome-pprl "
_BLOCK = re.compile(r"[ktvb]:[0-9a-f]{16}")
_KCV = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class EncodedFile:
    params: Params
    kcv: str
    records: tuple[Encoded, ...]


def _b64(bits: int, nbytes: int) -> str:
    return base64.b64encode(bits.to_bytes(nbytes, "little")).decode("ascii")


def dumps(records: Sequence[Encoded], params: Params, kcv: str) -> str:
    """The file text. Name filters are padded by repetition to ``max_variants`` so the
    number of variants (which hints at the script of the name) is not visible."""
    out = io.StringIO()
    out.write(header_line(params, kcv) + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    nb = {f: params.stored_bits(f) // 8 for f in params.fields}
    for rec in records:
        names = [rec.name[i % len(rec.name)] for i in range(params.max_variants)]
        writer.writerow([
            rec.id,
            " ".join(_b64(n, nb["name"]) for n in names),
            "" if rec.birth_year is None else _b64(rec.birth_year, nb["birth_year"]),
            "" if rec.birth_md is None else _b64(rec.birth_md, nb["birth_md"]),
            "" if rec.sex is None else _b64(rec.sex, nb["sex"]),
            "" if rec.nationality is None else _b64(rec.nationality, nb["nationality"]),
            " ".join(sorted(rec.blocks)),
        ])
    return out.getvalue()


def _filter(text: str, nbytes: int, what: str, problems: list[str]) -> int | None:
    if not text:
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        problems.append(f"{what}: not base64")
        return None
    if len(raw) != nbytes:
        problems.append(f"{what}: {len(raw)} bytes, the scheme says {nbytes}")
        return None
    return int.from_bytes(raw, "little")


def loads(text: str, source: str = "") -> EncodedFile:
    """Parse an encoded file; raises :class:`PprlError` listing every problem as
    "source:line: message"."""
    where = (source + ":") if source else ""
    lines = text.split("\n", 1)
    first = lines[0].rstrip("\r")
    if not first.startswith(_HEADER_PREFIX):
        raise PprlError(f"{where}1: not a Wayhome encoded file (first line must start "
                        f"with {_HEADER_PREFIX.strip()!r})")
    try:
        meta = json.loads(first[len(_HEADER_PREFIX):])
        params = Params.from_json(meta)
        kcv = str(meta["kcv"])
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise PprlError(f"{where}1: header unreadable: {exc}") from None
    except PprlError as exc:
        raise PprlError([f"{where}1: {p}" for p in exc.problems]) from None
    if not _KCV.fullmatch(kcv):
        raise PprlError(f"{where}1: key check value must be 16 hex digits")
    body = lines[1] if len(lines) > 1 else ""
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    problems: list[str] = []
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise PprlError(f"{where}2: {exc}") from None
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise PprlError(f"{where}2: header must be {','.join(COLUMNS)}")
    nb = {f: params.stored_bits(f) // 8 for f in params.fields}
    records: list[Encoded] = []
    seen: dict[str, int] = {}
    line = 2
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"{where}{reader.line_num + 1}: unreadable CSV: {exc}")
            break
        line = reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        row_problems: list[str] = []
        if len(row) != len(COLUMNS):
            problems.append(f"{where}{start}: expected {len(COLUMNS)} columns, got {len(row)}")
            continue
        rid, name, year, md, sex, nat, blocks = (c.strip() for c in row)
        if not rid:
            row_problems.append("id: missing")
        elif rid in seen:
            row_problems.append(f"id {rid!r}: duplicate (first on line {seen[rid]})")
        else:
            seen[rid] = start
        names = [_filter(n, nb["name"], "name", row_problems) for n in name.split()]
        if not names:
            row_problems.append("name: no filter")
        fields = [_filter(v, nb[f], f, row_problems)
                  for v, f in ((year, "birth_year"), (md, "birth_md"), (sex, "sex"),
                               (nat, "nationality"))]
        block_list = blocks.split()
        bad = [b for b in block_list if not _BLOCK.fullmatch(b)]
        if bad:
            row_problems.append(f"blocks: malformed key {bad[0]!r}")
        problems.extend(f"{where}{start}: {p}" for p in row_problems)
        if not row_problems:
            records.append(Encoded(rid, tuple(dict.fromkeys(n for n in names if n is not None)),
                                   fields[0], fields[1], fields[2], fields[3],
                                   frozenset(block_list)))
    if problems:
        raise PprlError(problems)
    return EncodedFile(params, kcv, tuple(records))


def check_compatible(left: EncodedFile, right: EncodedFile) -> None:
    """Refuse to link encodings made with different keys or parameters."""
    problems = []
    if left.kcv != right.kcv:
        problems.append(f"the two files were encoded with different keys (key check "
                        f"values {left.kcv} and {right.kcv})")
    if left.params != right.params:
        problems.append("the two files were encoded with different scheme parameters: "
                        f"{json.dumps(left.params.as_json(), sort_keys=True)} vs "
                        f"{json.dumps(right.params.as_json(), sort_keys=True)}")
    if problems:
        raise PprlError(problems)
