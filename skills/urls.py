"""URLs for keeping coping skills. The site adds the skill pages that show a skill's history
(copejar/urls.py), under the same "skills" names."""

from __future__ import annotations

from django.urls import path

from skills import views

app_name = "skills"

urlpatterns = [
    path("", views.skill_list, name="list"),
    path("new/", views.skill_new, name="new"),
    path("ideas/", views.ideas, name="ideas"),
    path("<uuid:code>/edit/", views.skill_edit, name="edit"),
    path("<uuid:code>/archive/", views.skill_archive, name="archive"),
]
