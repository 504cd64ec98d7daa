"""REST API for legal measures: the case team lists and records the measures taken
against a person, each with the law engine's non-punishment analysis."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.apps.cases.models import Case
from wayhome.security.policy import Action, require

from . import services
from .models import LegalMeasure, MeasureKind, Offence


class MeasureSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(read_only=True)
    kind = serializers.ChoiceField(choices=MeasureKind.choices)
    offence = serializers.ChoiceField(choices=Offence.choices, required=False, allow_blank=True,
                                      default="")
    country = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")
    authority = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                      default="")
    ordered_on = serializers.DateField()
    reference = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                      default="")
    status = serializers.CharField(read_only=True)
    requested_on = serializers.DateField(read_only=True, allow_null=True)
    resolved_on = serializers.DateField(read_only=True, allow_null=True)
    analysis = serializers.SerializerMethodField()

    def get_analysis(self, measure: LegalMeasure) -> dict[str, Any]:
        return services.analysis(measure)


class CaseMeasuresAPI(APIView):
    def _case(self, number: str) -> Case:
        return get_object_or_404(Case.objects.select_related("organisation", "protection"),
                                 case_number=number)

    @extend_schema(responses=MeasureSerializer(many=True))
    def get(self, request: Request, number: str) -> Response:
        case = self._case(number)
        require(request.user, Action.MEASURE_VIEW, case)
        measures = case.legal_measures.order_by("ordered_on", "id")
        return Response(MeasureSerializer(measures, many=True).data)

    @extend_schema(request=MeasureSerializer, responses={201: MeasureSerializer})
    def post(self, request: Request, number: str) -> Response:
        case = self._case(number)
        require(request.user, Action.MEASURE_RECORD, case)
        ser = MeasureSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            measure = services.record_measure(request.user, case, dict(ser.validated_data))
        except DjangoValidationError as exc:
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response(MeasureSerializer(measure).data, status=status.HTTP_201_CREATED)
