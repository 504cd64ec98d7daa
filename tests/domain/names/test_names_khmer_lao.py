"""Khmer (UNGEGN + everyday) and Lao (BGN/PCGN + everyday) syllable romanisers."""

from __future__ import annotations

import pytest

from wayhome.domain.names import normalise, romanise_khmer, romanise_lao, similarity


@pytest.mark.parametrize(
    ("khmer", "first", "also"),
    [
        ("សុខា", "sokha", set()),
        ("សុខ", "sok", set()),
        ("ចាន់", "chan", set()),
        ("ចាន់ធូ", "chanthu", {"chanthou"}),
        ("វណ្ណៈ", "vonnak", {"vannak"}),
        ("សុភា", "sophea", {"sopha"}),
        ("ដារា", "darea", {"dara"}),
        ("ស្រី", "srei", {"srey"}),
        ("រិទ្ធិ", "ritthi", {"rithy"}),
        ("កុសល", "kosal", set()),
        ("បុប្ផា", "boppha", {"bopha"}),
        ("ប្រាក់", "prak", set()),
        ("មាស", "meas", set()),
        ("ជា", "chea", set()),
        ("ពៅ", "pou", {"pov"}),
        ("កែវ", "kaev", {"keo"}),
        ("ច័ន្ទ", "chan", set()),
    ],
)
def test_khmer_names_get_ungegn_first_and_everyday_spellings(
    khmer: str, first: str, also: set[str]
) -> None:
    spellings = romanise_khmer(khmer)
    assert spellings[0] == first
    assert also <= set(spellings)


@pytest.mark.parametrize(
    ("lao", "first", "also"),
    [
        ("ສຸກສະຫວັນ", "souksavan", {"souksavanh"}),
        ("ພອນສະຫວັນ", "phonsavan", {"phonsavanh"}),
        ("ສົມພອນ", "somphon", {"somphone"}),
        ("ບຸນມີ", "bounmi", {"bounmy"}),
        ("ແສງ", "seng", {"saeng"}),
        ("ຄຳ", "kham", set()),
        ("ທອງ", "thong", set()),
        ("ນ້ອຍ", "noy", set()),
        ("ແກ້ວ", "keo", {"kaeo"}),
        ("ເມືອງ", "muang", {"meuang"}),
        ("ວຽງ", "viang", {"vieng"}),
        ("ມະນີ", "mani", {"many"}),
        ("ຄຳພັນ", "khamphan", {"khamphanh"}),
    ],
)
def test_lao_names_get_bgn_first_and_everyday_spellings(
    lao: str, first: str, also: set[str]
) -> None:
    spellings = romanise_lao(lao)
    assert spellings[0] == first
    assert also <= set(spellings)


def test_khmer_and_lao_names_match_their_list_spellings() -> None:
    assert similarity("សុខា ចាន់", "Sokha Chan") == 1.0
    assert similarity("ចាន់ធូ", "CHANTHOU") == 1.0
    assert similarity("ສຸກສະຫວັນ ພອນສະຫວັນ", "Phonsavanh Souksavanh") == 1.0
    assert similarity("ສົມພອນ", "Somphone") == 1.0
    assert similarity("ສົມພອນ", "Sokha") < 0.7


def test_romanisers_are_deterministic_and_bounded() -> None:
    assert romanise_khmer("វណ្ណៈ") == romanise_khmer("វណ្ណៈ")
    assert len(romanise_lao("ໄຊຍະສານສີສຸວັນ")) <= 24
    assert normalise("ສຸກສະຫວັນ").variants[0] == "souksavan"
