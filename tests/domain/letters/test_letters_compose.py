"""Composing request letters: national law and its limits, the international standard,
what is requested, in English and in the authority's language."""

from __future__ import annotations

import dataclasses

import pytest
from letters_helpers import CASE_NUMBER, ORGANISATION, facts, khmer, thai

from wayhome.domain import law
from wayhome.domain.letters import (
    LetterFacts,
    MeasureFacts,
    available_languages,
    compose_letter,
    compose_letters,
    letter_languages,
)


def test_a_thai_fraud_charge_names_s41_and_its_closed_list_and_the_international_standard() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "en")
    text = letter.text
    assert "Anti-Human Trafficking Act B.E. 2551 (2008), s.41" in text
    assert "only against a closed list of offences" in text
    assert "fraud (online scams), is not on that list" in text
    assert "national law does not cover this measure" in text
    assert "A/HRC/47/34 (2021), para. 57(a)-(c)" in text
    assert "OHCHR 2023 paper" in text
    assert "(ACTIP), art. 14(7)" in text
    assert "withdrawal of the charge against the person" in text
    assert "trafficked into forced criminality" in text


def test_the_thai_version_cites_section_41_by_its_thai_title_and_keeps_the_english_citation() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "th")
    text = letter.text
    assert letter.language == "th" and letter.font == "thai"
    assert "มาตรา 41 แห่งพระราชบัญญัติป้องกันและปราบปรามการค้ามนุษย์ พ.ศ. 2551" in text
    assert "s.41" in text and "A/HRC/47/34" in text and "art. 14(7)" in text
    assert "ความผิดฐานฉ้อโกง" in text  # the offence, named as outside the list
    assert "10 มีนาคม 2569" in text  # Buddhist Era date
    assert text.index("เรื่อง") < text.index("เรียน")  # Thai letters: subject, then addressee


def test_an_overstay_fine_in_thailand_is_covered_by_s41() -> None:
    en = compose_letter(law.analyse("THA", "fine", "immigration"), facts(), "en").text
    assert "This measure is covered by national law: under Anti-Human Trafficking Act" in en
    assert "s.41" in en
    assert "not on that list" not in en
    assert "withdrawal of the fine" in en
    assert "trafficked into forced criminality" not in en  # an immigration offence is no scam
    th = compose_letter(law.analyse("THA", "fine", "immigration"), facts(), "th").text
    assert "มาตรการนี้อยู่ในขอบเขตของกฎหมายภายในประเทศ" in th and "s.41" in th


def test_detention_in_cambodia_rests_on_the_international_standard_alone() -> None:
    analysis = law.analyse("KHM", "detention", "immigration")
    en = compose_letter(analysis, facts(), "en").text
    assert "no specific provision on the non-punishment" in en
    assert "s.41" not in en
    assert "para. 57(d)" in en  # any deprivation of liberty
    assert "immediate release from detention" in en
    assert "ACTIP" not in en  # ACTIP art. 14(7) does not speak to detention
    km = compose_letter(analysis, facts(), "km")
    assert km.language == "km" and khmer(km.text)
    assert "A/HRC/47/34" in km.text
    assert "ថ្ងៃទី១០ ខែមីនា ឆ្នាំ២០២៦" in km.text  # Khmer date, Khmer digits


def test_a_state_without_a_profile_says_national_law_is_not_known() -> None:
    analysis = law.analyse_international("charge", "fraud", country="CHN")
    assert letter_languages(analysis) == ("en",)
    text = compose_letter(analysis, facts(), "en").text
    assert "no verified information on a provision of national law" in text
    assert "A/HRC/47/34" in text


def test_scope_unknown_and_measure_unknown_are_said_as_such() -> None:
    mmr = compose_letter(law.analyse("MMR", "charge", "fraud"), facts(), "en").text
    assert "its scope is not established" in mmr
    tha = compose_letter(law.analyse("THA", "detention", "immigration"), facts(), "en").text
    assert "whether it also bars this kind of measure is not settled" in tha


