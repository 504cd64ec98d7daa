"""POST /api/v1/ads/check/: the job-ad checker for platforms' trust and safety teams.

Public (no login), stateless (nothing stored, ``Cache-Control: no-store``), throttled per
client address at ``settings.WAYHOME_ADS_API_RATE``. One ad (``text``) or a batch
(``ads``, up to ``MAX_BATCH`` ads and ``MAX_BODY_BYTES`` bytes of JSON).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiExample, PolymorphicProxySerializer, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from wayhome.domain import jobads

from .services import input_message, score

MAX_BATCH = 1000
MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_RATE = "600/minute"


class AdsCheckThrottle(SimpleRateThrottle):
    """Per client address (or per user when logged in); the rate is read from settings on
    each request so a deployment (or a test) can change it."""

    scope = "ads_check"

    def get_rate(self) -> str | None:
        return str(getattr(settings, "WAYHOME_ADS_API_RATE", DEFAULT_RATE))

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        user = getattr(request, "user", None)
        ident = (f"user-{user.pk}" if user is not None and user.is_authenticated
                 else self.get_ident(request))
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AdTextField(serializers.CharField):
    """The ad's text, checked by the engine's own ``validate_text`` (the one check the page
    and the CLI use too); its message, translated, is the field's error."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(allow_blank=True, trim_whitespace=False, **kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        text = super().run_validation(data)
        try:
            return jobads.validate_text(text)
        except jobads.AdInputError as exc:
            raise serializers.ValidationError(input_message(exc)) from None


class AdItemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField(required=False, allow_blank=True, max_length=200,
                               help_text="Your identifier, echoed back.")
    text = AdTextField(help_text="The ad, at most 100,000 bytes of UTF-8.")


class AdCheckRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    text = AdTextField(required=False, help_text="One ad.")
    ads = serializers.ListField(
        child=AdItemSerializer(), required=False, allow_empty=False, max_length=MAX_BATCH,
        help_text="A batch of ads (at most 1,000), instead of text.")
    lang = serializers.ChoiceField(
        choices=list(jobads.LANGUAGES), default="en",
        help_text="Language of the flag titles and reasons.")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("text" in attrs) == ("ads" in attrs):
            raise serializers.ValidationError(
                {"text": [_("Send either text (one ad) or ads (a batch), not both.")]}
                if "text" in attrs else
                {"text": [_("Send text (one ad) or ads (a batch of ads).")]})
        return attrs


class FlagSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.CharField()
    category = serializers.CharField()
    title = serializers.CharField()
    matched = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField()


class AdCheckResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    risk = serializers.ChoiceField(choices=["low", "medium", "high"])
    score = serializers.FloatField(min_value=0, max_value=1)
    flags = FlagSerializer(many=True)
    languages = serializers.ListField(child=serializers.CharField())
    model_version = serializers.CharField()


class AdBatchItemResultSerializer(AdCheckResultSerializer):
    id = serializers.CharField()


class AdBatchResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = AdBatchItemResultSerializer(many=True)
    model_version = serializers.CharField()


class AdCheckAPI(APIView):
    """Score job ads for signs of recruitment into scam compounds."""

    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]
    throttle_classes = [AdsCheckThrottle]

    @extend_schema(
        operation_id="ads_check",
        request=AdCheckRequestSerializer,
        responses={
            200: PolymorphicProxySerializer(
                component_name="AdCheckResponse",
                serializers=[AdCheckResultSerializer, AdBatchResultSerializer],
                resource_type_field_name=None),
            400: None, 413: None, 429: None,
        },
        examples=[
            OpenApiExample("One ad", request_only=True,
                           value={"text": "Customer service job in Bangkok ...", "lang": "en"}),
            OpenApiExample("A batch", request_only=True,
                           value={"ads": [{"id": "a1", "text": "..."},
                                          {"id": "a2", "text": "..."}], "lang": "en"}),
        ],
        description="Public and stateless: no login, nothing stored, never cached.",
        auth=[],
    )
    @sensitive_variables()
    def post(self, request: Request) -> Response:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            return Response({"detail": _("The request is larger than %(limit)d MB.")
                             % {"limit": MAX_BODY_BYTES // (1024 * 1024)}},
                            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
        incoming = AdCheckRequestSerializer(data=request.data)
        if not incoming.is_valid():
            return Response(incoming.errors, status=status.HTTP_400_BAD_REQUEST)
        data = incoming.validated_data
        lang = data["lang"]
        if "text" in data:
            try:
                return Response(score(data["text"], lang))
            except jobads.AdInputError as exc:
                return Response({"text": [input_message(exc)]},
                                status=status.HTTP_400_BAD_REQUEST)
        results = []
        for i, item in enumerate(data["ads"]):
            try:
                checked = score(item["text"], lang)
            except jobads.AdInputError as exc:
                return Response({"ads": {str(i): {"text": [input_message(exc)]}}},
                                status=status.HTTP_400_BAD_REQUEST)
            results.append({"id": item.get("id") or str(i), **checked})
        return Response({"results": results, "model_version": jobads.MODEL_VERSION})

    def finalize_response(self, request: Request, response: Any, *args: Any,
                          **kwargs: Any) -> Any:
        """Every answer, errors raised before ``post`` included (throttling, bad JSON),
        is marked never to be cached."""
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        return response
