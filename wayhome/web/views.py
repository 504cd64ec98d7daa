from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wayhome.apps.accounts.models import Role

_HOME: dict[str, str] = {
    Role.CASE_WORKER: "cases:list",
    Role.SCREENING_OFFICER: "cases:list",
    Role.CONSULAR_OFFICER: "cases:list",
    Role.ENFORCEMENT_LIAISON: "protection:lookup",
    Role.SERVICE_PROVIDER: "referrals:inbox",
    Role.ADMINISTRATOR: "accounts:users",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    target = _HOME.get(getattr(request.user, "role", ""))
    if target:
        return redirect(target)
    return render(request, "home.html")
