from django.urls import path

from . import views

app_name = "compounds"
urlpatterns = [
    path("", views.registry, name="registry"),
    path("map/", views.map_page, name="map"),
    path("new/", views.compound_new, name="new"),
    path("sources/new/", views.source_new, name="source_new"),
    path("case/<str:number>/", views.case_links, name="case"),
    path("case/<str:number>/<int:pk>/remove/", views.case_unlink, name="case_unlink"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", views.compound_edit, name="edit"),
    path("<slug:slug>/status/", views.status_new, name="status_new"),
    path("<slug:slug>/cite/", views.citation_new, name="citation_new"),
]
