"""The safety plan app."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "copejar.safety"
    label = "safety"
    verbose_name = _("Safety plan")
    default_auto_field = "django.db.models.BigAutoField"
