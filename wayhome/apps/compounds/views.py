"""Pages of the registry (analysts and the case team), its edit pages (analysts), and the
case team's page linking a case to the place where the person was held.

The registry pages are built from compounds, sources and suppressed counts only: no
template here receives a case, a case number or an organisation of a case, except the
case team's own link page, which is reached from (and checked against) their case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.cases.models import Case
from wayhome.apps.forms import add_errors
from wayhome.domain.places.mapsvg import STATUS_COLOURS, Marker, render_svg
from wayhome.security.policy import Action, decide, require

from . import services
from .forms import (
    CaseLinkForm,
    CitationForm,
    CompoundForm,
    ExploitationFactsForm,
    FirstSourceForm,
    SourceForm,
    StatusChangeForm,
)
from .models import CaseCompoundLink, Compound, Kind, Status


def _compound(slug: str) -> Compound:
    return get_object_or_404(Compound, slug=slug)


def _detail_url(compound: Compound) -> str:
    return reverse("compounds:detail", kwargs={"slug": compound.slug})


# -- registry (analysts and case team) ---------------------------------------------------

@login_required
@require_GET
def registry(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMPOUND_VIEW)
    country = request.GET.get("country", "").upper()[:3]
    kind = request.GET.get("kind", "")
    compounds = Compound.objects.all()
    if country:
        compounds = compounds.filter(country=country)
    if kind in Kind.values:
        compounds = compounds.filter(kind=kind)
    counts = services.corroboration_table()
    zero = services.suppress(0)
    rows = [(c, counts.get(c.pk, zero)) for c in compounds]
    return render(request, "compounds/registry.html", {
        "rows": rows, "countries": Compound.objects.values_list("country", flat=True)
        .distinct().order_by("country"), "kinds": Kind.choices, "country": country,
        "kind": kind, "can_edit": decide(request.user, Action.COMPOUND_EDIT).allowed,
        "k": services.stats_k(),
    })


@login_required
@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMPOUND_VIEW)
    compounds = list(Compound.objects.all())
    markers = [
        Marker(key=c.slug, lat=float(c.latitude), lon=float(c.longitude), status=c.status,
               href=reverse("compounds:detail", kwargs={"slug": c.slug}),
               label=f"{c.name} — {c.get_status_display()} — {c.location_precision}")
        for c in compounds if c.latitude is not None and c.longitude is not None]
    svg = render_svg(markers, title=_("Map of scam compounds and trafficking hotspots"))
    return render(request, "compounds/map.html", {
        "svg": mark_safe(svg),  # built by render_svg, which escapes every text it inserts
        "compounds": compounds,
        "legend": [(code, label, STATUS_COLOURS[code]) for code, label in Status.choices],
    })


@login_required
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, Action.COMPOUND_VIEW)
    compound = _compound(slug)
    return render(request, "compounds/detail.html", {
        "compound": compound,
        "history": services.history(compound),
        "citations": compound.citations.select_related("source").order_by("fact", "id"),
        "corroboration": services.corroboration(compound),
        "k": services.stats_k(),
        "can_edit": decide(request.user, Action.COMPOUND_EDIT).allowed,
    })


# -- edits (analysts) --------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def compound_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMPOUND_EDIT)
    form = CompoundForm(request.POST or None)
    first = FirstSourceForm(request.POST or None, prefix="first")
    if request.method == "POST" and form.is_valid() and first.is_valid():
        try:
            compound = services.create_compound(request.user, form.cleaned_data,
                                                first.cleaned_data)
        except ValidationError as exc:
            add_errors(form, ValidationError({k: v for k, v in exc.message_dict.items()
                                               if k not in first.fields}))
            add_errors(first, ValidationError({k: v for k, v in exc.message_dict.items()
                                                if k in first.fields}))
        else:
            messages.success(request, _("Place added to the registry."))
            return redirect("compounds:detail", slug=compound.slug)
    return render(request, "compounds/form.html", {"form": form, "first": first,
                                                   "title": _("Add a compound or hotspot")})


@login_required
@require_http_methods(["GET", "POST"])
def compound_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, Action.COMPOUND_EDIT)
    compound = _compound(slug)
    form = CompoundForm(request.POST or None, instance=Compound.objects.get(pk=compound.pk))
    if request.method == "POST" and form.is_valid():
        try:
            compound = services.update_compound(request.user, compound, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("compounds:detail", slug=compound.slug)
    return render(request, "compounds/form.html", {"form": form, "compound": compound,
                                                   "title": _("Edit %(name)s")
                                                   % {"name": compound.name}})


def _record(request: HttpRequest, form: forms.BaseForm, save: Callable[[dict[str, Any]], Any],
            done: str, then: str, title: str, **context: Any) -> HttpResponse:
    """An edit page of one form: on a valid POST, ``save`` its data (a ValidationError
    goes back on the form), say ``done`` and go to the URL ``then``; else show it."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(then)
    return render(request, "compounds/form.html", {"form": form, **context, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def status_new(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, Action.COMPOUND_EDIT)
    compound = _compound(slug)
    return _record(
        request, StatusChangeForm(request.POST or None),
        lambda data: services.add_status_change(request.user, compound, data),
        _("Status change recorded."), _detail_url(compound),
        _("Record a status change"), compound=compound)


@login_required
@require_http_methods(["GET", "POST"])
def citation_new(request: HttpRequest, slug: str) -> HttpResponse:
    require(request.user, Action.COMPOUND_EDIT)
    compound = _compound(slug)
    return _record(
        request, CitationForm(request.POST or None),
        lambda data: services.add_citation(request.user, compound, data),
        _("Source cited."), _detail_url(compound),
        _("Cite a source for a fact"), compound=compound)


@login_required
@require_http_methods(["GET", "POST"])
def source_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.COMPOUND_EDIT)
    return _record(
        request, SourceForm(request.POST or None),
        lambda data: services.add_source(request.user, data),
        _("Source added: you can now cite it."), reverse("compounds:registry"),
        _("Add a public source"))


# -- a case's links (case team) ----------------------------------------------------------

def _case(number: str) -> Case:
    return get_object_or_404(Case.objects.select_related("organisation"), case_number=number)


FACTS_SUBMIT = "save_facts"  # the name of the facts form's button on the case page


@login_required
@require_http_methods(["GET", "POST"])
def case_links(request: HttpRequest, number: str) -> HttpResponse:
    """Two forms on one page: the places where the person was held, and the case's
    exploitation facts (recruitment channel, month of exit), told apart by the button."""
    case = _case(number)
    require(request.user, Action.CASE_COMPOUND_LINK, case)
    posted_facts = request.method == "POST" and FACTS_SUBMIT in request.POST
    posted_link = request.method == "POST" and not posted_facts
    form = CaseLinkForm(request.POST if posted_link else None)
    facts = services.exploitation_facts_of(case)
    facts_form = ExploitationFactsForm(
        request.POST if posted_facts else None, prefix="facts",
        initial={"recruitment_channel": facts.recruitment_channel,
                 "exit_month": facts.exit_month} if facts else None)
    if posted_link and form.is_valid():
        d = form.cleaned_data
        try:
            services.link_case(request.user, case, d["compound"], d["abuses"],
                               held_from=d["held_from"], held_until=d["held_until"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved: the place where the person was held."))
            return redirect("compounds:case", number=case.case_number)
    if posted_facts and facts_form.is_valid():
        d = facts_form.cleaned_data
        try:
            services.record_exploitation_facts(request.user, case,
                                               d["recruitment_channel"], d["exit_month"])
        except ValidationError as exc:
            add_errors(facts_form, exc)
        else:
            messages.success(request, _("Saved: how the person was recruited and when "
                                        "they left."))
            return redirect("compounds:case", number=case.case_number)
    return render(request, "compounds/case.html", {
        "case": case, "form": form, "k": services.stats_k(), "facts": facts,
        "facts_form": facts_form, "facts_submit": FACTS_SUBMIT,
        "corroborations": services.corroboration_for_case(case),
    })


@login_required
@require_POST
def case_unlink(request: HttpRequest, number: str, pk: int) -> HttpResponse:
    case = _case(number)
    require(request.user, Action.CASE_COMPOUND_LINK, case)
    link = CaseCompoundLink.objects.select_related("case").filter(pk=pk, case=case).first()
    if link is None:  # already removed (a second click, or a colleague did it)
        messages.info(request, _("This link was already removed."))
    else:
        services.unlink_case(request.user, link)
        messages.success(request, _("Link removed."))
    return redirect("compounds:case", number=case.case_number)
