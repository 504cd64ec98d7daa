"""Referral events on the case timeline (registered in ReferralsConfig.ready): the service
and each status change with its date; never the encrypted message or notes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wayhome.apps.timeline.registry import Event, actor_name, register
from wayhome.security.policy import Action, decide

from .models import ReferralEvent


@register
def referral_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.REFERRAL_VIEW, case):
        return []
    url = reverse("referrals:case", args=[case.case_number])
    events = ReferralEvent.objects.filter(referral__case=case).select_related(
        "referral__service", "by")
    return [
        Event(e.at, "referral",
              _("Referral %(status)s: %(service)s") % {
                  "status": e.get_status_display(), "service": e.referral.service.name},
              actor=actor_name(e.by), url=url)
        for e in events
    ]
