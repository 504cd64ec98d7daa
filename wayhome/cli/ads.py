"""``wayhome ads check FILE``: score job ads for scam-compound recruitment risk.

FILE (or ``-`` for standard input) is one of:

- CSV with a header row and a ``text`` column (an ``id`` column is passed
  through), chosen for ``.csv`` files;
- JSON lines, one object per line with a ``text`` string (``id`` passed
  through), chosen for ``.jsonl``, ``.ndjson`` and ``.json`` files;
- plain text, the whole file being one ad, chosen for ``.txt`` files.

Other names and standard input are sniffed: a first non-blank line starting
with ``{`` means JSON lines; a first line that parses as a CSV header with a
``text`` column means CSV; anything else is one plain-text ad. ``--format``
overrides both.

Output: one JSON object per ad, in input order, with ``line`` (the line the
ad starts on), ``id`` when given, ``risk``, ``score``, ``flags`` (id, title,
matched words, reason), ``signals``, ``languages`` and ``model_version``.
Everything is read and checked before anything is written: on any bad input
(empty or over-long ad, binary or wrongly encoded file, CSV without a text
column, a JSON line that is not an object) each problem goes to standard error
with its line number, the exit code is 2 and no output is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 200_000_000
MAX_PROBLEMS = 20
FORMATS = ("auto", "csv", "jsonl", "text")


@dataclass(frozen=True)
class AdRow:
    line: int
    id: str | None
    text: str


class InputProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _read_bytes(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        try:
            with open(name, "rb") as fh:
                data = fh.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise InputProblems([f"cannot read the file: {exc.strerror or exc}"]) from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputProblems([f"the file is larger than {MAX_FILE_BYTES // 1_000_000} MB; split it"])
    return data


def _decode(data: bytes) -> str:
    from wayhome.domain.jobads import AdInputError
    from wayhome.domain.jobads.text import decode

    try:
        text = decode(data)
    except AdInputError as exc:
        raise InputProblems([_line_of_bad_bytes(data) + str(exc)]) from exc
    if "\x00" in text:
        raise InputProblems(["the file looks binary (it contains NUL bytes), not text"])
    return text


def _line_of_bad_bytes(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return f"line {line}: "
    return ""


def _guess_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower() if name != "-" else ""
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix == ".txt":
        return "text"
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if first.lstrip().startswith("{"):
        return "jsonl"
    try:
        header = next(csv.reader([first]))
    except csv.Error:
        header = []
    if len(header) > 1 and "text" in (h.strip().lower() for h in header):
        return "csv"
    return "text"


def _validate(line: int, text: str, problems: list[str]) -> bool:
    from wayhome.domain.jobads import AdInputError
    from wayhome.domain.jobads.text import validate_text

    try:
        validate_text(text)
    except AdInputError as exc:
        problems.append(f"line {line}: {exc}")
        return False
    return True


def _rows_csv(text: str) -> list[AdRow]:
    problems: list[str] = []
    rows: list[AdRow] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InputProblems(["line 1: the CSV file is empty"]) from None
    names = [h.strip().lower() for h in header]
    if "text" not in names:
        raise InputProblems([f"line 1: the CSV header has no 'text' column (found: {', '.join(header)})"])
    ti = names.index("text")
    ii = names.index("id") if "id" in names else None
    start = reader.line_num + 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not record:
                continue  # a blank line between rows
            if len(record) != len(header):
                problems.append(f"line {line}: {len(record)} fields, the header has {len(header)}")
            elif _validate(line, record[ti], problems):
                rows.append(AdRow(line, record[ii] if ii is not None else None, record[ti]))
            if len(problems) >= MAX_PROBLEMS:
                break
    except csv.Error as exc:
        problems.append(f"line {reader.line_num}: the CSV is malformed ({exc})")
    if problems:
        raise InputProblems(problems)
    if not rows:
        raise InputProblems(["the CSV file has a header but no ads"])
    return rows


def _rows_jsonl(text: str) -> list[AdRow]:
    problems: list[str] = []
    rows: list[AdRow] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj: Any = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not valid JSON ({exc.msg})")
        else:
            if not isinstance(obj, dict):
                problems.append(f"line {n}: a JSON line must be an object with a 'text' field")
            elif not isinstance(obj.get("text"), str):
                problems.append(f"line {n}: the object has no 'text' string")
            elif _validate(n, obj["text"], problems):
                ident = obj.get("id")
                rows.append(AdRow(n, None if ident is None else str(ident), obj["text"]))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise InputProblems(problems)
    if not rows:
        raise InputProblems(["the file has no ads (no non-blank lines)"])
    return rows


def _rows_text(text: str) -> list[AdRow]:
    problems: list[str] = []
    if not _validate(1, text, problems):
        raise InputProblems(problems)
    return [AdRow(1, None, text)]


def load_rows(name: str, fmt: str = "auto") -> list[AdRow]:
    """Read and check every ad in the file; raise ``InputProblems`` if any is bad."""
    text = _decode(_read_bytes(name))
    if not text.strip():
        raise InputProblems(["line 1: the file is empty: give at least one job advertisement"])
    chosen = _guess_format(name, text) if fmt == "auto" else fmt
    if chosen == "csv":
        return _rows_csv(text)
    if chosen == "jsonl":
        return _rows_jsonl(text)
    return _rows_text(text)


def render(rows: list[AdRow], lang: str) -> str:
    from wayhome.domain.jobads import check

    out = []
    for row in rows:
        result = check(row.text).to_dict(lang)
        record: dict[str, Any] = {"line": row.line}
        if row.id is not None:
            record["id"] = row.id
        record.update(result)
        out.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(out) + "\n"


def _write_atomically(path: str, content: str) -> None:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(content)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_ads_check(args: argparse.Namespace) -> int:
    # Pure engine: no Django set-up.
    from wayhome.domain.jobads import LANGUAGES

    prog = "wayhome ads check"
    if args.lang not in LANGUAGES:
        print(f"{prog}: --lang must be one of {', '.join(LANGUAGES)}", file=sys.stderr)
        return 2
    try:
        rows = load_rows(args.file, args.format)
    except InputProblems as exc:
        for p in exc.problems:
            print(f"{prog}: {args.file}: {p}", file=sys.stderr)
        print(f"{prog}: nothing checked, no output written", file=sys.stderr)
        return 2
    content = render(rows, args.lang)
    if args.out:
        try:
            _write_atomically(args.out, content)
        except OSError as exc:
            print(f"{prog}: {args.out}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(content)
        sys.stdout.flush()
    return 0


def register(sub: Any) -> None:
    ads = sub.add_parser("ads", help="job ads: scam-recruitment red flags and risk")
    ads_sub = ads.add_subparsers(dest="sub", required=True)
    c = ads_sub.add_parser(
        "check",
        help="score a CSV (text column), JSON lines (text field) or plain-text ad",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("file", help="the file, or - for standard input")
    c.add_argument("--format", choices=FORMATS, default="auto",
                   help="input format (default: by extension, else sniffed)")
    c.add_argument("--lang", default="en", help="language of titles and reasons (en, th, vi, "
                   "id, fil, km, my, zh)")
    c.add_argument("--out", help="write the JSON lines here (atomically) instead of stdout")
    c.set_defaults(func=cmd_ads_check)
