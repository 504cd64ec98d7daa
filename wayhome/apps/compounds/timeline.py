"""The place where the person was held, on the case timeline (registered in
CompoundsConfig.ready): for the case team only, as the link page is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from wayhome.apps.timeline.registry import Event, actor_name, register
from wayhome.security.policy import Action, decide

from .models import CaseCompoundLink


@register
def compound_link_events(case: Any, user: Any) -> Iterable[Event]:
    if not decide(user, Action.CASE_COMPOUND_LINK, case):
        return []
    url = reverse("compounds:case", args=[case.case_number])
    return [
        Event(link.linked_at, "compound",
              _("Held at: %(place)s") % {"place": link.compound.name},
              detail=", ".join(link.abuse_labels), actor=actor_name(link.linked_by), url=url)
        for link in CaseCompoundLink.objects.filter(case=case).select_related(
            "compound", "linked_by")
    ]
