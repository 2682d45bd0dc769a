"""App config for accounts."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "copejar.accounts"
    label = "accounts"
    verbose_name = "Accounts"
