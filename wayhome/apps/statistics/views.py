"""Statistics pages: the analyst's table and chart, the CSV downloads, and the
administrator's sharing agreements. The templates receive only released (suppressed)
tables: no case, person or case number ever reaches them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wayhome.apps.forms import add_errors
from wayhome.domain.disclosure import DisclosureError, Period
from wayhome.security.policy import Action, require

from . import services
from .charts import SUPPRESSED_MARK, Bar, bar_chart
from .dimensions import DIMENSIONS
from .forms import AgreementForm, TableForm
from .models import SharingAgreement


def _period_choices(periods: list[Period]) -> list[tuple[str, str]]:
    def text(p: Period) -> str:
        return _("All time") if p.granularity == "all" else p.key
    return [("all" if p.granularity == "all" else p.key, text(p)) for p in periods]


def _query(request: HttpRequest, action: Action) -> tuple[TableForm, Any, str]:
    """The form and, when it is valid, the released table; or why the figures are
    withheld this month. The agreements and the snapshot are looked up once."""
    require(request.user, action)
    scope = services.scope_of(request.user)
    periods = _period_choices(services.periods_for(request.user, scope))
    if scope.withheld:  # the choice is kept on screen, but not checked
        return (TableForm(initial=request.GET.dict(), periods=periods), None,
                services.withheld_message(scope.withheld))
    form = TableForm(request.GET or {"row": "nationality", "period": "all"}, periods=periods)
    released = None
    if form.is_valid():
        try:
            row, col, period = services.parse_request(
                form.cleaned_data["row"], form.cleaned_data["col"],
                form.cleaned_data["period"] or "all")
            released = services.table_for(request.user, row, col, period, scope)
        except DisclosureError as exc:
            form.add_error(None, str(exc))
    return form, released, ""


def _view_rows(table: Any) -> list[dict[str, Any]]:
    spec = table.spec
    return [{"label": services.label(spec.row_dim, r.value),
             "cells": [SUPPRESSED_MARK if n is None else n for n in r.cells],
             "total": SUPPRESSED_MARK if r.total is None else r.total}
            for r in table.rows]


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form, released, withheld = _query(request, Action.STATS_VIEW)
    context: dict[str, Any] = {"form": form, "released": released, "withheld": withheld,
                               "k": services.deployment_k(), "mark": SUPPRESSED_MARK}
    if released is not None:
        table = released.table
        spec = table.spec
        row_label = str(DIMENSIONS[spec.row_dim].label)
        context.update({
            "row_label": row_label,
            "col_label": str(DIMENSIONS[spec.col_dim].label) if spec.col_dim else "",
            "col_values": [services.label(spec.col_dim, c) for c in spec.cols],
            "rows": _view_rows(table),
            "col_totals": [SUPPRESSED_MARK if n is None else n for n in table.col_totals],
            "grand_total": SUPPRESSED_MARK if table.grand_total is None
            else table.grand_total,
            "chart": bar_chart(
                [Bar(services.label(spec.row_dim, r.value), r.total) for r in table.rows],
                _("Cases by %(dimension)s, %(period)s") % {
                    "dimension": row_label.lower(),
                    "period": _("all time") if spec.period.granularity == "all"
                    else spec.period.key}),
            "query": request.GET.urlencode(),
        })
    return render(request, "statistics/index.html", context)


def _withheld(message: str) -> HttpResponse:
    """A download asked for while the figures wait for the next snapshot."""
    return HttpResponse(message, status=409, content_type="text/plain; charset=utf-8")


@login_required
@require_GET
def table_csv(request: HttpRequest) -> HttpResponse:
    form, released, withheld = _query(request, Action.STATS_EXPORT)
    if withheld:
        return _withheld(withheld)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
        return HttpResponse("\n".join(errors), status=400,
                            content_type="text/plain; charset=utf-8")
    if released is None:  # nobody shares with this organisation: the header alone
        name = "wayhome-statistics"
        body = services.write_csv([], services.CSV_HEADER)
    else:
        spec = released.table.spec
        name = "-".join(x for x in ("wayhome-statistics", spec.row_dim, spec.col_dim or "",
                                    spec.period.label()) if x)
        body = services.write_csv(services.table_rows(released.table), services.CSV_HEADER)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@require_GET
def htcds_csv(request: HttpRequest) -> HttpResponse:
    try:
        body = services.analyst_htcds_csv(request.user)
    except services.Withheld as exc:
        return _withheld(str(exc))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="wayhome-statistics-htcds.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def agreements(request: HttpRequest) -> HttpResponse:
    current = services.agreements_of(request.user)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_agreement(request.user, form.cleaned_data["recipient"],
                                   form.cleaned_data["agreed_on"],
                                   form.cleaned_data["terms"])
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Agreement recorded: aggregates of your cases "
                                        "are shared with that organisation from the next "
                                        "monthly snapshot."))
            return redirect("statistics:agreements")
    return render(request, "statistics/agreements.html",
                  {"agreements": current, "form": form})


@login_required
@require_POST
def agreement_end(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.USERS_MANAGE)
    agreement = get_object_or_404(SharingAgreement, pk=pk,
                                  holder_id=getattr(request.user, "organisation_id", None),
                                  ended_at__isnull=True)
    services.end_agreement(request.user, agreement)
    messages.success(request, _("Agreement ended: no new statistics include your cases."))
    return redirect("statistics:agreements")
