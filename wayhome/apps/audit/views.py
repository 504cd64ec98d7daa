"""Who read or changed this case: the audit events about one case, for its own team."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from wayhome.apps.cases.models import Case
from wayhome.security.policy import Action, require

from .models import AuditEvent


@login_required
def case_access(request: HttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("organisation"), case_number=number)
    # Only the team that may change the case sees who touched it (not consuls).
    require(request.user, Action.CASE_EDIT, case)
    events = AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).order_by("-seq")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/case_access.html", {"case": case, "page": page})
