"""Return or stay: the rules, checked before anything is written.

- The factors of the non-refoulement risk assessment come from the law engine
  (:func:`wayhome.domain.law.return_risk_factors`), the one list of them.
- A factor rated high blocks creating or advancing a voluntary-return plan until a
  named reviewer of the case team, not the assessor, clears it with a written reason.
- A voluntary return needs consent recorded as free (not a condition of release) and
  informed (alternatives explained, in a language the person speaks); withdrawing it
  stops the plan.
- For a child (or a person presumed to be one): no plan until a best-interests
  determination, made after family tracing, recommends return; and never detention.
- Consular contact is recorded only with the person's consent to sharing with the
  consulate.
- After travel, reintegration follow-ups fall due at 1, 3, 6 and 12 months.

Every function validates all of its input first and raises ``ValidationError`` (a dict
of field -> messages, ``__all__`` for the case as a whole) without writing anything.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wayhome.apps.cases.forms import LANGUAGE_CODES
from wayhome.apps.cases.models import Case
from wayhome.domain import law
from wayhome.security.policy import Action, require

from .labels import factor_label
from .models import (
    DOCUMENTS_READY,
    TRACING_DONE,
    BestInterestsDetermination,
    BestInterestsOutcome,
    DocumentStatus,
    FamilyTracing,
    FollowUp,
    FollowUpDomain,
    FollowUpOutcome,
    OptionChoice,
    Outcome,
    PlanStatus,
    Rating,
    ReturnConsent,
    ReturnOption,
    ReturnPlan,
    RiskAssessment,
    RiskRating,
)

#: Months after travel at which a reintegration follow-up falls due.
FOLLOW_UP_MONTHS: tuple[int, ...] = (1, 3, 6, 12)
#: A follow-up is listed as due this many days before its due date.
DUE_WINDOW_DAYS = 14

NOTE_MAX = 4000
Errors = dict[str, list[str]]


# ------------------------------------------------------------------ reading


def is_child(case: Case) -> bool:
    person = getattr(case, "person", None)
    return bool(person and person.is_child_or_presumed)


def factors_for(case: Case) -> tuple[law.ReturnRiskFactor, ...]:
    """The risk factors to assess for this person, from the law engine."""
    return law.return_risk_factors(child=is_child(case))


def current_option(case: Case) -> OptionChoice | None:
    return case.return_options.select_related("recorded_by").first()


def latest_assessment(case: Case) -> RiskAssessment | None:
    return case.risk_assessments.select_related("assessor").first()


def latest_consent(case: Case) -> ReturnConsent | None:
    return case.return_consents.select_related("recorded_by", "withdrawn_by").first()


def latest_best_interests(case: Case) -> BestInterestsDetermination | None:
    return case.best_interests.select_related("recorded_by").first()


def active_plan(case: Case) -> ReturnPlan | None:
    return case.return_plans.filter(
        status__in=[PlanStatus.PLANNED, PlanStatus.READY]).first()


def blocking_ratings(assessment: RiskAssessment | None) -> list[RiskRating]:
    if assessment is None:
        return []
    return [r for r in assessment.ratings.all() if r.blocks]


def plan_blockers(case: Case) -> list[str]:
    """Why a voluntary-return plan cannot be created or advanced now (empty: it can)."""
    out: list[str] = []
    option = current_option(case)
    if option is None or option.option != ReturnOption.VOLUNTARY_RETURN:
        out.append(_("A return plan is only for a voluntary return: record voluntary "
                     "return as the option chosen first."))
    assessment = latest_assessment(case)
    if assessment is None:
        out.append(_("No non-refoulement risk assessment is recorded: assess every return "
                     "risk factor first."))
    else:
        rated = set(assessment.ratings.values_list("factor", flat=True))
        for factor in factors_for(case):
            if factor.id not in rated:
                out.append(_("The risk assessment does not cover “%(factor)s”: assess the "
                             "factors again.") % {"factor": factor_label(factor)})
        for rating in blocking_ratings(assessment):
            out.append(_("Return blocked: the risk factor “%(factor)s” is rated high. A "
                         "reviewer of the case team other than the assessor must clear it "
                         "with a written reason.") % {"factor": factor_label(rating.factor)})
    consent = latest_consent(case)
    if consent is None:
        out.append(_("No consent to return is recorded: a voluntary return needs the "
                     "person's free and informed consent."))
    elif consent.is_withdrawn:
        out.append(_("Consent withdrawn: the person withdrew consent to return on %(date)s. "
                     "The plan cannot go ahead.")
                   % {"date": timezone.localdate(consent.withdrawn_at).isoformat()})
    if is_child(case):
        bid = latest_best_interests(case)
        if bid is None or bid.outcome != BestInterestsOutcome.RETURN:
            out.append(_("This is a child: a best-interests determination recommending "
                         "return, made after family tracing, must be recorded before any "
                         "return plan."))
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later (the month's last day if shorter)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_schedule(travelled_on: dt.date) -> list[tuple[int, dt.date]]:
    return [(m, add_months(travelled_on, m)) for m in FOLLOW_UP_MONTHS]


def due_follow_ups(
    today: dt.date | None = None, window_days: int = DUE_WINDOW_DAYS,
    cases: QuerySet[Case] | None = None,
) -> QuerySet[FollowUp]:
    """Follow-ups not done whose due date is past or within ``window_days`` of today."""
    today = today or timezone.localdate()
    qs = FollowUp.objects.filter(
        done_on__isnull=True, plan__status=PlanStatus.TRAVELLED,
        due_on__lte=today + dt.timedelta(days=window_days),
    )
    if cases is not None:
        qs = qs.filter(plan__case__in=cases)
    return qs.select_related("plan", "plan__case", "plan__case__organisation").order_by(
        "due_on", "id")


# ------------------------------------------------------------------ helpers


def _text(value: Any) -> str:
    return str(value or "").strip()


def _note(errors: Errors, field: str, value: Any, *, required: str | None = None) -> str:
    text = _text(value)
    if required and not text:
        errors.setdefault(field, []).append(required)
    if len(text) > NOTE_MAX:
        errors.setdefault(field, []).append(
            _("At most %(n)d characters.") % {"n": NOTE_MAX})
    return text


def _date(errors: Errors, field: str, value: Any, *, required: str,
          not_future: bool = True) -> dt.date | None:
    if not isinstance(value, dt.date):
        errors.setdefault(field, []).append(required)
        return None
    if not_future and value > timezone.localdate():
        errors.setdefault(field, []).append(_("The date cannot be in the future."))
    return value


def _choice(errors: Errors, field: str, value: Any, choices: Any, message: str) -> str:
    text = _text(value)
    if text not in choices.values:
        errors.setdefault(field, []).append(message)
    return text


def _raise(errors: Errors) -> None:
    if errors:
        raise ValidationError(errors)


# ------------------------------------------------------------------ option


def choose_option(user: Any, case: Case, data: Mapping[str, Any]) -> OptionChoice:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    option = _choice(errors, "option", data.get("option"), ReturnOption,
                     _("Choose one of the options."))
    decided_on = _date(errors, "decided_on", data.get("decided_on"),
                       required=_("Give the date the option was chosen."))
    note = _note(errors, "note", data.get("note"))
    _raise(errors)
    assert decided_on is not None
    return OptionChoice.objects.create(case=case, option=option, decided_on=decided_on,
                                       note=note, recorded_by=user)


# ------------------------------------------------------------------ risk


def assess_risk(user: Any, case: Case, ratings: Mapping[str, Mapping[str, Any]]) -> RiskAssessment:
    """Record a new assessment: ``ratings`` maps every factor id of :func:`factors_for`
    to ``{"rating": "low" | "medium" | "high" | "unknown", "note": "..."}``."""
    require(user, Action.RETURN_PLAN, case)
    factors = factors_for(case)
    known = {f.id for f in factors}
    errors: Errors = {}
    for fid in ratings:
        if fid not in known:
            errors.setdefault("__all__", []).append(
                _("Unknown risk factor: %(factor)s.") % {"factor": fid})
    rows: list[RiskRating] = []
    for factor in factors:
        given = ratings.get(factor.id) or {}
        rating = _choice(
            errors, f"rating_{factor.id}", given.get("rating"), Rating,
            _("Rate “%(factor)s”: low, medium, high or unknown.")
            % {"factor": factor_label(factor)})
        note = _note(
            errors, f"note_{factor.id}", given.get("note"),
            required=(_("Explain the high rating of “%(factor)s”.")
                      % {"factor": factor_label(factor)}) if rating == Rating.HIGH else None)
        rows.append(RiskRating(factor=factor.id, rating=rating, note=note))
    _raise(errors)
    with transaction.atomic():
        assessment = RiskAssessment.objects.create(
            case=case, assessor=user, data_version=law.load_profiles().version)
        for row in rows:
            row.assessment = assessment
        RiskRating.objects.bulk_create(rows)
    return assessment


def clear_rating(user: Any, case: Case, rating_id: Any, reason: Any) -> RiskRating:
    """A reviewer, not the assessor, clears a high rating with a written reason."""
    require(user, Action.RETURN_REVIEW, case)
    errors: Errors = {}
    rating = (RiskRating.objects.select_related("assessment")
              .filter(assessment__case=case, pk=_int(rating_id)).first())
    text = _note(errors, "reason", reason,
                 required=_("Write the reason for clearing the high rating."))
    if rating is None:
        errors.setdefault("__all__", []).append(_("No such rating on this case."))
    else:
        label = factor_label(rating.factor)
        latest = latest_assessment(case)
        if rating.rating != Rating.HIGH:
            errors.setdefault("__all__", []).append(
                _("Only a high rating needs clearing."))
        elif rating.is_cleared:
            errors.setdefault("__all__", []).append(
                _("The high rating of “%(factor)s” is already cleared.") % {"factor": label})
        elif latest is None or rating.assessment_id != latest.pk:
            errors.setdefault("__all__", []).append(
                _("This assessment was replaced by a newer one: review the newer one."))
        elif rating.assessment.assessor_id == getattr(user, "pk", None):
            errors.setdefault("__all__", []).append(
                _("You rated “%(factor)s” high yourself: another member of the case team "
                  "must review and clear it.") % {"factor": label})
    _raise(errors)
    assert rating is not None
    with transaction.atomic():
        rating.cleared_by = user
        rating.cleared_at = timezone.now()
        rating.clearance_reason = text
        rating.save(update_fields=["cleared_by", "cleared_at", "clearance_reason"])
    return rating


def _int(value: Any) -> int:
    """A posted id as an int; anything else as -1, which no row has."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


