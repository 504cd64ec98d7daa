from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wayhome.apps.cases.models import Case
from wayhome.domain.screening.inputs import CONTEXT_FLAGS
from wayhome.domain.screening import (
    Assessment,
    ScreeningInputError,
    load_catalogue,
    render_reason,
)
from wayhome.security.policy import Action, require

from . import services
from .models import GroundsLevel, ScreeningSession

CONTEXT_SECTION = "context"


def _session(pk: int) -> ScreeningSession:
    return get_object_or_404(
        ScreeningSession.objects.select_related("case", "case__person", "case__organisation"),
        pk=pk,
    )


def _section_keys() -> list[str]:
    return [s.key for s in load_catalogue().sections] + [CONTEXT_SECTION]


@login_required
@require_POST
def start(request: HttpRequest, number: str) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("person", "organisation"),
                             case_number=number)
    person_language = request.POST.get("person_language") or (
        case.person.language_list or ["en"])[0]
    session = services.start(request.user, case, get_language() or "en", person_language)
    return redirect("screening:section", pk=session.pk, section=_section_keys()[0])


@login_required
@require_http_methods(["GET", "POST"])
def section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    session = _session(pk)
    require(request.user, Action.SCREENING_CONDUCT, session.case)
    keys = _section_keys()
    if section not in keys:
        raise Http404
    cat = load_catalogue()
    left, right = session.interviewer_language, session.person_language
    if request.GET.get("lang") in cat.languages:
        left = request.GET["lang"]
    error = ""
    if request.method == "POST":
        answers: dict[str, str] = {}
        context: dict[str, bool] = {}
        if section == CONTEXT_SECTION:
            context = {f: request.POST.get(f) == "on" for f in CONTEXT_FLAGS}
        else:
            sec = next(s for s in cat.sections if s.key == section)
            for q in sec.question_keys:
                value = request.POST.get(q)
                if value:
                    answers[q] = value
        try:
            services.save_answers(request.user, session, answers, context)
        except ScreeningInputError as exc:
            error = str(exc)
        else:
            idx = keys.index(section)
            if "save_exit" in request.POST:
                messages.success(request, _("Saved. You can come back to this interview later."))
                return redirect("cases:detail", number=session.case.case_number)
            if idx + 1 < len(keys):
                return redirect("screening:section", pk=pk, section=keys[idx + 1])
            return redirect("screening:assessment", pk=pk)
    ctx: dict[str, Any] = {
        "session": session, "case": session.case, "section_key": section, "error": error,
        "sections": [(k, _section_title(k, left)) for k in keys],
        "title_left": _section_title(section, left), "title_right": _section_title(section, right),
        "left": left, "right": right, "is_context": section == CONTEXT_SECTION,
        "choices": [(v, cat.text(f"answer.{v}", left), cat.text(f"answer.{v}", right))
                    for v in services.ANSWER_VALUES],
    }
    if section == CONTEXT_SECTION:
        ctx["flags"] = [
            (f, cat.text(f"context.{f}", left), cat.text(f"context.{f}", right),
             bool((session.context or {}).get(f)))
            for f in CONTEXT_FLAGS
        ]
    else:
        sec = next(s for s in cat.sections if s.key == section)
        ctx["questions"] = [
            (q, cat.text(q, left), cat.text(q, right), (session.answers or {}).get(q, ""))
            for q in sec.question_keys
        ]
    return render(request, "screening/section.html", ctx)


def _section_title(key: str, lang: str) -> str:
    if key == CONTEXT_SECTION:
        return load_catalogue().text("section.context", lang)
    return load_catalogue().text(f"section.{key}", lang)


_STRENGTH = {"S": gettext_lazy("strong"), "M": gettext_lazy("medium"), "W": gettext_lazy("weak")}


def _assessment_view(result: Assessment, lang: str) -> dict[str, Any]:
    """The assessment laid out for the page: every indicator with where it comes from
    (interview, corroboration), its strength for this person and its sources with their
    firmness marks, all in the viewer's language."""
    cat = load_catalogue()
    child = result.child.child_rules

    def t(key: str) -> str:
        return cat.text(key, lang)

    elements = []
    for el in result.elements:
        rows = []
        for ev in el.evidence:
            ind = cat.indicators[ev.indicator]
            strength = ind.strength(child)
            rows.append({
                "id": ind.id,
                "label": t(ind.label_key),
                "form": t(f"form.{ev.form}"),
                "where": [t(f"evidence.{s}") for s in ev.sources],
                "strength": _STRENGTH[strength] if strength else "",
                "dimension": f"{ind.dimension} {t('dimension.' + ind.dimension)}"
                if ind.dimension else "",
                "sources": ind.sources,
            })
        elements.append({"key": el.element, "label": t(f"element.{el.element}"),
                         "supported": el.supported, "required": el.required, "rows": rows})
    dimensions = [
        {"key": d.dimension, "label": t(f"dimension.{d.dimension}"), "positive": d.positive,
         "groups": [(_STRENGTH[k], [t(f"indicator.{i}") for i in ids])
                    for k, ids in (("S", d.strong), ("M", d.medium), ("W", d.weak)) if ids]}
        for d in result.dimensions
    ]
    return {
        "elements": elements,
        "dimensions": dimensions,
        "combination": result.combination,
        "child": result.child,
        "ilo11": [(t(f"ilo11.{k}"), [t(f"indicator.{i}") for i in v])
                  for k, v in result.ilo11.items()],
        "reasons": [render_reason(r, lang, cat) for r in result.reasons],
        "notes": [render_reason(r, lang, cat) for r in result.notes],
        "catalogue_version": result.catalogue_version,
    }


@login_required
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    result = services.run_assessment(request.user, session)
    cat = load_catalogue()
    lang = get_language() or "en"
    return render(request, "screening/assessment.html", {
        "session": session, "case": session.case, "a": _assessment_view(result, lang),
        "levels": GroundsLevel.choices, "recommended": result.grounds_level,
        "recommended_label": cat.text(f"grounds.{result.grounds_level}", lang),
        "actions": [cat.text(f"action.{k}", lang) for k in result.protective_actions],
        "decisions": session.decisions.select_related("decided_by"),
    })


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(pk)
    level = request.POST.get("level", "")
    reason = request.POST.get("reason", "").strip()
    try:
        services.decide_grounds(request.user, session, level, reason)
    except ScreeningInputError as exc:
        messages.error(request, str(exc))
        return redirect("screening:assessment", pk=pk)
    messages.success(request, _("Decision recorded."))
    return redirect("cases:detail", number=session.case.case_number)
