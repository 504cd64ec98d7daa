"""The demo dataset carries the communications starting data."""

from __future__ import annotations

from typing import Any

from wayhome.apps.communications.models import Communication, Recommendation


def test_the_demo_loads_the_four_letters_and_the_recommendations(db: Any) -> None:
    from wayhome import demo

    assert demo.load()
    assert sorted(Communication.objects.values_list("reference", flat=True)) == [
        "AL CHN 4/2025", "AL KHM 1/2025", "AL OTH 17/2025", "AL THA 3/2025"]
    assert Recommendation.objects.count() == 42
    assert Communication.objects.get(reference="AL KHM 1/2025").created_by.username == "analyst"