# ------------------------------------------------------------------ consent


def record_consent(user: Any, case: Case, data: Mapping[str, Any]) -> ReturnConsent:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    language = _text(data.get("language"))
    if language not in LANGUAGE_CODES:
        errors["language"] = [_("Say in which language the person was informed.")]
    if data.get("alternatives_explained") is not True:
        errors["alternatives_explained"] = [_(
            "The alternatives to return (stay on humanitarian grounds, asylum, resettlement) "
            "must be explained: consent without them is not informed.")]
    if data.get("not_condition_of_release") is not True:
        errors["not_condition_of_release"] = [_(
            "The person must be told that release does not depend on agreeing to return: "
            "consent given as a condition of release is not free.")]
    note = _note(errors, "note", data.get("note"))
    _raise(errors)
    return ReturnConsent.objects.create(
        case=case, language=language, alternatives_explained=True,
        not_condition_of_release=True, note=note, recorded_by=user)


def withdraw_consent(user: Any, case: Case, note: Any = "") -> ReturnConsent:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    text = _note(errors, "note", note)
    consent = latest_consent(case)
    if consent is None or consent.is_withdrawn:
        errors.setdefault("__all__", []).append(_("There is no consent to return to withdraw."))
    _raise(errors)
    assert consent is not None
    with transaction.atomic():
        consent.withdrawn_at = timezone.now()
        consent.withdrawn_by = user
        consent.withdrawal_note = text
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    return consent


