from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify, name="verify"),
    path("cases/<str:number>/issue/", views.issue, name="issue"),
    path("<int:pk>/", views.show, name="show"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
    path("organisations/<int:org>/key.pem", views.public_key, name="public_key"),
    path("organisations/<int:org>/register.txt", views.register, name="register"),
]
