from django.urls import path

from . import views

app_name = "nonpunishment"
urlpatterns = [
    path("cases/<str:number>/new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/requested/", views.requested, name="requested"),
    path("<int:pk>/resolve/", views.resolve, name="resolve"),
    path("<int:pk>/letter.pdf", views.letter, name="letter"),
    path("<int:pk>/letter-checked.pdf", views.letter_checked, name="letter_checked"),
]
