"""REST API for cases, persons and consent; every call goes through the policy module."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wayhome.apps.audit.log import record as audit
from wayhome.security.policy import Action, decide, require, visible_cases

from . import services
from .forms import LANGUAGE_CODES, _DOB
from .models import Case, ConsentPurpose, Person, Sex


class PersonSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    sex = serializers.ChoiceField(choices=Sex.choices, required=False, allow_blank=True)

    class Meta:
        model = Person
        fields = list(services.PERSON_FIELDS)

    def validate_date_of_birth(self, value: str) -> str:
        if value and not _DOB.match(value):
            raise serializers.ValidationError(_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD."))
        return value

    def validate_languages(self, value: str) -> str:
        codes = [c.strip() for c in value.split(",") if c.strip()]
        bad = [c for c in codes if c not in LANGUAGE_CODES]
        if bad:
            raise serializers.ValidationError(
                _("Unknown language code(s): %(codes)s") % {"codes": ", ".join(bad)})
        return ",".join(codes)

    def validate_nationality(self, value: str) -> str:
        import pycountry

        if value and pycountry.countries.get(alpha_3=value.upper()) is None:
            raise serializers.ValidationError(_("Not an ISO 3166 alpha-3 country code."))
        return value.upper()


class PseudonymousPersonSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Person
        fields = ["sex", "nationality", "languages", "interpreter_needed", "age_years",
                  "age_is_estimate", "may_be_child", "age_verified"]


class CaseSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    person = PersonSerializer()
    narrative = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    protected = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = ["case_number", "status", "created_at", "person", "narrative", "protected"]
        read_only_fields = ["case_number", "status", "created_at", "protected"]

    def get_protected(self, obj: Case) -> bool:
        st = getattr(obj, "protection", None)
        return bool(st and st.active)


class CaseListSerializer(CaseSerializer):
    person = PseudonymousPersonSerializer()  # type: ignore[assignment]

    class Meta(CaseSerializer.Meta):
        fields = ["case_number", "status", "created_at", "person", "protected"]


class ConsentSerializer(serializers.Serializer):  # type: ignore[type-arg]
    purpose = serializers.ChoiceField(choices=ConsentPurpose.choices)
    granted = serializers.BooleanField()
    language = serializers.ChoiceField(choices=sorted(LANGUAGE_CODES))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    recorded_at = serializers.DateTimeField(read_only=True)
    recorded_by = serializers.CharField(source="recorded_by.username", read_only=True)


def _get_case(number: str) -> Case:
    return get_object_or_404(
        Case.objects.select_related("organisation", "person", "protection"), case_number=number
    )


def _paginated_cases(request: Request, view: APIView, qs: Any) -> Response:
    paginator = PageNumberPagination()
    # The page's ids first (index only), then those rows: see services.page_of_cases.
    ids = paginator.paginate_queryset(qs.values_list("pk", flat=True), request, view=view)
    page = services.cases_in_order(list(ids or []))
    return paginator.get_paginated_response(CaseListSerializer(page, many=True).data)


class SearchSerializer(serializers.Serializer):  # type: ignore[type-arg]
    q = serializers.CharField(max_length=200, help_text=gettext_lazy("A case number or a name, any script"))


class CaseListAPI(APIView):
    @extend_schema(responses=CaseListSerializer(many=True))
    def get(self, request: Request) -> Response:
        require(request.user, Action.CASE_LIST)
        return _paginated_cases(request, self, visible_cases(request.user))

    @extend_schema(request=CaseSerializer, responses={201: CaseSerializer})
    def post(self, request: Request) -> Response:
        require(request.user, Action.CASE_CREATE)
        ser = CaseSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(ser.validated_data)
        try:
            case = services.register_case(request.user, data["person"], data.get("narrative", ""))
        except DjangoValidationError as exc:
            return Response({"person": exc.message_dict}, status=status.HTTP_400_BAD_REQUEST)
        return Response(CaseSerializer(_get_case(case.case_number)).data, status=201)


class CaseSearchAPI(APIView):
    """Search by case number or name. The words go in the POST body, never in the URL
    (URLs land in proxy and server logs); ``?page=N`` pages through the result."""

    @extend_schema(request=SearchSerializer, responses=CaseListSerializer(many=True))
    def post(self, request: Request) -> Response:
        require(request.user, Action.CASE_LIST)
        ser = SearchSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        qs = services.search(visible_cases(request.user), ser.validated_data["q"])
        return _paginated_cases(request, self, qs)


class CaseDetailAPI(APIView):
    @extend_schema(responses=CaseSerializer)
    def get(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        require(request.user, Action.CASE_VIEW, case)
        if decide(request.user, Action.IDENTITY_VIEW, case):
            audit(request.user, str(Action.IDENTITY_VIEW), obj=case)
            return Response(CaseSerializer(case).data)
        return Response(CaseListSerializer(case).data)

    @extend_schema(request=CaseSerializer, responses=CaseSerializer)
    def patch(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        require(request.user, Action.CASE_EDIT, case)
        ser = CaseSerializer(case, data=request.data, partial=True)
        ser.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(ser.validated_data)
        try:
            services.update_person(request.user, case, dict(data.get("person", {})),
                                   data.get("narrative"))
        except DjangoValidationError as exc:
            return Response({"person": exc.message_dict}, status=status.HTTP_400_BAD_REQUEST)
        return Response(CaseSerializer(_get_case(number)).data)


class ConsentAPI(APIView):
    @extend_schema(responses=ConsentSerializer(many=True))
    def get(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        require(request.user, Action.CONSENT_VIEW, case)
        return Response(ConsentSerializer(case.consents.select_related("recorded_by"),
                                          many=True).data)

    @extend_schema(request=ConsentSerializer, responses={201: ConsentSerializer})
    def post(self, request: Request, number: str) -> Response:
        case = _get_case(number)
        require(request.user, Action.CONSENT_RECORD, case)
        ser = ConsentSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        rec = services.record_consent(request.user, case, **ser.validated_data)
        return Response(ConsentSerializer(rec).data, status=201)
