"""``wayhome cert``: protection certificates checked offline."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


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


def register(sub: Any) -> None:
    certp = sub.add_parser("cert", help="protection certificates")
    cert_sub = certp.add_subparsers(dest="sub", required=True)
    s = cert_sub.add_parser("verify", help="check a certificate offline with public keys")
    s.add_argument("text", help="the QR content (WH1....) or the short code")
    s.add_argument("--key", action="append", required=True,
                   help="an issuing organisation's public key (PEM); repeat for several")
    s.add_argument("--register", help="the organisation's signed register (revocations, codes)")
    s.add_argument("--today", help="check as of this date (YYYY-MM-DD)")
    s.set_defaults(func=cmd_cert_verify)

