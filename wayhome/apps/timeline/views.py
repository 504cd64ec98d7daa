from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from wayhome.apps.cases.models import Case
from wayhome.security.policy import Action, require

from .registry import events_for


@login_required
def case_timeline(request: HttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("organisation", "protection",
                                                         "created_by"), case_number=number)
    require(request.user, Action.CASE_VIEW, case)
    return render(request, "timeline/case.html",
                  {"case": case, "events": events_for(case, request.user)})
