"""The HTCDS shape: field names from the standard, fc_ fields for forced criminality."""

from __future__ import annotations

from wayhome.domain.disclosure import htcds_field, load_htcds_mapping


def test_sex_is_published_under_the_htcds_gender_field_and_values() -> None:
    f = htcds_field("sex")
    assert f is not None and f.field == "prs_Gender" and f.standard == "htcds"
    assert [f.value(v) for v in ("M", "F", "X", "unknown")] == [
        "Male", "Female", "Transgender/NonConforming", "Unknown"]


def test_nationality_becomes_the_two_letter_code_htcds_asks_for() -> None:
    f = htcds_field("nationality")
    assert f is not None and f.field == "prs_Nationality"
    assert f.value("MMR") == "MM" and f.value("VNM") == "VN"


def test_a_nationality_missing_from_the_table_is_other_not_a_guess() -> None:
    f = htcds_field("nationality")
    assert f is not None and f.value("ZZZ") == "Other"


def test_the_country_of_exploitation_is_an_htcds_trafficking_event_of_type_exploitation() -> None:
    f = htcds_field("exploitation_country")
    assert f is not None and f.field == "hte_Country"
    assert f.qualifier == "hte_Type=Exploitation"


def test_what_htcds_cannot_say_is_in_the_forced_criminality_extension() -> None:
    version, forced, fields = load_htcds_mapping()
    assert forced == "ScamOperation" and "fc_" in version
    for dim in ("compound", "screening_outcome", "nonpunishment", "protection"):
        assert fields[dim].field.startswith("fc_") and fields[dim].standard == "extension"
