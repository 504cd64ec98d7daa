"""Read-only REST API of the registry: places, their sources, status history and the
suppressed corroboration counts. Nothing here reaches a case."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.security.policy import Action, require

from . import services
from .models import Citation, Compound, Source, StatusChange


class SourceSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Source
        fields = ["id", "title", "publisher", "published", "reference", "url"]


class CitationSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    source = SourceSerializer()

    class Meta:
        model = Citation
        fields = ["fact", "locator", "quote", "source"]


class StatusChangeSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    source = SourceSerializer()

    class Meta:
        model = StatusChange
        fields = ["on", "status", "note", "locator", "quote", "source"]


class SuppressedCountSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """``count`` is null when the true count is between 1 and k-1 (suppressed)."""

    count = serializers.IntegerField(allow_null=True)
    suppressed = serializers.BooleanField()
    display = serializers.CharField()


class AbuseCountSerializer(SuppressedCountSerializer):
    abuse = serializers.CharField()


class CorroborationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    k = serializers.IntegerField()
    cases = SuppressedCountSerializer()
    organisations = SuppressedCountSerializer()
    abuses = AbuseCountSerializer(many=True)


def _count(s: services.Suppressed) -> dict[str, Any]:
    return {"count": s.value, "suppressed": s.suppressed, "display": str(s)}


def corroboration_data(compound: Compound) -> dict[str, Any]:
    c = services.corroboration(compound)
    return {"k": services.stats_k(), "cases": _count(c.cases),
            "organisations": _count(c.organisations),
            "abuses": [{"abuse": code, **_count(n)} for code, _label, n in c.abuses]}


class CompoundSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    aliases = serializers.ListField(source="alias_list", child=serializers.CharField())

    class Meta:
        model = Compound
        fields = ["slug", "name", "aliases", "kind", "country", "place", "latitude",
                  "longitude", "location_precision", "sez", "controlling_group", "status"]


class CompoundDetailSerializer(CompoundSerializer):
    history = StatusChangeSerializer(many=True, source="status_changes")
    citations = CitationSerializer(many=True)
    corroboration = serializers.SerializerMethodField()

    class Meta(CompoundSerializer.Meta):
        fields = CompoundSerializer.Meta.fields + ["history", "citations", "corroboration"]

    @extend_schema(responses=CorroborationSerializer)  # type: ignore[misc]
    def get_corroboration(self, obj: Compound) -> dict[str, Any]:
        return corroboration_data(obj)


class CompoundListAPI(APIView):
    @extend_schema(responses=CompoundSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(request.user, Action.COMPOUND_VIEW)
        qs = Compound.objects.all()
        if country := request.query_params.get("country"):
            qs = qs.filter(country=country.upper())
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(CompoundSerializer(page, many=True).data)


class CompoundDetailAPI(APIView):
    @extend_schema(responses=CompoundDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        require(request.user, Action.COMPOUND_VIEW)
        compound = get_object_or_404(
            Compound.objects.prefetch_related("status_changes__source", "citations__source"),
            slug=slug)
        return Response(CompoundDetailSerializer(compound).data)
