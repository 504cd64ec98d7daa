"""Every row of domain/law.md's country table, for every measure: what national law covers.

The expected values are read off law.md's table:
- Brunei, Lao PDR, Myanmar: a provision exists, its scope is unknown -> None for every measure;
- Cambodia, Singapore, Viet Nam: none listed -> False for every measure;
- Indonesia (Law 21/2007 art. 18), Philippines (RA 9208 s.17): any act (Indonesia only when
  forced by the trafficker) -> charge, fine, conviction covered for fraud and for immigration;
- Malaysia (ATIPSOM s.25), Thailand (s.41): closed lists with illegal entry or stay, without
  fraud -> covered for immigration offences, not for fraud.
No provision in law.md says anything about detention or deportation: None where a
provision exists (False only where the offence is outside a closed list).
"""

from __future__ import annotations

import pytest

from wayhome.domain.law import Measure, analyse, load_profiles

T, F, N = True, False, None
PUNISH = {"charge", "fine", "conviction"}

# country -> (provision id, article or None, {offence: covered for charge/fine/conviction},
#             {offence: covered for detention/deportation})
ROWS: dict[str, tuple[str | None, str | None, dict[str, bool | None], dict[str, bool | None]]] = {
    "BRN": ("brn_unnamed", None, {"immigration": N, "fraud": N}, {"immigration": N, "fraud": N}),
    "KHM": (None, None, {"immigration": F, "fraud": F}, {"immigration": F, "fraud": F}),
    "IDN": (
        "idn_law21_2007_art18",
        "art. 18",
        {"immigration": T, "fraud": T},
        {"immigration": N, "fraud": N},
    ),
    "LAO": ("lao_unnamed", None, {"immigration": N, "fraud": N}, {"immigration": N, "fraud": N}),
    "MYS": (
        "mys_atipsom_s25",
        "s.25",
        {"immigration": T, "fraud": F},
        {"immigration": N, "fraud": F},
    ),
    "MMR": ("mmr_unnamed", None, {"immigration": N, "fraud": N}, {"immigration": N, "fraud": N}),
    "PHL": (
        "phl_ra9208_s17",
        "s.17",
        {"immigration": T, "fraud": T},
        {"immigration": N, "fraud": N},
    ),
    "SGP": (None, None, {"immigration": F, "fraud": F}, {"immigration": F, "fraud": F}),
    "THA": ("tha_ahta_s41", "s.41", {"immigration": T, "fraud": F}, {"immigration": N, "fraud": F}),
    "VNM": (None, None, {"immigration": F, "fraud": F}, {"immigration": F, "fraud": F}),
}


def test_every_row_of_the_law_md_table_has_a_profile_and_nothing_else() -> None:
    assert set(load_profiles().countries) == set(ROWS)


@pytest.mark.parametrize("offence", ["immigration", "fraud"])
@pytest.mark.parametrize("measure", [m.value for m in Measure])
@pytest.mark.parametrize("country", sorted(ROWS))
def test_national_coverage_per_country_measure_and_offence(
    country: str, measure: str, offence: str
) -> None:
    pid, article, punish, liberty = ROWS[country]
    result = analyse(country, measure, offence)
    expected = (punish if measure in PUNISH else liberty)[offence]
    assert result.covered_by_national_law is expected
    provisions = result.to_dict()["national_provisions"]
    if pid is None:
        assert provisions == []
    else:
        assert [(p["id"], p["article"]) for p in provisions] == [(pid, article)]


@pytest.mark.parametrize("country", ["KHM", "SGP", "VNM"])
def test_a_state_with_no_provision_listed_falls_back_to_the_international_standard(
    country: str,
) -> None:
    result = analyse(country, "detention", "immigration")
    assert result.covered_by_national_law is False
    assert "no_national_provision" in result.note_codes
    assert {s.id for s in result.international} >= {"sr_2021_para57_liberty"}


@pytest.mark.parametrize("country", ["BRN", "LAO", "MMR"])
def test_a_provision_of_unknown_scope_gives_none_never_a_guess(country: str) -> None:
    for measure in Measure:
        result = analyse(country, measure, "fraud")
        assert result.covered_by_national_law is None
        assert result.national[0].reason == "scope_unknown"
        assert result.national[0].provision.instrument is None
        assert "scope_unknown" in result.note_codes


