from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("<str:number>/", views.case_detail, name="detail"),
    path("<str:number>/edit/", views.case_edit, name="edit"),
    path("<str:number>/consent/", views.consent, name="consent"),
]
