"""Tracing events on the case timeline (registered in TracingConfig.ready).

Shown to the case team holding the case only (who decide on disclosure); titles and
details are labels, never the family's names or the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wayhome.apps.timeline.registry import Event, actor_name, register
from wayhome.security.policy import Action, decide

from .models import DisclosureRequest, DisclosureStatus


@register
def tracing_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.TRACE_DISCLOSURE_DECIDE, case):
        return []
    out: list[Event] = []
    for r in DisclosureRequest.objects.filter(candidate__case=case).select_related(
            "answered_by", "candidate__decided_by"):
        url = reverse("tracing:request", args=[r.pk])
        out.append(Event(r.created_at, "tracing",
                         _("Tracing: a family report was matched with this person"),
                         detail=_("Ask whether the family may be told"),
                         actor=actor_name(r.candidate.decided_by), url=url))
        if r.answered_at is not None and r.status != DisclosureStatus.PENDING:
            if r.decided_as_child:
                title = _("Tracing: best-interests determination on telling the family")
                detail = str(r.get_best_interests_display())
            else:
                title = _("Tracing: the person's answer on telling the family")
                detail = str(r.get_status_display())
            out.append(Event(r.answered_at, "tracing", title, detail=detail,
                             actor=actor_name(r.answered_by), url=url))
        elif r.status == DisclosureStatus.CANCELLED and r.cancelled_at is not None:
            # The tracer who closed the report is of another organisation: not named.
            out.append(Event(r.cancelled_at, "tracing",
                             _("Tracing: the request is withdrawn, do not ask the person"),
                             detail=r.status_label(), url=url))
    return out
