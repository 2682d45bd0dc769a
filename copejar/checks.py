"""System checks for how the site is deployed (registered in copejar/apps.py)."""

from __future__ import annotations

import os
import shlex
import sqlite3
from collections.abc import Mapping

from django.conf import settings
from django.core.checks import Tags, Warning, register

# SQLite's "WAL-reset" bug (3.7.0 up to 3.51.2) can corrupt a database in WAL mode when two
# connections in different processes or threads write and checkpoint at the same moment.
WAL_RESET_FIXED = (3, 51, 3)
WAL_RESET_HINT = (
    "Run a single worker with a single thread (gunicorn --workers 1, the default sync "
    "worker), or give Python a SQLite library of 3.51.3 or newer, or move to PostgreSQL "
    "with DATABASE_URL. See 'SQLite and several workers' in the README."
)


def wal_reset_risk(*, engine: str, sqlite_version: str, workers: int, threads: int = 1) -> str:
    """Why this set-up risks SQLite's WAL-reset corruption; empty when it does not."""
    if "sqlite" not in engine or workers * threads <= 1:
        return ""
    version = tuple(int(part) for part in sqlite_version.split(".")[:3])
    if version >= WAL_RESET_FIXED:
        return ""
    return (
        f"The database is SQLite {sqlite_version}, written by {workers} worker process(es) "
        f"with {threads} thread(s) each. SQLite before 3.51.3 has a bug that can corrupt a "
        "database when several connections write and checkpoint at the same time."
    )


def workers_from_environment(environ: Mapping[str, str]) -> tuple[int, int]:
    """How many gunicorn workers and threads the environment asks for, as gunicorn reads
    it: WEB_CONCURRENCY, then --workers/-w and --threads in GUNICORN_CMD_ARGS (1 if unset)."""
    workers = _whole(environ.get("WEB_CONCURRENCY"), 1)
    threads = 1
    args = shlex.split(environ.get("GUNICORN_CMD_ARGS", ""))
    for index, arg in enumerate(args):
        name, _sep, value = arg.partition("=")
        if not value and index + 1 < len(args):
            value = args[index + 1]
        if name in ("-w", "--workers"):
            workers = _whole(value, workers)
        elif name.startswith("-w") and name[2:].isdigit():
            workers = int(name[2:])
        elif name == "--threads":
            threads = _whole(value, threads)
    return workers, threads


def _whole(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@register(Tags.compatibility)
def check_sqlite_with_several_workers(app_configs, **kwargs) -> list[Warning]:
    """Warn when several gunicorn workers would write to SQLite with the WAL-reset bug."""
    workers, threads = workers_from_environment(os.environ)
    problem = wal_reset_risk(
        engine=settings.DATABASES["default"]["ENGINE"],
        sqlite_version=sqlite3.sqlite_version,
        workers=workers,
        threads=threads,
    )
    if not problem:
        return []
    return [Warning(problem, hint=WAL_RESET_HINT, id="site.W001")]
