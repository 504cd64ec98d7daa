"""``wayhome trace``: record linkage across scripts, plain or privacy-preserving.

``wayhome trace link LEFT.csv RIGHT.csv --out M.csv [--review] [--model registry]``;
``wayhome trace encode IN.csv --key KEYFILE --out ENC.csv`` and
``wayhome trace link --encoded LEFT_ENC.csv RIGHT_ENC.csv --out M.csv [--review]``.
Errors go to stderr with exit code 2 and no output file (written via a temporary file).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


def _fail(command: str, problems: list[str]) -> int:
    for line in problems:
        print(f"wayhome trace {command}: {line}", file=sys.stderr)
    print(f"wayhome trace {command}: {len(problems)} problem(s); no output written",
          file=sys.stderr)
    return 2


def _write_atomically(path: str, text: str) -> str | None:
    """Write via a temporary file and rename; the error message, or None."""
    from pathlib import Path

    out = Path(path)
    tmp = out.with_name(out.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return f"{path}: {exc.strerror or exc}"
    return None


def _read_key(path: str) -> bytes:
    from pathlib import Path

    from wayhome.domain.pprl import PprlError, parse_key

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PprlError(f"{path}: cannot read key file: {exc.strerror or exc}") from None
    try:
        return parse_key(raw)
    except PprlError as exc:
        raise PprlError([f"{path}: {p}" for p in exc.problems]) from None


def cmd_trace_encode(args: argparse.Namespace) -> int:
    """Encode a list with the shared key: only keyed Bloom filters are written."""
    from wayhome.domain.linkage import LinkageInputError, read_records
    from wayhome.domain.pprl import Encoder, PprlError, default_params, dumps, key_check_value

    problems: list[str] = []
    key: bytes | None = None
    try:
        key = _read_key(args.key)
    except PprlError as exc:
        problems.extend(exc.problems)
    records = []
    try:
        records = read_records(args.input)
    except LinkageInputError as exc:
        problems.extend(str(p) for p in exc.problems)
    if problems or key is None:
        return _fail("encode", problems)
    params = default_params(xor_fold=args.xor_fold)
    encoder = Encoder(key, params)
    text = dumps([encoder.encode(r) for r in records], params, key_check_value(key))
    error = _write_atomically(args.out, text)
    if error:
        return _fail("encode", [error])
    print(f"{len(records)} record(s) encoded ({params.scheme}); written to {args.out}",
          file=sys.stderr)
    return 0


def _link_encoded(args: argparse.Namespace) -> int:
    from pathlib import Path

    from wayhome.domain.pprl import PprlError, check_compatible, link_encoded, loads

    problems: list[str] = []
    files = []
    for path in (args.left, args.right):
        try:
            files.append(loads(Path(path).read_text(encoding="utf-8"), path))
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
        except OSError as exc:
            problems.append(f"{path}: cannot read: {exc.strerror or exc}")
        except PprlError as exc:
            problems.extend(exc.problems)
    if not problems:
        try:
            check_compatible(files[0], files[1])
        except PprlError as exc:
            problems.extend(exc.problems)
    if problems:
        return _fail("link", problems)
    result = link_encoded(files[0].records, files[1].records)
    return _write_links(args, result)


def _write_links(args: argparse.Namespace, result: Any) -> int:
    import csv
    import io

    rows = list(result.matches) + (list(result.review) if args.review else [])
    rows.sort(key=lambda r: (r.left_id, r.right_id))
    header = ["left_id", "right_id", "score"] + (["band"] if args.review else [])
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow([r.left_id, r.right_id, f"{r.probability:.4f}"]
                        + ([r.band] if args.review else []))
    error = _write_atomically(args.out, buf.getvalue())
    if error:
        return _fail("link", [error])
    print(f"{len(result.matches)} match(es), {len(result.review)} for review, "
          f"{result.pairs_compared} pairs compared of "
          f"{result.left_count * result.right_count}; written to {args.out}", file=sys.stderr)
    return 0


def cmd_trace_link(args: argparse.Namespace) -> int:
    # The linkage engine is pure Python: no Django set-up here.
    if args.encoded:
        if args.model:
            return _fail("link", ["--model weighs plain lists; encoded lists are linked "
                                  "with the weights of their encoding (drop --model)"])
        return _link_encoded(args)
    from wayhome.domain.linkage import LinkageInputError, link, read_records

    problems: list[str] = []
    sides = []
    for path in (args.left, args.right):
        try:
            sides.append(read_records(path))
        except LinkageInputError as exc:
            problems.extend(str(p) for p in exc.problems)
    if problems:
        for line in problems:
            print(f"wayhome trace link: {line}", file=sys.stderr)
        print(f"wayhome trace link: {len(problems)} problem(s); nothing linked, "
              f"no output written", file=sys.stderr)
        return 2
    if args.model:
        return _link_with_model(args, sides[0], sides[1])
    result = link(sides[0], sides[1])
    return _write_links(args, result)


def _link_with_model(args: argparse.Namespace, left: list[Any], right: list[Any]) -> int:
    from wayhome.domain.linkage import (
        LinkageDataError,
        LinkageInputError,
        link_with_model,
        load_table_model,
        read_table_model,
    )

    try:
        model = (read_table_model(args.model) if args.model.endswith(".toml")
                 else load_table_model(args.model))
        result = link_with_model(left, right, model)
    except LinkageDataError as exc:
        return _fail("link", [f"--model: {exc}"])
    except LinkageInputError as exc:
        return _fail("link", [str(p) for p in exc.problems])
    return _write_links(args, result)


def register(sub: Any) -> None:
    trace = sub.add_parser("trace", help="tracing: link lists of people (record linkage)")
    trace_sub = trace.add_subparsers(dest="sub", required=True)
    s = trace_sub.add_parser("link", help="match the people on two CSV lists one-to-one")
    s.add_argument("left", help="CSV with columns id,name,sex,birth,nationality")
    s.add_argument("right", help="CSV with the same columns")
    s.add_argument("--out", required=True, help="where to write left_id,right_id,score")
    s.add_argument("--review", action="store_true",
                   help="also write the pairs in the human-review band (adds a band column)")
    s.add_argument("--model", metavar="NAME|FILE.toml",
                   help="weigh the evidence with a table model whose m/u are learnt from "
                        "the two lists (for lists of thousands: 'registry'), instead of "
                        "the hand-set weights")
    s.add_argument("--encoded", action="store_true",
                   help="LEFT and RIGHT are encodings made by `wayhome trace encode` with the "
                        "same key (privacy-preserving mode)")
    s.set_defaults(func=cmd_trace_link)
    e = trace_sub.add_parser(
        "encode", help="encode a list with a shared secret key for privacy-preserving linkage")
    e.add_argument("input", help="CSV with columns id,name,sex,birth,nationality")
    e.add_argument("--key", required=True,
                   help="file holding the shared secret: 32+ bytes as hex or base64")
    e.add_argument("--out", required=True, help="where to write the encodings (no names)")
    e.add_argument("--xor-fold", action="store_true",
                   help="XOR-fold the filters (harder to attack, slightly less precise); "
                        "both sides must use the same choice")
    e.set_defaults(func=cmd_trace_encode)

