"""URLs for keeping coping skills. The site adds the skill pages that show a skill's history
(copejar/urls.py), under the same "skills" names."""

from __future__ import annotations

from django.urls import path

from skills import photo_views, views

app_name = "skills"

urlpatterns = [
    path("", views.skill_list, name="list"),
    path("new/", views.skill_new, name="new"),
    path("ideas/", views.ideas, name="ideas"),
    path("<uuid:code>/archive/", views.skill_archive, name="archive"),
    path("<uuid:code>/photo/", photo_views.photo, name="photo"),
    path("<uuid:code>/photo/remove/", photo_views.photo_remove, name="photo_remove"),
    path("<uuid:code>/photo.jpg", photo_views.photo_full, name="photo_full"),
    path("<uuid:code>/photo-small.jpg", photo_views.photo_small, name="photo_small"),
]
