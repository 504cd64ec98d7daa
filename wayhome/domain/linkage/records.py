"""Reading a list of people from CSV, reporting every malformed row by line number."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from wayhome.domain.names import NameInputError

from ._names import cached_normalise
from .model import LinkageInputError, Problem, Record

COLUMNS = ("id", "name", "sex", "birth", "nationality")


def _has_undecodable(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def record_columns(records: Sequence[Record]) -> dict[str, list[str]]:
    """The lists' fields as columns (name, sex, birth, nationality), as the table
    engine (:mod:`.vector`) takes them."""
    return {"name": [r.name for r in records], "sex": [r.sex for r in records],
            "birth": [r.birth for r in records],
            "nationality": [r.nationality for r in records]}


def read_records(path: str | Path) -> list[Record]:
    """Read ``id,name,sex,birth,nationality`` (header required; UTF-8, a BOM is tolerated).

    Sex and nationality are upper-cased. Raises :class:`LinkageInputError` listing every
    problem with its line number (missing/duplicate id, bad sex, date or nationality,
    undecodable bytes, wrong column count, empty or unusable name); blank lines are skipped.
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise LinkageInputError([Problem(f"cannot read: {exc.strerror or exc}", None, source)])
    return parse_records(raw, source)


def parse_records(raw: bytes, source: str = "") -> list[Record]:
    """:func:`read_records` on bytes already in memory."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    text = raw.decode("utf-8", errors="surrogateescape")
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise LinkageInputError([Problem(f"header: {exc}", 1, source)]) from None
    if header is None:
        raise LinkageInputError([Problem("empty file: header id,name,sex,birth,nationality "
                                         "required", 1, source)])
    names = [h.strip().lower() for h in header]
    if _has_undecodable(",".join(header)) or sorted(names) != sorted(COLUMNS):
        raise LinkageInputError([Problem(
            f"header must be the columns {','.join(COLUMNS)} (got {','.join(header)!r})",
            1, source)])
    index = {n: i for i, n in enumerate(names)}
    records: list[Record] = []
    first_line: dict[str, int] = {}
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(f"unreadable CSV: {exc}", reader.line_num, source))
            break
        line = reader.line_num
        if not row or all(not c.strip() for c in row) and len(row) <= 1:
            continue
        if any(_has_undecodable(c) for c in row):
            problems.append(Problem("undecodable bytes (not UTF-8)", start, source))
            continue
        if len(row) != len(COLUMNS):
            problems.append(Problem(
                f"expected {len(COLUMNS)} columns, got {len(row)}", start, source))
            continue
        values = {n: row[i].strip() for n, i in index.items()}
        rec = Record(
            id=values["id"], name=values["name"], sex=values["sex"].upper(),
            birth=values["birth"], nationality=values["nationality"].upper(),
        )
        row_problems = rec.problems()
        if rec.name.strip():
            try:
                cached_normalise(rec.name)
            except NameInputError as exc:
                row_problems.append(exc.message)
        if rec.id:
            if rec.id in first_line:
                row_problems.append(
                    f"id {rec.id!r}: duplicate (first on line {first_line[rec.id]})")
            else:
                first_line[rec.id] = start
        for message in row_problems:
            problems.append(Problem(message, start, source))
        if not row_problems:
            records.append(rec)
    if problems:
        raise LinkageInputError(problems)
    return records
