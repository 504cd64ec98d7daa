"""Record legal measures and analyse each under the non-punishment principle.

The analysis comes from the law engine (:mod:`wayhome.domain.law`), a pure function of
country, measure and offence; this module adds what only the case knows: whether a
named person has recorded reasonable grounds yet (non-punishment applies from then).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.cases.models import Case
from wayhome.domain import law
from wayhome.security.policy import Action, require

from .models import LegalMeasure, MeasureStatus

MEASURE_FIELDS = ("kind", "offence", "country", "authority", "ordered_on", "reference")


def record_measure(user: Any, case: Case, data: dict[str, Any]) -> LegalMeasure:
    """Validate everything first; write nothing unless all of it is valid."""
    require(user, Action.MEASURE_RECORD, case)
    measure = LegalMeasure(case=case, recorded_by=user,
                           **{k: v for k, v in data.items() if k in MEASURE_FIELDS})
    measure.country = (measure.country or case.organisation.country).upper()
    errors: dict[str, list[str]] = {}
    if measure.ordered_on and measure.ordered_on > timezone.localdate():
        errors["ordered_on"] = [_("The date of the measure cannot be in the future.")]
    if measure.kind in ("charge", "conviction") and not measure.offence:
        errors["offence"] = [_("Say which offence the charge or conviction is for.")]
    try:
        measure.full_clean(exclude=["case", "recorded_by"])
    except ValidationError as exc:
        for field, msgs in exc.message_dict.items():
            errors.setdefault(field, []).extend(msgs)
    if errors:
        raise ValidationError(errors)
    measure.save()
    return measure


def mark_requested(user: Any, measure: LegalMeasure, on: dt.date) -> LegalMeasure:
    require(user, Action.MEASURE_RECORD, measure.case)
    if measure.status == MeasureStatus.RESOLVED:
        raise ValidationError(_("This measure is already resolved."))
    measure.status = MeasureStatus.REQUESTED
    measure.requested_on = on
    measure.save(update_fields=["status", "requested_on"])
    return measure


def resolve(user: Any, measure: LegalMeasure, on: dt.date, outcome: str) -> LegalMeasure:
    require(user, Action.MEASURE_RECORD, measure.case)
    if not outcome.strip():
        raise ValidationError({"outcome": [_("Say how the measure was resolved.")]})
    if on < measure.ordered_on:
        raise ValidationError({"resolved_on": [
            _("A measure cannot be resolved before the date it was taken.")]})
    with transaction.atomic():
        measure.status = MeasureStatus.RESOLVED
        measure.resolved_on = on
        measure.outcome = outcome.strip()
        measure.save(update_fields=["status", "resolved_on", "outcome"])
    return measure


def analysis(measure: LegalMeasure) -> dict[str, Any]:
    """The law engine's analysis of this measure, plus whether it applies yet."""
    status = getattr(measure.case, "protection", None)
    protected = bool(status and status.active)
    try:
        result: dict[str, Any] = law.analyse(
            measure.country, measure.kind, measure.offence or None).to_dict()
        result["profile_known"] = True
    except law.LawInputError:
        # No profile for this country: national law is unknown and the page says so;
        # the international standard applies all the same.
        result = law.analyse_international(
            measure.kind, measure.offence or None, country=measure.country).to_dict()
        result["profile_known"] = False
    result["applies_now"] = protected
    result["protected_since"] = status.since if protected and status else None
    return result
