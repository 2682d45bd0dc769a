"""URLs for the therapist's side: everything here is read-only, within a person's consent."""

from __future__ import annotations

from django.urls import path

from copejar.sharing import care, care_photos

app_name = "care"

urlpatterns = [
    path("", care.dashboard, name="dashboard"),
    path("redeem/", care.redeem, name="redeem"),
    path("<uuid:code>/", care.jars, name="jars"),
    path("<uuid:code>/journal/", care.journal, name="journal"),
    path("<uuid:code>/diary/", care.diary, name="diary"),
    path("<uuid:code>/insights/", care.insights, name="insights"),
    path("<uuid:code>/insights/year/", care.insights_year, name="insights_year"),
    path("<uuid:code>/insights/growth/", care.insights_growth, name="insights_growth"),
    path("<uuid:code>/suggest/", care.suggest, name="suggest"),
    path("<uuid:code>/photos/<uuid:skill>/", care_photos.photo, name="photo"),
]
