from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [path("cases/<str:number>/", views.case_access, name="case")]
