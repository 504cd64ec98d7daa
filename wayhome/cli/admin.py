"""``wayhome audit`` and ``wayhome keys``: the audit chain and key rotation."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import _django


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


def register(sub: Any) -> None:
    audit = sub.add_parser("audit", help="audit log").add_subparsers(dest="sub", required=True)
    s = audit.add_parser("verify", help="check the hash chain of the audit log")
    s.set_defaults(func=cmd_audit_verify)

    keys = sub.add_parser("keys", help="encryption keys").add_subparsers(dest="sub", required=True)
    s = keys.add_parser("rotate", help="new key; re-encrypt every personal field; retire old keys")
    s.set_defaults(func=cmd_keys_rotate)

