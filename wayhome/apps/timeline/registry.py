"""The extension point of the case timeline.

An app contributes events by registering a provider: a function that takes the case
and the viewing user and returns the events *that user may see*. Each provider asks
the policy module itself, so the timeline never shows more than the pages do::

    from wayhome.apps.timeline.registry import Event, register

    @register
    def referral_events(case, user):
        if not decide(user, Action.REFERRAL_VIEW, case):
            return []
        return [Event(when=r.sent_at, kind="referral", title=..., url=...) for r in ...]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

Provider = Callable[[Any, Any], Iterable["Event"]]
_PROVIDERS: list[Provider] = []


@dataclass(frozen=True, slots=True)
class Event:
    when: dt.datetime | dt.date
    kind: str  # a stable slug: "case", "consent", "screening", "decision", ...
    title: str  # already translated
    detail: str = ""
    actor: str = ""
    url: str = ""

    @property
    def sort_key(self) -> tuple[dt.datetime, str]:
        when = self.when
        if not isinstance(when, dt.datetime):
            when = dt.datetime.combine(when, dt.time.min, tzinfo=dt.UTC)
        return when, self.kind


def actor_name(user: Any) -> str:
    """How a timeline names the staff member who did something (never the person)."""
    return str(user.get_full_name() or user.username) if user else ""


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def events_for(case: Any, user: Any) -> list[Event]:
    """Every registered provider's events for this viewer, oldest first."""
    events = [e for provider in _PROVIDERS for e in provider(case, user)]
    return sorted(events, key=lambda e: e.sort_key)
