"""Fixtures for the communications app: the seeded letters and recommendations, an
analyst and a logged-in client for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from wayhome.apps.communications.models import Communication
from wayhome.apps.communications.services import load_seed


@pytest.fixture
def seeded(db: Any) -> dict[str, Communication]:
    load_seed()
    return {c.reference: c for c in Communication.objects.all()}


@pytest.fixture
def analyst(users: dict[str, Any]) -> Any:
    return users["analyst"]


@pytest.fixture
def analyst_client(analyst: Any, client_for: Callable[[Any], Any]) -> Any:
    return client_for(analyst)


NEW_LETTER: dict[str, str] = {
    "reference": "ua mmr 5/2025",
    "sent_on": "2025-04-02",
    "addressee": "Armed Forces of Myanmar",
    "mandates": "Special Rapporteur on trafficking in persons, especially women and children",
    "copies": "",
    "also_sent_to": "",
    "allegations": "People held in a compound near the border are reported beaten.",
    "questions": "Please provide information on the people held.\nPlease explain the measures "
                 "taken to release them.",
    "source": "test",
}


@pytest.fixture
def new_letter() -> dict[str, str]:
    return dict(NEW_LETTER)
