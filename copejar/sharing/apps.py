"""App config for sharing."""

from __future__ import annotations

from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "copejar.sharing"
    label = "sharing"
    verbose_name = "Sharing"
