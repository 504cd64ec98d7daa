"""Tracing pages: the tracer's family reports and candidates (/tracing/reports/...) and
the case team's disclosure requests (/tracing/requests/...).

Every view asks the policy (``require``) before it reads anything. A form with bad input
re-renders the page with the reasons and writes nothing.
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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.forms import add_errors
from wayhome.security.policy import Action, decide, require

from . import services
from .forms import (
    AdultAnswerForm,
    BestInterestsForm,
    CloseForm,
    ConsentForm,
    RejectForm,
    ReopenForm,
    ReportForm,
)
from .labels import field_label, level_label
from .models import Candidate, DisclosureRequest, FamilyConsent, FamilyReport


def _all_problems(form: forms.Form, data: Any) -> None:
    """The form refused some fields; add what the services find in the others, so the
    tracer sees every problem at once rather than one round at a time."""
    for check in (services.clean_report, services.clean_consent):
        try:
            check(data)
        except ValidationError as exc:
            for field, msgs in exc.message_dict.items():
                if field in form.fields and field not in form.errors:
                    for msg in msgs:
                        form.add_error(field, msg)


def _report(ref: str) -> FamilyReport:
    return get_object_or_404(FamilyReport.objects.select_related("organisation"),
                             reference=ref)


# ------------------------------------------------------------------ tracer


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Open reports by default; ``?status=closed`` or ``?status=all`` for the others."""
    require(request.user, Action.TRACE_REPORT_LIST)
    shown = request.GET.get("status") or "open"
    if shown not in services.LIST_FILTERS:
        messages.error(request, _("Show open, closed or all reports."))
        shown = "open"
    reports = list(services.reports_for_list(request.user, shown))
    return render(request, "tracing/reports.html", {"reports": reports, "shown": shown})


@login_required
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.TRACE_REPORT_CREATE)
    form = ReportForm(request.POST or None, initial={"consent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            report = services.create_report(request.user, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Family report recorded."))
            return redirect("tracing:report", report.reference)
    elif request.method == "POST":
        _all_problems(form, request.POST)
    return render(request, "tracing/report_new.html", {"form": form})


def _evidence_rows(candidate: Candidate) -> dict[str, Any]:
    ev = candidate.evidence or {}
    return {
        "registered_name": ev.get("registered_name", ""),
        "report_name": ev.get("report_name", ""),
        "variants": ev.get("variants", {}),
        "name_level": level_label("name", ev.get("name_level", "")),
        "name_similarity": ev.get("name_similarity"),
        "levels": [{"field": field_label(lv["field"]),
                    "level": level_label(lv["field"], lv["level"]),
                    "weight": lv["weight"]} for lv in ev.get("levels", [])],
        "agreed": [{"field": field_label(a["field"]),
                    "level": level_label(a["field"], a["level"]), "value": a["value"]}
                   for a in ev.get("fields_agreed", [])],
        "country": ev.get("country", ""),
    }


def _gate(user: Any, action: Action, record: Any) -> None:
    """Refuse (audited) before any input is read; an allowed call is audited once, by the
    service that does the work."""
    if not decide(user, action, record):
        require(user, action, record)


def _report_page(request: HttpRequest, report: FamilyReport, **bound: Any) -> HttpResponse:
    # Asks the policy for the report (audited) before anything is read, then for each
    # candidate shown.
    shown = services.candidates_for_tracer(request.user, report)
    consents = list(report.consents.select_related("recorded_by"))  # the latest first
    family_consent = FamilyConsent.allows_tracing(consents[0] if consents else None)
    rows = [{"c": c, "ev": _evidence_rows(c),
             "outcome": services.tracer_outcome(c, family_consent=family_consent),
             "reject_form": RejectForm(auto_id=f"reject{c.pk}_%s")} for c in shown]
    ctx: dict[str, Any] = {
        "report": report, "rows": rows, "consent": consents[0] if consents else None,
        "consents": consents,
        "consent_form": bound.get("consent_form") or ConsentForm(
            auto_id="consent_%s", initial={"consent_on": timezone.localdate()}),
        "match_errors": bound.get("match_errors", []),
        "is_open": report.status == FamilyReport.Status.OPEN,
        "status_changes": list(report.status_changes.select_related("changed_by")),
        "close_form": bound.get("close_form") or CloseForm(auto_id="close_%s"),
        "reopen_form": bound.get("reopen_form") or ReopenForm(auto_id="reopen_%s"),
    }
    return render(request, "tracing/report.html", ctx)


@login_required
@require_GET
def report_detail(request: HttpRequest, ref: str) -> HttpResponse:
    return _report_page(request, _report(ref))


@login_required
@require_POST
def report_consent(request: HttpRequest, ref: str) -> HttpResponse:
    report = _report(ref)
    _gate(request.user, Action.TRACE_REPORT_VIEW, report)
    form = ConsentForm(request.POST, auto_id="consent_%s")
    if form.is_valid():
        try:
            services.record_family_consent(request.user, report, form.cleaned_data["granted"],
                                           form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The family's consent is recorded.")
                             if form.cleaned_data["granted"]
                             else _("The family's refusal or withdrawal of consent is recorded: "
                                    "the report is no longer matched."))
            return redirect("tracing:report", report.reference)
    return _report_page(request, report, consent_form=form)