def test_a_removal_order_asks_for_a_stay_and_cites_non_refoulement() -> None:
    text = compose_letter(law.analyse("VNM", "deportation", None), facts(), "en").text
    assert "a stay of the person's removal" in text
    assert "CAT art. 3" in text and "Protocol art. 8(2)" in text


def test_a_conviction_asks_for_expungement() -> None:
    text = compose_letter(law.analyse("MYS", "conviction", "immigration"), facts(), "ms").text
    assert "pembatalan (penghapusan) sabitan" in text
    assert "seksyen 25 Akta Antipemerdagangan Orang" in text and "ATIPSOM, s.25" in text


def test_english_comes_first_then_the_authority_language() -> None:
    assert [x.language for x in compose_letters(law.analyse("THA", "charge", "fraud"), facts())] \
        == ["en", "th"]
    assert letter_languages(law.analyse("KHM", "detention")) == ("en", "km")
    assert letter_languages(law.analyse("PHL", "charge", "fraud")) == ("en",)  # English first
    assert letter_languages(law.analyse("SGP", "fine", "immigration")) == ("en",)


def test_every_authority_language_of_the_law_data_has_a_template() -> None:
    languages = {p.languages[0] for p in law.load_profiles().countries.values()}
    assert languages <= set(available_languages())
    assert {"en", "th", "km", "my", "lo", "vi", "ms", "id"} <= set(available_languages())


def test_the_letter_gives_the_case_number_organisation_dates_authority_and_reference() -> None:
    text = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "en").text
    assert CASE_NUMBER in text and ORGANISATION in text
    assert "Date: 10 March 2026" in text
    assert "On 2 March 2026, Mae Sot Provincial Court brought a criminal charge" in text
    assert "On 4 March 2026, NGO Mae Sot recorded a decision that there are reasonable grounds" in text
    assert "your reference: Black case 123/2569" in text
    assert "To: Mae Sot Provincial Court" in text


def test_without_a_recorded_authority_the_letter_names_the_kind_of_authority() -> None:
    text = compose_letter(law.analyse("THA", "charge", "fraud"),
                          facts(authority="", reference=""), "en").text
    assert "To: The public prosecutor in charge of the case" in text
    assert "On 2 March 2026, the competent authority brought" in text
    assert "your reference" not in text


def test_the_api_takes_no_name_of_the_person() -> None:
    fields = {f.name for f in dataclasses.fields(LetterFacts)} | {
        f.name for f in dataclasses.fields(MeasureFacts)}
    assert fields == {"organisation", "case_number", "letter_date", "grounds_recorded_on",
                      "measure", "ordered_on", "authority", "reference"}
    with pytest.raises(TypeError):
        LetterFacts(person_name="Aung Ko Htet", **dataclasses.asdict(facts()))  # type: ignore[call-arg]


def test_wayhome_s_own_readings_are_never_cited_to_an_authority() -> None:
    for lang in available_languages():
        text = compose_letter(law.analyse("THA", "fine", "immigration"), facts(), lang).text
        assert "Wayhome synthesis" not in text and "[to verify]" not in text
    refs = [b.text for b in compose_letter(law.analyse("THA", "fine", "immigration"), facts(),
                                           "en").blocks if b.kind == "reference"]
    assert any("OHCHR" in r for r in refs) and any("Anti-Human Trafficking Act" in r for r in refs)


@pytest.mark.parametrize("language", available_languages())
def test_every_country_measure_and_offence_composes_in_every_language(language: str) -> None:
    profiles = law.load_profiles()
    for country in profiles.countries:
        for measure in law.Measure:
            for offence in (None, "immigration", "fraud", "false_documents"):
                letter = compose_letter(law.analyse(country, measure, offence), facts(), language)
                assert CASE_NUMBER in letter.text
                assert "{" not in letter.text and "}" not in letter.text


def test_the_thai_letter_is_written_in_thai() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "th")
    body = [b.text for b in letter.blocks if b.kind == "paragraph"]
    assert all(thai(t) for t in body)
