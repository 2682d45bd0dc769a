"""The settings hold up in production: Django's deploy check is clean and bad values are refused."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **variables: str) -> subprocess.CompletedProcess[str]:
    # pytest-env sets DJANGO_DEBUG=true in this process, so the child gets a clean environment
    # holding only what a production server would be given.
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        **variables,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="copes.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = _manage("check", DJANGO_DEBUG="false", DJANGO_ALLOWED_HOSTS="copes.example.org")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_it_refuses_a_yes_no_setting_that_is_neither():
    result = _manage(
        "check",
        DJANGO_DEBUG="maybe",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG must be true or false, not 'maybe'" in result.stderr


def test_it_refuses_a_quick_exit_that_is_not_a_web_address():
    result = _manage(
        "check",
        DJANGO_DEBUG="true",
        COPEJAR_QUICK_EXIT_URL="javascript:history.back()",
    )

    assert result.returncode != 0
    assert "COPEJAR_QUICK_EXIT_URL must be a full http(s) address" in result.stderr