# ------------------------------------------------------------------ child


def record_best_interests(
    user: Any, case: Case, data: Mapping[str, Any]
) -> BestInterestsDetermination:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    if not is_child(case):
        errors["__all__"] = [_("A best-interests determination is for a child or a person "
                               "presumed to be one; this person is recorded as an adult.")]
    determined_on = _date(errors, "determined_on", data.get("determined_on"),
                          required=_("Give the date of the determination."))
    outcome = _choice(errors, "outcome", data.get("outcome"), BestInterestsOutcome,
                      _("Choose the outcome of the determination."))
    tracing = _choice(errors, "family_tracing", data.get("family_tracing"), FamilyTracing,
                      _("Say where family tracing stands."))
    guardian = _note(errors, "guardian_name", data.get("guardian_name"),
                     required=_("Name the child's guardian."))
    note = _note(errors, "note", data.get("note"))
    if outcome == BestInterestsOutcome.RETURN and tracing and tracing not in TRACING_DONE:
        errors.setdefault("family_tracing", []).append(
            _("Family tracing must be completed before a determination can recommend return."))
    _raise(errors)
    assert determined_on is not None
    return BestInterestsDetermination.objects.create(
        case=case, determined_on=determined_on, outcome=outcome, family_tracing=tracing,
        guardian_name=guardian, note=note, recorded_by=user)


