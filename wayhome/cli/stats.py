"""``wayhome stats``: privacy-protected statistics from the command line.

    wayhome stats export --k 11 --out FILE.csv   every dimension, suppressed, all time
    wayhome stats snapshot                       freeze the facts for a new release
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from ._common import _django


def cmd_stats_export(args: argparse.Namespace) -> int:
    from wayhome.domain.disclosure import DisclosureError, check_k

    try:
        k = check_k(args.k)
    except DisclosureError as exc:
        print(f"wayhome stats export: {exc}; nothing written", file=sys.stderr)
        return 2
    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"wayhome stats export: {out.parent}: no such folder; nothing written",
              file=sys.stderr)
        return 2
    _django()
    from wayhome.apps.statistics.services import PENDING, Withheld, export_all

    try:
        text, rows = export_all(k)
    except Withheld as exc:
        why = ("the organisations sharing agreed after this month's snapshot"
               if exc.reason == PENDING else
               "an organisation counted in this month's snapshot has stopped sharing")
        print(f"wayhome stats export: {why}; nothing written. The export is possible "
              "again from the next snapshot (monthly, or `wayhome stats snapshot`).",
              file=sys.stderr)
        return 2
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        print(f"wayhome stats export: {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{rows} aggregate row(s) with k = {k} written to {args.out}", file=sys.stderr)
    return 0


def cmd_stats_snapshot(args: argparse.Namespace) -> int:
    _django()
    from wayhome.apps.statistics.snapshot import take_snapshot

    snap = take_snapshot()
    print(f"snapshot {snap.pk} of {snap.cases} case(s) taken for the release of {snap.epoch}")
    return 0


def register(sub: Any) -> None:
    stats = sub.add_parser("stats", help="privacy-protected statistics")
    stats_sub = stats.add_subparsers(dest="sub", required=True)
    s = stats_sub.add_parser("export", help="write the suppressed aggregates of every "
                                            "dimension as CSV")
    s.add_argument("--k", type=int, default=11,
                   help="suppress every count of 1..k-1 cases (default 11, at least 5)")
    s.add_argument("--out", required=True, help="CSV file to write (replaced atomically)")
    s.set_defaults(func=cmd_stats_export)
    s = stats_sub.add_parser("snapshot", help="freeze the case facts for a new release "
                                              "(starts a new ledger of released cells)")
    s.set_defaults(func=cmd_stats_snapshot)
