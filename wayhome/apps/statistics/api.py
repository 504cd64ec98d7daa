"""REST API: the same suppressed table as the analyst's page, as JSON. Nothing here
reads a case: only the released table leaves (suppressed counts are null)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.domain.disclosure import DisclosureError
from wayhome.security.policy import Action, require

from . import services


class RowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.CharField()
    label = serializers.CharField()
    cells = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    total = serializers.IntegerField(allow_null=True)


class TableSerializer(serializers.Serializer):  # type: ignore[type-arg]
    dimension = serializers.CharField()
    dimension_2 = serializers.CharField(allow_null=True)
    period = serializers.CharField()
    k = serializers.IntegerField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)
    column_totals = serializers.ListField(child=serializers.IntegerField(allow_null=True))
    total = serializers.IntegerField(allow_null=True)
    release = serializers.CharField(allow_null=True)


class StatisticsTableAPI(APIView):
    @extend_schema(
        responses=TableSerializer,
        parameters=[
            OpenApiParameter("row", str, description="dimension, e.g. nationality"),
            OpenApiParameter("col", str, required=False, description="second dimension"),
            OpenApiParameter("period", str, required=False,
                             description="all, a year (2025) or a quarter (2025-Q1)"),
        ],
    )
    def get(self, request: Request) -> Response:
        require(request.user, Action.STATS_VIEW)
        try:
            row, col, period = services.parse_request(
                request.query_params.get("row", "nationality"),
                request.query_params.get("col", ""),
                request.query_params.get("period", "all"))
            released = services.table_for(request.user, row, col, period)
        except services.Withheld as exc:  # until the next snapshot: not a bad request
            return Response({"detail": str(exc)}, status=409)
        except DisclosureError as exc:
            return Response({"detail": str(exc)}, status=400)
        data: dict[str, Any] = {"dimension": row, "dimension_2": col,
                                "period": period.label(), "k": services.deployment_k(),
                                "columns": [], "rows": [], "column_totals": [],
                                "total": None, "release": None}
        if released is not None:
            t = released.table
            data.update({
                "columns": list(t.spec.cols),
                "rows": [{"value": r.value, "label": services.label(row, r.value),
                          "cells": list(r.cells), "total": r.total} for r in t.rows],
                "column_totals": list(t.col_totals), "total": t.grand_total,
                "release": released.snapshot.epoch,
            })
        return Response(TableSerializer(data).data)
