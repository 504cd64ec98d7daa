"""Recording and editing a communication: a good one is saved in canonical form with
its questions numbered; any bad input shows a clear error and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.communications.models import Communication, Question


def _counts() -> tuple[int, int, int]:
    return (Communication.objects.count(), Question.objects.count(),
            AuditEvent.objects.filter(action__startswith="comms.edit.").count())


def test_a_new_communication_is_saved_in_canonical_form_with_numbered_questions(
        analyst_client: Any, seeded: dict[str, Any], new_letter: dict[str, str]) -> None:
    response = analyst_client.post(reverse("communications:new"), new_letter)
    assert response.status_code == 302, response.content.decode()[:2000]
    comm = Communication.objects.get(reference="UA MMR 5/2025")
    assert (comm.comm_type, comm.country, comm.number, comm.year) == ("UA", "MMR", 5, 2025)
    assert [(q.number, q.text[:20]) for q in comm.questions.all()] == [
        (1, "Please provide infor"), (2, "Please explain the m")]
    assert str(comm.publication_date) == "2025-06-01"
    assert AuditEvent.objects.filter(action="comms.edit.communication.create",
                                     object_id=str(comm.pk)).count() == 1


@pytest.mark.parametrize("field, value, message", [
    ("reference", "AL KHM 1-2025", "Separate the number and the year with a slash"),
    ("reference", "AL XYZ 1/2025", "is not an ISO 3166 alpha-3 country code"),
    ("reference", "AL KHM 0/2025", "starts at 1"),
    ("reference", "AL KHM 1/1990", "out of range"),
    ("reference", "JAL KHM 9/2025", "joint letters keep the plain type"),
    ("reference", "al khm 1/2025", "is already recorded"),
    ("sent_on", "2024-12-30", "must be the year the letter was sent"),
    ("questions", "  \n ", "This field is required"),
    ("allegations", "", "This field is required"),
])
def test_bad_input_shows_a_clear_error_and_writes_nothing(
        analyst_client: Any, seeded: dict[str, Any], new_letter: dict[str, str],
        field: str, value: str, message: str) -> None:
    before = _counts()
    new_letter[field] = value
    response = analyst_client.post(reverse("communications:new"), new_letter)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before


def test_editing_changes_the_text_and_adds_a_question(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    comm = seeded["AL OTH 17/2025"]
    page = analyst_client.get(reverse("communications:edit", args=[comm.pk]))
    form = page.context["form"]
    data = {k: form.initial.get(k) or "" for k in form.fields}
    data["sent_on"] = "2025-03-10"
    data["questions"] = data["questions"] + "\nA fifth question added by the analyst?"
    data["allegations"] = "Shorter summary."
    response = analyst_client.post(reverse("communications:edit", args=[comm.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    comm.refresh_from_db()
    assert comm.allegations == "Shorter summary."
    assert comm.questions.count() == 5
    assert comm.questions.get(number=5).text == "A fifth question added by the analyst?"


def test_an_edit_to_a_bad_reference_leaves_the_communication_as_it_was(
        analyst_client: Any, seeded: dict[str, Any]) -> None:
    comm = seeded["AL THA 3/2025"]
    page = analyst_client.get(reverse("communications:edit", args=[comm.pk]))
    data = {k: page.context["form"].initial.get(k) or "" for k in page.context["form"].fields}
    data.update(sent_on="2025-03-10", reference="AL THA 3 2025", allegations="changed")
    response = analyst_client.post(reverse("communications:edit", args=[comm.pk]), data)
    assert response.status_code == 200
    assert "slash" in response.content.decode()
    comm.refresh_from_db()
    assert comm.reference == "AL THA 3/2025" and comm.allegations != "changed"


def test_a_question_with_an_assessed_reply_cannot_be_removed(
        analyst_client: Any, seeded: dict[str, Any], analyst: Any) -> None:
    from datetime import date

    from wayhome.apps.communications.services import record_reply

    comm = seeded["AL OTH 17/2025"]
    record_reply(analyst, comm, {"received_on": date(2025, 5, 1), "from_whom": "ASEAN",
                                 "summary": "Reply."},
                 {n: ("answered", "") for n in range(1, 5)})
    page = analyst_client.get(reverse("communications:edit", args=[comm.pk]))
    data = {k: page.context["form"].initial.get(k) or "" for k in page.context["form"].fields}
    data["sent_on"] = "2025-03-10"
    data["questions"] = "\n".join(data["questions"].splitlines()[:3])
    response = analyst_client.post(reverse("communications:edit", args=[comm.pk]), data)
    assert response.status_code == 200
    assert "Question 4 has assessments" in response.content.decode()
    assert comm.questions.count() == 4
