from django.urls import path

from . import views

app_name = "tracing"
urlpatterns = [
    path("reports/", views.report_list, name="reports"),
    path("reports/new/", views.report_new, name="report_new"),
    path("reports/<str:ref>/", views.report_detail, name="report"),
    path("reports/<str:ref>/consent/", views.report_consent, name="report_consent"),
    path("reports/<str:ref>/match/", views.report_match, name="report_match"),
    path("reports/<str:ref>/close/", views.report_close, name="report_close"),
    path("reports/<str:ref>/reopen/", views.report_reopen, name="report_reopen"),
    path("candidates/<int:pk>/confirm/", views.candidate_confirm, name="candidate_confirm"),
    path("candidates/<int:pk>/reject/", views.candidate_reject, name="candidate_reject"),
    path("candidates/<int:pk>/ask-again/", views.candidate_ask_again,
         name="candidate_ask_again"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("requests/<int:pk>/best-interests/", views.request_best_interests,
         name="request_best_interests"),
]
