"""Certificate engine throughput: issues/s and verifications/s (median of several repeats).

Run: .venv/bin/python benchmarks/certificates.py
A typical certificate (no photo hash); short-code checks use a register of
1,000 certificates, both re-opened (signature checked) per code and opened once.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wayhome.domain.certificates import (  # noqa: E402
    build_register,
    generate_private_key,
    issue,
    keyring,
    open_register,
    qr_svg,
    register_entry,
    revoked_from_register,
    short_code,
    verify,
    verify_short_code,
)

REPEATS = 7
ISSUED = date(2025, 11, 25)
UNTIL = date(2026, 5, 24)
TODAY = date(2025, 12, 1)
REGISTER_SIZE = 1_000


def rate(label: str, n: int, fn: Callable[[int], object]) -> None:
    rates = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for i in range(n):
            fn(i)
        rates.append(n / (time.perf_counter() - start))
    print(f"{label}: {statistics.median(rates):,.0f}/s (median of {REPEATS})")


def main() -> None:
    key = generate_private_key()
    trusted = keyring(key)

    def make(i: int) -> str:
        return issue(
            key,
            case_number="THA-7KM3-Q9XP",
            issuer_id="12",
            cert_id=f"CERT{i:012d}",
            issued_on=ISSUED,
            valid_until=UNTIL,
            is_child=False,
        )

    token = make(0)
    print(f"typical token: {len(token)} characters")
    rate("issue", 5_000, make)
    rate("verify (QR token)", 5_000, lambda _: verify(token, trusted, today=TODAY))

    tokens = [make(i) for i in range(REGISTER_SIZE)]
    entries = [register_entry(t, status="revoked" if i % 10 == 0 else "active")
               for i, t in enumerate(tokens)]
    register = build_register(key, "12", entries, ISSUED)
    print(f"register of {REGISTER_SIZE:,}: {len(register):,} characters")
    revoked = revoked_from_register(register, trusted)
    rate("verify (QR token, 100 revoked ids)", 5_000,
         lambda _: verify(token, trusted, today=TODAY, revoked=revoked))
    rate(f"build_register ({REGISTER_SIZE:,})", 20, lambda _: build_register(key, "12", entries,
                                                                             ISSUED))
    rate(f"open_register ({REGISTER_SIZE:,})", 20, lambda _: open_register(register, trusted))
    codes = [short_code(t) for t in tokens]
    rate(f"verify_short_code (register text of {REGISTER_SIZE:,}, re-opened each time)", 20,
         lambda i: verify_short_code(codes[i], register, trusted, today=TODAY))
    opened = open_register(register, trusted)
    rate("verify_short_code (register opened once)", 5_000,
         lambda i: verify_short_code(codes[i % REGISTER_SIZE], opened, trusted, today=TODAY))
    rate("qr_svg", 200, lambda _: qr_svg(token))


if __name__ == "__main__":
    main()
