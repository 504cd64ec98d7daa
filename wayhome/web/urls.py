from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from wayhome.apps.cases import api as cases_api
from wayhome.apps.communications import api as communications_api
from wayhome.apps.compounds import api as compounds_api
from wayhome.apps.certificates import api as certificates_api
from wayhome.apps.nonpunishment import api as nonpunishment_api
from wayhome.apps.prevention import api as prevention_api
from wayhome.apps.protection import api as protection_api
from wayhome.apps.screening import api as screening_api
from wayhome.apps.statistics import api as statistics_api
from wayhome.apps.tracing import api as tracing_api

from . import views

api_v1 = [
    path("cases/", cases_api.CaseListAPI.as_view(), name="cases"),
    path("cases/search/", cases_api.CaseSearchAPI.as_view(), name="case_search"),
    path("cases/<str:number>/", cases_api.CaseDetailAPI.as_view(), name="case"),
    path("cases/<str:number>/consents/", cases_api.ConsentAPI.as_view(), name="consents"),
    path("cases/<str:number>/screenings/", screening_api.CaseScreeningsAPI.as_view(),
         name="screenings"),
    path("cases/<str:number>/measures/", nonpunishment_api.CaseMeasuresAPI.as_view(),
         name="measures"),
    path("certificates/verify/", certificates_api.VerifyCertificateAPI.as_view(),
         name="certificate_verify"),
    path("screenings/<int:pk>/", screening_api.ScreeningAPI.as_view(), name="screening"),
    path("screenings/<int:pk>/assessment/", screening_api.AssessmentAPI.as_view(),
         name="assessment"),
    path("screenings/<int:pk>/decision/", screening_api.DecisionAPI.as_view(), name="decision"),
    path("protection/<str:number>/", protection_api.ProtectionAPI.as_view(), name="protection"),
    path("tracing/reports/", tracing_api.ReportListAPI.as_view(), name="trace_reports"),
    path("tracing/reports/<str:ref>/", tracing_api.ReportDetailAPI.as_view(),
         name="trace_report"),
    path("tracing/reports/<str:ref>/match/", tracing_api.ReportMatchAPI.as_view(),
         name="trace_report_match"),
    path("tracing/reports/<str:ref>/close/", tracing_api.ReportCloseAPI.as_view(),
         name="trace_report_close"),
    path("tracing/reports/<str:ref>/reopen/", tracing_api.ReportReopenAPI.as_view(),
         name="trace_report_reopen"),
    path("tracing/reports/<str:ref>/candidates/", tracing_api.ReportCandidatesAPI.as_view(),
         name="trace_candidates"),
    path("tracing/candidates/<int:pk>/confirm/", tracing_api.CandidateConfirmAPI.as_view(),
         name="trace_candidate_confirm"),
    path("tracing/candidates/<int:pk>/reject/", tracing_api.CandidateRejectAPI.as_view(),
         name="trace_candidate_reject"),
    path("tracing/candidates/<int:pk>/ask-again/", tracing_api.CandidateAskAgainAPI.as_view(),
         name="trace_candidate_ask_again"),
    path("communications/", communications_api.CommunicationListAPI.as_view(),
         name="communications"),
    path("communications/<int:pk>/", communications_api.CommunicationDetailAPI.as_view(),
         name="communication"),
    path("communications/states/", communications_api.StateListAPI.as_view(),
         name="communication_states"),
    path("communications/states/<str:code>/", communications_api.StateSummaryAPI.as_view(),
         name="communication_state"),
    path("compounds/", compounds_api.CompoundListAPI.as_view(), name="compounds"),
    path("compounds/<slug:slug>/", compounds_api.CompoundDetailAPI.as_view(), name="compound"),
    path("statistics/table/", statistics_api.StatisticsTableAPI.as_view(),
         name="statistics_table"),
    path("ads/check/", prevention_api.AdCheckAPI.as_view(), name="ads_check"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("wayhome.apps.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("check-an-ad/", include("wayhome.apps.prevention.urls")),
    path("cases/", include("wayhome.apps.cases.urls")),
    path("screening/", include("wayhome.apps.screening.urls")),
    path("protection/", include("wayhome.apps.protection.urls")),
    path("measures/", include("wayhome.apps.nonpunishment.urls")),
    path("certificates/", include("wayhome.apps.certificates.urls")),
    path("referrals/", include("wayhome.apps.referrals.urls")),
    path("returns/", include("wayhome.apps.returns.urls")),
    path("tracing/", include("wayhome.apps.tracing.urls")),
    path("timeline/", include("wayhome.apps.timeline.urls")),
    path("audit/", include("wayhome.apps.audit.urls")),
    path("communications/", include("wayhome.apps.communications.urls")),
    path("compounds/", include("wayhome.apps.compounds.urls")),
    path("statistics/", include("wayhome.apps.statistics.urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
]
