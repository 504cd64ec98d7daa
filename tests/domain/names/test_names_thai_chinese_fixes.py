"""Thai RTGS fixes for well-known names and Chinese two-character family names."""

from __future__ import annotations

import pytest

from wayhome.domain.names import chinese_family_length, romanise_chinese, romanise_thai, similarity


@pytest.mark.parametrize(
    ("thai", "rtgs", "everyday"),
    [
        ("ชินวัตร", "chinnawat", "shinawatra"),  # pythainlp royin alone: "chinwatn"
        ("ยิ่งลักษณ์", "yinglak", "yingluck"),  # royin: "yinglakt"
        ("อภิสิทธิ์", "aphisit", "abhisit"),  # royin drops the initial a: "phisit"
        ("กาญจนา", "kanchana", "kanjana"),  # royin: "kantna"
        ("ณัฐวุฒิ", "nattawut", "natthawut"),
        ("ประยุทธ์", "prayut", "prayuth"),
        ("อนุทิน", "anuthin", "anutin"),
        ("เกียรติศักดิ์", "kiattisak", "kiatisak"),
    ],
)
def test_well_known_thai_names_get_correct_rtgs_and_usual_spellings(
    thai: str, rtgs: str, everyday: str
) -> None:
    spellings = romanise_thai(thai)
    assert spellings[0] == rtgs
    assert everyday in spellings


def test_unknown_thai_part_beginning_with_o_ang_keeps_its_a() -> None:
    assert romanise_thai("อรุณสวัสดิ์")[0].startswith("arun")


def test_thai_names_outside_the_table_still_romanise_as_before() -> None:
    assert romanise_thai("สมหญิง")[0] == "somying"
    assert romanise_thai("สมชาย")[0] == "somchai"


def test_famous_thai_name_matches_its_press_spelling() -> None:
    assert similarity("ยิ่งลักษณ์ ชินวัตร", "Yingluck Shinawatra") == 1.0
    assert similarity("อภิสิทธิ์ เวชชาชีวะ", "Abhisit Vejjajiva") == 1.0


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("歐陽振華", "ouyang", "zhenhua"),
        ("欧阳振华", "ouyang", "zhenhua"),
        ("司馬懿", "sima", "yi"),
        ("諸葛亮", "zhuge", "liang"),
        ("上官婉兒", "shangguan", "waner"),
        ("司徒雷登", "situ", "leideng"),
    ],
)
def test_chinese_two_character_family_names_stay_together(
    name: str, family: str, given: str
) -> None:
    spellings = romanise_chinese(name)
    assert chinese_family_length(name) == 2
    assert spellings[0] == f"{family} {given}"
    assert f"{given} {family}" in spellings


def test_compound_family_names_have_hong_kong_spellings() -> None:
    assert any(s.startswith("auyeung ") for s in romanise_chinese("歐陽振華"))
    assert any(s.startswith("szeto ") for s in romanise_chinese("司徒雷登"))
    assert similarity("歐陽振華", "Zhenhua Ouyang") == 1.0


def test_single_character_family_name_is_unchanged() -> None:
    assert chinese_family_length("陳大文") == 1
    assert romanise_chinese("陳大文")[0] == "chen dawen"
    assert chinese_family_length("歐") == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [("Soekarno", "Sukarno"), ("Djoko", "Joko"), ("Tjahja", "Cahya"), ("Janti", "Yanti"),
     ("Achmad", "Ahmad"), ("Noerhajati", "Nurhayati")],
)
def test_old_indonesian_spellings_match_the_modern_ones(old: str, new: str) -> None:
    assert similarity(old, new) == 1.0


def test_arabic_kh_written_h_inside_a_name_matches() -> None:
    assert similarity("Akhmad", "Ahmad") == 1.0
    # only inside a word: a leading Kh stays (Khin, Khun are their own names)
    from wayhome.domain.names import normalise

    assert normalise("Khin").variants == ("khin",)


