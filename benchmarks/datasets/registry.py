"""Seeded generator of a synthetic tracing registry: family reports vs registered persons.

Run: .venv/bin/python benchmarks/datasets/registry.py --n 500000 --seed 7 --out /tmp/registry
(writes reports.csv, registered.csv in the ``wayhome trace link`` format
``id,name,sex,birth,nationality`` and truth.csv ``report_id,registered_id``).

How it is built (everything from one ``random.Random(seed)``, so a seed gives the same
files byte for byte):

* ``n`` registered persons, each with a nationality (VNM, THA, MMR, KHM, LAO, CHN, IDN,
  PHL, weighted towards the first three), sex, a birth date (1960-2008) and a name drawn
  from per-nationality pools: Vietnamese family + middle + given names with diacritics;
  Thai given + family names in Thai script and in the usual romanisation; Burmese
  syllable names (no family name); Khmer and Lao names in Latin; Chinese names in
  characters and in pinyin / Cantonese spellings; Indonesian single names or given +
  family; Filipino given + family.
* ``n`` reports: ``overlap`` (default 60 %) describe a registered person, the rest are new
  people drawn the same way. A report of a registered person is written as a family
  would: the other script (Thai/Chinese native <-> romanised), Vietnamese without
  diacritics or upper-cased, token order swapped (family name last), a romanisation
  variant (k/g, ch/j, ph/p, th/t, w/v, ee/i, oo/u), a typo (drop, double or swap a
  letter), or only the given name; each with the probabilities in ``NOISE``.
* Birth on the report: exact (55 %), year only ("about 25", 15 %), year off by one
  (10 %), day and month swapped (5 %), one digit of the day wrong (5 %), unknown (10 %).
  Sex unknown on 10 % of reports, nationality unknown on 10 %.

The truth is known exactly: ``truth.csv`` lists every (report, registered person) pair
that is the same person. Nothing in the generator is read by the engines.
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

NOISE = {"script_or_case": 0.5, "swap_order": 0.25, "spelling": 0.25, "typo": 0.2,
         "given_only": 0.04}
NATIONALITIES = [("VNM", 30), ("THA", 20), ("MMR", 15), ("KHM", 8), ("LAO", 6), ("CHN", 8),
                 ("IDN", 7), ("PHL", 6)]

VN_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
             "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lâm", "Mai", "Trịnh", "Đoàn",
             "Cao", "Lương", "Tạ", "Châu", "Quách", "Thái", "Tô", "Hà", "La"]
VN_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu", "Quốc", "Thanh", "Xuân", "Hoài",
             "Công", "Kim", "Bảo", "Gia"]
VN_GIVEN = ["Hùng", "Lan", "Dũng", "Hương", "Tuấn", "Mai", "Phương", "Thảo", "Long", "Hải",
            "Linh", "Quang", "Trang", "Sơn", "Hà", "Nam", "Anh", "Hòa", "Khánh", "Thủy",
            "Bình", "Cường", "Duy", "Giang", "Hiếu", "Huy", "Khoa", "Loan", "My", "Nga",
            "Nhung", "Phúc", "Tâm", "Thắng", "Thu", "Tiến", "Trung", "Vân", "Yến", "Hạnh",
            "Đạt", "Hậu", "Kiên", "Lộc", "Nhân", "Oanh", "Quyên", "Sang", "Tài", "Vinh"]
TH_GIVEN = [("สมหญิง", "Somying"), ("สมชาย", "Somchai"), ("มาลี", "Malee"), ("วันดี", "Wandee"),
            ("สุดา", "Suda"), ("ประเสริฐ", "Prasert"), ("อนันต์", "Anan"), ("กัญญา", "Kanya"),
            ("ธิดา", "Thida"), ("นิรันดร์", "Niran"), ("สมศักดิ์", "Somsak"),
            ("บุญชัย", "Boonchai"), ("จันทร์", "Chan"), ("ปราณี", "Pranee"), ("วิชัย", "Wichai"),
            ("สมพร", "Somporn"), ("อรุณ", "Arun"), ("นภา", "Napa"), ("สุนีย์", "Sunee"),
            ("ชัยวัฒน์", "Chaiwat")]
TH_FAMILY = [("ใจดี", "Jaidee"), ("ศรีสุข", "Srisuk"), ("แก้วกล้า", "Kaewkla"),
             ("ทองดี", "Thongdee"), ("บุญมี", "Boonmee"), ("วงศ์ษา", "Wongsa"),
             ("พรหมมา", "Phromma"), ("สุขใจ", "Sukjai"), ("มั่นคง", "Mankong"),
             ("ศรีวงศ์", "Sriwong"), ("รักไทย", "Rakthai"), ("สายทอง", "Saithong"),
             ("แสงทอง", "Saengthong"), ("ชัยมงคล", "Chaimongkol"), ("ทองคำ", "Thongkham"),
             ("บุญเรือง", "Boonruang"), ("พันธ์ดี", "Phandee"), ("สมบูรณ์", "Somboon")]
MM_SYLLABLES = ["Aung", "Kyaw", "Zaw", "Min", "Thu", "Win", "Htet", "Naing", "Myo", "Tun",
                "Hla", "Su", "Thida", "Hnin", "Ei", "Mon", "Nay", "Lin", "Soe", "Moe", "Phyo",
                "Thet", "Wai", "Yadanar", "Khin", "Nwe", "Oo", "Htun", "Zin", "Pyae"]
KH_NAMES = ["Sok", "Chea", "Sopheap", "Dara", "Vannak", "Srey", "Pich", "Rith", "Sophal",
            "Kosal", "Bopha", "Chenda", "Mealea", "Rathana", "Sovann", "Thida", "Vuthy",
            "Piseth", "Sreymom", "Kimleng", "Heng", "Chan", "Kong", "Lim", "Mao", "Nhem",
            "Ouk", "Prak", "Seng", "Tep"]
LA_NAMES = ["Souk", "Phonsavanh", "Khamphet", "Vilay", "Bounmy", "Chanthala", "Keo",
            "Manivong", "Noy", "Phet", "Sengdara", "Somphone", "Thongdy", "Vongsa",
            "Xaysana", "Inthavong", "Douangmala", "Sisouk", "Latsamy", "Bouasone"]
CN_NAMES = [("陳大文", "Chan Tai Man"), ("李小明", "Li Xiaoming"), ("王芳", "Wang Fang"),
            ("張偉", "Zhang Wei"), ("劉洋", "Liu Yang"), ("黃志強", "Wong Chi Keung"),
            ("林美玲", "Lin Meiling"), ("吳建華", "Wu Jianhua"), ("周杰", "Zhou Jie"),
            ("徐麗", "Xu Li"), ("趙磊", "Zhao Lei"), ("孫麗娟", "Sun Lijuan"),
            ("楊帆", "Yang Fan"), ("何家明", "Ho Ka Ming"), ("郭靜", "Guo Jing"),
            ("馬超", "Ma Chao"), ("羅志偉", "Lo Chi Wai"), ("梁嘉欣", "Leung Ka Yan"),
            ("鄭浩", "Zheng Hao"), ("謝婷", "Xie Ting")]
ID_GIVEN = ["Budi", "Siti", "Agus", "Dewi", "Rizal", "Putri", "Andi", "Wahyu", "Sri", "Eko",
            "Rina", "Hendra", "Yuni", "Fajar", "Indah", "Joko", "Lestari", "Nur", "Rudi",
            "Sari", "Teguh", "Wati", "Yusuf", "Ayu", "Bayu"]
ID_FAMILY = ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Pratama", "Susanto",
             "Setiawan", "Nugroho", "Halim", "Gunawan", "Rahman"]
PH_GIVEN = ["Maria", "Jose", "Ana", "John", "Mark", "Grace", "Joy", "Paul", "Rosa",
            "Angelica", "Jericho", "Kristine", "Ramon", "Liza", "Noel", "Carmela"]
PH_FAMILY = ["Santos", "Reyes", "Cruz", "Garcia", "Mendoza", "Bautista", "Ramos", "Aquino",
             "Dela Cruz", "Villanueva", "Castillo", "Rivera", "Torres", "Flores"]
SPELLING = [("k", "g"), ("ch", "j"), ("ph", "p"), ("th", "t"), ("w", "v"), ("ee", "i"),
            ("oo", "u"), ("ai", "ay"), ("ou", "u"), ("y", "i")]


@dataclass(frozen=True, slots=True)
class Person:
    """A registered person as written in the registry, and how the name may be rewritten."""

    name: str
    alt_script: str  # the same name in the other script ("" if none)
    sex: str
    birth: str
    nationality: str


def _strip(s: str) -> str:
    s = s.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _name(rng: random.Random, nat: str, sex: str) -> tuple[str, str]:
    """(name, the same name in another script or "")."""
    if nat == "VNM":
        middle = "Thị" if sex == "F" and rng.random() < 0.7 else rng.choice(VN_MIDDLE)
        return f"{rng.choice(VN_FAMILY)} {middle} {rng.choice(VN_GIVEN)}", ""
    if nat == "THA":
        g, f = rng.choice(TH_GIVEN), rng.choice(TH_FAMILY)
        native, roman = f"{g[0]} {f[0]}", f"{g[1]} {f[1]}"
        return (native, roman) if rng.random() < 0.5 else (roman, native)
    if nat == "MMR":
        return " ".join(rng.choice(MM_SYLLABLES) for _ in range(rng.choice((2, 2, 3)))), ""
    if nat == "KHM":
        return f"{rng.choice(KH_NAMES)} {rng.choice(KH_NAMES)}", ""
    if nat == "LAO":
        return f"{rng.choice(LA_NAMES)} {rng.choice(LA_NAMES)}", ""
    if nat == "CHN":
        native, roman = rng.choice(CN_NAMES)
        return (native, roman) if rng.random() < 0.5 else (roman, native)
    if nat == "IDN":
        given = rng.choice(ID_GIVEN)
        return (given if rng.random() < 0.3 else f"{given} {rng.choice(ID_FAMILY)}"), ""
    return f"{rng.choice(PH_GIVEN)} {rng.choice(PH_FAMILY)}", ""


def _birth(rng: random.Random) -> str:
    return f"{rng.randint(1960, 2008)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def person(rng: random.Random) -> Person:
    """One new person."""
    nat = rng.choices([n for n, _ in NATIONALITIES], [w for _, w in NATIONALITIES])[0]
    sex = rng.choice("MF")
    name, alt = _name(rng, nat, sex)
    return Person(name, alt, sex, _birth(rng), nat)


def _typo(rng: random.Random, name: str) -> str:
    letters = [i for i, c in enumerate(name) if c.isascii() and c.isalpha()]
    if len(letters) < 5:
        return name
    i = rng.choice(letters[1:])
    kind = rng.random()
    if kind < 0.4:
        return name[:i] + name[i + 1:]
    if kind < 0.7:
        return name[:i] + name[i] + name[i:]
    j = i - 1
    return name[:j] + name[i] + name[j] + name[i + 1:] if name[j].isalpha() else name


def _respell(rng: random.Random, name: str) -> str:
    low = name.lower()
    options = [(a, b) for a, b in SPELLING if a in low] + [(b, a) for a, b in SPELLING if b in low]
    if not options:
        return name
    a, b = rng.choice(options)
    return low.replace(a, b, 1).title()


def report_name(rng: random.Random, p: Person) -> str:
    """How a family might write a registered person's name."""
    name = p.name
    if p.alt_script and rng.random() < NOISE["script_or_case"]:
        name = p.alt_script
    elif p.nationality == "VNM" and rng.random() < NOISE["script_or_case"]:
        name = _strip(name).upper() if rng.random() < 0.5 else _strip(name)
    if not name.isascii():
        return name
    tokens = name.split()
    if len(tokens) >= 2 and rng.random() < NOISE["given_only"]:
        return tokens[-1] if p.nationality == "VNM" else tokens[0]
    if len(tokens) >= 2 and rng.random() < NOISE["swap_order"]:
        name = " ".join([tokens[-1], *tokens[:-1]])
    if rng.random() < NOISE["spelling"]:
        name = _respell(rng, name)
    if rng.random() < NOISE["typo"]:
        name = _typo(rng, name)
    return name


