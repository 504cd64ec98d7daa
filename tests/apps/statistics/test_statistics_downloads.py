"""The CSV downloads, and the differencing attack across two overlapping requests."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

K = 11


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_table_csv_holds_the_suppressed_aggregates(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(30, nationality="MMR")
    bulk_cases(4, nationality="VNM")
    bulk_cases(12, nationality="KHM")
    r = client_for(users["analyst"]).get("/statistics/table.csv?row=nationality&period=all")
    assert r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    rows = {row["value"]: row for row in _rows(r.content.decode())}
    assert rows["MMR"]["count"] == "30"
    assert rows["VNM"]["count"] == "" and rows["VNM"]["suppressed"] == "1"
    assert rows["KHM"]["suppressed"] == "1"  # else total - MMR - KHM = VNM
    assert rows["*"]["count"] == "46"
    for row in rows.values():
        assert row["count"] == "" or not 1 <= int(row["count"]) < K


def test_two_overlapping_periods_do_not_reveal_the_small_group_between_them(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    """All time, then 2026: 3 Vietnamese cases registered in 2025 must not come out
    as all-time minus 2026."""
    share(orgs["ngo"], orgs["other"])
    bulk_cases(3, nationality="VNM", month="2025-06")
    bulk_cases(20, nationality="VNM", month="2026-02")
    bulk_cases(30, nationality="MMR", month="2026-03")
    client = client_for(users["analyst"])
    first = {r["value"]: r["count"] for r in _rows(client.get(
        "/statistics/table.csv?row=nationality&period=all").content.decode())}
    second = {r["value"]: r["count"] for r in _rows(client.get(
        "/statistics/table.csv?row=nationality&period=2026").content.decode())}
    assert first["VNM"] == "23" and first["*"] == "53"
    assert second["VNM"] == "" and second["*"] == ""
    assert second["MMR"] == "30"


def test_the_ledger_holds_across_analysts_of_the_same_population(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any], make_user: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(3, nationality="VNM", month="2025-06")
    bulk_cases(20, nationality="VNM", month="2026-02")
    client_for(users["analyst"]).get("/statistics/table.csv?row=nationality&period=all")
    colleague = make_user("analyst", username="analyst-2")
    second = {r["value"]: r["count"] for r in _rows(client_for(colleague).get(
        "/statistics/table.csv?row=nationality&period=2026").content.decode())}
    assert second["VNM"] == ""


def test_the_htcds_csv_keys_rows_by_htcds_fields_with_the_extension(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    bulk_cases(25, nationality="MMR", sex="M")
    bulk_cases(13, nationality="VNM", sex="F")
    rows = _rows(client_for(users["analyst"]).get("/statistics/htcds.csv").content.decode())
    gender = {r["value"]: r["count"] for r in rows if r["field"] == "prs_Gender"}
    assert gender["Male"] == "25" and gender["Female"] == "13"
    nat = {r["value"]: r["count"] for r in rows if r["field"] == "prs_Nationality"}
    assert nat == {"MM": "25", "VN": "13"}
    assert {r["fc_ForcedCriminality"] for r in rows} == {"ScamOperation"}
    assert any(r["field"] == "fc_NonPunishment" for r in rows)
    for r in rows:
        assert r["count"] == "" or not 1 <= int(r["count"]) < K


def test_a_bad_request_for_the_csv_is_a_400_with_the_reason(
    users: dict[str, Any], orgs: dict[str, Any], share: Callable[..., Any],
    client_for: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    r = client_for(users["analyst"]).get("/statistics/table.csv?row=sex&col=sex")
    assert r.status_code == 400 and "two different dimensions" in r.content.decode()


def test_without_any_agreement_the_csv_is_the_header_alone(
    users: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    client_for: Callable[..., Any],
) -> None:
    bulk_cases(30)
    r = client_for(users["analyst"]).get("/statistics/table.csv?row=sex")
    assert r.status_code == 200 and _rows(r.content.decode()) == []
