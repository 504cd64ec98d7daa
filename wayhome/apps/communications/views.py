"""Analyst pages for communications, replies, press releases and recommendations.

Each view asks the policy before reading any input (``COMMS_VIEW`` to read,
``COMMS_EDIT`` to write; both analysts only) and hands writes to services.py, which
validates everything and writes nothing on bad input.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wayhome.apps.forms import add_errors
from wayhome.security.policy import Action, decide, require

from . import services
from .forms import CommunicationForm, PressReleaseForm, ReplyForm, StateActionForm
from .models import Communication, PressRelease, Recommendation


def _can_edit(request: HttpRequest) -> bool:
    return decide(request.user, Action.COMMS_EDIT).allowed


@login_required
@require_GET
def communication_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMMS_VIEW)
    rows = [services.communication_status(c)
            for c in services.with_answers(Communication.objects.all())]
    return render(request, "communications/list.html", {
        "rows": rows, "can_edit": _can_edit(request),
        "press_releases": PressRelease.objects.prefetch_related("communications")[:20],
    })


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.COMMS_VIEW)
    comm = get_object_or_404(services.with_answers(Communication.objects.all()), pk=pk)
    return render(request, "communications/detail.html", {
        "st": services.communication_status(comm), "c": comm, "can_edit": _can_edit(request),
        "country_name": services.country_name(comm.country),
    })


@login_required
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMMS_EDIT)
    form = CommunicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            comm = services.create_communication(request.user, form.cleaned_data,
                                                 form.question_lines())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Communication %(ref)s recorded.")
                             % {"ref": comm.reference})
            return redirect("communications:detail", pk=comm.pk)
    return render(request, "communications/form.html", {
        "form": form, "title": _("Record a communication")})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.COMMS_EDIT)
    comm = get_object_or_404(Communication.objects.prefetch_related("questions"), pk=pk)
    form = CommunicationForm(request.POST or None,
                             initial=CommunicationForm.initial_for(comm))
    if request.method == "POST" and form.is_valid():
        try:
            comm = services.update_communication(request.user, comm, form.cleaned_data,
                                                 form.question_lines())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Communication %(ref)s saved.") % {"ref": comm.reference})
            return redirect("communications:detail", pk=comm.pk)
    return render(request, "communications/form.html", {
        "form": form, "c": comm,
        "title": _("Edit communication %(ref)s") % {"ref": comm.reference}})


@login_required
@require_http_methods(["GET", "POST"])
def reply_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.COMMS_EDIT)
    comm = get_object_or_404(Communication.objects.prefetch_related("questions"), pk=pk)
    form = ReplyForm(request.POST or None, questions=list(comm.questions.all()))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_reply(request.user, comm, form.cleaned_data, form.assessments())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Reply recorded."))
            return redirect("communications:detail", pk=comm.pk)
    return render(request, "communications/reply_form.html", {"form": form, "c": comm})


@login_required
@require_http_methods(["GET", "POST"])
def press_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMMS_EDIT)
    form = PressReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_press_release(request.user, form.cleaned_data,
                                       list(form.cleaned_data["communications"]))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Press release recorded."))
            return redirect("communications:list")
    return render(request, "communications/simple_form.html", {
        "form": form, "title": _("Record a press release")})


@login_required
@require_GET
def states(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMMS_VIEW)
    return render(request, "communications/states.html", {"rows": services.states_overview()})


@login_required
@require_GET
def state(request: HttpRequest, code: str) -> HttpResponse:
    require(request.user, Action.COMMS_VIEW)
    if not services.is_addressee_code(code):
        raise Http404(_("Not a country code."))
    summary = services.state_summary(code)
    return render(request, "communications/state.html", {"s": summary})


@login_required
@require_GET
def recommendations(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMMS_VIEW)
    groups: list[tuple[str, list[Recommendation]]] = []
    for rec in services.recommendations():
        if not groups or groups[-1][0] != rec.group_title:
            groups.append((rec.group_title, []))
        groups[-1][1].append(rec)
    return render(request, "communications/recommendations.html", {
        "groups": groups, "can_edit": _can_edit(request)})


@login_required
@require_http_methods(["GET", "POST"])
def state_action_new(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.COMMS_EDIT)
    rec = get_object_or_404(Recommendation, pk=pk)
    form = StateActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_state_action(request.user, rec, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("State action recorded."))
            return redirect("communications:recommendations")
    return render(request, "communications/simple_form.html", {
        "form": form, "rec": rec,
        "title": _("Record a state's action on recommendation %(id)s") % {"id": rec.key}})
