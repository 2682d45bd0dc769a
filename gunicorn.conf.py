"""gunicorn reads this file when it is started from the project folder: at start it warns
when its workers and this machine's SQLite library put the database at risk (see
copejar/checks.py). Every setting still comes from the command line or GUNICORN_CMD_ARGS."""

from __future__ import annotations

import os
import sqlite3


def on_starting(server) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "copejar.settings")
    from django.conf import settings

    from copejar.checks import WAL_RESET_HINT, wal_reset_risk

    problem = wal_reset_risk(
        engine=settings.DATABASES["default"]["ENGINE"],
        sqlite_version=sqlite3.sqlite_version,
        workers=server.cfg.workers,
        threads=server.cfg.threads,
    )
    if problem:
        server.log.warning("%s %s", problem, WAL_RESET_HINT)
