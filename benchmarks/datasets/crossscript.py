"""Seeded generator of a cross-script linkage benchmark: pairs of lists per script.

Run: .venv/bin/python benchmarks/datasets/crossscript.py --out DIR [--seed 7] [--people 300]
writes DIR/<script>_left.csv, DIR/<script>_right.csv (columns id,name,sex,birth,nationality)
and DIR/<script>_truth.csv (left_id,right_id). Or import :func:`generate`.

Scripts: thai, burmese, khmer, lao, chinese, vietnamese, indonesian.

How the variant spellings were made (so the benchmark is not circular)
----------------------------------------------------------------------
Every Latin spelling below was WRITTEN BY HAND from how these names are commonly spelled on
passports, lists and in the press, not produced by Wayhome's names engine: Thai RTGS and
everyday forms (Somchai/Somchay, Phonthip/Pornthip/Porntip), Burmese syllable spellings
with their usual alternatives and the "Mg"/"U" abbreviations, Khmer UNGEGN and everyday
forms (Sokha, Chanthou, Vannak, Sreymom/Srey Mom), Lao BGN and French-style forms
(Souksavanh/Souksavan), Chinese pinyin, Hong Kong Cantonese and Hokkien/Teochew spellings
(陳 Chen/Chan/Tan, 黃 Huang/Wong/Ng), Vietnamese with and without diacritics, Indonesian old
(Soekarno, Djoko, Tjahja) and new (Sukarno, Joko, Cahya) orthography. Burmese names are
also given in Zawgyi encoding, typed by hand as a Zawgyi keyboard produces them (E vowel
and medial RA before the consonant, Zawgyi code points for asat/medials).

Each person has a true name (native script where there is one), sex, birth date and
nationality. The left list holds people 0..85%, the right list people 15..100% (70% of
people are on both lists, the rest are distractors; with small name pools many
distractors share a name with someone else). On the right the name is written in another
form (other script, other romanisation, order swapped, uppercased, a middle name
dropped), and the other fields are noised:

* birth (left: the full date, or only the year for 10%; right, from the true date):
  same (40%), year +-1 (15%), day and month swapped (10%, when day <= 12),
  year only (15%), "about N" (an age estimate at 2025-06-01 +-1 year, stored as a year
  only: 15%), missing (5%);
* sex missing 15% per side; nationality missing 20% per side, wrong 3%.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = ("thai", "burmese", "khmer", "lao", "chinese", "vietnamese", "indonesian")
NATIONALITY = {"thai": "THA", "burmese": "MMR", "khmer": "KHM", "lao": "LAO",
               "chinese": "CHN", "vietnamese": "VNM", "indonesian": "IDN"}
REFERENCE_DATE = dt.date(2025, 6, 1)  # the date at which an "about N" age was given

Entry = tuple[str, Sequence[str]]  # (native form, hand-written Latin spellings)

# ----------------------------------------------------------------- Thai (given, family)
THAI_GIVEN: list[Entry] = [
    ("สมชาย", ["Somchai", "Somchay", "Som Chai"]),
    ("สมหญิง", ["Somying", "Som Ying", "Somyhing"]),
    ("พรทิพย์", ["Phonthip", "Pornthip", "Porntip"]),
    ("มาลี", ["Mali", "Malee"]),
    ("สุดา", ["Suda", "Sooda"]),
    ("วิชัย", ["Wichai", "Vichai", "Wichay"]),
    ("กาญจนา", ["Kanchana", "Kanjana", "Karnchana"]),
    ("ประเสริฐ", ["Prasoet", "Prasert"]),
    ("สมศักดิ์", ["Somsak", "Somsuk"]),
    ("อรุณี", ["Aruni", "Arunee"]),
    ("บุญมี", ["Bunmi", "Boonmee", "Boonmi"]),
    ("ธิดา", ["Thida", "Tida"]),
    ("กัญญา", ["Kanya", "Ganya"]),
    ("วีระ", ["Wira", "Weera", "Veera"]),
    ("นิภา", ["Nipha", "Nipa"]),
    ("ณัฐวุฒิ", ["Nattawut", "Natthawut", "Nattawoot"]),
    ("จันทร์เพ็ญ", ["Chanphen", "Janpen", "Chanpen"]),
    ("สุชาติ", ["Suchat", "Suchart"]),
    ("เพชร", ["Phet", "Petch"]),
    ("อำนาจ", ["Amnat", "Amnart"]),
]
THAI_FAMILY: list[Entry] = [
    ("ใจดี", ["Chaidi", "Jaidee", "Jaidi"]),
    ("ศรีสุข", ["Sisuk", "Srisuk", "Srisook"]),
    ("ทองดี", ["Thongdi", "Thongdee", "Tongdee"]),
    ("แก้วกล้า", ["Kaeokla", "Kaewkla", "Keawkla"]),
    ("บุญมา", ["Bunma", "Boonma"]),
    ("สุขใจ", ["Sukchai", "Sukjai", "Sookjai"]),
    ("วงศ์ษา", ["Wongsa", "Vongsa"]),
    ("พรหมมา", ["Phromma", "Promma"]),
    ("ชินวัตร", ["Chinnawat", "Shinawatra"]),
    ("จันทร์แก้ว", ["Chankaeo", "Jankaew", "Chankaew"]),
    ("สายทอง", ["Saithong", "Saitong", "Sai Thong"]),
    ("ศรีสวัสดิ์", ["Sisawat", "Srisawat", "Srisawad"]),
]

# ----------------------------------------------------------------- Burmese syllables
# (Unicode, Zawgyi as typed, Latin spellings)
BURMESE_SYLLABLES: list[tuple[str, str, Sequence[str]]] = [
    ("အောင်", "ေအာင္", ["Aung", "Aung", "Aong"]),
    ("ကျော်", "ေက်ာ္", ["Kyaw", "Kyaw", "Kyau"]),
    ("မြင့်", "ျမင့္", ["Myint", "Myint", "Myin"]),
    ("ထွန်း", "ထြန္း", ["Htun", "Tun", "Htoon"]),
    ("လှိုင်", "လွိဳင္", ["Hlaing", "Hlaing", "Laing"]),
    ("ဝင်း", "ဝင္း", ["Win", "Win", "Winn"]),
    ("ဇော်", "ေဇာ္", ["Zaw", "Zaw", "Saw"]),
    ("ကြည်", "ၾကည္", ["Kyi", "Kyi", "Kyee"]),
    ("နိုင်", "ႏိုင္", ["Naing", "Naing", "Nai"]),
    ("မောင်", "ေမာင္", ["Maung", "Mg", "Maung"]),
    ("ခင်", "ခင္", ["Khin", "Khin", "Khinn"]),
    ("သိန်း", "သိန္း", ["Thein", "Thein", "Thien"]),
    ("စိုး", "စိုး", ["Soe", "Soe", "So"]),
    ("မင်း", "မင္း", ["Min", "Min", "Minn"]),
    ("သူ", "သူ", ["Thu", "Thu", "Thuu"]),
    ("ထက်", "ထက္", ["Htet", "Htet", "Htat"]),
    ("မြ", "ျမ", ["Mya", "Mya", "Myar"]),
    ("လှ", "လွ", ["Hla", "Hla", "Hlar"]),
    ("အေး", "ေအး", ["Aye", "Aye", "Ei"]),
    ("နု", "ႏု", ["Nu", "Nu", "Nuu"]),
    ("ဖြိုး", "ၿဖိဳး", ["Phyo", "Phyo", "Pyo"]),
    ("တင်", "တင္", ["Tin", "Tin", "Tinn"]),
    ("ညို", "ညိဳ", ["Nyo", "Nyo", "Nyoe"]),
    ("သန်း", "သန္း", ["Than", "Than", "Thann"]),
]

# ----------------------------------------------------------------- Khmer (family, given)
KHMER_FAMILY: list[Entry] = [
    ("សុខ", ["Sok", "Sokh"]),
    ("ចាន់", ["Chan", "Chann"]),
    ("ហេង", ["Heng", "Heng"]),
    ("ជា", ["Chea", "Chia"]),
    ("លី", ["Ly", "Lee"]),
    ("មាស", ["Meas", "Mas"]),
    ("កែវ", ["Keo", "Kaev"]),
    ("ប្រាក់", ["Prak", "Prak"]),
    ("ទូច", ["Touch", "Toch"]),
    ("ឈុន", ["Chhun", "Chhoun"]),
    ("សេង", ["Seng", "Seng"]),
    ("ពៅ", ["Pov", "Pou"]),
    ("គឹម", ["Kim", "Kem"]),
    ("ហ៊ុន", ["Hun", "Houn"]),
]
KHMER_GIVEN: list[Entry] = [
    ("សុខា", ["Sokha", "Sokhar"]),
    ("ចាន់ធូ", ["Chanthou", "Chanthu", "Chantou"]),
    ("វណ្ណៈ", ["Vannak", "Vanak", "Vannac"]),
    ("សុភា", ["Sophea", "Sophia", "Sopha"]),
    ("ដារា", ["Dara", "Darra"]),
    ("ស្រីមុំ", ["Sreymom", "Srey Mom", "Sreimom"]),
    ("បុប្ផា", ["Bopha", "Bophar"]),
    ("កុសល", ["Kosal", "Kosol"]),
    ("ពិសី", ["Pisey", "Pisei", "Pisay"]),
    ("រិទ្ធី", ["Rithy", "Rithi", "Ritthy"]),
    ("សុធា", ["Sothea", "Sothia"]),
    ("វិចិត្រ", ["Vichet", "Vicheth", "Vichit"]),
    ("ចន្ថា", ["Chantha", "Chanta"]),
    ("សំណាង", ["Samnang", "Somnang"]),
    ("រតនា", ["Ratana", "Rathana", "Rattana"]),
    ("ធីតា", ["Thida", "Tida"]),
]

# ----------------------------------------------------------------- Lao (given, family)
LAO_GIVEN: list[Entry] = [
    ("ສຸກສະຫວັນ", ["Souksavanh", "Souksavan", "Suksavan"]),
    ("ພອນສະຫວັນ", ["Phonsavanh", "Phonsavan", "Ponsavan"]),
    ("ສົມພອນ", ["Somphone", "Somphon", "Sompone"]),
    ("ບຸນມີ", ["Bounmy", "Bounmi", "Bunmi"]),
    ("ແສງດາວ", ["Sengdao", "Saengdao", "Sengdav"]),
    ("ຄຳພັນ", ["Khamphanh", "Khamphan", "Kampan"]),
    ("ນ້ອຍ", ["Noy", "Noi"]),
    ("ມະນີ", ["Many", "Mani", "Manee"]),
    ("ອາລຸນ", ["Aloun", "Alun"]),
    ("ທອງດີ", ["Thongdy", "Thongdi", "Tongdee"]),
    ("ສຸພາ", ["Soupha", "Supha"]),
    ("ສີສຸກ", ["Sisouk", "Sisuk"]),
    ("ບົວພັນ", ["Bouaphanh", "Bouaphan", "Buaphan"]),
    ("ຈັນສີ", ["Chansy", "Chansi", "Jansy"]),
    ("ຄຳແສງ", ["Khamsaeng", "Khamseng"]),
]
LAO_FAMILY: list[Entry] = [
    ("ພົມມະວົງ", ["Phommavong", "Phomavong", "Pommavong"]),
    ("ສີຫາລາດ", ["Sihalath", "Sihalat"]),
    ("ແກ້ວມະນີ", ["Keomany", "Kaeomani", "Keomani"]),
    ("ວົງສາ", ["Vongsa", "Wongsa"]),
    ("ສີສົມພອນ", ["Sisomphone", "Sisomphon"]),
    ("ໄຊຍະວົງ", ["Xayavong", "Sayavong", "Xaiyavong"]),
    ("ຈັນທະວົງ", ["Chanthavong", "Jantavong"]),
    ("ອິນທະວົງ", ["Inthavong", "Intavong"]),
    ("ພົມວິຫານ", ["Phomvihane", "Phomvihan"]),
]

# ----------------------------------------------------------------- Chinese
# family: (traditional, simplified, pinyin, Cantonese HK, Hokkien/Teochew)
CHINESE_FAMILY: list[tuple[str, str, str, str, str]] = [
    ("陳", "陈", "Chen", "Chan", "Tan"),
    ("林", "林", "Lin", "Lam", "Lim"),
    ("黃", "黄", "Huang", "Wong", "Ng"),
    ("李", "李", "Li", "Lee", "Lee"),
    ("張", "张", "Zhang", "Cheung", "Teo"),
    ("王", "王", "Wang", "Wong", "Ong"),
    ("吳", "吴", "Wu", "Ng", "Goh"),
    ("劉", "刘", "Liu", "Lau", "Lau"),
    ("蔡", "蔡", "Cai", "Choi", "Chua"),
    ("楊", "杨", "Yang", "Yeung", "Yeo"),
    ("鄭", "郑", "Zheng", "Cheng", "Tay"),
    ("許", "许", "Xu", "Hui", "Khoo"),
    ("郭", "郭", "Guo", "Kwok", "Koh"),
    ("謝", "谢", "Xie", "Tse", "Chia"),
    ("歐陽", "欧阳", "Ouyang", "Au Yeung", "Auyong"),
    ("司徒", "司徒", "Situ", "Szeto", "Seto"),
]
# given: (traditional, simplified, pinyin, Cantonese HK, Hokkien)
CHINESE_GIVEN: list[tuple[str, str, str, str, str]] = [
    ("大文", "大文", "Dawen", "Tai Man", "Tua Bun"),
    ("志明", "志明", "Zhiming", "Chi Ming", "Chee Beng"),
    ("美玲", "美玲", "Meiling", "Mei Ling", "Bee Leng"),
    ("家豪", "家豪", "Jiahao", "Ka Ho", "Ka Ho"),
    ("偉強", "伟强", "Weiqiang", "Wai Keung", "Wee Kiang"),
    ("秀英", "秀英", "Xiuying", "Sau Ying", "Siew Eng"),
    ("建國", "建国", "Jianguo", "Kin Kwok", "Kian Kok"),
    ("麗華", "丽华", "Lihua", "Lai Wah", "Lee Hua"),
    ("俊傑", "俊杰", "Junjie", "Chun Kit", "Choon Kiat"),
    ("文華", "文华", "Wenhua", "Man Wah", "Boon Hua"),
    ("國強", "国强", "Guoqiang", "Kwok Keung", "Kok Kiang"),
    ("淑芬", "淑芬", "Shufen", "Suk Fan", "Siok Hoon"),
    ("明輝", "明辉", "Minghui", "Ming Fai", "Beng Hui"),
    ("慧敏", "慧敏", "Huimin", "Wai Man", "Hui Min"),
]

# ----------------------------------------------------------------- Vietnamese
VIET_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ",
               "Hồ", "Ngô", "Dương", "Lý"]
VIET_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc"]
VIET_GIVEN = ["Hùng", "Lan", "Hương", "Tuấn", "Dũng", "Linh", "Hải", "Nam", "Anh", "Trang",
              "Phương", "Thảo", "Long", "Quang", "Hà", "Mai", "Sơn", "Thủy"]
VIET_FAMILY_ALT = {"Hoàng": "Huỳnh", "Vũ": "Võ"}  # the same family name, North/South

# ----------------------------------------------------------------- Indonesian
# (modern spelling, old-orthography / other spellings)
INDONESIAN: list[Entry] = [
    ("Sukarno", ["Soekarno", "Sukarno"]),
    ("Suharto", ["Soeharto", "Suharto"]),
    ("Sutrisno", ["Soetrisno", "Sutrisna"]),
    ("Wati", ["Wati", "Watie"]),
    ("Yanti", ["Janti", "Yanti"]),
    ("Yuliani", ["Juliani", "Yulianti"]),
    ("Cahya", ["Tjahja", "Cahyo"]),
    ("Joko", ["Djoko", "Jokoh"]),
    ("Slamet", ["Slamet", "Selamet"]),
    ("Budi", ["Boedi", "Budi"]),
    ("Agus", ["Agoes", "Agus"]),
    ("Dewi", ["Dewi", "Dewie"]),
    ("Nur", ["Noer", "Nurr"]),
    ("Yusuf", ["Jusuf", "Yusup"]),
    ("Purwanto", ["Poerwanto", "Purwanta"]),
    ("Santoso", ["Santosa", "Santoso"]),
    ("Susilo", ["Soesilo", "Susila"]),
    ("Rahmat", ["Rachmat", "Rakhmat"]),
    ("Ahmad", ["Achmad", "Akhmad"]),
    ("Nurhayati", ["Noerhajati", "Nurhayatie"]),
    ("Setiawan", ["Setyawan", "Setiawan"]),
    ("Wahyudi", ["Wahjudi", "Wahyudy"]),
    ("Suryani", ["Soerjani", "Suriani"]),
    ("Sumarni", ["Soemarni", "Sumarny"]),
    ("Endang", ["Endang", "Endank"]),
    ("Lestari", ["Lestari", "Lestary"]),
]


@dataclass(frozen=True, slots=True)
class Person:
    """The truth about one generated person: how the two lists write the name."""

    key: int
    left_name: str
    right_name: str
    sex: str
    birth: dt.date


def _fold(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _case(rng: random.Random, name: str) -> str:
    """Lists write names in capitals about a third of the time."""
    return name.upper() if rng.random() < 0.33 else name


def _thai(rng: random.Random) -> tuple[str, str]:
    g, f = rng.choice(THAI_GIVEN), rng.choice(THAI_FAMILY)
    left = f"{g[0]} {f[0]}"
    r = rng.random()
    if r < 0.15:  # both romanised, different spellings
        left = f"{g[1][0]} {f[1][0]}"
        return left, _case(rng, f"{rng.choice(g[1][1:])} {rng.choice(f[1][1:])}")
    if r < 0.25:  # family name missing on the right (a nickname-like single name)
        return left, _case(rng, rng.choice(g[1]))
    if r < 0.35:
        return left, _case(rng, f"{rng.choice(f[1])} {rng.choice(g[1])}")
    return left, _case(rng, f"{rng.choice(g[1])} {rng.choice(f[1])}")


def _burmese(rng: random.Random) -> tuple[str, str]:
    syllables = rng.sample(BURMESE_SYLLABLES, rng.choice([2, 2, 3, 3, 3]))
    unicode = "".join(s[0] for s in syllables)
    r = rng.random()
    if r < 0.35:  # Unicode on one side, Zawgyi on the other
        return unicode, "".join(s[1] for s in syllables)
    latin = " ".join(rng.choice(s[2]) for s in syllables)
    if r < 0.55:  # Zawgyi vs Latin
        return "".join(s[1] for s in syllables), _case(rng, latin)
    return unicode, _case(rng, latin)


def _khmer(rng: random.Random) -> tuple[str, str]:
    f, g = rng.choice(KHMER_FAMILY), rng.choice(KHMER_GIVEN)
    left = f"{f[0]} {g[0]}"
    r = rng.random()
    if r < 0.4:  # given name first on foreign lists
        return left, _case(rng, f"{rng.choice(g[1])} {rng.choice(f[1])}")
    if r < 0.5:
        return f"{f[1][0]} {g[1][0]}", _case(rng, f"{rng.choice(f[1])} {rng.choice(g[1][1:])}")
    return left, _case(rng, f"{rng.choice(f[1])} {rng.choice(g[1])}")


def _lao(rng: random.Random) -> tuple[str, str]:
    g, f = rng.choice(LAO_GIVEN), rng.choice(LAO_FAMILY)
    left = f"{g[0]} {f[0]}"
    r = rng.random()
    if r < 0.15:
        return left, _case(rng, rng.choice(g[1]))
    if r < 0.3:
        return left, _case(rng, f"{rng.choice(f[1])} {rng.choice(g[1])}")
    return left, _case(rng, f"{rng.choice(g[1])} {rng.choice(f[1])}")


def _chinese(rng: random.Random) -> tuple[str, str]:
    f, g = rng.choice(CHINESE_FAMILY), rng.choice(CHINESE_GIVEN)
    simplified = rng.random() < 0.4
    left = (f[1] + g[1]) if simplified else (f[0] + g[0])
    r = rng.random()
    if r < 0.4:  # pinyin, family name first or last
        right = f"{f[2]} {g[2]}" if rng.random() < 0.6 else f"{g[2]} {f[2]}"
    elif r < 0.75:  # Hong Kong Cantonese, sometimes with the given name first
        right = f"{f[3]} {g[3]}" if rng.random() < 0.6 else f"{g[3]} {f[3]}"
    else:  # Hokkien / Teochew (Singapore, Malaysia, Taiwan)
        right = f"{f[4]} {g[4]}" if rng.random() < 0.7 else f"{g[4]} {f[4]}"
    return left, _case(rng, right)


def _vietnamese(rng: random.Random) -> tuple[str, str]:
    family, middle, given = (rng.choice(VIET_FAMILY), rng.choice(VIET_MIDDLE),
                             rng.choice(VIET_GIVEN))
    left = f"{family} {middle} {given}"
    right_family = VIET_FAMILY_ALT.get(family, family) if rng.random() < 0.1 else family
    r = rng.random()
    if r < 0.35:
        right = _fold(f"{right_family} {middle} {given}").upper()
    elif r < 0.6:
        right = _fold(f"{given} {right_family}")
    elif r < 0.75:
        right = f"{given} {middle} {right_family}"
    elif r < 0.85:
        right = f"{right_family} {given}"
    else:
        right = _fold(f"{right_family} {middle} {given}")
    return left, right


def _indonesian(rng: random.Random) -> tuple[str, str]:
    first = rng.choice(INDONESIAN)
    if rng.random() < 0.6:  # a single name, as many Indonesians have
        return first[0], _case(rng, rng.choice(first[1]))
    second = rng.choice(INDONESIAN)
    left = f"{first[0]} {second[0]}"
    if rng.random() < 0.2:
        return left, _case(rng, rng.choice(first[1]))
    return left, _case(rng, f"{rng.choice(first[1])} {rng.choice(second[1])}")


NAMERS: dict[str, Callable[[random.Random], tuple[str, str]]] = {
    "thai": _thai, "burmese": _burmese, "khmer": _khmer, "lao": _lao, "chinese": _chinese,
    "vietnamese": _vietnamese, "indonesian": _indonesian,
}


def _birth_noise(rng: random.Random, birth: dt.date) -> str:
    r = rng.random()
    if r < 0.40:
        return birth.isoformat()
    if r < 0.55:
        shifted = birth.replace(year=birth.year + rng.choice((-1, 1)), day=min(birth.day, 28))
        return shifted.isoformat()
    if r < 0.65:
        if birth.day <= 12 and birth.day != birth.month:
            return dt.date(birth.year, birth.day, birth.month).isoformat()
        return birth.isoformat()
    if r < 0.80:
        return str(birth.year)
    if r < 0.95:  # "about N" at the reference date, N off by up to a year
        age = REFERENCE_DATE.year - birth.year - (
            (REFERENCE_DATE.month, REFERENCE_DATE.day) < (birth.month, birth.day))
        stated = age + rng.choice((-1, 0, 0, 1))
        return str(REFERENCE_DATE.year - stated)
    return ""


def _row(rng: random.Random, rid: str, name: str, person: Person, script: str,
         birth: str) -> dict[str, str]:
    sex = "" if rng.random() < 0.15 else person.sex
    nat = NATIONALITY[script]
    r = rng.random()
    if r < 0.20:
        nat = ""
    elif r < 0.23:
        nat = rng.choice([n for n in NATIONALITY.values() if n != nat])
    return {"id": rid, "name": name, "sex": sex, "birth": birth, "nationality": nat}


@dataclass(frozen=True, slots=True)
class ScriptSet:
    """One script's pair of lists and the true (left_id, right_id) pairs."""

    script: str
    left: list[dict[str, str]]
    right: list[dict[str, str]]
    truth: set[tuple[str, str]]


