"""Pages for legal measures: record one, see its non-punishment analysis, track it."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.cases.models import Case
from wayhome.apps.forms import add_errors
from wayhome.domain import letters
from wayhome.security.policy import Action, require

from . import services
from .forms import LetterCheckedForm, MeasureForm, RequestedForm, ResolveForm
from .models import LegalMeasure

log = logging.getLogger(__name__)


def _case(number: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("organisation", "protection"), case_number=number)


def _measure(pk: int) -> LegalMeasure:
    return get_object_or_404(
        LegalMeasure.objects.select_related("case", "case__organisation", "case__protection",
                                            "recorded_by"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.MEASURE_RECORD, case)
    form = MeasureForm(request.POST or None, initial={"country": case.organisation.country})
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.record_measure(request.user, case, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Measure recorded."))
            return redirect("nonpunishment:detail", pk=measure.pk)
    return render(request, "nonpunishment/form.html", {"form": form, "case": case})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(pk)
    require(request.user, Action.MEASURE_VIEW, measure.case)
    analysis = services.analysis(measure)
    to_verify = services.letter_to_verify(analysis)
    return render(request, "nonpunishment/detail.html", {
        "measure": measure, "case": measure.case, "a": analysis,
        "resolve_form": ResolveForm(), "requested_form": RequestedForm(),
        "to_verify": to_verify,
        "checked_form": LetterCheckedForm(keys=[u["key"] for u in to_verify]),
    })


@login_required
@require_POST
def requested(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(pk)
    require(request.user, Action.MEASURE_RECORD, measure.case)  # before reading any input
    form = RequestedForm(request.POST)
    if form.is_valid():
        try:
            services.mark_requested(request.user, measure, form.cleaned_data["requested_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Request recorded."))
    else:
        messages.error(request, _("Give the date the request was sent."))
    return redirect("nonpunishment:detail", pk=pk)


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(pk)
    require(request.user, Action.MEASURE_RECORD, measure.case)  # before reading any input
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.resolve(request.user, measure, form.cleaned_data["resolved_on"],
                             form.cleaned_data["outcome"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Measure resolved."))
    else:
        messages.error(request, _("Give the date and the outcome."))
    return redirect("nonpunishment:detail", pk=pk)


def _no_letter_yet(request: HttpRequest, analysis: dict[str, Any]) -> bool:
    if analysis["applies_now"] and analysis["protected_since"] is not None:
        return False
    messages.error(request, _(
        "No reasonable-grounds decision is recorded yet, so there is no request letter: "
        "non-punishment applies from the moment reasonable grounds are recorded. Finish "
        "the screening and record the decision first."))
    return True


def _letter_response(request: HttpRequest, measure: LegalMeasure, analysis: dict[str, Any],
                     checked: list[str] | None = None) -> HttpResponse:
    """The draft letter (``checked`` None), or the letter to send with the provisions in
    ``checked`` confirmed as checked (recorded only once the letter is made)."""
    try:
        if checked is None:
            composed, pdf = services.build_letter(measure, analysis, [])
        else:
            composed, pdf = services.letter_to_send(request.user, measure, analysis, checked)
    except letters.LetterError as exc:
        # The class only: the message may quote characters of the (encrypted) reference.
        log.warning("request letter for measure %s not made: %s", measure.pk,
                    type(exc).__name__)
        messages.error(request, _(
            "The request letter could not be made: %(reason)s") % {"reason": exc})
        return redirect("nonpunishment:detail", pk=measure.pk)
    draft = "DRAFT-" if any(letter.is_draft for letter in composed) else ""
    case_number = measure.case.case_number
    name = re.sub(r"[^A-Za-z0-9-]+", "-",
                  f"{draft}non-punishment-request-{case_number}-{measure.pk}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "no-store"  # personal data: keep it out of caches
    return response


@login_required
@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The request letter for this measure as a PDF: English, then the authority's language.

    Only once reasonable grounds are recorded (non-punishment applies from then). The
    letter names the case by its case number only, never the person. While it cites a
    provision the law data marks "to verify", this is the draft: a notice on top, each
    such citation marked [TO VERIFY], "not to be sent" in the footer (see
    ``letter_checked`` for the letter to send).
    """
    measure = _measure(pk)
    require(request.user, Action.MEASURE_RECORD, measure.case)  # before anything else
    analysis = services.analysis(measure)
    if _no_letter_yet(request, analysis):
        return redirect("nonpunishment:detail", pk=pk)
    return _letter_response(request, measure, analysis)


@login_required
@require_POST
def letter_checked(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter to send, without the [TO VERIFY] marks: only once the staff member
    confirms having checked each provision the page listed as to verify (the same list
    as now, recorded in the audit log under their name)."""
    measure = _measure(pk)
    require(request.user, Action.MEASURE_RECORD, measure.case)  # before reading any input
    analysis = services.analysis(measure)
    if _no_letter_yet(request, analysis):
        return redirect("nonpunishment:detail", pk=pk)
    keys = [u["key"] for u in services.letter_to_verify(analysis)]
    if keys:  # with nothing to verify, the letter is the one to send already
        form = LetterCheckedForm(request.POST, keys=keys)
        if not form.is_valid():
            for error in form.errors.get("checked", []) + form.errors.get("citations", []):
                messages.error(request, str(error))
            return redirect("nonpunishment:detail", pk=pk)
    return _letter_response(request, measure, analysis, keys)
