from django.urls import path

from . import views

app_name = "timeline"
urlpatterns = [path("cases/<str:number>/", views.case_timeline, name="case")]