def test_f_and_p_share_a_key_as_in_indonesian_and_filipino_spellings() -> None:
    from wayhome.domain.names import name_key

    assert name_key("yusuf") == name_key("yusup")
    assert similarity("Yusuf", "Yusup") >= 0.85


def test_chinese_ch_is_not_read_as_old_indonesian_spelling() -> None:
    from wayhome.domain.names import normalise

    assert normalise("Chen Dawen").variants == ("chen dawen",)


def test_a_known_part_is_not_cut_out_of_a_longer_syllable() -> None:
    # สุข (suk) is a listed part, but in สุขุม (sukhum) its ข carries the vowel ุ
    assert romanise_thai("สุขุม")[0] == "sukhum"
    assert romanise_thai("สุขใจ")[0] == "sukchai"


@pytest.mark.parametrize(("chinese", "written"), [
    ("王大文", "Ong Tua Bun"),
    ("鄭家豪", "Tay Ka Ho"),
    ("蔡丽华", "Chua Lee Hua"),
    ("陳大文", "Tan Tua Bun"),
])
def test_hokkien_spellings_as_written_in_singapore_and_malaysia_match(
        chinese: str, written: str) -> None:
    assert similarity(chinese, written) >= 0.95


def test_hokkien_family_names_come_from_the_table_and_the_rest_from_peh_oe_ji() -> None:
    spellings = romanise_chinese("黃偉強")
    assert {"ng ui kiong", "oei ui kiong", "ui kiong ng"} <= set(spellings)
    # 歐陽 is not in the Hokkien table: its Peh-oe-ji reading, run together.
    assert "auiong chi beng" in romanise_chinese("歐陽志明")


def test_hokkien_readings_come_after_mandarin_and_cantonese() -> None:
    spellings = romanise_chinese("陳大文")
    assert spellings.index("chen dawen") < spellings.index("chan tai man") \
        < spellings.index("tan tua bun")


@pytest.mark.parametrize(("thai", "everyday"), [
    ("มงคล", "mongkol"),    # whole-word reading: "mangakhon"
    ("สมหมาย", "sommai"),   # "samahamai"
    ("วิมล", "wimol"),      # final ล written l
    ("ชนิดา", "chanida"),   # a lone consonant carries the hidden a
])
def test_thai_words_are_also_read_syllable_by_syllable(thai: str, everyday: str) -> None:
    assert similarity(thai, everyday) >= 0.95


@pytest.mark.parametrize(("thai", "spelt"), [
    ("นิรันดร์", "niran"),    # ดร under the thanthakhat after a final: pythainlp "nirant"
    ("อินทร์", "in"),
    ("สวัสดิ์", "sawat"),     # ดิ์ silent: pythainlp "swat"
    ("ไพโรจน์", "phairot"),
    ("สมจิตร", "somchit"),    # final ร after a stop: pythainlp "somchitn"
    ("ทรง", "song"),          # initial ทร reads ซ: pythainlp "throng"
])
def test_thai_silent_letters_are_not_spelt(thai: str, spelt: str) -> None:
    assert romanise_thai(thai)[0] == spelt


def test_thai_words_without_silent_letters_are_spelt_as_before() -> None:
    # พร at the end is a syllable (phon), not a final ร after a stop
    assert romanise_thai("ศิริพร")[0] == "siriphon"
    assert romanise_thai("สุนทร")[0] == "sunthon"


@pytest.mark.parametrize(("thai", "everyday"), [
    ("เรือง", "ruang"),
    ("แก้ว", "kaew"),
    ("ทรงศักดิ์", "songsak"),
    ("ฤทธิ์", "rit"),  # pythainlp "rueot"
    ("นิรันดร์ สายสิทธิ์", "niran saisit"),
])
def test_thai_names_match_their_everyday_spellings(thai: str, everyday: str) -> None:
    assert similarity(thai, everyday) >= 0.95
