"""The learned score ranks scam ads above legitimate look-alikes; the model is data."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from wayhome.domain.jobads import MODEL_VERSION, check, detect_languages, load_model
from wayhome.domain.jobads.scorer import ModelError, model_from_dict

SCAM = [
    "Typists needed in Myawaddy, contact on Telegram.",
    "Customer service in Bangkok, $1,500 per month, free accommodation, no experience needed, "
    "we pick you up and drive you to Mae Sot. Don't tell your family.",
    "Tuyển gấp nhân viên nhập liệu đi Campuchia, lương cao, bao ăn ở, liên hệ Zalo.",
    "西港急招客服，高薪，包吃包住，持旅游签入境。",
]
LOOKALIKES = [
    "English teachers for public schools in Bangkok. Free housing, round-trip airfare paid, "
    "monthly bonus. Written contract and work permit sponsored before departure; licensed agency, "
    "no placement fee.",
    "Seasonal farm work in Australia under the PALM scheme: free accommodation, return airfare, "
    "no experience needed; recruitment through the licensed agency.",
    "Hotel in Dubai hiring customer service agents: shared accommodation, annual air ticket, "
    "health insurance, employment visa sponsored by the hotel.",
    "Ngân hàng tuyển nhân viên chăm sóc khách hàng tại Đà Nẵng, hợp đồng lao động, bảo hiểm xã hội.",
]


@pytest.mark.parametrize("scam", SCAM)
@pytest.mark.parametrize("legit", LOOKALIKES)
def test_scam_ads_score_above_legitimate_lookalikes(scam: str, legit: str) -> None:
    assert check(scam).score > check(legit).score


def test_the_score_is_not_a_count_of_flags() -> None:
    scam, legit = check(SCAM[0]), check(LOOKALIKES[0])
    assert len(legit.flags) > len(scam.flags)
    assert scam.score > legit.score


def test_reassuring_signs_are_listed_apart_and_lower_the_score() -> None:
    base = "Teachers for schools in Bangkok, free housing and airfare paid."
    plain = check(base)
    assured = check(base + " Written contract and work permit sponsored before departure.")
    assert [s.id for s in assured.signals] == ["assurance_contract_permit"]
    assert all(f.category != "assurance" for f in assured.flags)
    assert assured.score < plain.score


def test_risk_levels_follow_the_model_thresholds() -> None:
    model = load_model()
    assert model.risk(model.high) == "high"
    assert model.risk(model.medium) == "medium"
    assert model.risk(model.medium - 1e-9) == "low"
    assert check(SCAM[1]).risk == "high"
    assert check(LOOKALIKES[0]).risk == "low"


def test_the_model_file_loads_and_its_version_is_reported() -> None:
    raw = json.loads((resources.files("wayhome.domain.jobads") / "data" / "model.json")
                     .read_text("utf-8"))
    assert raw["version"] == MODEL_VERSION == load_model().version
    assert MODEL_VERSION.startswith("jobads-lr-")
    out = check(SCAM[0]).to_dict("en")
    assert out["model_version"] == MODEL_VERSION
    assert set(out) >= {"risk", "score", "flags", "languages", "model_version"}
    assert set(out["flags"][0]) >= {"id", "category", "title", "matched", "reason"}


def test_every_flag_has_a_weight_in_the_model() -> None:
    from wayhome.domain.jobads import load_catalogue

    cat = load_catalogue()
    ids = {f.id for f in cat.flags + cat.combinations}
    assert ids == set(load_model().weights)


def test_a_model_file_with_bad_thresholds_is_refused() -> None:
    data = {"version": "x", "bias": 0.0, "weights": {}, "thresholds": {"medium": 0.8, "high": 0.5}}
    with pytest.raises(ModelError):
        model_from_dict(data)
    with pytest.raises(ModelError):
        model_from_dict({"version": "x"})


@pytest.mark.parametrize(("text", "lang"), [
    ("We are hiring customer service staff for our office", "en"),
    ("Tuyển nhân viên làm việc tại công ty với lương tốt", "vi"),
    ("Lowongan kerja untuk lulusan baru dengan gaji yang baik", "id"),
    ("Naghahanap kami ng trabaho para sa mga bagong graduate", "fil"),
    ("รับสมัครพนักงานต้อนรับ", "th"),
    ("招聘客服人员", "zh"),
    ("ត្រូវការបុគ្គលិកផ្នែកលក់", "km"),
    ("အရောင်းဝန်ထမ်း ခေါ်ယူသည်", "my"),
])
def test_the_language_of_the_ad_is_detected(text: str, lang: str) -> None:
    assert detect_languages(text)[0] == lang


def test_the_engine_imports_no_django() -> None:
    import subprocess
    import sys

    code = ("import sys, wayhome.domain.jobads as j; j.check('Customer service in Bangkok'); "
            "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
