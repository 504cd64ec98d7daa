from django.urls import path

from . import views

app_name = "returns"
urlpatterns = [
    path("due/", views.due, name="due"),
    path("cases/<str:number>/", views.case_page, name="case"),
    path("cases/<str:number>/option/", views.choose_option, name="option"),
    path("cases/<str:number>/assess/", views.assess, name="assess"),
    path("cases/<str:number>/clear/", views.clear, name="clear"),
    path("cases/<str:number>/consent/", views.consent, name="consent"),
    path("cases/<str:number>/consent/withdraw/", views.withdraw_consent,
         name="withdraw_consent"),
    path("cases/<str:number>/best-interests/", views.best_interests, name="best_interests"),
    path("cases/<str:number>/plan/", views.plan_new, name="plan_new"),
    path("cases/<str:number>/plan/update/", views.plan_update, name="plan_update"),
    path("cases/<str:number>/plan/advance/", views.plan_advance, name="plan_advance"),
    path("cases/<str:number>/plan/cancel/", views.plan_cancel, name="plan_cancel"),
    path("cases/<str:number>/follow-up/", views.follow_up, name="follow_up"),
]
