"""Pages for the directory of services, needs and referrals (case team), and the
provider's inbox.

Every view asks the policy before it reads any input. The provider's pages are built
from a summary of the case made here (case number, sex, age band, languages,
interpreter need, child flag, the referral message): the templates never receive the
case or the person, so a name, a contact or the narrative cannot leak into them.
"""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.accounts.models import Organisation
from wayhome.apps.audit.log import record as audit
from wayhome.apps.cases.models import Case, ConsentPurpose
from wayhome.apps.forms import add_errors
from wayhome.security.policy import Action, decide, require, visible_referrals

from . import services
from .forms import (
    DirectoryFilterForm,
    NeedsForm,
    RespondForm,
    SendForm,
    ServiceForm,
    WithdrawForm,
)
from .models import (
    PROVIDER_STATUSES,
    Referral,
    ReferralEvent,
    ReferralStatus,
)


def _case(number: str) -> Case:
    return get_object_or_404(Case.objects.select_related("organisation", "person"),
                             case_number=number)


def _organisation(request: HttpRequest) -> Organisation:
    """The logged-in user's organisation (every view here requires a login)."""
    org = getattr(request.user, "organisation", None)
    if org is None:
        raise PermissionDenied
    return cast(Organisation, org)


def _referral(pk: int) -> Referral:
    return get_object_or_404(
        Referral.objects.select_related("case", "case__organisation", "case__person",
                                        "service", "service__organisation", "sent_by"),
        pk=pk)


def _as_provider(exc: ValidationError) -> ValidationError:
    """``add_service`` names the provider ``organisation``; the service form calls that
    field ``provider``, so its messages go there."""
    if not hasattr(exc, "error_dict"):
        return exc
    errors: dict[str, list[str]] = {}
    for field, errs in exc.message_dict.items():
        errors.setdefault("provider" if field == "organisation" else field, []).extend(errs)
    return ValidationError(errors)


# -- directory (case team and providers) -------------------------------------------------

@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.SERVICE_DIRECTORY)
    form = DirectoryFilterForm(request.GET or None)
    country = kind = takes = ""
    if form.is_valid():
        country = form.cleaned_data["country"]
        kind = form.cleaned_data["kind"]
        takes = form.cleaned_data["takes"]
    return render(request, "referrals/directory.html", {
        "form": form,
        "services": services.directory(country, kind, takes),
        "can_add": decide(request.user, Action.SERVICE_ADD).allowed,
    })


@login_required
@require_http_methods(["GET", "POST"])
def service_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.SERVICE_ADD)
    form = ServiceForm(request.POST or None,
                       initial={"country": _organisation(request).country})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()
                if k not in ("provider", "new_provider_name")}
        try:
            service = services.add_service(
                request.user, data, organisation=form.cleaned_data["provider"],
                new_organisation_name=form.cleaned_data["new_provider_name"])
        except ValidationError as exc:
            add_errors(form, _as_provider(exc))
        else:
            messages.success(request, _("Service added to the directory."))
            return redirect(f"{reverse('referrals:directory')}"
                            f"?country={service.country}&kind={service.kind}")
    return render(request, "referrals/service_form.html", {"form": form})


# -- a case's needs and referrals (case team) --------------------------------------------

@login_required
@require_GET
def case_referrals(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.REFERRAL_VIEW, case)
    referrals = list(case.referrals.select_related("service", "service__organisation",
                                                   "sent_by"))
    events: dict[int, list[ReferralEvent]] = {r.pk: [] for r in referrals}
    for e in ReferralEvent.objects.filter(referral__case=case).select_related("by"):
        events[e.referral_id].append(e)
    for r in referrals:
        r.history = events[r.pk]  # type: ignore[attr-defined]
    needs = services.current_needs(case)
    referred_kinds = {r.service.kind for r in referrals
                      if r.status not in (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN)}
    return render(request, "referrals/case.html", {
        "case": case,
        "needs": needs,
        "open_needs": [(k, label) for k, label in (needs.need_labels if needs else [])
                       if k not in referred_kinds],
        "referrals": referrals,
        "has_consent": case.has_consent(ConsentPurpose.SERVICES),
        "can_send": decide(request.user, Action.REFERRAL_SEND, case).allowed,
        "can_assess": decide(request.user, Action.NEEDS_ASSESS, case).allowed,
    })


