"""Replies with a per-question assessment, and the answer status that follows: the best
assessment over all replies counts, and a bad reply changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from wayhome.apps.communications.models import Answer, Reply
from wayhome.apps.communications.services import communication_status, record_reply


def _reply_data(statuses: dict[int, str], **over: str) -> dict[str, str]:
    data = {"received_on": "2025-05-02", "from_whom": "Permanent Mission of Thailand",
            "summary": "The Government describes its crackdown on compounds.",
            "document_ref": "HRC/NONE/2025/1"}
    for n, st in statuses.items():
        data[f"q{n}_status"] = st
        data[f"q{n}_how"] = f"note {n}" if st != "not_answered" else ""
    data.update(over)
    return data


def test_a_reply_records_the_status_of_each_question(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    comm = seeded["AL THA 3/2025"]
    statuses = {n: "not_answered" for n in range(1, 11)}
    statuses.update({1: "answered", 8: "partly"})
    response = analyst_client.post(reverse("communications:reply_new", args=[comm.pk]),
                                   _reply_data(statuses))
    assert response.status_code == 302, response.content.decode()[:2000]
    st = communication_status(comm)
    assert [q.status for q in st.questions][:2] == ["answered", "not_answered"]
    assert st.questions[7].status == "partly" and st.questions[7].how == "note 8"
    assert st.unanswered == 9
    assert Answer.objects.filter(reply__communication=comm).count() == 10


def test_a_later_reply_does_not_undo_an_earlier_answer(
        seeded: dict[str, Any], analyst: Any) -> None:
    comm = seeded["AL OTH 17/2025"]
    record_reply(analyst, comm, {"received_on": date(2025, 4, 1), "from_whom": "ASEAN",
                                 "summary": "First."},
                 {1: ("answered", "in full"), 2: ("partly", ""), 3: ("not_answered", ""),
                  4: ("not_answered", "")})
    record_reply(analyst, comm, {"received_on": date(2025, 6, 1), "from_whom": "ASEAN",
                                 "summary": "Second."},
                 {1: ("not_answered", ""), 2: ("answered", "annex"), 3: ("partly", ""),
                  4: ("not_answered", "")})
    st = communication_status(comm)
    assert [q.status for q in st.questions] == ["answered", "answered", "partly", "not_answered"]
    assert st.questions[1].reply is not None and st.questions[1].reply.summary == "Second."
    assert st.questions[0].reply is not None and st.questions[0].reply.summary == "First."


def test_a_reply_dated_before_the_letter_is_refused_and_nothing_is_written(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    comm = seeded["AL OTH 17/2025"]
    data = _reply_data({n: "answered" for n in range(1, 5)}, received_on="2025-03-01")
    response = analyst_client.post(reverse("communications:reply_new", args=[comm.pk]), data)
    assert response.status_code == 200
    assert "cannot be received before the letter was sent" in response.content.decode()
    assert Reply.objects.count() == 0 and Answer.objects.count() == 0


def test_a_reply_with_a_question_left_unassessed_is_refused(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    comm = seeded["AL OTH 17/2025"]
    data = _reply_data({1: "answered", 2: "answered", 3: "answered"})  # question 4 missing
    response = analyst_client.post(reverse("communications:reply_new", args=[comm.pk]), data)
    assert response.status_code == 200
    assert Reply.objects.count() == 0 and Answer.objects.count() == 0


def test_the_reply_is_public_with_the_letter_or_as_received(
        seeded: dict[str, Any], analyst: Any) -> None:
    comm = seeded["AL OTH 17/2025"]
    early = record_reply(analyst, comm, {"received_on": date(2025, 4, 1), "from_whom": "A",
                                         "summary": "s"},
                         {n: ("partly", "") for n in range(1, 5)})
    late = record_reply(analyst, comm, {"received_on": date(2025, 8, 1), "from_whom": "A",
                                        "summary": "s"},
                        {n: ("partly", "") for n in range(1, 5)})
    assert early.publication_date == date(2025, 5, 9)
    assert late.publication_date == date(2025, 8, 1)


def test_the_detail_page_shows_the_questions_with_their_status(
        analyst_client: Any, seeded: dict[str, Any], analyst: Any) -> None:
    comm = seeded["AL OTH 17/2025"]
    record_reply(analyst, comm, {"received_on": date(2025, 4, 1), "from_whom": "ASEAN",
                                 "summary": "First."},
                 {1: ("answered", "yes"), 2: ("partly", ""), 3: ("not_answered", ""),
                  4: ("not_answered", "")})
    html = analyst_client.get(reverse("communications:detail", args=[comm.pk])).content.decode()
    assert html.count('class="question-row unanswered"') == 3
    assert 'data-status="answered"' in html
    assert "2025-05-09" in html
