"""REST API for checking a protection certificate: what an official's system at a
checkpoint or detention centre asks. The answer holds no name."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.apps.protection.services import protection_means
from wayhome.security.policy import Action, require

from . import services
from .views import REASONS


class VerifyRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.CharField(max_length=4000, help_text=gettext_lazy(
        "The QR content (WH1....) or the short code printed on the certificate"))


class VerificationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    valid = serializers.BooleanField()
    reason = serializers.CharField()
    message = serializers.CharField()
    case_number = serializers.CharField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    is_child = serializers.BooleanField(allow_null=True)
    means = serializers.ListField(child=serializers.CharField())


class VerifyCertificateAPI(APIView):
    @extend_schema(request=VerifyRequestSerializer, responses=VerificationSerializer)
    def post(self, request: Request) -> Response:
        require(request.user, Action.CERTIFICATE_VERIFY)
        ser = VerifyRequestSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        result = services.verify(ser.validated_data["code"])
        claims = result.claims
        return Response(VerificationSerializer({
            "valid": result.valid, "reason": str(result.reason),
            "message": str(REASONS.get(result.reason, "")),
            "case_number": claims.case_number if claims else None,
            "valid_until": claims.valid_until if claims else None,
            "is_child": claims.is_child if claims else None,
            "means": [str(m) for m in protection_means(claims.is_child)]
            if result.valid and claims else [],
        }).data)
