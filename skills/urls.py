"""URLs for coping skills."""

from __future__ import annotations

from django.urls import path

from skills import views

app_name = "skills"

urlpatterns = [
    path("", views.skill_list, name="list"),
    path("new/", views.skill_new, name="new"),
    path("ideas/", views.ideas, name="ideas"),
    path("<uuid:code>/", views.skill_detail, name="detail"),
    path("<uuid:code>/edit/", views.skill_edit, name="edit"),
    path("<uuid:code>/archive/", views.skill_archive, name="archive"),
    path("<uuid:code>/alternatives/", views.skill_alternatives, name="alternatives"),
    path("<uuid:code>/delete/", views.skill_delete, name="delete"),
]
