"""REST API for tracers: family reports, their candidates, confirm and reject, asking the
case team again (a request withdrawn when the report was closed), closing and re-opening
a report.

Same services and policy as the pages: every call asks ``require`` (audited); bad
input is a 400 listing every problem, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.security.policy import Action, decide, require

from . import services
from .models import Candidate, CloseReason, FamilyReport


class ReportListSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """A row of the list: no names (the page of one report shows them, audited)."""

    has_consent = serializers.BooleanField(read_only=True, source="family_consent")
    pending = serializers.IntegerField(read_only=True)
    confirmed = serializers.IntegerField(read_only=True)

    class Meta:
        model = FamilyReport
        fields = ["reference", "status", "closed_reason", "closed_at", "created_at",
                  "matched_at", "sex", "nationality", "has_consent", "pending", "confirmed"]


class ReportSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A family report (and, when creating, the family's consent for tracing)."""

    reference = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    closed_reason = serializers.CharField(read_only=True)
    closed_at = serializers.DateTimeField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    matched_at = serializers.DateTimeField(read_only=True)
    has_consent = serializers.BooleanField(read_only=True)
    reporter_name = serializers.CharField(max_length=200)
    reporter_relation = serializers.CharField(max_length=200)
    reporter_contact = serializers.CharField(max_length=2000)
    missing_name = serializers.CharField(max_length=200)
    other_names = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    sex = serializers.CharField(max_length=1, required=False, allow_blank=True)
    birth = serializers.CharField(max_length=10, required=False, allow_blank=True)
    approximate_age = serializers.IntegerField(required=False, allow_null=True)
    nationality = serializers.CharField(max_length=3, required=False, allow_blank=True)
    last_known_place = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    last_heard_of = serializers.CharField(max_length=10, required=False, allow_blank=True)
    destination = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    consent_given = serializers.BooleanField(write_only=True, required=False, default=False)
    consent_by = serializers.CharField(write_only=True, required=False, allow_blank=True)
    consent_on = serializers.DateField(write_only=True, required=False, allow_null=True)
    consent_language = serializers.CharField(write_only=True, required=False,
                                             allow_blank=True)


class LevelSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField()
    level = serializers.CharField()
    weight = serializers.FloatField()


class AgreedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    field = serializers.CharField()
    level = serializers.CharField()
    value = serializers.CharField(allow_blank=True)


class VariantsSerializer(serializers.Serializer):  # type: ignore[type-arg]
    report = serializers.CharField(allow_blank=True)
    registered = serializers.CharField(allow_blank=True)
    score = serializers.FloatField()


class EvidenceSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The minimum a tracer needs to judge a match (see matching.evidence)."""

    report_name = serializers.CharField()
    registered_name = serializers.CharField()
    registered_scripts = serializers.ListField(child=serializers.CharField())
    name_similarity = serializers.FloatField()
    name_level = serializers.CharField()
    variants = VariantsSerializer()
    shared_keys = serializers.ListField(child=serializers.CharField())
    levels = LevelSerializer(many=True)
    fields_agreed = AgreedSerializer(many=True)
    country = serializers.CharField(help_text="Country of the registering organisation.")


class OutcomeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    state = serializers.ChoiceField(choices=["pending", "agreed", "refused", "cancelled"])
    message = serializers.CharField()
    family_may_be_told = serializers.CharField()
    contact_route = serializers.CharField(allow_blank=True)
    location = serializers.CharField(allow_blank=True)
    can_ask_again = serializers.BooleanField(
        help_text="The request was withdrawn when the report was closed and the report is "
                  "open again: the tracer may ask the case team again.")


class CandidateSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    evidence = EvidenceSerializer()
    outcome = serializers.SerializerMethodField()

    class Meta:
        model = Candidate
        fields = ["id", "score", "band", "status", "found_at", "decided_at", "evidence",
                  "outcome"]

    @extend_schema_field(OutcomeSerializer(allow_null=True))  # type: ignore[misc]
    def get_outcome(self, obj: Candidate) -> dict[str, Any] | None:
        outcome = services.tracer_outcome(obj, self.context.get("family_consent"))
        return None if outcome is None else dict(outcome.__dict__)


class RejectSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                   default="")


class CloseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.ChoiceField(choices=CloseReason.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="",
                                 help_text="Required when the reason is \"other\".")


class ReopenSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=2000, help_text="Why the report is re-opened.")


class ReportStatusSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    """The report's state after closing or re-opening (no names)."""

    class Meta:
        model = FamilyReport
        fields = ["reference", "status", "closed_reason", "closed_at"]


class MatchSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    reports = serializers.IntegerField()
    registered = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    removed = serializers.IntegerField()


def _report(ref: str) -> FamilyReport:
    return get_object_or_404(FamilyReport.objects.select_related("organisation"),
                             reference=ref)


def _candidate(pk: int) -> Candidate:
    return get_object_or_404(Candidate.objects.select_related("report", "case"), pk=pk)


