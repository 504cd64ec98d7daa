"""Pages for legal measures: record one, see its non-punishment analysis, track it."""

from __future__ import annotations

import logging
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.cases.models import Case
from wayhome.domain import letters
from wayhome.security.policy import Action, require

from . import services
from .forms import MeasureForm, RequestedForm, ResolveForm
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
            for field, errs in exc.message_dict.items():
                for err in errs:
                    form.add_error(field if field in form.fields else None, err)
        else:
            messages.success(request, _("Measure recorded."))
            return redirect("nonpunishment:detail", pk=measure.pk)
    return render(request, "nonpunishment/form.html", {"form": form, "case": case})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure(pk)
    require(request.user, Action.MEASURE_VIEW, measure.case)
    return render(request, "nonpunishment/detail.html", {
        "measure": measure, "case": measure.case, "a": services.analysis(measure),
        "resolve_form": ResolveForm(), "requested_form": RequestedForm(),
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


@login_required
@require_GET
def letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The request letter for this measure as a PDF: English, then the authority's language.

    Only once reasonable grounds are recorded (non-punishment applies from then). The
    letter names the case by its case number only, never the person.
    """
    measure = _measure(pk)
    require(request.user, Action.MEASURE_RECORD, measure.case)  # before anything else
    analysis = services.analysis(measure)
    since = analysis["protected_since"]
    if not analysis["applies_now"] or since is None:
        messages.error(request, _(
            "No reasonable-grounds decision is recorded yet, so there is no request letter: "
            "non-punishment applies from the moment reasonable grounds are recorded. Finish "
            "the screening and record the decision first."))
        return redirect("nonpunishment:detail", pk=pk)
    case = measure.case
    facts = letters.LetterFacts(
        organisation=case.organisation.name,
        case_number=case.case_number,
        letter_date=timezone.localdate(),
        grounds_recorded_on=timezone.localdate(since),
        measure=letters.MeasureFacts(ordered_on=measure.ordered_on,
                                     authority=measure.authority,
                                     reference=measure.reference),
    )
    try:
        pdf = letters.request_letter_pdf(analysis, facts)
    except letters.LetterError as exc:
        # The class only: the message may quote characters of the (encrypted) reference.
        log.warning("request letter for measure %s not made: %s", measure.pk,
                    type(exc).__name__)
        messages.error(request, _(
            "The request letter could not be made: %(reason)s") % {"reason": exc})
        return redirect("nonpunishment:detail", pk=pk)
    name = re.sub(r"[^A-Za-z0-9-]+", "-", f"non-punishment-request-{case.case_number}-{pk}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "no-store"  # personal data: keep it out of caches
    return response
