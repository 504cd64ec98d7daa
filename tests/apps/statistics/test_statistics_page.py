"""The analyst's statistics page: suppressed tables and a server-drawn chart over the
cases shared with the analyst's organisation, and nothing that names a case."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

K = 11


def _cells(html: str) -> list[str]:
    table = html.split('id="stats-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td[^>]*>([^<]*)</td>", table)


def _row(html: str, label: str) -> list[str]:
    table = html.split('id="stats-table"', 1)[1].split("</table>", 1)[0]
    m = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table)
    assert m, label
    return re.findall(r"<td[^>]*>([^<]*)</td>", m.group(1))


def test_analyst_sees_counts_of_the_shared_organisation(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(30, nationality="MMR")
    bulk_cases(14, nationality="VNM")
    r = client_for(users["analyst"]).get("/statistics/?row=nationality&period=all")
    html = r.content.decode()
    assert r.status_code == 200
    assert _row(html, "MMR") == ["30"] and _row(html, "VNM") == ["14"]
    assert 'id="stats-grand-total">44<' in html


def test_cases_of_an_organisation_without_agreement_are_not_counted(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(20, nationality="MMR")
    bulk_cases(25, org=orgs["ngo_kh"], nationality="MMR")
    bulk_cases(40, org=orgs["ngo_kh"], nationality="KHM")
    html = client_for(users["analyst"]).get("/statistics/?row=nationality").content.decode()
    assert 'id="stats-grand-total">20<' in html
    assert "KHM" not in html.split('id="stats-table"', 1)[1]


def test_an_analyst_whose_organisation_nobody_shares_with_sees_no_count(
    users: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    client_for: Callable[..., Any],
) -> None:
    bulk_cases(30)
    html = client_for(users["analyst"]).get("/statistics/").content.decode()
    assert 'id="stats-table"' not in html
    assert "No organisation shares" in html


def test_small_counts_are_shown_as_suppressed_never_as_numbers(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(40, nationality="MMR", sex="M")
    bulk_cases(3, nationality="MMR", sex="F")
    bulk_cases(12, nationality="VNM", sex="M")
    bulk_cases(15, nationality="VNM", sex="F")
    html = client_for(users["analyst"]).get(
        "/statistics/?row=nationality&col=sex").content.decode()
    cells = _cells(html)
    assert "x" in cells
    assert not [c for c in cells if c.isdigit() and 1 <= int(c) < K]
    assert _row(html, "MMR")[:2] == ["x", "x"]  # the 3, and the cell that would give it


def test_the_chart_holds_the_numbers_of_the_table(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(30, sex="M")
    bulk_cases(12, sex="F")
    bulk_cases(2, sex="X")
    html = client_for(users["analyst"]).get("/statistics/?row=sex").content.decode()
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    titles = dict(re.findall(r'<g class="bar"[^>]*><title>([^<:]+): ([^<]+)</title>', svg))
    assert titles["Male"] == "30" and titles["Another identity"] == "x"
    assert titles["Female"] == "x"  # hidden with the 2, or the total would give it
    for label, shown in titles.items():
        assert _row(html, label) == [shown]
        assert "<text class=\"bar-value\"" in svg and f">{shown}</text></g>" in svg


def test_analyst_pages_and_downloads_never_hold_a_case_number_or_a_name(
    users: dict[str, Any], orgs: dict[str, Any], make_case: Callable[..., Any],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.dimensions import DIMENSIONS

    share(orgs["ngo"], orgs["other"])
    cases = [make_case(given_name="Zawminoo", family_name="Kyawthura") for _ in range(12)]
    client = client_for(users["analyst"])
    pages = [client.get(f"/statistics/?row={d}").content.decode() for d in DIMENSIONS]
    pages += [client.get(f"/statistics/table.csv?row={d}").content.decode()
              for d in DIMENSIONS]
    pages.append(client.get("/statistics/htcds.csv").content.decode())
    assert 'id="stats-grand-total">12<' in pages[0]
    for text in pages:
        assert "Zawminoo" not in text and "Kyawthura" not in text
        for case in cases:
            assert case.case_number not in text


def test_an_unknown_dimension_is_refused_with_a_message(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    from wayhome.apps.statistics.models import ReleasedCell

    share(orgs["ngo"], orgs["other"])
    r = client_for(users["analyst"]).get("/statistics/?row=name&col=sex")
    assert r.status_code == 200 and "errorlist" in r.content.decode()
    assert not ReleasedCell.objects.exists()


def test_the_same_dimension_twice_is_refused(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    r = client_for(users["analyst"]).get("/statistics/?row=sex&col=sex")
    assert "Choose two different dimensions" in r.content.decode()


def test_the_page_looks_up_the_agreements_and_the_snapshot_once_per_request(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """The period choices and the table share one look-up of the agreements in force
    and one of the current snapshot (with the organisation's population in it); the
    release reads the agreements once more, under its lock (one may have ended since)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    share(orgs["ngo"], orgs["other"])
    bulk_cases(30)
    client = client_for(users["analyst"])
    client.get("/statistics/?row=nationality")  # takes this month's snapshot
    with CaptureQueriesContext(connection) as ctx:
        r = client.get("/statistics/?row=sex")
    assert 'id="stats-grand-total">30<' in r.content.decode()
    sql = [q["sql"] for q in ctx.captured_queries]
    assert len([q for q in sql if 'FROM "statistics_sharingagreement"' in q]) == 2
    assert len([q for q in sql if 'FROM "statistics_snapshot" ORDER BY' in q]) == 1
