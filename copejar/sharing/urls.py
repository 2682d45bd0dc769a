"""URLs for the person's side of sharing."""

from __future__ import annotations

from django.urls import path

from copejar.sharing import views

app_name = "sharing"

urlpatterns = [
    path("", views.sharing, name="list"),
    path("seen/", views.seen, name="seen"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/scope/", views.change_scope, name="scope"),
    path("<uuid:code>/stop/", views.stop, name="stop"),
    path("suggestions/set-aside/", views.set_aside_suggestions, name="suggestions_set_aside"),
    path("suggestions/<uuid:code>/", views.decide_suggestion, name="suggestion"),
]