# ------------------------------------------------------------------ plan

PLAN_FIELDS = ("travel_documents", "consular_contact", "escort", "reception", "travel_date")


def _plan_fields(case: Case, data: Mapping[str, Any], errors: Errors,
                 plan: ReturnPlan | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "travel_documents": _choice(errors, "travel_documents",
                                    data.get("travel_documents") or DocumentStatus.NOT_STARTED,
                                    DocumentStatus, _("Choose the status of the travel documents.")),
        "consular_contact": _note(errors, "consular_contact", data.get("consular_contact")),
        "escort": _note(errors, "escort", data.get("escort")),
        "reception": _note(errors, "reception", data.get("reception")),
        "travel_date": data.get("travel_date") or None,
    }
    if out["consular_contact"] and not case.has_consent("consulate"):
        errors.setdefault("consular_contact", []).append(_(
            "Consular contact refused: the person has not consented to sharing with the "
            "consulate. Record that consent on the case first."))
    travel_date = out["travel_date"]
    if travel_date is not None and not isinstance(travel_date, dt.date):
        errors.setdefault("travel_date", []).append(_("Give the travel date as a date."))
    elif (travel_date is not None and travel_date < timezone.localdate()
          and (plan is None or travel_date != plan.travel_date)):
        errors.setdefault("travel_date", []).append(_("The travel date cannot be in the past."))
    return out


def create_plan(user: Any, case: Case, data: Mapping[str, Any]) -> ReturnPlan:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    blockers = plan_blockers(case)
    if blockers:
        errors["__all__"] = list(blockers)
    if active_plan(case) is not None:
        errors.setdefault("__all__", []).append(
            _("This case already has a return plan in progress."))
    fields = _plan_fields(case, data, errors)
    _raise(errors)
    try:
        with transaction.atomic():
            return ReturnPlan.objects.create(case=case, created_by=user, updated_by=user,
                                             **fields)
    except IntegrityError:
        raise ValidationError(
            {"__all__": [_("This case already has a return plan in progress.")]}) from None


def _active_or_error(case: Case, errors: Errors) -> ReturnPlan | None:
    plan = active_plan(case)
    if plan is None:
        errors.setdefault("__all__", []).append(_("There is no return plan in progress."))
    return plan


def update_plan(user: Any, case: Case, data: Mapping[str, Any]) -> ReturnPlan:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    plan = _active_or_error(case, errors)
    fields = _plan_fields(case, data, errors, plan)
    _raise(errors)
    assert plan is not None
    with transaction.atomic():
        for key, value in fields.items():
            setattr(plan, key, value)
        plan.updated_by = user
        plan.save()
    return plan


