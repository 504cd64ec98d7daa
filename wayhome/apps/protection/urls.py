from django.urls import path

from . import views

app_name = "protection"
urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("<str:number>/", views.status, name="status"),
]