def test_thailand_s41_names_the_act_and_scamming_is_charged() -> None:
    result = analyse("THA", "charge", "fraud")
    (p,) = result.national
    assert p.provision.instrument == "Anti-Human Trafficking Act B.E. 2551 (2008)"
    assert (p.applies, p.reason) == (False, "offence_not_listed")
    assert any("prosecutors charge it" in n.text for n in result.notes)
    assert "fact_returnee_prosecution" in result.note_codes
    assert "forced_criminality_not_recognised" in result.note_codes


def test_thailand_s41_closed_list_is_as_in_law_md() -> None:
    s41 = load_profiles().provision("tha_ahta_s41")
    assert s41.offences == (
        "immigration",
        "false_statement",
        "false_documents",
        "prostitution",
        "unauthorised_work",
    )
    for offence in s41.offences:
        assert analyse("THA", "charge", offence).covered_by_national_law is True
    for offence in ["irregular_exit", "money_laundering", "organised_crime", "other"]:
        assert analyse("THA", "charge", offence).covered_by_national_law is False


def test_malaysia_s25_covers_illegal_entry_or_stay_and_false_travel_documents_only() -> None:
    assert analyse("MYS", "charge", "overstay").covered_by_national_law is True
    assert analyse("MYS", "charge", "false_documents").covered_by_national_law is True
    assert analyse("MYS", "charge", "money_laundering").covered_by_national_law is False


def test_indonesia_is_covered_only_for_acts_forced_by_the_trafficker() -> None:
    result = analyse("IDN", "charge", "fraud")
    assert result.covered_by_national_law is True
    assert result.national[0].reason == "conditional"
    note = next(n.text for n in result.notes if n.code == "conditional")
    assert "forced to commit by the trafficker" in note
    assert "unconditional" in note


def test_philippines_covers_any_act_resulting_from_trafficking_without_condition() -> None:
    result = analyse("PHL", "conviction", "money_laundering")
    assert result.covered_by_national_law is True
    assert result.national[0].reason == "covered"


def test_a_closed_list_without_the_offence_gives_none_and_asks_for_the_offence() -> None:
    result = analyse("THA", "charge")
    assert result.covered_by_national_law is None
    assert "offence_not_given" in result.note_codes


def test_an_open_provision_needs_no_offence() -> None:
    assert analyse("PHL", "charge").covered_by_national_law is True


@pytest.mark.parametrize(
    ("country", "recognised"),
    [
        ("BRN", False),
        ("KHM", False),
        ("IDN", False),
        ("LAO", False),
        ("MYS", True),
        ("MMR", False),
        ("PHL", False),
        ("SGP", False),
        ("THA", False),
        ("VNM", False),
    ],
)
def test_forced_criminality_in_the_trafficking_definition_is_as_in_law_md(
    country: str, recognised: bool
) -> None:
    profile = load_profiles().countries[country]
    assert profile.forced_criminality is recognised
    code = "forced_criminality_recognised" if recognised else "forced_criminality_not_recognised"
    assert code in analyse(country, "charge", "fraud").note_codes
    assert code not in analyse(country, "charge", "immigration").note_codes


def test_malaysia_forced_criminality_route_is_marked_secondary() -> None:
    profile = load_profiles().countries["MYS"]
    marks = {s.ref: s.firmness for s in profile.forced_criminality_sources}
    assert marks == {"ohchr_2023": "checked", "mys_atipsom": "secondary"}
    assert "any illegal activity" in profile.forced_criminality_note


@pytest.mark.parametrize(
    ("pid", "facts"),
    [
        ("tha_ahta_s41", {"existence": "checked", "article": "checked", "scope": "to verify"}),
        (
            "idn_law21_2007_art18",
            {"existence": "checked", "article": "to verify", "scope": "to verify"},
        ),
        ("mys_atipsom_s25", {"existence": "checked", "article": "to verify", "scope": "to verify"}),
        ("phl_ra9208_s17", {"existence": "checked", "article": "to verify", "scope": "to verify"}),
        ("brn_unnamed", {"existence": "checked"}),
        ("lao_unnamed", {"existence": "checked"}),
        ("mmr_unnamed", {"existence": "checked"}),
    ],
)
def test_firmness_marks_are_those_law_md_gives(pid: str, facts: dict[str, str]) -> None:
    provision = load_profiles().provision(pid).to_dict()
    for about, mark in facts.items():
        assert provision["firmness_by_fact"][about] == mark