def advance_plan(user: Any, case: Case, to: Any, travelled_on: Any = None) -> ReturnPlan:
    """planned -> ready -> travelled; refused while anything blocks the return."""
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    plan = _active_or_error(case, errors)
    target = _text(to)
    if plan is not None:
        expected = {PlanStatus.PLANNED: PlanStatus.READY,
                    PlanStatus.READY: PlanStatus.TRAVELLED}[PlanStatus(plan.status)]
        if target != expected:
            errors.setdefault("to", []).append(
                _("A plan that is “%(status)s” can only move to “%(next)s”.")
                % {"status": plan.get_status_display(), "next": expected.label})
        for blocker in plan_blockers(case):
            errors.setdefault("__all__", []).append(blocker)
        if plan.travel_documents not in DOCUMENTS_READY:
            errors.setdefault("__all__", []).append(
                _("The travel documents are not ready (issued, or not needed)."))
        if plan.travel_date is None:
            errors.setdefault("__all__", []).append(_("Set the travel date."))
        if not plan.reception:
            errors.setdefault("__all__", []).append(
                _("Record the reception arrangement in the place of return."))
        if is_child(case) and not plan.escort:
            errors.setdefault("__all__", []).append(
                _("A child travels with an escort: record the escort."))
    day: dt.date | None = None
    if target == PlanStatus.TRAVELLED:
        day = _date(errors, "travelled_on", travelled_on,
                    required=_("Give the date the person travelled."))
        if plan is not None and day is not None and day < timezone.localdate(plan.created_at):
            errors.setdefault("travelled_on", []).append(
                _("The date of travel cannot be before the plan was made."))
    _raise(errors)
    assert plan is not None
    with transaction.atomic():
        plan.status = target
        plan.updated_by = user
        if day is not None:
            plan.travelled_on = day
            FollowUp.objects.bulk_create(
                FollowUp(plan=plan, months=m, due_on=due) for m, due in follow_up_schedule(day))
        plan.save()
    return plan


def cancel_plan(user: Any, case: Case, reason: Any) -> ReturnPlan:
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    plan = _active_or_error(case, errors)
    text = _note(errors, "reason", reason, required=_("Say why the plan is cancelled."))
    _raise(errors)
    assert plan is not None
    with transaction.atomic():
        plan.status = PlanStatus.CANCELLED
        plan.cancel_reason = text
        plan.updated_by = user
        plan.save()
    return plan


# ------------------------------------------------------------------ follow-up


def pending_follow_ups(case: Case) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(plan__case=case, plan__status=PlanStatus.TRAVELLED,
                                   done_on__isnull=True).order_by("due_on", "id")


def record_follow_up(
    user: Any, case: Case, follow_up_id: Any, done_on: Any,
    outcomes: Mapping[str, Mapping[str, Any]],
) -> FollowUp:
    """``outcomes`` maps every :class:`FollowUpDomain` to ``{"rating": ..., "note": ...}``."""
    require(user, Action.RETURN_PLAN, case)
    errors: Errors = {}
    follow_up = pending_follow_ups(case).select_related("plan").filter(
        pk=_int(follow_up_id)).first()
    if follow_up is None:
        errors.setdefault("follow_up", []).append(
            _("Choose a follow-up of this case that is not recorded yet."))
    day = _date(errors, "done_on", done_on, required=_("Give the date of the follow-up."))
    if (follow_up is not None and day is not None and follow_up.plan.travelled_on
            and day < follow_up.plan.travelled_on):
        errors.setdefault("done_on", []).append(
            _("A follow-up cannot be before the date of travel."))
    rows: list[FollowUpOutcome] = []
    for domain in FollowUpDomain:
        given = outcomes.get(domain.value) or {}
        rating = _choice(errors, f"rating_{domain.value}", given.get("rating"), Outcome,
                         _("Rate “%(area)s”: OK, concern, serious or unknown.")
                         % {"area": domain.label})
        note = _note(errors, f"note_{domain.value}", given.get("note"),
                     required=(_("Explain the serious outcome for “%(area)s”.")
                               % {"area": domain.label}) if rating == Outcome.SERIOUS
                     else None)
        rows.append(FollowUpOutcome(domain=domain.value, rating=rating, note=note))
    _raise(errors)
    assert follow_up is not None and day is not None
    with transaction.atomic():
        follow_up.done_on = day
        follow_up.recorded_by = user
        follow_up.recorded_at = timezone.now()
        follow_up.save(update_fields=["done_on", "recorded_by", "recorded_at"])
        for row in rows:
            row.follow_up = follow_up
        FollowUpOutcome.objects.bulk_create(rows)
    return follow_up
