"""``wayhome comms``: Special Procedures communication references (pure engine, no Django).

    wayhome comms check "AL KHM 1/2025" --sent 2025-03-10

prints the parsed reference and its publication date (sent + 60 calendar days) as JSON;
a malformed reference or date prints a message on stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date: write it as YYYY-MM-DD") from None


def cmd_comms_check(args: argparse.Namespace) -> int:
    from wayhome.domain.communications import (
        ReferenceFormatError,
        SentDateError,
        check_sent,
        parse_reference,
        publication_date,
    )

    try:
        ref = parse_reference(args.reference)
        sent = check_sent(ref, args.sent) if args.sent is not None else None
    except (ReferenceFormatError, SentDateError) as exc:
        print(f"wayhome comms check: {exc.message}", file=sys.stderr)
        return 2
    out: dict[str, Any] = {
        "reference": str(ref),
        "type": ref.type.value,
        "type_label": ref.type.label,
        "country": ref.country,
        "number": ref.number,
        "year": ref.year,
        "sent": sent.isoformat() if sent else None,
        "publication_date": publication_date(sent).isoformat() if sent else None,
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def register(sub: Any) -> None:
    comms = sub.add_parser("comms", help="Special Procedures communications")
    comms_sub = comms.add_subparsers(dest="sub", required=True)
    s = comms_sub.add_parser(
        "check", help="parse a reference and compute the 60-day publication date")
    s.add_argument("reference", help='e.g. "AL KHM 1/2025" (type, addressee, number/year)')
    s.add_argument("--sent", type=_date, default=None,
                   help="date the letter was sent, YYYY-MM-DD")
    s.set_defaults(func=cmd_comms_check)
