from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("otp/", views.otp, name="otp"),
    path("logout/", views.logout, name="logout"),
    path("users/", views.users, name="users"),
]
