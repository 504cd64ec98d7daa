"""Switch protection on at once when a named person records reasonable grounds."""

from __future__ import annotations

from typing import Any

from wayhome.apps.screening.models import PROTECTED_LEVELS

from .models import ProtectionStatus


def apply_decision(decision: Any) -> ProtectionStatus:
    status, _created = ProtectionStatus.objects.get_or_create(case=decision.case)
    protected = decision.level in PROTECTED_LEVELS
    if protected and not status.active:
        status.active = True
        status.since = decision.decided_at
    elif not protected:
        status.active = False
        status.since = None
    status.basis = decision.level
    status.is_child = decision.case.person.is_child_or_presumed
    status.save()
    return status