def _bad(exc: DjangoValidationError) -> Response:
    return Response(exc.message_dict if hasattr(exc, "error_dict") else
                    {"__all__": exc.messages}, status=status.HTTP_400_BAD_REQUEST)


class ReportListAPI(APIView):
    @extend_schema(
        parameters=[OpenApiParameter(
            "status", str, enum=list(services.LIST_FILTERS), default="open",
            description="Open reports (the default), closed ones, or all.")],
        responses=ReportListSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(request.user, Action.TRACE_REPORT_LIST)
        try:
            reports = list(services.reports_for_list(
                request.user, request.query_params.get("status") or "open"))
        except DjangoValidationError as exc:
            return _bad(exc)
        return Response(ReportListSerializer(reports, many=True).data)

    @extend_schema(request=ReportSerializer, responses={201: ReportSerializer})
    def post(self, request: Request) -> Response:
        require(request.user, Action.TRACE_REPORT_CREATE)
        ser = ReportSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            report = services.create_report(request.user, dict(ser.validated_data))
        except DjangoValidationError as exc:
            return _bad(exc)
        require(request.user, Action.TRACE_REPORT_VIEW, report)
        return Response(ReportSerializer(report).data, status=201)


class ReportDetailAPI(APIView):
    @extend_schema(responses=ReportSerializer)
    def get(self, request: Request, ref: str) -> Response:
        report = _report(ref)
        require(request.user, Action.TRACE_REPORT_VIEW, report)
        return Response(ReportSerializer(report).data)


class ReportMatchAPI(APIView):
    @extend_schema(request=None, responses=MatchSummarySerializer)
    def post(self, request: Request, ref: str) -> Response:
        report = _report(ref)
        try:
            summary = services.match_report(request.user, report)
        except DjangoValidationError as exc:
            return _bad(exc)
        return Response(MatchSummarySerializer(summary).data)


def _gated(request: Request, action: Action, report: FamilyReport) -> None:
    """Refuse (audited) before the input is read; the service audits an allowed call."""
    if not decide(request.user, action, report):
        require(request.user, action, report)


class _ReportStatusAPI(APIView):
    """Close or re-open a report: the action, the input and the service differ."""

    action: Action
    input_serializer: type[serializers.Serializer]  # type: ignore[type-arg]
    change: Callable[[Any, FamilyReport, dict[str, Any]], Any]

    def post(self, request: Request, ref: str) -> Response:
        report = _report(ref)
        _gated(request, self.action, report)
        ser = self.input_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            self.change(request.user, report, dict(ser.validated_data))
        except DjangoValidationError as exc:
            return _bad(exc)
        return Response(ReportStatusSerializer(report).data)


@extend_schema_view(post=extend_schema(request=CloseSerializer,
                                       responses=ReportStatusSerializer))
class ReportCloseAPI(_ReportStatusAPI):
    action = Action.TRACE_REPORT_CLOSE
    input_serializer = CloseSerializer
    change = staticmethod(services.close_report)


@extend_schema_view(post=extend_schema(request=ReopenSerializer,
                                       responses=ReportStatusSerializer))
class ReportReopenAPI(_ReportStatusAPI):
    action = Action.TRACE_REPORT_REOPEN
    input_serializer = ReopenSerializer
    change = staticmethod(services.reopen_report)


class ReportCandidatesAPI(APIView):
    @extend_schema(responses=CandidateSerializer(many=True))
    def get(self, request: Request, ref: str) -> Response:
        report = _report(ref)
        shown = services.candidates_for_tracer(request.user, report)
        # Read once for the list, not for each candidate's outcome.
        context = {"family_consent": report.has_consent}
        return Response(CandidateSerializer(shown, many=True, context=context).data)


class _CandidateActionAPI(APIView):
    """POST without a body: one service call on a candidate (it asks the policy first)."""

    service: Callable[[Any, Candidate], Any]

    @extend_schema(request=None, responses=CandidateSerializer)
    def post(self, request: Request, pk: int) -> Response:
        candidate = _candidate(pk)
        try:
            type(self).service(request.user, candidate)
        except DjangoValidationError as exc:
            return _bad(exc)
        return Response(CandidateSerializer(candidate).data)


class CandidateConfirmAPI(_CandidateActionAPI):
    service = staticmethod(services.confirm)


class CandidateRejectAPI(APIView):
    @extend_schema(request=RejectSerializer, responses=CandidateSerializer)
    def post(self, request: Request, pk: int) -> Response:
        candidate = _candidate(pk)
        if not decide(request.user, Action.TRACE_MATCH_REVIEW, candidate):
            require(request.user, Action.TRACE_MATCH_REVIEW, candidate)  # audited 403
        ser = RejectSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        try:
            services.reject(request.user, candidate, ser.validated_data["reason"])
        except DjangoValidationError as exc:
            return _bad(exc)
        return Response(CandidateSerializer(candidate).data)


class CandidateAskAgainAPI(_CandidateActionAPI):
    """Ask the case team again: a confirmed candidate whose disclosure request was
    withdrawn when the report was closed, the report open again."""

    service = staticmethod(services.ask_again)
