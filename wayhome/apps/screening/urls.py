from django.urls import path

from . import views

app_name = "screening"
urlpatterns = [
    path("cases/<str:number>/start/", views.start, name="start"),
    path("<int:pk>/assessment/", views.assessment, name="assessment"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/<slug:section>/", views.section, name="section"),
]