def generate_script(script: str, people: int, seed: int) -> ScriptSet:
    """The lists for one script; the same (script, people, seed) always gives the same."""
    rng = random.Random(f"{seed}:{script}")
    namer = NAMERS[script]
    persons: list[Person] = []
    for key in range(people):
        left_name, right_name = namer(rng)
        birth = dt.date(1970, 1, 1) + dt.timedelta(days=rng.randrange(365 * 38))
        persons.append(Person(key, left_name, right_name, rng.choice("MF"), birth))
    cut_left, cut_right = int(people * 0.85), int(people * 0.15)
    left_ids = [f"{script[:3]}-L{k:05d}" for k in range(people)]
    right_ids = [f"{script[:3]}-R{k:05d}" for k in range(people)]
    order = list(range(people))
    rng.shuffle(order)  # list positions unrelated to the person
    left: list[dict[str, str]] = []
    right: list[dict[str, str]] = []
    truth: set[tuple[str, str]] = set()
    for k in order:
        p = persons[k]
        on_left, on_right = k < cut_left, k >= cut_right
        if on_left:
            left.append(_row(rng, left_ids[k], p.left_name, p, script, p.birth.isoformat()
                             if rng.random() < 0.9 else str(p.birth.year)))
        if on_right:
            right.append(_row(rng, right_ids[k], p.right_name, p, script,
                              _birth_noise(rng, p.birth)))
        if on_left and on_right:
            truth.add((left_ids[k], right_ids[k]))
    left.sort(key=lambda row: row["id"])
    right.sort(key=lambda row: row["id"])
    return ScriptSet(script, left, right, truth)


def generate(people: int = 300, seed: int = 7,
             scripts: Sequence[str] = SCRIPTS) -> dict[str, ScriptSet]:
    """All scripts' lists (``people`` generated people per script)."""
    return {s: generate_script(s, people, seed) for s in scripts}


def write(out: Path, sets: dict[str, ScriptSet]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for script, data in sets.items():
        for side, rows in (("left", data.left), ("right", data.right)):
            with (out / f"{script}_{side}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.DictWriter(fh, ["id", "name", "sex", "birth", "nationality"])
                writer.writeheader()
                writer.writerows(rows)
        with (out / f"{script}_truth.csv").open("w", encoding="utf-8", newline="") as fh:
            writer2 = csv.writer(fh)
            writer2.writerow(["left_id", "right_id"])
            writer2.writerows(sorted(data.truth))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--people", type=int, default=300)
    args = parser.parse_args()
    write(args.out, generate(args.people, args.seed))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
