"""URLs for the safety plan and the help page."""

from __future__ import annotations

from django.urls import path

from copejar.safety import views

app_name = "safety"

urlpatterns = [
    path("safety/", views.plan, name="plan"),
    path("help/", views.help_now, name="help"),
]
