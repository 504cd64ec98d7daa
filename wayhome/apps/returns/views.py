"""The return page of a case (/returns/cases/<number>/), its forms, and the list of
reintegration follow-ups due for the organisation.

Every view asks the policy (``require``) before it reads any input. A form with bad
input, or an action the rules refuse, re-renders the page with the reasons and writes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wayhome.apps.audit.log import record as audit
from wayhome.apps.cases.forms import INTERVIEW_LANGUAGES
from wayhome.apps.cases.models import Case
from wayhome.apps.forms import add_errors
from wayhome.security.policy import Action, decide, require, visible_cases

from . import services
from .forms import (
    AdvanceForm,
    BestInterestsForm,
    CancelForm,
    ClearForm,
    ConsentForm,
    FollowUpForm,
    OptionForm,
    PlanForm,
    RiskAssessmentForm,
    WithdrawForm,
)
from .labels import factor_hint, factor_label
from .models import FollowUp, FollowUpDomain, PlanStatus


def _case(number: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("organisation", "person"), case_number=number)


def _who(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


# ------------------------------------------------------------------ the page


def _forms(case: Case) -> dict[str, Any]:
    """Unbound forms, with the active plan's values as initial data."""
    plan = services.active_plan(case)
    plan_initial: dict[str, Any] = {}
    if plan is not None:
        plan_initial = {"travel_documents": plan.travel_documents, "escort": plan.escort,
                        "reception": plan.reception, "travel_date": plan.travel_date}
        if case.has_consent("consulate"):
            plan_initial["consular_contact"] = plan.consular_contact
    return {
        "option_form": OptionForm(auto_id="option_%s",
                                  initial={"decided_on": timezone.localdate()}),
        "assess_form": RiskAssessmentForm(auto_id="assess_%s",
                                          factors=services.factors_for(case)),
        "clear_form": None,
        "consent_form": ConsentForm(auto_id="consent_%s"),
        "withdraw_form": WithdrawForm(auto_id="withdraw_%s"),
        "bid_form": BestInterestsForm(auto_id="bid_%s"),
        "plan_form": PlanForm(auto_id="plan_%s", initial=plan_initial),
        "advance_form": AdvanceForm(auto_id="advance_%s"),
        "cancel_form": CancelForm(auto_id="cancel_%s"),
        "follow_up_form": FollowUpForm(auto_id="followup_%s",
                                       follow_ups=list(services.pending_follow_ups(case))),
    }


def _page(request: HttpRequest, case: Case, **bound: forms.Form) -> HttpResponse:
    today = timezone.localdate()
    ctx: dict[str, Any] = {"case": case, "today": today, "is_child": services.is_child(case),
                           "schedule": ", ".join(str(m) for m in services.FOLLOW_UP_MONTHS)}
    ctx.update(_forms(case))
    ctx.update(bound)

    ctx["option"] = services.current_option(case)
    ctx["options"] = case.return_options.select_related("recorded_by")

    assessment = services.latest_assessment(case)
    ctx["assessment"] = assessment
    ctx["assessment_count"] = case.risk_assessments.count()
    rows: list[dict[str, Any]] = []
    if assessment is not None:
        for r in assessment.ratings.select_related("cleared_by"):
            rows.append({"rating": r, "label": factor_label(r.factor),
                         "cleared_by": _who(r.cleared_by),
                         "clear_form": ClearForm(auto_id=f"clear{r.pk}_%s",
                                                 initial={"rating": r.pk})})
        ctx["assessor"] = _who(assessment.assessor)
    ctx["ratings"] = rows
    ctx["blocking"] = [row for row in rows if row["rating"].blocks]
    assess_form = ctx["assess_form"]
    ctx["assess_rows"] = [
        {"label": factor_label(f), "hint": factor_hint(f),
         "rating": assess_form[f"rating_{f.id}"], "note": assess_form[f"note_{f.id}"]}
        for f in assess_form.factors]

    languages = dict(INTERVIEW_LANGUAGES)
    consent = services.latest_consent(case)
    ctx["consent"] = consent
    ctx["consent_language"] = languages.get(consent.language, consent.language) if consent else ""
    consents = list(case.return_consents.select_related("recorded_by", "withdrawn_by"))
    for c in consents:
        c.language_name = languages.get(c.language, c.language)  # type: ignore[attr-defined]
    ctx["consents"] = consents
    ctx["bids"] = case.best_interests.select_related("recorded_by")
    ctx["consulate_consent"] = case.has_consent("consulate")

    ctx["plan"] = services.active_plan(case)
    ctx["blockers"] = services.plan_blockers(case)
    ctx["plans"] = case.return_plans.select_related("created_by", "updated_by")

    follow_ups = list(
        FollowUp.objects.filter(plan__case=case, plan__status=PlanStatus.TRAVELLED)
        .select_related("recorded_by").prefetch_related("outcomes").order_by("due_on", "id"))
    ctx["follow_ups"] = [{"f": f, "overdue": f.is_overdue(today),
                          "recorded_by": _who(f.recorded_by)} for f in follow_ups]
    fu_form = ctx["follow_up_form"]
    ctx["follow_up_rows"] = [
        {"label": d.label, "rating": fu_form[f"rating_{d.value}"],
         "note": fu_form[f"note_{d.value}"]} for d in FollowUpDomain]
    ctx["has_pending_follow_up"] = any(not f.is_done for f in follow_ups)
    return render(request, "returns/case.html", ctx)


