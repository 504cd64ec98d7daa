"""Reintegration after return: follow-ups fall due 1, 3, 6 and 12 months after travel,
each records an outcome per area; the organisation's reminder page and the cron command
list what is due or overdue, by case number and date only."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wayhome.apps.returns.models import FollowUp, FollowUpDomain, FollowUpOutcome
from wayhome.apps.returns.services import add_months, follow_up_schedule

from .conftest import plan_data, prepare_return, url


def travel(client: Any, case: Any, on: dt.date | None = None) -> None:
    prepare_return(client, case)
    assert client.post(url("plan_new", case), plan_data()).status_code == 302
    assert client.post(url("plan_advance", case), {"to": "ready"}).status_code == 302
    r = client.post(url("plan_advance", case), {
        "to": "travelled", "travelled_on": (on or timezone.localdate()).isoformat()})
    assert r.status_code == 302, r.content.decode()[:3000]


def outcomes(**given: str) -> dict[str, str]:
    data = {}
    for d in FollowUpDomain:
        data[f"rating_{d.value}"] = given.get(d.value, "ok")
        data[f"note_{d.value}"] = ""
    return data


def test_follow_ups_fall_due_1_3_6_and_12_months_after_travel_clamped_to_month_end() -> None:
    assert follow_up_schedule(dt.date(2026, 1, 31)) == [
        (1, dt.date(2026, 2, 28)), (3, dt.date(2026, 4, 30)),
        (6, dt.date(2026, 7, 31)), (12, dt.date(2027, 1, 31))]
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


def test_travelling_schedules_the_follow_ups_and_the_page_shows_them(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    today = timezone.localdate()
    travel(worker_client, case)
    dues = list(FollowUp.objects.filter(plan__case=case).values_list("months", "due_on"))
    assert dues == [(m, add_months(today, m)) for m in (1, 3, 6, 12)]
    page = worker_client.get(url("case", case)).content.decode()
    assert add_months(today, 12).isoformat() in page and "12 months after travel" in page


def test_a_follow_up_records_an_outcome_for_every_area_or_nothing(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case()
    travel(worker_client, case)
    first = FollowUp.objects.get(plan__case=case, months=1)
    today = timezone.localdate().isoformat()
    data = {"follow_up": first.pk, "done_on": today, **outcomes(debt="serious")}
    del data["rating_stigma"]
    body = worker_client.post(url("follow_up", case), data).content.decode()
    assert "Rate “Stigma”" in body and "Explain the serious outcome for “Debt”" in body
    assert not FollowUpOutcome.objects.exists()
    first.refresh_from_db()
    assert first.done_on is None
    ok = worker_client.post(url("follow_up", case), {
        "follow_up": first.pk, "done_on": today,
        **outcomes(debt="serious", re_trafficking="concern"),
        "note_debt": "The recruiter's family asks for 30,000 baht."})
    assert ok.status_code == 302
    first.refresh_from_db()
    assert first.done_on == timezone.localdate() and first.outcomes.count() == 8
    assert first.outcomes.get(domain="debt").note.startswith("The recruiter's family")
    again = worker_client.post(url("follow_up", case), {
        "follow_up": first.pk, "done_on": today, **outcomes()})
    assert again.status_code == 200 and first.outcomes.count() == 8
    page = worker_client.get(url("case", case)).content.decode()
    assert "Serious" in page and "30,000 baht" in page


def test_returns_due_lists_an_overdue_follow_up_with_case_number_and_dates_but_no_names(
    make_case: Any, worker_client: Any
) -> None:
    case = make_case(given_name="Thiha", family_name="Kyawswar")
    travel(worker_client, case)
    later = timezone.localdate() + dt.timedelta(days=40)
    out = io.StringIO()
    call_command("returns_due", "--date", later.isoformat(), stdout=out)
    text = out.getvalue()
    one_month = add_months(timezone.localdate(), 1)
    lines = [line for line in text.splitlines() if line.startswith("OVERDUE")]
    assert len(lines) == 1 and case.case_number in lines[0]
    assert f"due {one_month.isoformat()}" in lines[0]
    assert "1 overdue, 0 due" in text
    assert "Thiha" not in text and "Kyawswar" not in text


def test_returns_due_prints_nothing_to_do_and_refuses_a_bad_date(db: Any) -> None:
    out = io.StringIO()
    call_command("returns_due", stdout=out)
    assert "0 overdue, 0 due" in out.getvalue()
    with pytest.raises(CommandError, match="--date"):
        call_command("returns_due", "--date", "31/12/2026", stdout=io.StringIO())


def test_the_reminder_page_lists_due_and_overdue_follow_ups_of_the_organisation_only(
    make_case: Any, worker_client: Any, make_user: Any, client_for: Any
) -> None:
    case = make_case(given_name="Thiha", family_name="Kyawswar")
    travel(worker_client, case)
    FollowUp.objects.filter(plan__case=case, months=1).update(
        due_on=timezone.localdate() - dt.timedelta(days=3))
    page = worker_client.get(reverse("returns:due")).content.decode()
    assert case.case_number in page and "Overdue by 3 days" in page
    assert "Thiha" not in page
    other = client_for(make_user("case_worker", org="ngo_kh"))
    other_page = other.get(reverse("returns:due"))
    assert other_page.status_code == 200 and case.case_number not in other_page.content.decode()
