"""The recruitment channel and the month of exit, recorded by the case team on the
compound page (compounds.ExploitationFacts), are statistics dimensions: counted once the
organisation shares, suppressed below k, and exported (CSV, HTCDS, `wayhome stats
export`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db

K = 11


def _facts_for(cases: list[Any], user: Any, channel: str = "",
               exited_on: dt.date | None = None) -> None:
    from wayhome.apps.compounds.models import ExploitationFacts

    ExploitationFacts.objects.bulk_create(
        ExploitationFacts(case=c, recruitment_channel=channel, exited_on=exited_on,
                          recorded_by=user) for c in cases)


def _row(html: str, label: str) -> list[str]:
    table = html.split('id="stats-table"', 1)[1].split("</table>", 1)[0]
    m = re.search(rf'<th scope="row">{re.escape(label)}</th>(.*?)</tr>', table)
    assert m, label
    return re.findall(r"<td[^>]*>([^<]*)</td>", m.group(1))


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _only_fact(org: Any) -> Any:
    from wayhome.apps.statistics.models import CaseFact
    from wayhome.apps.statistics.snapshot import take_snapshot

    return CaseFact.objects.get(snapshot=take_snapshot(), organisation=org)


def test_the_snapshot_reads_the_channel_and_the_recorded_month_of_exit(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
    caseworker: Any,
) -> None:
    from wayhome.apps.compounds import services

    share(orgs["ngo"], orgs["other"])
    case = make_case()
    services.record_exploitation_facts(caseworker, case, "messaging_app",
                                       dt.date(2025, 2, 14))
    fact = _only_fact(orgs["ngo"])
    assert (fact.recruitment_channel, fact.exit_month) == ("messaging_app", "2025-02")
    assert fact.month == dt.date.today().strftime("%Y-%m")  # registration is kept too


def test_without_a_recorded_exit_the_latest_end_of_a_stay_is_the_month_of_exit(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
    caseworker: Any,
) -> None:
    from wayhome.apps.compounds.models import CaseCompoundLink, Compound

    share(orgs["ngo"], orgs["other"])
    case = make_case()
    first = Compound.objects.create(slug="kk-park", name="KK Park", kind="compound",
                                    country="MMR")
    second = Compound.objects.create(slug="shwe-kokko", name="Shwe Kokko",
                                     kind="compound", country="MMR")
    CaseCompoundLink.objects.create(case=case, compound=first, linked_by=caseworker,
                                    held_until=dt.date(2024, 9, 30))
    CaseCompoundLink.objects.create(case=case, compound=second, linked_by=caseworker,
                                    held_until=dt.date(2025, 3, 2))
    CaseCompoundLink.objects.create(
        case=make_case(given_name="Other"), compound=first, linked_by=caseworker,
        held_until=dt.date(2026, 1, 5))  # another case's stay is not this one's
    _facts_for([case], caseworker, channel="job_website")  # channel, no month of exit
    from wayhome.apps.statistics.models import CaseFact
    from wayhome.apps.statistics.snapshot import take_snapshot

    facts = CaseFact.objects.filter(snapshot=take_snapshot())
    assert sorted(facts.values_list("recruitment_channel", "exit_month")) == [
        ("job_website", "2025-03"), ("unknown", "2026-01")]


def test_a_case_with_nothing_recorded_is_not_recorded_on_both(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
) -> None:
    share(orgs["ngo"], orgs["other"])
    make_case()
    fact = _only_fact(orgs["ngo"])
    assert (fact.recruitment_channel, fact.exit_month) == ("unknown", "unknown")


def test_a_channel_outside_the_list_counts_as_not_recorded(
    orgs: dict[str, Any], share: Callable[..., Any], make_case: Callable[..., Any],
    caseworker: Any,
) -> None:
    share(orgs["ngo"], orgs["other"])
    _facts_for([make_case()], caseworker, channel="legacy_code")
    assert _only_fact(orgs["ngo"]).recruitment_channel == "unknown"


def test_cases_with_a_channel_are_counted_under_it_once_their_organisation_shares(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any], caseworker: Any,
) -> None:
    from wayhome.apps.statistics.snapshot import take_snapshot

    _facts_for(bulk_cases(14), caseworker, channel="social_media_ad")
    _facts_for(bulk_cases(3), caseworker, channel="abducted")
    # Two small groups whose sum (12) is at least k, so the total does not give them away
    # and the other counts can be published.
    _facts_for(bulk_cases(9), caseworker, channel="other")
    bulk_cases(12)  # nothing recorded
    client = client_for(users["analyst"])
    before = client.get("/statistics/?row=recruitment_channel").content.decode()
    assert 'id="stats-table"' not in before  # no agreement yet: no count at all
    share(orgs["ngo"], orgs["other"])
    take_snapshot()  # the administrator's page takes one when the agreement is made
    html = client.get("/statistics/?row=recruitment_channel").content.decode()
    assert _row(html, "Job ad on social media (Facebook, TikTok…)") == ["14"]
    assert _row(html, "not recorded") == ["12"]
    assert _row(html, "Abducted or taken by force") == ["x"]  # 3 < k
    assert _row(html, "Other") == ["x"]
    assert _row(html, "Messaging app (Telegram, WhatsApp, WeChat, LINE)") == ["0"]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>",
                       html.split('id="stats-table"', 1)[1].split("</table>", 1)[0])
    assert not [c for c in cells if c.isdigit() and 1 <= int(c) < K]


def test_month_of_exit_is_a_dimension_with_small_months_suppressed(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any], caseworker: Any,
) -> None:
    share(orgs["ngo"], orgs["other"])
    _facts_for(bulk_cases(20), caseworker, exited_on=dt.date(2025, 2, 1))
    _facts_for(bulk_cases(2), caseworker, exited_on=dt.date(2025, 10, 1))
    _facts_for(bulk_cases(9), caseworker, exited_on=dt.date(2025, 6, 1))
    bulk_cases(15)
    html = client_for(users["analyst"]).get("/statistics/?row=exit_month").content.decode()
    assert "Month of exit" in html
    assert _row(html, "2025-02") == ["20"]
    assert _row(html, "2025-10") == ["x"] and _row(html, "2025-06") == ["x"]
    assert _row(html, "not recorded") == ["15"]


def test_the_htcds_csv_publishes_the_channel_as_method_of_recruitment(
    users: dict[str, Any], orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]],
    share: Callable[..., Any], client_for: Callable[..., Any], caseworker: Any,
) -> None:
    share(orgs["ngo"], orgs["other"])
    _facts_for(bulk_cases(13), caseworker, channel="messaging_app",
               exited_on=dt.date(2025, 3, 1))
    _facts_for(bulk_cases(12), caseworker, channel="abducted",
               exited_on=dt.date(2025, 3, 1))
    rows = _csv(client_for(users["analyst"]).get("/statistics/htcds.csv").content.decode())
    method = {r["wayhome_value"]: (r["value"], r["count"]) for r in rows
              if r["field"] == "vic_MethodOfRecruitment"}
    assert method["messaging_app"] == ("Internet (social media, online advertisement)", "13")
    assert method["abducted"] == ("Abduction", "12")
    assert method["personal_contact"] == ("Other", "0")
    exits = {r["value"]: r["count"] for r in rows if r["field"] == "fc_ExitMonth"}
    assert exits == {"2025-03": "25"}


def test_stats_export_writes_both_new_dimensions(
    orgs: dict[str, Any], bulk_cases: Callable[..., list[Any]], share: Callable[..., Any],
    caseworker: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    from wayhome.cli import main

    share(orgs["ngo"], orgs["other"])
    _facts_for(bulk_cases(16), caseworker, channel="agency_or_broker",
               exited_on=dt.date(2025, 11, 1))
    _facts_for(bulk_cases(4), caseworker, channel="job_website")
    _facts_for(bulk_cases(8), caseworker, channel="other")
    out = tmp_path / "stats.csv"
    assert main(["stats", "export", "--k", "11", "--out", str(out)]) == 0
    rows = _csv(out.read_text(encoding="utf-8"))
    channel = {r["value"]: r for r in rows if r["dimension"] == "recruitment_channel"}
    assert channel["agency_or_broker"]["count"] == "16"
    assert channel["job_website"]["suppressed"] == "1" and channel["job_website"]["count"] == ""
    exits = {r["value"]: r["count"] for r in rows if r["dimension"] == "exit_month"}
    assert exits["2025-11"] == "16" and exits["unknown"] == "12"
    assert {r["dimension"] for r in rows} >= {"recruitment_channel", "exit_month", "month"}
