"""``wayhome trace``: record linkage across scripts."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def cmd_trace_link(args: argparse.Namespace) -> int:
    # The linkage engine is pure Python: no Django set-up here.
    import csv
    from pathlib import Path

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
    result = link(sides[0], sides[1])
    rows = list(result.matches) + (list(result.review) if args.review else [])
    rows.sort(key=lambda r: (r.left_id, r.right_id))
    header = ["left_id", "right_id", "score"] + (["band"] if args.review else [])
    out = Path(args.out)
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for r in rows:
                writer.writerow([r.left_id, r.right_id, f"{r.probability:.4f}"]
                                + ([r.band] if args.review else []))
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        print(f"wayhome trace link: {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{len(result.matches)} match(es), {len(result.review)} for review, "
          f"{result.pairs_compared} pairs compared of "
          f"{result.left_count * result.right_count}; written to {args.out}", file=sys.stderr)
    return 0


def register(sub: Any) -> None:
    trace = sub.add_parser("trace", help="tracing: link lists of people (record linkage)")
    trace_sub = trace.add_subparsers(dest="sub", required=True)
    s = trace_sub.add_parser("link", help="match the people on two CSV lists one-to-one")
    s.add_argument("left", help="CSV with columns id,name,sex,birth,nationality")
    s.add_argument("right", help="CSV with the same columns")
    s.add_argument("--out", required=True, help="where to write left_id,right_id,score")
    s.add_argument("--review", action="store_true",
                   help="also write the pairs in the human-review band (adds a band column)")
    s.set_defaults(func=cmd_trace_link)

