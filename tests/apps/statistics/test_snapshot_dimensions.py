"""Each dimension is read from the record that holds it, without decrypting anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _fact(case: Any) -> Any:
    from wayhome.apps.statistics.models import CaseFact
    from wayhome.apps.statistics.snapshot import take_snapshot

    snap = take_snapshot()
    facts = CaseFact.objects.filter(snapshot=snap)
    # CaseFact has no case number: find this case's row by its organisation alone.
    return facts.get(organisation=case.organisation)


def test_a_bare_case_is_counted_as_not_screened_not_protected_and_not_returned(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    fact = _fact(make_case(nationality="VNM", sex="F", age_years=16))
    assert (fact.nationality, fact.sex, fact.age_band) == ("VNM", "F", "0-17")
    assert fact.screening_outcome == "none" and fact.protection == "not_protected"
    assert fact.nonpunishment == "no_measure" and fact.return_option == "none"
    assert fact.reintegration == "not_returned"
    assert fact.compound == "unknown" and fact.exploitation_country == "unknown"
    assert fact.month == dt.date.today().strftime("%Y-%m")


def test_protection_measures_and_return_are_read_from_their_records(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
    caseworker: Any,
) -> None:
    from wayhome.apps.nonpunishment.models import LegalMeasure
    from wayhome.apps.protection.models import ProtectionStatus
    from wayhome.apps.returns.models import (
        FollowUp,
        FollowUpOutcome,
        OptionChoice,
        ReturnPlan,
    )

    share(orgs["ngo"], orgs["other"])
    case = make_case()
    ProtectionStatus.objects.create(case=case, active=True)
    LegalMeasure.objects.create(case=case, kind="charge", offence="fraud", country="THA",
                                ordered_on=dt.date(2026, 2, 1), status="requested",
                                recorded_by=caseworker)
    OptionChoice.objects.create(case=case, option="voluntary_return",
                                decided_on=dt.date(2026, 3, 1), recorded_by=caseworker)
    plan = ReturnPlan.objects.create(case=case, status="travelled", created_by=caseworker,
                                     updated_by=caseworker)
    fu = FollowUp.objects.create(plan=plan, months=3, due_on=dt.date(2026, 7, 1),
                                 done_on=dt.date(2026, 7, 2))
    FollowUpOutcome.objects.create(follow_up=fu, domain="safety", rating="concern")
    fact = _fact(case)
    assert fact.protection == "protected"
    assert fact.nonpunishment == "requested"
    assert fact.return_option == "voluntary_return"
    assert fact.reintegration == "concern"


def test_the_compound_comes_from_the_case_link_of_the_registry(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
    caseworker: Any,
) -> None:
    from wayhome.apps.compounds.models import CaseCompoundLink, Compound

    share(orgs["ngo"], orgs["other"])
    case = make_case()
    compound = Compound.objects.create(slug="kk-park", name="KK Park", kind="compound",
                                       country="MMR")
    CaseCompoundLink.objects.create(case=case, compound=compound, linked_by=caseworker)
    fact = _fact(case)
    assert fact.compound == "kk-park" and fact.exploitation_country == "MMR"


def test_cases_of_organisations_that_share_with_nobody_are_not_copied(
    orgs: dict[str, Any], share: Callable[..., Any], bulk_cases: Callable[..., list[Any]],
) -> None:
    from wayhome.apps.statistics.models import CaseFact
    from wayhome.apps.statistics.snapshot import take_snapshot

    share(orgs["ngo"], orgs["other"])
    bulk_cases(3)
    bulk_cases(5, org=orgs["ngo_kh"])
    snap = take_snapshot()
    assert snap.cases == 3
    assert not CaseFact.objects.filter(organisation=orgs["ngo_kh"]).exists()


def test_a_value_outside_a_fixed_list_counts_as_not_recorded(
    orgs: dict[str, Any], share: Callable[..., Any], bulk_cases: Callable[..., list[Any]],
) -> None:
    share(orgs["ngo"], orgs["other"])
    case = bulk_cases(1, sex=" ")[0]
    assert _fact(case).sex == "unknown"
