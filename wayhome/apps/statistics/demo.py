"""Demo data for statistics: the demo NGOs' written agreements to share aggregates of
their cases with the demo monitoring office. (With the ten demo cases every count is
below k = 11 and shows as suppressed: that is the point of the rule.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import SharingAgreement


def share_demo_aggregates(orgs: dict[str, Any]) -> None:
    for holder in ("maesot", "phnompenh"):
        SharingAgreement.objects.get_or_create(
            holder=orgs[holder], recipient=orgs["monitor"], ended_at=None,
            defaults={"agreed_on": dt.date(2026, 1, 15),
                      "terms": "DEMO: data sharing protocol, aggregates only"})
