"""REST API (read-only) for communications, their questions and answer status, and the
per-state summary. Analysts only: every call asks the policy (``COMMS_VIEW``)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.security.policy import Action, require

from . import services
from .models import Communication, Reply


class QuestionStatusSerializer(serializers.Serializer):  # type: ignore[type-arg]
    number = serializers.IntegerField(source="question.number")
    text = serializers.CharField(source="question.text")
    status = serializers.ChoiceField(choices=["not_answered", "partly", "answered"])
    how = serializers.CharField()
    reply_id = serializers.SerializerMethodField()

    def get_reply_id(self, obj: services.QuestionStatus) -> int | None:
        return obj.reply.pk if obj.reply else None


class ReplySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    publication_date = serializers.DateField(read_only=True)

    class Meta:
        model = Reply
        fields = ["id", "received_on", "from_whom", "summary", "document_ref",
                  "publication_date"]


class CommunicationSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField(source="communication.pk")
    reference = serializers.CharField(source="communication.reference")
    type = serializers.CharField(source="communication.comm_type")
    country = serializers.CharField(source="communication.country")
    number = serializers.IntegerField(source="communication.number")
    year = serializers.IntegerField(source="communication.year")
    addressee = serializers.CharField(source="communication.addressee")
    sent_on = serializers.DateField(source="communication.sent_on")
    publication_date = serializers.DateField(source="communication.publication_date")
    published = serializers.BooleanField()
    days_since_sent = serializers.IntegerField()
    questions_count = serializers.SerializerMethodField()
    unanswered = serializers.IntegerField()

    def get_questions_count(self, obj: services.CommunicationStatus) -> int:
        return len(obj.questions)


class CommunicationDetailSerializer(CommunicationSummarySerializer):
    mandates = serializers.ListField(child=serializers.CharField(),
                                     source="communication.mandate_list")
    copies = serializers.ListField(child=serializers.CharField(),
                                   source="communication.copy_list")
    also_sent_to = serializers.ListField(child=serializers.CharField(),
                                         source="communication.also_sent_to_list")
    allegations = serializers.CharField(source="communication.allegations")
    source = serializers.CharField(source="communication.source")
    questions = QuestionStatusSerializer(many=True)
    replies = serializers.SerializerMethodField()

    @extend_schema_field(ReplySerializer(many=True))
    def get_replies(self, obj: services.CommunicationStatus) -> list[dict[str, Any]]:
        return list(ReplySerializer(obj.communication.replies.all(), many=True).data)


class StateRowSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    name = serializers.CharField()
    communications = serializers.IntegerField()
    questions = serializers.IntegerField()
    unanswered = serializers.IntegerField()


class StateSummarySerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField()
    name = serializers.CharField()
    questions = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    communications = CommunicationDetailSerializer(many=True)


class CommunicationListAPI(APIView):
    @extend_schema(responses=CommunicationSummarySerializer(many=True))
    def get(self, request: Request) -> Response:
        require(request.user, Action.COMMS_VIEW)
        rows = [services.communication_status(c)
                for c in services.with_answers(Communication.objects.all())]
        return Response(CommunicationSummarySerializer(rows, many=True).data)


class CommunicationDetailAPI(APIView):
    @extend_schema(responses=CommunicationDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        require(request.user, Action.COMMS_VIEW)
        comm = get_object_or_404(services.with_answers(Communication.objects.all()), pk=pk)
        return Response(CommunicationDetailSerializer(services.communication_status(comm)).data)


class StateListAPI(APIView):
    @extend_schema(responses=StateRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(request.user, Action.COMMS_VIEW)
        return Response(StateRowSerializer(services.states_overview(), many=True).data)


class StateSummaryAPI(APIView):
    @extend_schema(responses=StateSummarySerializer)
    def get(self, request: Request, code: str) -> Response:
        require(request.user, Action.COMMS_VIEW)
        if not services.is_addressee_code(code):
            raise Http404
        return Response(StateSummarySerializer(services.state_summary(code)).data)
