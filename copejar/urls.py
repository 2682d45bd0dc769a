"""Root URLs."""

from __future__ import annotations

from django.urls import include, path

from copejar import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("copejar.accounts.urls")),
    path("skills/", include("skills.urls")),
    path("jars/", views.jars, name="jars"),
    path("journal/", include("journal.urls")),
    path("sharing/", include("copejar.sharing.urls")),
    path("care/", include("copejar.sharing.care_urls")),
    path("", include("copejar.safety.urls")),
]