@login_required
@require_GET
def case_page(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.RETURN_VIEW, case)
    return _page(request, case)


# ------------------------------------------------------------------ the forms


def _handle(
    request: HttpRequest, number: str, action: Action, name: str,
    make: Callable[[Case], forms.Form], act: Callable[[Any, Case, Any], Any], done: str,
) -> HttpResponse:
    case = _case(number)
    require(request.user, action, case)  # before reading any input
    form = make(case)
    if form.is_valid():
        try:
            act(request.user, case, form)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("returns:case", number=case.case_number)
    messages.error(request, _("Nothing was saved: see the reasons below."))
    return _page(request, case, **{name: form})


@login_required
@require_POST
def choose_option(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "option_form",
        lambda case: OptionForm(request.POST, auto_id="option_%s"),
        lambda user, case, form: services.choose_option(user, case, form.cleaned_data),
        _("Option recorded."))


@login_required
@require_POST
def assess(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "assess_form",
        lambda case: RiskAssessmentForm(request.POST, auto_id="assess_%s",
                                        factors=services.factors_for(case)),
        lambda user, case, form: services.assess_risk(user, case, form.ratings()),
        _("Risk assessment recorded."))


@login_required
@require_POST
def clear(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_REVIEW, "clear_form",
        lambda case: ClearForm(request.POST, auto_id="clear_%s"),
        lambda user, case, form: services.clear_rating(
            user, case, form.cleaned_data["rating"], form.cleaned_data["reason"]),
        _("High rating cleared; the reason is recorded."))


@login_required
@require_POST
def consent(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "consent_form",
        lambda case: ConsentForm(request.POST, auto_id="consent_%s"),
        lambda user, case, form: services.record_consent(user, case, form.cleaned_data),
        _("Consent to return recorded."))


@login_required
@require_POST
def withdraw_consent(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "withdraw_form",
        lambda case: WithdrawForm(request.POST, auto_id="withdraw_%s"),
        lambda user, case, form: services.withdraw_consent(user, case, form.cleaned_data["note"]),
        _("Withdrawal of consent recorded."))


@login_required
@require_POST
def best_interests(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "bid_form",
        lambda case: BestInterestsForm(request.POST, auto_id="bid_%s"),
        lambda user, case, form: services.record_best_interests(user, case, form.cleaned_data),
        _("Best-interests determination recorded."))


@login_required
@require_POST
def plan_new(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "plan_form",
        lambda case: PlanForm(request.POST, auto_id="plan_%s"),
        lambda user, case, form: services.create_plan(user, case, form.cleaned_data),
        _("Return plan created."))


@login_required
@require_POST
def plan_update(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "plan_form",
        lambda case: PlanForm(request.POST, auto_id="plan_%s"),
        lambda user, case, form: services.update_plan(user, case, form.cleaned_data),
        _("Return plan updated."))


@login_required
@require_POST
def plan_advance(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "advance_form",
        lambda case: AdvanceForm(request.POST, auto_id="advance_%s"),
        lambda user, case, form: services.advance_plan(
            user, case, form.cleaned_data["to"], form.cleaned_data["travelled_on"]),
        _("Return plan moved on."))


@login_required
@require_POST
def plan_cancel(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "cancel_form",
        lambda case: CancelForm(request.POST, auto_id="cancel_%s"),
        lambda user, case, form: services.cancel_plan(user, case, form.cleaned_data["reason"]),
        _("Return plan cancelled."))


@login_required
@require_POST
def follow_up(request: HttpRequest, number: str) -> HttpResponse:
    return _handle(
        request, number, Action.RETURN_PLAN, "follow_up_form",
        lambda case: FollowUpForm(request.POST, auto_id="followup_%s",
                                  follow_ups=list(services.pending_follow_ups(case))),
        lambda user, case, form: services.record_follow_up(
            user, case, form.cleaned_data["follow_up"], form.cleaned_data["done_on"],
            form.outcomes()),
        _("Follow-up recorded."))


# ------------------------------------------------------------------ the reminder


@login_required
@require_GET
def due(request: HttpRequest) -> HttpResponse:
    """Follow-ups due or overdue, for the cases whose return data the user may see."""
    user = request.user
    require(user, Action.RETURN_VIEW)
    today = timezone.localdate()
    rows = [f for f in services.due_follow_ups(today,
                                               cases=visible_cases(user, Action.RETURN_VIEW))
            if decide(user, Action.RETURN_VIEW, f.plan.case)]
    audit(user, "return.due_list", object_type="case", object_id="",
          detail="cases " + ",".join(str(f.plan.case_id) for f in rows)[:190])
    return render(request, "returns/due.html", {
        "today": today, "window": services.DUE_WINDOW_DAYS,
        "rows": [{"f": f, "overdue": f.is_overdue(today),
                  "days": abs((f.due_on - today).days)} for f in rows],
    })