def report_birth(rng: random.Random, birth: str) -> str:
    y, m, d = birth.split("-")
    r = rng.random()
    if r < 0.55:
        return birth
    if r < 0.70:
        return y
    if r < 0.80:
        return f"{int(y) + rng.choice((-1, 1))}-{m}-{d}"
    if r < 0.85:
        return f"{y}-{d}-{m}" if int(d) <= 12 and d != m else birth
    if r < 0.90:
        return f"{y}-{m}-{max(1, min(28, int(d) + rng.choice((-1, 1, -10, 10)))):02d}"
    return ""


def generate(n: int, seed: int = 7, overlap: float = 0.6) -> tuple[
        list[dict[str, str]], list[dict[str, str]], list[tuple[str, str]]]:
    """(reports, registered persons, true (report id, registered id) pairs)."""
    rng = random.Random(seed)
    registered = [person(rng) for _ in range(n)]
    reg_rows = [{"id": f"P{k:07d}", "name": p.name, "sex": p.sex, "birth": p.birth,
                 "nationality": p.nationality} for k, p in enumerate(registered)]
    reports: list[dict[str, str]] = []
    truth: list[tuple[str, str]] = []
    linked = rng.sample(range(n), int(n * overlap))
    sources: list[int | None] = [*linked, *([None] * (n - len(linked)))]
    rng.shuffle(sources)
    for k, src in enumerate(sources):
        rid = f"R{k:07d}"
        if src is None:
            p = person(rng)
            reports.append({"id": rid, "name": p.name, "sex": p.sex, "birth": p.birth,
                            "nationality": p.nationality})
            continue
        p = registered[src]
        reports.append({
            "id": rid, "name": report_name(rng, p),
            "sex": "" if rng.random() < 0.1 else p.sex,
            "birth": report_birth(rng, p.birth),
            "nationality": "" if rng.random() < 0.1 else p.nationality,
        })
        truth.append((rid, reg_rows[src]["id"]))
    return reports, reg_rows, truth


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--overlap", type=float, default=0.6)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    reports, registered, truth = generate(args.n, args.seed, args.overlap)
    args.out.mkdir(parents=True, exist_ok=True)
    cols = ["id", "name", "sex", "birth", "nationality"]
    _write(args.out / "reports.csv", cols, [[r[c] for c in cols] for r in reports])
    _write(args.out / "registered.csv", cols, [[r[c] for c in cols] for r in registered])
    _write(args.out / "truth.csv", ["report_id", "registered_id"], [list(t) for t in truth])
    print(f"{len(reports)} reports, {len(registered)} registered, {len(truth)} true pairs "
          f"-> {args.out}")


if __name__ == "__main__":
    main()
