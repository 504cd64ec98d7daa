"""The per-state page: for each state, the communications addressed to it, each question
with its status, the unanswered ones highlighted, days since sending and whether the
publication date has passed."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from wayhome.apps.communications.services import record_reply, state_summary, states_overview


def test_the_overview_lists_each_addressee_with_its_unanswered_questions(
        seeded: dict[str, Any], analyst: Any) -> None:
    record_reply(analyst, seeded["AL THA 3/2025"],
                 {"received_on": date(2025, 5, 2), "from_whom": "Thailand", "summary": "s"},
                 {n: ("answered" if n <= 4 else "not_answered", "") for n in range(1, 11)})
    rows = {r["code"]: r for r in states_overview(date(2025, 6, 1))}
    assert set(rows) == {"KHM", "CHN", "THA", "OTH"}
    assert (rows["THA"]["questions"], rows["THA"]["unanswered"]) == (10, 6)
    assert (rows["KHM"]["questions"], rows["KHM"]["unanswered"]) == (15, 15)


def test_the_state_summary_counts_days_and_the_publication_date(
        seeded: dict[str, Any]) -> None:
    before = state_summary("khm", date(2025, 5, 8))
    after = state_summary("KHM", date(2025, 5, 9))
    assert [s.communication.reference for s in before["communications"]] == ["AL KHM 1/2025"]
    assert before["communications"][0].days_since_sent == 59
    assert not before["communications"][0].published
    assert after["communications"][0].published


def test_the_state_page_highlights_what_is_still_unanswered(
        analyst_client: Any, seeded: dict[str, Any], analyst: Any) -> None:
    record_reply(analyst, seeded["AL CHN 4/2025"],
                 {"received_on": date(2025, 5, 2), "from_whom": "China", "summary": "s"},
                 {n: ("answered" if n in (1, 2) else "partly" if n == 3 else "not_answered",
                      "") for n in range(1, 10)})
    html = analyst_client.get(reverse("communications:state", args=["CHN"])).content.decode()
    assert 'data-reference="AL CHN 4/2025"' in html
    assert html.count('class="question-row unanswered"') == 7
    assert html.count('class="question-row"') == 2
    assert "7 of 9 questions still unanswered" in html
    assert "publication date passed" in html
    assert "AL KHM 1/2025" not in html


def test_the_non_state_addressees_have_their_own_page(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    html = analyst_client.get(reverse("communications:state", args=["OTH"])).content.decode()
    assert "AL OTH 17/2025" in html and "Non-state addressees" in html


def test_a_code_that_is_no_country_is_not_found(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    assert analyst_client.get(reverse("communications:state", args=["XYZ"])).status_code == 404
