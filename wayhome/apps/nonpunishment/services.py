"""Record legal measures and analyse each under the non-punishment principle.

The analysis comes from the law engine (:mod:`wayhome.domain.law`), a pure function of
country, measure and offence; this module adds what only the case knows: whether a
named person has recorded reasonable grounds yet (non-punishment applies from then).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.audit.log import record as audit
from wayhome.apps.cases.models import Case
from wayhome.domain import law, letters
from wayhome.security.policy import Action, decide, purpose_for, require

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


# -- the request letter ------------------------------------------------------------------

def letter_facts(measure: LegalMeasure, analysis: dict[str, Any]) -> letters.LetterFacts:
    """What the letter states about the case: its number, never the person's name."""
    case = measure.case
    return letters.LetterFacts(
        organisation=case.organisation.name,
        case_number=case.case_number,
        letter_date=timezone.localdate(),
        grounds_recorded_on=timezone.localdate(analysis["protected_since"]),
        measure=letters.MeasureFacts(ordered_on=measure.ordered_on,
                                     authority=measure.authority,
                                     reference=measure.reference),
    )


def to_verify_labels() -> dict[str, str]:
    """What is to verify about a cited provision (``letters.TO_VERIFY_FACTS``), translated."""
    return {
        "existence": _("that it exists"),
        "article": _("the article number"),
        "scope": _("what it covers"),
        "condition": _("its condition"),
        "measures": _("that it bars this measure"),
        "source": _("its wording"),
    }


def letter_to_verify(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    """The provisions the letter cites that the law data marks "to verify", for the page:
    key, citation and what is to verify (translated)."""
    labels = to_verify_labels()
    return [{"key": u.key, "citation": u.citation,
             "facts": [labels.get(f, f) for f in u.facts]}
            for u in letters.unverified_citations(analysis)]


def build_letter(measure: LegalMeasure, analysis: dict[str, Any],
                 checked: list[str]) -> tuple[tuple[letters.Letter, ...], bytes]:
    """The request letter (English, then the authority's language) and its PDF, the
    provisions in ``checked`` cited without the [TO VERIFY] mark. Raises
    ``letters.LetterError`` when it cannot be made. The caller has asked the policy."""
    composed = letters.compose_letters(analysis, letter_facts(measure, analysis),
                                       checked=checked)
    return composed, letters.render_pdf(composed)


def letter_to_send(user: Any, measure: LegalMeasure, analysis: dict[str, Any],
                   keys: list[str]) -> tuple[tuple[letters.Letter, ...], bytes]:
    """The letter to send, once ``user`` confirmed having checked these cited provisions
    against the text of the law: built first, then the check recorded (the audit event
    names the provisions only) in the same transaction, so nothing is recorded for a
    letter that could not be made. The caller has required ``MEASURE_RECORD`` on the case
    (its one audit event for the request); the decision is asked again here, unaudited."""
    decision = decide(user, Action.MEASURE_RECORD, measure.case)
    if not decision:
        raise PermissionDenied(decision.reason)
    with transaction.atomic():
        built = build_letter(measure, analysis, keys)
        if keys:
            audit(user, f"{Action.MEASURE_RECORD}.letter_citations_checked", obj=measure,
                  purpose=str(purpose_for(user) or ""), detail=", ".join(sorted(keys)))
    return built
