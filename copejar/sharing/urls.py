"""URLs for the person's side of sharing."""

from __future__ import annotations

from django.urls import path

from copejar.sharing import care, views

app_name = "sharing"

urlpatterns = [
    path("", views.sharing, name="list"),
    path("seen/", views.seen, name="seen"),
    # What a therapist with each scope would see, drawn exactly as their pages are.
    path("preview/<str:scope>/", care.preview_jars, name="preview_jars"),
    path("preview/<str:scope>/journal/", care.preview_journal, name="preview_journal"),
    path("preview/<str:scope>/diary/", care.preview_diary, name="preview_diary"),
    path("preview/<str:scope>/insights/", care.preview_insights, name="preview_insights"),
    path("preview/<str:scope>/insights/year/", care.preview_year, name="preview_insights_year"),
    path(
        "preview/<str:scope>/insights/growth/",
        care.preview_growth,
        name="preview_insights_growth",
    ),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/scope/", views.change_scope, name="scope"),
    path("<uuid:code>/stop/", views.stop, name="stop"),
    path("suggestions/set-aside/", views.set_aside_suggestions, name="suggestions_set_aside"),
    path("suggestions/<uuid:code>/", views.decide_suggestion, name="suggestion"),
]
