from django.urls import path

from . import views

app_name = "communications"
urlpatterns = [
    path("", views.communication_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/replies/new/", views.reply_new, name="reply_new"),
    path("press/new/", views.press_new, name="press_new"),
    path("states/", views.states, name="states"),
    path("states/<str:code>/", views.state, name="state"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("recommendations/<int:pk>/actions/new/", views.state_action_new,
         name="state_action_new"),
]
