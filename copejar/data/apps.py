from __future__ import annotations

from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "copejar.data"
    label = "data"
    verbose_name = "The person's data"
