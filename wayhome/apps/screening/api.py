"""REST API for screening interviews and decisions (same policy checks as the pages)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.apps.cases.api import _get_case
from wayhome.domain.screening import ScreeningInputError
from wayhome.security.policy import Action, require

from . import services
from .models import GroundsLevel, ScreeningSession


class SessionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    case_number = serializers.CharField(source="case.case_number", read_only=True)
    # Stored encrypted as text; returned as JSON objects.
    answers = serializers.DictField(child=serializers.CharField(), read_only=True)
    context = serializers.DictField(read_only=True)
    assessment = serializers.JSONField(read_only=True, allow_null=True)

    class Meta:
        model = ScreeningSession
        fields = ["id", "case_number", "status", "started_at", "updated_at",
                  "interviewer_language", "person_language", "answers", "context",
                  "assessment", "catalogue_version"]
        read_only_fields = ["id", "status", "started_at", "updated_at", "assessment",
                            "catalogue_version"]


class StartSerializer(serializers.Serializer):  # type: ignore[type-arg]
    interviewer_language = serializers.CharField(default="en", max_length=10)
    person_language = serializers.CharField(default="en", max_length=10)


class AnswersSerializer(serializers.Serializer):  # type: ignore[type-arg]
    answers = serializers.DictField(child=serializers.CharField(), required=False, default=dict)
    context = serializers.DictField(required=False, default=dict)


class DecisionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    level = serializers.ChoiceField(choices=GroundsLevel.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True)
    decided_at = serializers.DateTimeField(read_only=True)
    recommended_level = serializers.CharField(read_only=True)


def _get_session(pk: int) -> ScreeningSession:
    return get_object_or_404(
        ScreeningSession.objects.select_related("case", "case__person", "case__organisation"),
        pk=pk,
    )


class CaseScreeningsAPI(APIView):
    @extend_schema(responses=SessionSerializer(many=True))
    def get(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        require(request.user, Action.SCREENING_VIEW, case)
        return Response(SessionSerializer(case.screenings.all(), many=True).data)

    @extend_schema(request=StartSerializer, responses={201: SessionSerializer})
    def post(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        ser = StartSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        session = services.start(request.user, case, **ser.validated_data)
        return Response(SessionSerializer(session).data, status=201)


class ScreeningAPI(APIView):
    @extend_schema(responses=SessionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        session = _get_session(pk)
        require(request.user, Action.SCREENING_VIEW, session.case)
        return Response(SessionSerializer(session).data)

    @extend_schema(request=AnswersSerializer, responses=SessionSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        session = _get_session(pk)
        ser = AnswersSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            services.save_answers(request.user, session, ser.validated_data["answers"],
                                  ser.validated_data["context"])
        except ScreeningInputError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response(SessionSerializer(session).data)


class AssessmentAPI(APIView):
    @extend_schema(request=None, responses=SessionSerializer)
    def post(self, request: Request, pk: int) -> Response:
        session = _get_session(pk)
        try:
            services.run_assessment(request.user, session)
        except ScreeningInputError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response(SessionSerializer(session).data)


class DecisionAPI(APIView):
    @extend_schema(request=DecisionSerializer, responses={201: DecisionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        session = _get_session(pk)
        ser = DecisionSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            decision = services.decide_grounds(request.user, session, **ser.validated_data)
        except ScreeningInputError as exc:
            return Response({"detail": str(exc)}, status=400)
        return Response(DecisionSerializer(decision).data, status=201)
