"""Corroboration: counts of distinct cases and organisations per compound and per
abuse, suppressed below k; the screening view of a case sees the other cases' counts."""

from __future__ import annotations

import re
from typing import Any

from django.test import override_settings
from django.urls import reverse

from wayhome.apps.compounds import services
from wayhome.apps.compounds.models import Compound


def _counts(html: str) -> list[str]:
    return [c.strip() for c in re.findall(r'<td class="count">([^<]*)</td>', html)]


def test_three_cases_show_as_fewer_than_k_on_the_compound_page(
        kk_park: Compound, link_cases: Any, users: dict[str, Any], client_for: Any) -> None:
    link_cases(kk_park, 3, ["forced_criminality", "beating"])
    page = client_for(users["analyst"]).get(
        reverse("compounds:detail", args=[kk_park.slug])).content.decode()
    assert _counts(page)[:2] == ["fewer than 11", "fewer than 11"]  # cases, organisations
    assert "3" not in _counts(page) and "1" not in _counts(page)
    assert "Torture or beating" in page  # which abuses, but not how many


def test_k_cases_show_the_number_and_per_abuse_counts_are_suppressed_separately(
        kk_park: Compound, link_cases: Any, users: dict[str, Any], client_for: Any) -> None:
    link_cases(kk_park, 9, ["forced_criminality"])
    link_cases(kk_park, 2, ["forced_criminality", "electric_shocks"], org="ngo_kh")
    page = client_for(users["analyst"]).get(
        reverse("compounds:detail", args=[kk_park.slug])).content.decode()
    counts = _counts(page)
    assert counts[0] == "11"                     # distinct cases
    assert counts[1] == "2"                      # organisations, shown with the cases
    abuses = dict(re.findall(r'<tr><th>([^<]+)</th><td class="count">([^<]*)</td>', page))
    assert abuses["Forced criminality (forced to scam)"] == "11"
    assert abuses["Electric shocks"] == "fewer than 11"


def test_the_registry_list_suppresses_small_counts_too(
        kk_park: Compound, link_cases: Any, users: dict[str, Any], client_for: Any) -> None:
    link_cases(kk_park, 4)
    page = client_for(users["analyst"]).get(reverse("compounds:registry")).content.decode()
    row = re.search(r'href="/compounds/kk-park/">KK Park</a>.*?</tr>', page, re.S)
    assert row and "fewer than 11" in row.group(0) and "<td>4</td>" not in row.group(0)


@override_settings(WAYHOME_STATS_K=2)
def test_k_is_configurable_but_never_below_five(kk_park: Compound, link_cases: Any) -> None:
    link_cases(kk_park, 4)
    assert services.stats_k() == 5
    assert services.corroboration(kk_park).cases.suppressed
    link_cases(kk_park, 1)
    assert services.corroboration(kk_park).cases.value == 5


@override_settings(WAYHOME_STATS_K=5)
def test_corroboration_for_a_case_shows_the_compound_pages_counts_this_case_included(
        kk_park: Compound, link_cases: Any, make_case: Any, caseworker: Any,
        client_for: Any) -> None:
    link_cases(kk_park, 5, ["forced_criminality", "debt_bondage"], org="ngo_kh")
    case = make_case()
    services.link_case(caseworker, case, kk_park, ["forced_criminality"])
    [c] = services.corroboration_for_case(case)
    # The same figures as the compound page: with counts over the other cases only, the
    # two pages side by side would give the exact value of a "fewer than k" cell.
    assert c.compound == kk_park and c.counts == services.corroboration(kk_park)
    assert c.counts.cases.value == 6
    assert dict((code, n.value) for code, _l, n in c.counts.abuses)["debt_bondage"] == 5
    page = client_for(caseworker).get(
        reverse("compounds:case", args=[case.case_number])).content.decode()
    assert "Corroboration (for screening)" in page and "Debt bondage" in page
    # The other organisation's case numbers never appear on the team's page.
    from wayhome.apps.cases.models import Case

    for other in Case.objects.exclude(pk=case.pk):
        assert other.case_number not in page


def test_a_case_with_no_link_has_no_corroboration(make_case: Any, seeded: Any) -> None:
    assert services.corroboration_for_case(make_case()) == []
