"""In a real Chromium, an analyst opens the compounds map and a compound page, then the
statistics: a server-drawn chart whose bars hold the numbers of the table (small counts
suppressed in both), and downloads the CSV of the suppressed aggregates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from wayhome.apps.cases.models import Case, Person, new_case_number
from wayhome.apps.compounds.models import CaseCompoundLink, Compound
from wayhome.apps.statistics.models import SharingAgreement

from .conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cases(worker: Any, n: int, nationality: str, compound: Compound | None = None) -> None:
    cases = Case.objects.bulk_create(
        Case(case_number=new_case_number("THA"), organisation=worker.organisation,
             created_by=worker) for _ in range(n))
    Person.objects.bulk_create(Person(case=c, nationality=nationality, sex="M", age_years=25)
                               for c in cases)
    if compound is not None:
        CaseCompoundLink.objects.bulk_create(
            CaseCompoundLink(case=c, compound=compound, linked_by=worker) for c in cases)


def test_analyst_opens_the_map_a_compound_and_the_statistics_and_downloads_the_csv(
    browser: Any, live_server: Any, users: dict[str, Any], orgs: dict[str, Any],
) -> None:
    analyst, worker = users["analyst"], users["case_worker"]
    TOTPDevice.objects.create(user=analyst, name="phone", confirmed=True)
    kk = Compound.objects.create(slug="kk-park", name="KK Park", kind="compound",
                                 country="MMR", place="Myawaddy", latitude=Decimal("16.63"),
                                 longitude=Decimal("98.49"),
                                 location_precision="approximate, compound area")
    SharingAgreement.objects.create(holder=orgs["ngo"], recipient=orgs["other"],
                                    agreed_on=dt.date(2026, 1, 10))
    _cases(worker, 31, "MMR", kk)
    _cases(worker, 13, "VNM")
    _cases(worker, 4, "KHM")
    numbers = set(Case.objects.values_list("case_number", flat=True))

    page = browser.new_context(accept_downloads=True).new_page()
    base = live_server.url
    login(page, base, analyst)
    page.wait_for_load_state()

    page.goto(base + "/compounds/map/")
    assert page.locator(".map svg").count() == 1
    page.goto(base + "/compounds/kk-park/")
    assert page.locator("h1").inner_text() == "KK Park"

    page.click("header nav >> text=Statistics")
    page.select_option("#id_row", "nationality")
    page.click("#stats-query button[type=submit]")
    page.wait_for_selector("#stats-chart svg")
    bars = {}
    for g in page.locator("#stats-chart svg g.bar").all():
        title = g.locator("title").text_content() or ""
        label, value = title.rsplit(": ", 1)
        assert g.locator("text.bar-value").text_content() == value
        bars[label] = value
    table = {row.locator("th").inner_text(): row.locator("td.stats-total").inner_text()
             for row in page.locator("#stats-table tbody tr").all()}
    assert bars == table
    assert bars["MMR"] == "31" and bars["KHM"] == "x" and bars["VNM"] == "x"
    assert page.locator("#stats-grand-total").inner_text() == "48"
    html = page.content()
    assert not any(n in html for n in numbers)

    with page.expect_download() as info:
        page.click("#download-csv")
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8").read()
    rows = {r["value"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["MMR"]["count"] == "31" and rows["KHM"]["suppressed"] == "1"
    assert not any(n in text for n in numbers)
    assert not [r for r in rows.values()
                if re.fullmatch(r"\d+", r["count"]) and 1 <= int(r["count"]) < 11]
