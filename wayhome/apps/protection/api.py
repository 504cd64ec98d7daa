from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.apps.cases.models import Case
from wayhome.apps.protection.services import what_protection_means
from wayhome.security.policy import Action, require


class ProtectionSerializer(serializers.Serializer):  # type: ignore[type-arg]
    case_number = serializers.CharField()
    protected = serializers.BooleanField()
    since = serializers.DateTimeField(allow_null=True)
    is_child = serializers.BooleanField()
    means = serializers.ListField(child=serializers.CharField())




class ProtectionAPI(APIView):
    @extend_schema(responses=ProtectionSerializer)
    def get(self, request: Request, number: str) -> Response:
        # Never load the person: the liaison's request touches only the flag.
        case = get_object_or_404(
            Case.objects.select_related("organisation", "protection").only(
                "case_number", "organisation__country", "protection"
            ),
            case_number=number,
        )
        require(request.user, Action.PROTECTION_VIEW, case)
        st = getattr(case, "protection", None)
        active = bool(st and st.active)
        return Response(ProtectionSerializer({
            "case_number": case.case_number, "protected": active,
            "since": st.since if active and st else None,
            "is_child": bool(st and st.is_child), "means": what_protection_means(st),
        }).data)
