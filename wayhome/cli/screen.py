"""``wayhome screen``: the screening engine on a file of answers."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def cmd_screen(args: argparse.Namespace) -> int:
    from wayhome.domain.screening import ScreeningInputError, assess, load_input_file, render_text

    try:
        inp = load_input_file(args.file)
    except ScreeningInputError as exc:
        print(f"wayhome screen: {args.file}: {exc}", file=sys.stderr)
        return 2
    result = assess(inp)
    if args.text:
        print(render_text(result, args.lang))
    else:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0


def register(sub: Any) -> None:
    s = sub.add_parser("screen", help="assess a JSON file of screening answers")
    s.add_argument("file")
    s.add_argument("--text", action="store_true", help="readable text instead of JSON")
    s.add_argument("--lang", default="en", help="language of the text report (en, th, vi, my)")
    s.set_defaults(func=cmd_screen)

