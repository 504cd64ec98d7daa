"""A letter that cites a provision the law data marks "to verify" is a draft: a notice on
top names each such provision and what is to verify, each citation carries [TO VERIFY],
the footer says not to send it; only the keys a staff member confirmed checking lift
the marks. A letter citing only checked facts is unchanged."""

from __future__ import annotations

import pytest
from letters_helpers import facts, pdf_pages

from wayhome.domain import law
from wayhome.domain.letters import (
    TO_VERIFY_MARK,
    LetterInputError,
    UnverifiedCitation,
    available_languages,
    compose_letter,
    compose_letters,
    load_template,
    request_letter_pdf,
    unverified_citations,
)

S41 = "Anti-Human Trafficking Act B.E. 2551 (2008), s.41"
ACTIP = ("ASEAN Convention against Trafficking in Persons, Especially Women and Children "
         "(ACTIP), art. 14(7)")


def test_a_thai_fraud_charge_cites_s41_and_actip_which_are_to_verify() -> None:
    assert unverified_citations(law.analyse("THA", "charge", "fraud")) == (
        UnverifiedCitation("national:tha_ahta_s41", S41, ("scope",)),
        UnverifiedCitation("standard:actip_art14_7", ACTIP, ("source",)),
    )


def test_the_draft_opens_with_a_notice_and_marks_each_unverified_citation() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "en")
    assert letter.is_draft and len(letter.to_verify) == 2
    notice = letter.blocks[0]
    assert notice.kind == "draft_notice"
    assert notice.text.startswith("DRAFT, NOT TO BE SENT. This letter cites 2 legal provisions "
                                  "that have not been verified:")
    assert f"{S41} (to verify: what it covers)" in notice.text
    assert f"{ACTIP} (to verify: its wording)" in notice.text
    body = "\n".join(b.text for b in letter.blocks[1:])
    assert f"{S41} {TO_VERIFY_MARK}" in body
    assert f"{ACTIP} {TO_VERIFY_MARK}" in body
    assert body.count(TO_VERIFY_MARK) == 2  # the checked standards carry no mark
    assert letter.footer.startswith("DRAFT, NOT TO BE SENT · Wayhome letter template (en)")


def test_the_authority_language_version_is_marked_too() -> None:
    thai = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "th")
    assert thai.blocks[0].kind == "draft_notice" and thai.is_draft
    assert thai.text.count(TO_VERIFY_MARK) >= 3  # the notice, then s.41 and ACTIP


@pytest.mark.parametrize("language", available_languages())
def test_the_notice_is_in_the_letters_own_language(language: str) -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), language)
    notice = letter.blocks[0].text
    template = load_template(language)
    assert notice.startswith(template.text["draft_notice_many"].split("{")[0])
    assert template.tables["to_verify"]["scope"] in notice  # what s.41 leaves to verify
    assert S41 in notice and ACTIP in notice and TO_VERIFY_MARK in notice
    if language != "en":
        assert "This letter cites" not in notice and "to verify:" not in notice


def test_only_the_measure_asked_about_counts_for_which_measures_a_provision_bars() -> None:
    # s.41 is read from a checked source as barring a charge, only by Wayhome as barring a fine.
    charge = unverified_citations(law.analyse("THA", "charge", "immigration"))
    fine = unverified_citations(law.analyse("THA", "fine", "immigration"))
    assert charge[0].facts == ("scope",)
    assert fine[0].facts == ("scope", "measures")
    assert "that it bars this measure" in compose_letter(
        law.analyse("THA", "fine", "immigration"), facts(), "en").blocks[0].text


def test_a_provision_of_unknown_scope_is_not_flagged_for_what_the_letter_does_not_say() -> None:
    # Brunei: only the provision's existence is cited, and that is checked.
    keys = [u.key for u in unverified_citations(law.analyse("BRN", "charge", "fraud"))]
    assert keys == ["standard:actip_art14_7"]


def test_a_letter_citing_only_checked_facts_is_no_draft() -> None:
    analysis = law.analyse("VNM", "deportation", None)
    assert unverified_citations(analysis) == ()
    for letter in compose_letters(analysis, facts()):
        assert not letter.is_draft
        assert TO_VERIFY_MARK not in letter.text and "DRAFT" not in letter.footer
        assert letter.blocks[0].kind == "organisation"


def test_confirming_every_citation_gives_the_letter_to_send() -> None:
    analysis = law.analyse("THA", "charge", "fraud")
    keys = [u.key for u in unverified_citations(analysis)]
    for letter in compose_letters(analysis, facts(), checked=keys):
        assert not letter.is_draft
        assert TO_VERIFY_MARK not in letter.text
        assert letter.blocks[0].kind == "organisation"
        assert "DRAFT" not in letter.footer


def test_confirming_some_citations_leaves_the_others_marked() -> None:
    letter = compose_letter(law.analyse("THA", "charge", "fraud"), facts(), "en",
                            checked=["standard:actip_art14_7"])
    assert [u.key for u in letter.to_verify] == ["national:tha_ahta_s41"]
    assert "This letter cites 1 legal provision that has not been verified" in letter.text
    assert f"{S41} {TO_VERIFY_MARK}" in letter.text
    assert f"{ACTIP} {TO_VERIFY_MARK}" not in letter.text


def test_a_confirmation_for_a_citation_the_letter_does_not_make_is_refused() -> None:
    analysis = law.analyse("THA", "charge", "fraud")
    with pytest.raises(LetterInputError, match="checked: national:idn_law21_2007_art18 is not"):
        compose_letter(analysis, facts(), "en", checked=["national:idn_law21_2007_art18"])
    with pytest.raises(LetterInputError, match="checked: expected a collection of citation keys"):
        compose_letter(analysis, facts(), "en", checked="national:tha_ahta_s41")


@pytest.mark.parametrize("language", available_languages())
def test_every_citation_to_verify_is_marked_in_every_letter(language: str) -> None:
    profiles = law.load_profiles()
    for country in profiles.countries:
        for measure in law.Measure:
            for offence in (None, "immigration", "fraud", "false_documents"):
                analysis = law.analyse(country, measure, offence)
                letter = compose_letter(analysis, facts(), language)
                pending = unverified_citations(analysis)
                assert letter.to_verify == pending
                body = "\n".join(b.text for b in letter.blocks if b.kind != "draft_notice")
                assert body.count(TO_VERIFY_MARK) == len(pending), (country, measure, offence)
                if language == "en":
                    for u in pending:
                        assert f"{u.citation} {TO_VERIFY_MARK}" in body


def test_the_draft_pdf_prints_the_notice_and_marks_and_the_confirmed_one_does_not() -> None:
    analysis = law.analyse("MYS", "charge", "immigration")
    draft = "\n".join(pdf_pages(request_letter_pdf(analysis, facts())))
    assert "DRAFT, NOT TO BE SENT" in draft and TO_VERIFY_MARK in draft
    keys = [u.key for u in unverified_citations(analysis)]
    final = "\n".join(pdf_pages(request_letter_pdf(analysis, facts(), checked=keys)))
    assert "DRAFT" not in final and "VERIFY" not in final
    assert "s.25" in final
