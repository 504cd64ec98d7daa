"""Record-linkage engine on synthetic lists: pairs compared, seconds, precision and recall.

Run: .venv/bin/python benchmarks/linkage_engine.py [--size 2000] [--overlap 0.6] [--seed 1]

Both backends of ``link()`` (pure Python and vectorised) run on the same lists.

The left list holds N people (Thai, Vietnamese, Chinese, Burmese, Latin names, some in
their own script). The right list holds a variant of ``overlap * N`` of them (other
script or spelling, token order swapped, diacritics dropped, a typo, a day-month swap,
a year off by one, a field left blank) plus new people up to N. Truth is known, so
precision and recall of the automatic matches (and of matches + review) are exact.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wayhome.domain.linkage import Record, link  # noqa: E402
from wayhome.domain.linkage._names import cached_normalise  # noqa: E402

# (native spelling, romanised spelling) tokens per group.
THAI_GIVEN = [("สมหญิง", "Somying"), ("สมชาย", "Somchai"), ("มาลี", "Malee"),
              ("วันดี", "Wandee"), ("สุดา", "Suda"), ("ประเสริฐ", "Prasert"),
              ("อนันต์", "Anan"), ("กัญญา", "Kanya"), ("ธิดา", "Thida"), ("นิรันดร์", "Niran")]
THAI_FAMILY = [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("แก้วกล้า", "Kaewkla"),
               ("ทองดี", "Thongdee"), ("บุญมี", "Boonmee"), ("วงศ์ษา", "Wongsa"),
               ("พรหมมา", "Phromma"), ("สุขใจ", "Sukjai")]
VIET_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Đặng", "Bùi", "Đỗ"]
VIET_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu"]
VIET_GIVEN = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Mai", "Phương", "Thảo", "Long",
              "Hải", "Linh", "Quang", "Trang", "Sơn"]
CHINESE = [("陳大文", "Chan Tai Man"), ("李小明", "Li Xiaoming"), ("王芳", "Wang Fang"),
           ("張偉", "Zhang Wei"), ("劉洋", "Liu Yang"), ("黃志強", "Wong Chi Keung"),
           ("林美玲", "Lin Meiling"), ("吳建華", "Wu Jianhua"), ("周杰", "Zhou Jie"),
           ("徐麗", "Xu Li")]
BURMESE = ["Aung Kyaw", "Thida Win", "Zaw Min", "Su Su Hlaing", "Kyaw Zin Htet",
           "Nay Lin", "Hnin Wai", "Min Thu", "Ei Mon", "Tun Tun Oo", "Myo Min Aung"]
LATIN_GIVEN = ["Maria", "Jose", "Ana", "John", "Peter", "Grace", "Joy", "Mark", "Rosa", "Paul",
               "Ahmad", "Siti", "Nur", "Budi", "Dewi", "Rizal"]
LATIN_FAMILY = ["Santos", "Reyes", "Cruz", "Garcia", "Mendoza", "Bautista", "Tan",
                "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Lim", "Ramos"]
NAT = {"thai": "THA", "viet": "VNM", "chinese": "CHN", "burmese": "MMR", "latin": "PHL"}


def _strip(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _person(rng: random.Random) -> tuple[str, str, str]:
    """(name as on the left, a different-script/spelling of it, group)."""
    group = rng.choice(list(NAT))
    if group == "thai":
        g, f = rng.choice(THAI_GIVEN), rng.choice(THAI_FAMILY)
        return f"{g[0]} {f[0]}", f"{g[1]} {f[1]}", group
    if group == "viet":
        name = f"{rng.choice(VIET_FAMILY)} {rng.choice(VIET_MIDDLE)} {rng.choice(VIET_GIVEN)}"
        fam, _, given = name.split()
        alt = rng.choice([_strip(name), _strip(name).upper(), f"{_strip(given)} {_strip(fam)}"])
        return name, alt, group
    if group == "chinese":
        native, roman = rng.choice(CHINESE)
        return native, roman, group
    if group == "burmese":
        name = rng.choice(BURMESE)
        return name, name.upper(), group
    name = f"{rng.choice(LATIN_GIVEN)} {rng.choice(LATIN_FAMILY)}"
    return name, name, group


def _typo(rng: random.Random, name: str) -> str:
    letters = [i for i, c in enumerate(name) if c.isascii() and c.isalpha()]
    if len(letters) < 5:
        return name
    i = rng.choice(letters[1:])
    return name[:i] + name[i + 1:] if rng.random() < 0.5 else name[:i] + name[i] + name[i:]


def _birth(rng: random.Random) -> tuple[int, int, int]:
    return rng.randint(1970, 2006), rng.randint(1, 12), rng.randint(1, 28)


def synthetic(n: int, overlap: float, seed: int) -> tuple[list[Record], list[Record], set[tuple[str, str]]]:
    rng = random.Random(seed)
    left: list[Record] = []
    right: list[Record] = []
    truth: set[tuple[str, str]] = set()
    for i in range(n):
        name, alt, group = _person(rng)
        y, m, d = _birth(rng)
        sex = rng.choice("MF")
        left.append(Record(f"L{i}", name, sex, f"{y}-{m:02d}-{d:02d}", NAT[group]))
        if rng.random() < overlap:
            r_name = alt if rng.random() < 0.7 else name
            if rng.random() < 0.15:
                r_name = _typo(rng, r_name)
            roll = rng.random()
            if roll < 0.55:
                birth = f"{y}-{m:02d}-{d:02d}"
            elif roll < 0.65 and d <= 12 and d != m:
                birth = f"{y}-{d:02d}-{m:02d}"
            elif roll < 0.8:
                birth = str(y + rng.choice((-1, 1)))
            elif roll < 0.9:
                birth = str(y)
            else:
                birth = ""
            r_sex = "" if rng.random() < 0.1 else sex
            r_nat = "" if rng.random() < 0.2 else NAT[group]
            rid = f"R{len(right)}"
            right.append(Record(rid, r_name, r_sex, birth, r_nat))
            truth.add((f"L{i}", rid))
    while len(right) < n:
        name, alt, group = _person(rng)
        y, m, d = _birth(rng)
        right.append(Record(f"R{len(right)}", rng.choice((name, alt)), rng.choice("MF"),
                            f"{y}-{m:02d}-{d:02d}", NAT[group]))
    rng.shuffle(right)
    return left, right, truth


def _pr(found: set[tuple[str, str]], truth: set[tuple[str, str]]) -> tuple[float, float]:
    tp = len(found & truth)
    return (tp / len(found) if found else 1.0), (tp / len(truth) if truth else 1.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--overlap", type=float, default=0.6)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    left, right, truth = synthetic(args.size, args.overlap, args.seed)
    print(f"lists: {len(left)} x {len(right)}, true pairs {len(truth)}")
    results = {}
    for backend in ("python", "vectorised"):
        cached_normalise.cache_clear()  # each backend analyses the names itself
        start = time.perf_counter()
        result = link(left, right, backend=backend)
        seconds = time.perf_counter() - start
        results[backend] = result
        matches = {(m.left_id, m.right_id) for m in result.matches}
        both = matches | {(m.left_id, m.right_id) for m in result.review}
        p, r = _pr(matches, truth)
        p2, r2 = _pr(both, truth)
        print(f"\n[{backend}] pairs compared: {result.pairs_compared:,} of "
              f"{len(left) * len(right):,} "
              f"({100 * result.pairs_compared / (len(left) * len(right)):.2f}%)")
        print(f"seconds: {seconds:.2f} (normalise, block, score, assign)")
        print(f"automatic matches: {len(matches)}  precision {p:.3f}  recall {r:.3f}")
        print(f"matches + review:  {len(both)}  precision {p2:.3f}  recall {r2:.3f}")
    print(f"\nsame result from both backends: {results['python'] == results['vectorised']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
