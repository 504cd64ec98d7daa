"""The starting data in the database: the four 2025 letters, their questions one by
one, their sources, and the 42 recommendations of the OHCHR 2023 paper."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.apps.audit.models import AuditEvent
from wayhome.apps.communications.models import Communication, Question, Recommendation
from wayhome.apps.communications.services import load_seed

QUESTIONS = {"AL KHM 1/2025": 15, "AL CHN 4/2025": 9, "AL THA 3/2025": 10, "AL OTH 17/2025": 4}


def test_the_four_letters_are_loaded_with_their_questions(seeded: dict[str, Any]) -> None:
    assert set(seeded) == set(QUESTIONS)
    for ref, count in QUESTIONS.items():
        comm = seeded[ref]
        assert comm.questions.count() == count, ref
        assert list(comm.questions.values_list("number", flat=True)) == list(range(1, count + 1))
        assert comm.source.startswith("seeds/AL-")
        assert comm.sent_on == date(2025, 3, 10)
        assert comm.publication_date == date(2025, 5, 9)


def test_the_parts_of_the_reference_are_stored(seeded: dict[str, Any]) -> None:
    asean = seeded["AL OTH 17/2025"]
    assert (asean.comm_type, asean.country, asean.number, asean.year) == ("AL", "OTH", 17, 2025)
    assert "Japan" in asean.copy_list
    assert len(seeded["AL KHM 1/2025"].mandate_list) == 3


def test_the_recommendations_are_loaded_with_their_source(seeded: dict[str, Any]) -> None:
    assert Recommendation.objects.count() == 42
    rec = Recommendation.objects.get(key="protection-3")
    assert rec.group_title == "Recommendations on protection and effective remedies"
    assert "firewalls" in rec.text
    assert rec.source.endswith("OHCHR-2023-online-scam-operations-briefing-paper.txt")


def test_loading_twice_adds_nothing(seeded: dict[str, Any]) -> None:
    assert load_seed() == (0, 0)
    assert Communication.objects.count() == 4
    assert Question.objects.count() == sum(QUESTIONS.values())


def test_loading_is_audited(db: Any) -> None:
    load_seed()
    assert AuditEvent.objects.filter(action="comms.seed.load").count() == 1
