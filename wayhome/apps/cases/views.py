from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wayhome.apps.audit.log import record as audit
from wayhome.domain.screening import load_catalogue
from wayhome.security.policy import Action, decide, require, visible_cases

from . import services
from .forms import ConsentForm, PersonForm, SearchForm
from .models import Case, ConsentPurpose


def _case(number: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("organisation", "person"), case_number=number
    )


# The search words (often a name) travel in a POST body and stay in the session, never in
# the URL: URLs end up in server logs, browser history and Referer headers.
SEARCH_SESSION_KEY = "cases.search"


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(user, Action.CASE_LIST)
    if request.method == "POST":
        form = SearchForm(request.POST)
        if form.is_valid():
            request.session[SEARCH_SESSION_KEY] = form.cleaned_data["q"]
            # Post/redirect/get: reloading the page does not resend the form.
            return redirect(f"{reverse('cases:list')}?search=1")
    else:
        searching = request.GET.get("search") == "1"
        if not searching:
            request.session.pop(SEARCH_SESSION_KEY, None)
        form = SearchForm(initial={"q": request.session.get(SEARCH_SESSION_KEY, "")})
    query = "" if form.is_bound else request.session.get(SEARCH_SESSION_KEY, "")
    qs = visible_cases(user)
    if query:
        qs = services.search(qs, query)
    page = services.page_of_cases(qs, request.GET.get("page"))
    show_names = decide(user, Action.IDENTITY_VIEW, page.object_list[0]).allowed if page else False
    ids = ",".join(str(c.pk) for c in page.object_list)[:200]
    audit(user, "identity.list", object_type="case", object_id="", detail=f"cases {ids}")
    return render(
        request, "cases/list.html",
        {"form": form, "page": page, "query": query, "show_names": show_names,
         "can_create": decide(user, Action.CASE_CREATE).allowed},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.CASE_CREATE)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "narrative"}
        case = services.register_case(request.user, data, form.cleaned_data["narrative"])
        messages.success(request, _("Case %(number)s registered.") % {"number": case.case_number})
        return redirect("cases:detail", number=case.case_number)
    return render(request, "cases/form.html", {"form": form, "title": _("Register a person")})


@login_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.CASE_VIEW, case)
    user = request.user
    ctx: dict[str, Any] = {
        "case": case,
        "person": case.person,
        "show_identity": decide(user, Action.IDENTITY_VIEW, case).allowed,
        "can_edit": decide(user, Action.CASE_EDIT, case).allowed,
        "can_screen": decide(user, Action.SCREENING_CONDUCT, case).allowed,
        "consents": [],
        "screenings": [],
        "decisions": [],
        "protection": getattr(case, "protection", None),
        "first_section": load_catalogue().sections[0].key,
    }
    if ctx["show_identity"]:
        audit(user, str(Action.IDENTITY_VIEW), obj=case)
    if decide(user, Action.CONSENT_VIEW, case):
        state = case.consent_state()
        ctx["consents"] = [(label, state.get(value)) for value, label in ConsentPurpose.choices]
        ctx["consent_history"] = case.consents.select_related("recorded_by")
    if decide(user, Action.CERTIFICATE_ISSUE, case):
        ctx["certificates"] = case.certificates.all()
        ctx["can_issue_certificate"] = True
    if decide(user, Action.MEASURE_VIEW, case):
        ctx["measures"] = case.legal_measures.all()
        ctx["can_record_measure"] = decide(user, Action.MEASURE_RECORD, case).allowed
    if decide(user, Action.SCREENING_VIEW, case):
        ctx["screenings"] = case.screenings.select_related("interviewer")
        ctx["decisions"] = case.decisions.select_related("decided_by")
    return render(request, "cases/detail.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.CASE_EDIT, case)
    form = PersonForm(request.POST or None, instance=case.person)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "narrative"}
        services.update_person(request.user, case, data, form.cleaned_data["narrative"])
        messages.success(request, _("Saved."))
        return redirect("cases:detail", number=case.case_number)
    return render(request, "cases/form.html",
                  {"form": form, "case": case, "title": _("Edit %(number)s") % {"number": number}})


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, number: str) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.CONSENT_RECORD, case)
    initial = {"language": (case.person.language_list or ["en"])[0]}
    form = ConsentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_consent(request.user, case, **form.cleaned_data)
        messages.success(request, _("Consent recorded."))
        return redirect("cases:detail", number=case.case_number)
    return render(request, "cases/consent.html", {"form": form, "case": case})
