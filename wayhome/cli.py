"""The ``wayhome`` command line.

    wayhome demo [--port 8000]        set up, load the demo dataset and serve it
    wayhome serve [--host H] [--port P]
    wayhome screen FILE [--text] [--lang th]
    wayhome law check --country THA --measure charge [--offence fraud]
    wayhome law countries [--json]
    wayhome trace link LEFT.csv RIGHT.csv --out MATCHES.csv [--review]
    wayhome cert verify TOKEN_OR_CODE --key ORG.pem [--register REGISTER.txt]
    wayhome audit verify
    wayhome keys rotate
    wayhome demo-code USERNAME        current second-factor code of a demo account
    wayhome manage ARGS...            any Django management command
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
    import django

    django.setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


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


def cmd_serve(args: argparse.Namespace) -> int:
    _django()
    _migrate()
    return _serve(args.host, args.port)


def _serve(host: str, port: int) -> int:
    from waitress import serve

    from wayhome.web.wsgi import application

    print(f"Wayhome is serving at http://{host}:{port}/  (Ctrl+C stops it)", flush=True)
    serve(application, host=host, port=port, threads=8, ident="wayhome")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _django()
    _migrate()
    from wayhome import demo

    created = demo.load()
    print(demo.describe(created, host=args.host, port=args.port), flush=True)
    if args.no_serve:
        return 0
    return _serve(args.host, args.port)


def cmd_demo_code(args: argparse.Namespace) -> int:
    _django()
    from wayhome import demo

    try:
        print(demo.current_code(args.username))
    except LookupError as exc:
        print(f"wayhome demo-code: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    _django()
    from wayhome.apps.audit.log import verify

    result = verify()
    if result.ok:
        print(f"audit log intact: {result.checked} events verified")
        return 0
    print(f"audit log BROKEN at event {result.problem_seq}: {result.problem} "
          f"({result.checked} events verified before it)", file=sys.stderr)
    return 1


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    _django()
    from wayhome.security.rotation import rotate

    report = rotate()
    print(f"key rotated: {report.rows} encrypted values re-encrypted, "
          f"{report.tokens} name look-up hashes rebuilt; new key fingerprint {report.fingerprint}")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayhome.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wayhome manage", *args.rest])
    return 0


def cmd_cert_verify(args: argparse.Namespace) -> int:
    """Verify a certificate offline: only public keys (and a register) on disk, no server."""
    import datetime as dt
    from pathlib import Path

    from wayhome.domain import certificates as cert

    def fail(message: str) -> int:
        print(f"wayhome cert verify: {message}", file=sys.stderr)
        return 2

    try:
        keys = cert.keyring(*(cert.public_key_from_pem(Path(k).read_bytes()) for k in args.key))
        register = Path(args.register).read_text(encoding="ascii") if args.register else None
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return fail(str(exc))
    text = args.text.strip()
    if text.upper().startswith("WH1."):
        try:
            revoked = cert.revoked_from_register(register, keys) if register else frozenset()
        except cert.CertificateError as exc:
            return fail(f"{args.register}: {exc}")
        result = cert.verify(text, keys, today=today, revoked=revoked)
    elif register is None:
        return fail("a short code is checked against a register: give --register FILE")
    else:
        result = cert.verify_short_code(text, register, keys, today=today)
    claims = result.claims
    print(json.dumps({
        "valid": result.valid, "reason": str(result.reason),
        "case_number": claims.case_number if claims else None,
        "issuer_id": claims.issuer_id if claims else None,
        "issued_on": claims.issued_on.isoformat() if claims else None,
        "valid_until": claims.valid_until.isoformat() if claims else None,
        "is_child": claims.is_child if claims else None,
        "register_age_days": result.register_age_days,
    }, indent=2))
    return 0 if result.valid else 1


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wayhome", description="Wayhome command line")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("demo", help="set up, load the demo dataset and serve the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--no-serve", action="store_true", help="load the demo data and exit")
    s.set_defaults(func=cmd_demo)

    s = sub.add_parser("serve", help="serve the web app")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser("screen", help="assess a JSON file of screening answers")
    s.add_argument("file")
    s.add_argument("--text", action="store_true", help="readable text instead of JSON")
    s.add_argument("--lang", default="en", help="language of the text report (en, th, vi, my)")
    s.set_defaults(func=cmd_screen)

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

    trace = sub.add_parser("trace", help="tracing: link lists of people (record linkage)")
    trace_sub = trace.add_subparsers(dest="sub", required=True)
    s = trace_sub.add_parser("link", help="match the people on two CSV lists one-to-one")
    s.add_argument("left", help="CSV with columns id,name,sex,birth,nationality")
    s.add_argument("right", help="CSV with the same columns")
    s.add_argument("--out", required=True, help="where to write left_id,right_id,score")
    s.add_argument("--review", action="store_true",
                   help="also write the pairs in the human-review band (adds a band column)")
    s.set_defaults(func=cmd_trace_link)

    certp = sub.add_parser("cert", help="protection certificates")
    cert_sub = certp.add_subparsers(dest="sub", required=True)
    s = cert_sub.add_parser("verify", help="check a certificate offline with public keys")
    s.add_argument("text", help="the QR content (WH1....) or the short code")
    s.add_argument("--key", action="append", required=True,
                   help="an issuing organisation's public key (PEM); repeat for several")
    s.add_argument("--register", help="the organisation's signed register (revocations, codes)")
    s.add_argument("--today", help="check as of this date (YYYY-MM-DD)")
    s.set_defaults(func=cmd_cert_verify)

    s = sub.add_parser("demo-code", help="print the current second-factor code of a demo account")
    s.add_argument("username")
    s.set_defaults(func=cmd_demo_code)

    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="sub", required=True)
    s = audit.add_parser("verify", help="check the hash chain of the audit log")
    s.set_defaults(func=cmd_audit_verify)

    keys = sub.add_parser("keys", help="encryption keys").add_subparsers(dest="sub", required=True)
    s = keys.add_parser("rotate", help="new key; re-encrypt every personal field; retire old keys")
    s.set_defaults(func=cmd_keys_rotate)

    s = sub.add_parser("manage", help="run a Django management command")
    s.add_argument("rest", nargs=argparse.REMAINDER)
    s.set_defaults(func=cmd_manage)
    return p


def main(argv: list[str] | None = None) -> int:
    args: Any = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