@login_required
@require_http_methods(["GET", "POST"])
def needs(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.NEEDS_ASSESS, case)
    current = services.current_needs(case)
    initial = {"needs": current.need_list} if current else {}
    form = NeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assess_needs(request.user, case, form.cleaned_data["needs"],
                                  form.cleaned_data["note"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Needs recorded."))
            return redirect("referrals:case", number=case.case_number)
    return render(request, "referrals/needs_form.html", {"form": form, "case": case,
                                                         "current": current})


@login_required
@require_http_methods(["GET", "POST"])
def send(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.REFERRAL_SEND, case)
    filters = DirectoryFilterForm(request.GET or {"country": case.organisation.country})
    country = kind = takes = ""
    if filters.is_valid():
        country, kind = filters.cleaned_data["country"], filters.cleaned_data["kind"]
        takes = filters.cleaned_data["takes"]
    candidates = services.directory(country, kind, takes)
    # Any active service may be chosen; the page lists those matching the filters.
    form = SendForm(request.POST or None, services=services.directory())
    if request.method == "POST" and form.is_valid():
        try:
            services.send_referral(request.user, case, form.cleaned_data["service"],
                                   message=form.cleaned_data["message"],
                                   with_family=form.cleaned_data["with_family"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Referral sent."))
            return redirect("referrals:case", number=case.case_number)
    cast(forms.ModelChoiceField, form.fields["service"]).queryset = candidates  # offered
    return render(request, "referrals/send.html", {
        "form": form, "filters": filters, "case": case, "has_candidates": candidates.exists(),
        "has_consent": case.has_consent(ConsentPurpose.SERVICES),
    })


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(pk)
    require(request.user, Action.REFERRAL_SEND, referral.case)  # before reading any input
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.change_status(request.user, referral, ReferralStatus.WITHDRAWN, note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Referral withdrawn."))
    return redirect("referrals:case", number=referral.case.case_number)


# -- the provider's inbox ----------------------------------------------------------------

ANSWER_LABELS = {
    ReferralStatus.ACCEPTED: gettext_lazy("Accept the referral"),
    ReferralStatus.DECLINED: gettext_lazy("Decline the referral"),
    ReferralStatus.COMPLETED: gettext_lazy("Mark the referral completed"),
}


def provider_summary(referral: Referral) -> dict[str, Any]:
    """From the case, only what the provider needs to take the person in."""
    person = getattr(referral.case, "person", None)
    return {
        "case_number": referral.case.case_number,
        "sex": person.get_sex_display() if person else "",
        "age_band": services.age_band(person),
        "age_is_estimate": bool(person and person.age_is_estimate),
        "child": bool(person and person.is_child_or_presumed),
        "languages": person.language_list if person else [],
        "interpreter_needed": bool(person and person.interpreter_needed),
        "with_family": referral.with_family,
        "message": referral.message,
    }


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.REFERRAL_INBOX)
    show = request.GET.get("show", "open")
    qs = visible_referrals(request.user).select_related("case", "service")
    if show != "all":
        qs = qs.filter(status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED])
    rows = [{"pk": r.pk, "case_number": r.case.case_number, "service": r.service.name,
             "kind": r.service.get_kind_display(), "status": r.get_status_display(),
             "status_code": r.status, "sent_at": r.sent_at,
             "changed_at": r.status_changed_at} for r in qs[:500]]
    audit(request.user, "referral.inbox.list", object_type="referral", object_id="",
          detail="referrals " + ",".join(str(r["pk"]) for r in rows)[:180])
    return render(request, "referrals/inbox.html", {"rows": rows, "show": show})


@login_required
@require_GET
def inbox_item(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(pk)
    require(request.user, Action.REFERRAL_INBOX, referral)
    history = [{"status": e.get_status_display(), "at": e.at,
                "by": e.by.get_full_name() or e.by.username, "note": e.note}
               for e in referral.events.select_related("by")]
    next_statuses = [(s, ANSWER_LABELS[s]) for s in ReferralStatus
                     if s in PROVIDER_STATUSES and s in referral.next_statuses()]
    return render(request, "referrals/inbox_item.html", {
        "pk": referral.pk,
        "summary": provider_summary(referral),
        "service": referral.service.name,
        "status": referral.get_status_display(),
        "sent_at": referral.sent_at,
        "sender_organisation": referral.case.organisation.name,
        "sender": referral.sent_by.get_full_name() or referral.sent_by.username,
        "history": history,
        "next_statuses": next_statuses,
    })


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(pk)
    require(request.user, Action.REFERRAL_RESPOND, referral)  # before reading any input
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether you accept, decline or complete the "
                                  "referral."))
        return redirect("referrals:inbox_item", pk=pk)
    try:
        services.change_status(request.user, referral, form.cleaned_data["status"],
                               form.cleaned_data["note"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Answer recorded."))
    return redirect("referrals:inbox_item", pk=pk)
