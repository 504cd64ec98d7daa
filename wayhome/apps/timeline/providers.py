"""Timeline events of the built-in apps, each filtered by the policy module."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wayhome.security.policy import Action, decide

from .registry import Event, actor_name, register



@register
def case_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.CASE_VIEW, case):
        return []
    return [Event(case.created_at, "case", _("Case registered"), actor=actor_name(case.created_by),
                  url=reverse("cases:detail", args=[case.case_number]))]


@register
def consent_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.CONSENT_VIEW, case):
        return []
    return [
        Event(c.recorded_at, "consent",
              (_("Consent given: %(purpose)s") if c.granted
               else _("Consent refused or withdrawn: %(purpose)s"))
              % {"purpose": c.get_purpose_display()},
              actor=actor_name(c.recorded_by))
        for c in case.consents.select_related("recorded_by")
    ]


@register
def screening_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.SCREENING_VIEW, case):
        return []
    out = [Event(s.started_at, "screening", _("Screening interview started"),
                 actor=actor_name(s.interviewer),
                 url=reverse("screening:assessment", args=[s.pk]))
           for s in case.screenings.select_related("interviewer")]
    out += [Event(d.decided_at, "decision",
                  _("Decision: %(level)s") % {"level": d.get_level_display()},
                  actor=actor_name(d.decided_by))
            for d in case.decisions.select_related("decided_by")]
    return out


@register
def protection_events(case: Any, user: Any) -> Iterable[Event]:
    status = getattr(case, "protection", None)
    if status is None or not status.active or not status.since:
        return []
    if not decide(user, Action.PROTECTION_VIEW, case):
        return []
    return [Event(status.since, "protection", _("Under protection as a presumed victim"))]


@register
def measure_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.MEASURE_VIEW, case):
        return []
    out: list[Event] = []
    for m in case.legal_measures.all():
        url = reverse("nonpunishment:detail", args=[m.pk])
        out.append(Event(m.ordered_on, "measure", str(m.get_kind_display()),
                         detail=str(m.get_offence_display() or ""), url=url))
        if m.requested_on:
            out.append(Event(m.requested_on, "measure", _("Non-punishment requested"),
                             detail=str(m.get_kind_display()), url=url))
        if m.resolved_on:
            out.append(Event(m.resolved_on, "measure", _("Measure resolved"),
                             detail=str(m.get_kind_display()), url=url))
    return out


@register
def certificate_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.CERTIFICATE_ISSUE, case):
        return []
    out: list[Event] = []
    for c in case.certificates.all():
        url = reverse("certificates:show", args=[c.pk])
        out.append(Event(c.issued_at, "certificate", _("Protection certificate issued"),
                         detail=c.short_code, url=url))
        if c.revoked_at:
            out.append(Event(c.revoked_at, "certificate", _("Protection certificate revoked"),
                             detail=c.short_code, url=url))
    return out
