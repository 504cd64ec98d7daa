"""``wayhome law``: non-punishment law profiles."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def cmd_law_check(args: argparse.Namespace) -> int:
    # The law engine is pure Python: no Django set-up here.
    from wayhome.domain.law import LawInputError, analyse

    try:
        result = analyse(args.country, args.measure, args.offence)
    except LawInputError as exc:
        print(f"wayhome law check: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0


def cmd_law_countries(args: argparse.Namespace) -> int:
    from wayhome.domain.law import load_profiles

    countries = load_profiles().countries.values()
    if args.json:
        rows = [
            {"country": c.code, "name": c.name, "provisions": len(c.provisions),
             "provision_ids": [p.id for p in c.provisions]}
            for c in countries
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for c in countries:
        ids = ", ".join(p.id for p in c.provisions) or "none listed"
        print(f"{c.code}  {c.name:<18} {len(c.provisions)} provision(s): {ids}")
    return 0


def register(sub: Any) -> None:
    law = sub.add_parser("law", help="non-punishment: national law and the international standard")
    law_sub = law.add_subparsers(dest="sub", required=True)
    s = law_sub.add_parser("check", help="analyse one measure taken against a person")
    s.add_argument("--country", required=True, help="ISO 3166 alpha-3 code, e.g. THA")
    s.add_argument("--measure", required=True,
                   help="detention, fine, charge, conviction or deportation")
    s.add_argument("--offence", default=None,
                   help="immigration, irregular_exit, fraud, money_laundering, other, ...")
    s.set_defaults(func=cmd_law_check)
    s = law_sub.add_parser("countries", help="list the country profiles and their provisions")
    s.add_argument("--json", action="store_true", help="JSON instead of text")
    s.set_defaults(func=cmd_law_countries)

