from django.urls import path

from . import views

app_name = "referrals"
urlpatterns = [
    path("services/", views.directory, name="directory"),
    path("services/new/", views.service_new, name="service_new"),
    path("cases/<str:number>/", views.case_referrals, name="case"),
    path("cases/<str:number>/needs/", views.needs, name="needs"),
    path("cases/<str:number>/send/", views.send, name="send"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/", views.inbox_item, name="inbox_item"),
    path("inbox/<int:pk>/respond/", views.respond, name="respond"),
]
