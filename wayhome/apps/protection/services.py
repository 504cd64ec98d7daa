"""Switch protection on at once when a named person records reasonable grounds."""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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


# What protection means for an official who sees only the status (page and API alike).
PROTECTION_MEANS: tuple[Promise, ...] = (
    _("Do not detain. If the person is in immigration detention, release is due."),
    _("Do not deport or remove."),
    _("Do not prosecute or punish for acts done as a direct consequence of being trafficked, "
      "including immigration offences and the scams the person was forced to commit."),
    _("Assistance does not depend on cooperating with the police."),
)
CHILD_MEANS: Promise = _(
    "This is a child or presumed child: never detain; child protection services lead.")


def what_protection_means(status: ProtectionStatus | None) -> list[str]:
    """The consequences of an active protection status, in the active language."""
    if status is None or not status.active:
        return []
    return protection_means(status.is_child)


def protection_means(is_child: bool) -> list[str]:
    means = [str(m) for m in PROTECTION_MEANS]
    if is_child:
        means.append(str(CHILD_MEANS))
    return means
