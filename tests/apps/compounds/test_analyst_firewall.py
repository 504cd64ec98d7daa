"""Analysts never reach a case or a name: the registry's pages and API carry counts,
never case numbers, names or the organisations of individual cases."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from wayhome.apps.cases.models import Case
from wayhome.apps.compounds.models import Compound


def test_analyst_never_sees_a_case_number_name_or_case_organisation(
        kk_park: Compound, link_cases: Any, users: dict[str, Any], orgs: dict[str, Any],
        client_for: Any) -> None:
    link_cases(kk_park, 11, ["forced_criminality", "beating"])
    link_cases(kk_park, 2, ["sexual_exploitation"], org="ngo_kh")
    client = client_for(users["analyst"])
    urls = [reverse("compounds:registry"), reverse("compounds:map"),
            reverse("compounds:detail", args=[kk_park.slug]),
            reverse("compounds:edit", args=[kk_park.slug]),
            reverse("compounds:status_new", args=[kk_park.slug]),
            reverse("api:compounds"), reverse("api:compound", args=[kk_park.slug]),
            reverse("api:compounds") + "?page=2"]
    numbers = list(Case.objects.values_list("case_number", flat=True))
    assert len(numbers) == 13
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        for number in numbers:
            assert number not in body, url
        for text in ("Person0", "Familyngo", "Aung Ko", orgs["ngo"].name, orgs["ngo_kh"].name):
            assert text not in body, (url, text)
    # The counts do arrive.
    detail = client.get(reverse("compounds:detail", args=[kk_park.slug])).content.decode()
    assert '<td class="count">13</td>' in detail


def test_analyst_cannot_open_a_case_or_its_link_page(
        kk_park: Compound, link_cases: Any, users: dict[str, Any], client_for: Any) -> None:
    [case] = link_cases(kk_park, 1)
    client = client_for(users["analyst"])
    assert client.get(reverse("compounds:case", args=[case.case_number])).status_code == 403
    assert client.get(reverse("cases:detail", args=[case.case_number])).status_code == 403
