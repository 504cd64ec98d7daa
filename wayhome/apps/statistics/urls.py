from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("table.csv", views.table_csv, name="table_csv"),
    path("htcds.csv", views.htcds_csv, name="htcds_csv"),
    path("agreements/", views.agreements, name="agreements"),
    path("agreements/<int:pk>/end/", views.agreement_end, name="agreement_end"),
]
