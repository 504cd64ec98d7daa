"""Return events on the case timeline (registered in ReturnsConfig.ready).

Titles and details are labels and dates only, never the encrypted notes; the events
show only to users the policy lets see the case's return data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wayhome.apps.timeline.registry import Event, actor_name, register
from wayhome.security.policy import Action, decide

from .labels import factor_label
from .models import FollowUp, PlanStatus, RiskRating



@register
def return_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.RETURN_VIEW, case):
        return []
    url = reverse("returns:case", args=[case.case_number])
    out: list[Event] = []
    for o in case.return_options.select_related("recorded_by"):
        out.append(Event(o.recorded_at, "return", _("Return or stay: option chosen"),
                         detail=str(o.get_option_display()), actor=actor_name(o.recorded_by),
                         url=url))
    for a in case.risk_assessments.select_related("assessor"):
        out.append(Event(a.assessed_at, "return", _("Return risk assessment"),
                         actor=actor_name(a.assessor), url=url))
    for r in RiskRating.objects.filter(assessment__case=case, cleared_at__isnull=False
                                       ).select_related("cleared_by"):
        assert r.cleared_at is not None  # filtered above
        out.append(Event(r.cleared_at, "return", _("High return risk rating cleared"),
                         detail=factor_label(r.factor), actor=actor_name(r.cleared_by), url=url))
    for c in case.return_consents.select_related("recorded_by", "withdrawn_by"):
        out.append(Event(c.recorded_at, "return", _("Consent to return recorded"),
                         actor=actor_name(c.recorded_by), url=url))
        if c.withdrawn_at:
            out.append(Event(c.withdrawn_at, "return", _("Consent to return withdrawn"),
                             actor=actor_name(c.withdrawn_by), url=url))
    for b in case.best_interests.select_related("recorded_by"):
        out.append(Event(b.recorded_at, "return", _("Best-interests determination"),
                         detail=str(b.get_outcome_display()), actor=actor_name(b.recorded_by),
                         url=url))
    for p in case.return_plans.select_related("created_by", "updated_by"):
        out.append(Event(p.created_at, "return", _("Return plan created"),
                         actor=actor_name(p.created_by), url=url))
        if p.status == PlanStatus.CANCELLED:
            out.append(Event(p.updated_at, "return", _("Return plan cancelled"),
                             actor=actor_name(p.updated_by), url=url))
        if p.travelled_on:
            out.append(Event(p.travelled_on, "return", _("Travelled home"), url=url))
    for f in FollowUp.objects.filter(plan__case=case, done_on__isnull=False
                                     ).select_related("recorded_by"):
        assert f.done_on is not None
        out.append(Event(f.done_on, "return", _("Reintegration follow-up"),
                         detail=_("%(months)d months after travel") % {"months": f.months},
                         actor=actor_name(f.recorded_by), url=url))
    return out
