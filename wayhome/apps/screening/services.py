"""Run the screening engine on a stored interview, and record the named decision."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from wayhome.apps.cases.models import Case
from wayhome.apps.protection.services import apply_decision
from wayhome.domain.screening import (
    Answer,
    Assessment,
    ScreeningInputError,
    assess,
    load_catalogue,
    parse_input,
)
from wayhome.security.policy import Action, require


from .models import GroundsDecision, GroundsLevel, ScreeningSession

ANSWER_VALUES = tuple(a.value for a in Answer)


def start(user: Any, case: Case, interviewer_language: str, person_language: str) -> ScreeningSession:
    require(user, Action.SCREENING_CONDUCT, case)
    langs = load_catalogue().languages
    return ScreeningSession.objects.create(
        case=case, interviewer=user,
        interviewer_language=interviewer_language if interviewer_language in langs else "en",
        person_language=person_language if person_language in langs else "en",
        catalogue_version=load_catalogue().version,
    )


def person_facts(case: Case) -> dict[str, Any]:
    p = case.person
    return {
        "age": p.age_years, "age_is_estimate": p.age_is_estimate,
        "may_be_child": p.may_be_child, "age_verified": p.age_verified,
    }


def save_answers(
    user: Any, session: ScreeningSession, answers: dict[str, str], context: dict[str, bool] | None
) -> ScreeningSession:
    """Merge answers; the whole set is validated by the engine before anything is saved."""
    require(user, Action.SCREENING_CONDUCT, session.case)
    merged = {**(session.answers or {}), **answers}
    ctx = {**(session.context or {}), **(context or {})}
    parse_input({"person": person_facts(session.case), "answers": merged, "context": ctx})
    session.answers = merged
    session.context = ctx
    session.save(update_fields=["answers", "context", "updated_at"])
    return session


def run_assessment(user: Any, session: ScreeningSession) -> Assessment:
    require(user, Action.SCREENING_VIEW, session.case)
    inp = parse_input({
        "person": person_facts(session.case),
        "answers": session.answers or {},
        "context": session.context or {},
    })
    result = assess(inp)
    session.assessment = result.to_dict()
    session.status = ScreeningSession.Status.COMPLETED
    session.save(update_fields=["assessment", "status", "updated_at"])
    return result


def decide_grounds(user: Any, session: ScreeningSession, level: str, reason: str) -> GroundsDecision:
    require(user, Action.SCREENING_DECIDE, session.case)
    if level not in GroundsLevel.values:
        raise ScreeningInputError(_("Choose a grounds level from the list."))
    if not reason.strip():
        raise ScreeningInputError(_("Give the reasons for your decision."))
    if not session.assessment:
        raise ScreeningInputError(_("Run the assessment before recording a decision."))
    with transaction.atomic():
        decision = GroundsDecision.objects.create(
            session=session, case=session.case, level=level, decided_by=user, reason=reason,
            recommended_level=session.assessment.get("grounds_level", GroundsLevel.NOT_INDICATED),
        )
        apply_decision(decision)
    return decision
