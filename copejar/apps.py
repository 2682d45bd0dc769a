"""The site itself: what combines the apps (the jars home page, demo data, checks, commands)."""

from __future__ import annotations

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "copejar"
    label = "site"
    verbose_name = "Jar O' Copes"

    def ready(self) -> None:
        # Registers the deployment checks with Django's system check framework.
        from copejar import checks  # noqa: F401
