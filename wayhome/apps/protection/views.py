"""The protection check: what an immigration or police liaison may see, and nothing more."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from wayhome.apps.cases.models import Case
from wayhome.security.policy import Action, require

from .services import what_protection_means
from .models import ProtectionStatus


class LookupForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=20)


@login_required
def lookup(request: HttpRequest) -> HttpResponse:
    form = LookupForm(request.GET or None)
    if form.is_valid():
        return redirect("protection:status", number=form.cleaned_data["case_number"].strip().upper())
    return render(request, "protection/lookup.html", {"form": form})


@login_required
def status(request: HttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("organisation"), case_number=number)
    require(request.user, Action.PROTECTION_VIEW, case)
    st = ProtectionStatus.objects.filter(case=case).first()
    return render(request, "protection/status.html", {
        "number": case.case_number, "status": st, "means": what_protection_means(st)})