@login_required
@require_POST
def report_match(request: HttpRequest, ref: str) -> HttpResponse:
    report = _report(ref)
    try:
        summary = services.match_report(request.user, report)
    except ValidationError as exc:
        return _report_page(request, report, match_errors=exc.messages)
    messages.success(request, _("Matching done: %(new)d new candidates, %(upd)d updated, "
                                "%(rem)d no longer found.")
                     % {"new": summary.created, "upd": summary.updated,
                        "rem": summary.removed})
    return redirect("tracing:report", report.reference)


@login_required
@require_POST
def report_close(request: HttpRequest, ref: str) -> HttpResponse:
    report = _report(ref)
    _gate(request.user, Action.TRACE_REPORT_CLOSE, report)
    return _submit(
        request, CloseForm(request.POST, auto_id="close_%s"),
        lambda data: services.close_report(request.user, report, data),
        _("The report is closed: it is no longer matched, and its candidates cannot be "
          "confirmed until it is re-opened."),
        ("tracing:report", report.reference),
        lambda form: _report_page(request, report, close_form=form))


@login_required
@require_POST
def report_reopen(request: HttpRequest, ref: str) -> HttpResponse:
    report = _report(ref)
    _gate(request.user, Action.TRACE_REPORT_REOPEN, report)
    return _submit(
        request, ReopenForm(request.POST, auto_id="reopen_%s"),
        lambda data: services.reopen_report(request.user, report, data),
        _("The report is open again: it is matched again."),
        ("tracing:report", report.reference),
        lambda form: _report_page(request, report, reopen_form=form))


def _submit(request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], Any],
            done: str, back: tuple[str, Any],
            again: Callable[[forms.Form], HttpResponse]) -> HttpResponse:
    """A posted form: valid and saved, a message and a redirect to ``back``; otherwise the
    page again (``again``) with the form's and the service's errors."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(*back)
    return again(form)


def _candidate(pk: int) -> Candidate:
    return get_object_or_404(Candidate.objects.select_related(
        "report", "report__organisation", "case"), pk=pk)


def _decide(request: HttpRequest, pk: int, act: Callable[[Candidate], Any],
            done: str) -> HttpResponse:
    """A tracer's decision on a candidate (the service asks the policy first): a message
    either way, back to the report."""
    candidate = _candidate(pk)
    try:
        act(candidate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("tracing:report", candidate.report.reference)


@login_required
@require_POST
def candidate_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, lambda c: services.confirm(request.user, c),
                   _("Match confirmed. The family is told nothing until the person has "
                     "been asked."))


@login_required
@require_POST
def candidate_reject(request: HttpRequest, pk: int) -> HttpResponse:
    # The service asks the policy before it reads the reason.
    return _decide(request, pk, lambda c: services.reject(
        request.user, c, request.POST.get("reason", "")), _("Candidate rejected."))


@login_required
@require_POST
def candidate_ask_again(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmed candidate whose request was withdrawn when the report was closed: the
    report open again, the team holding the person is asked again."""
    return _decide(request, pk, lambda c: services.ask_again(request.user, c),
                   _("The team holding the registered person will ask them again. The "
                     "family is told nothing until the person has been asked."))


# ------------------------------------------------------------------ case team


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """The case team's list; the role grant is the rule here (a list, filtered to the
    organisation's own cases), each request's page checks its case."""
    require(request.user, Action.TRACE_DISCLOSURE_DECIDE)
    return render(request, "tracing/requests.html",
                  {"requests": list(services.requests_for_team(request.user))})


def _request(pk: int) -> DisclosureRequest:
    return get_object_or_404(DisclosureRequest.objects.select_related(
        "candidate", "candidate__case", "candidate__case__person",
        "candidate__case__organisation", "candidate__report",
        "candidate__report__organisation", "answered_by", "consent"), pk=pk)


def _request_page(request: HttpRequest, item: DisclosureRequest, **bound: Any) -> HttpResponse:
    case = item.candidate.case
    require(request.user, Action.TRACE_DISCLOSURE_DECIDE, case)
    ctx = {"item": item, "case": case, "report": item.candidate.report,
           "is_child": services._is_child(case),
           "adult_form": bound.get("adult_form") or AdultAnswerForm(auto_id="adult_%s"),
           "bid_form": bound.get("bid_form") or BestInterestsForm(auto_id="bid_%s")}
    return render(request, "tracing/request.html", ctx)


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _request_page(request, _request(pk))


@login_required
@require_POST
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_decision(request, pk, AdultAnswerForm, "adult", services.record_adult_answer,
                            _("The person's answer is recorded."))


@login_required
@require_POST
def request_best_interests(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_decision(request, pk, BestInterestsForm, "bid",
                            services.record_best_interests,
                            _("The best-interests determination is recorded."))


def _record_decision(request: HttpRequest, pk: int, form_class: type[forms.Form], prefix: str,
                     record: Callable[[Any, DisclosureRequest, dict[str, Any]], Any],
                     done: str) -> HttpResponse:
    """The case team's answer on a request: the adult's own, or a child's best interests."""
    item = _request(pk)
    _gate(request.user, Action.TRACE_DISCLOSURE_DECIDE, item.candidate.case)
    return _submit(request, form_class(request.POST, auto_id=f"{prefix}_%s"),
                   lambda data: record(request.user, item, data), done,
                   ("tracing:request", item.pk),
                   lambda form: _request_page(request, item, **{f"{prefix}_form": form}))
