"""The warning about SQLite's WAL-reset bug: given when several workers (or threads) write to
SQLite with a library older than 3.51.3, by `manage.py check` and by gunicorn at start."""

from __future__ import annotations

import sqlite3

import pytest

from copejar.checks import wal_reset_risk, workers_from_environment
from tests.ops.serving import app_env, gunicorn, manage

SQLITE = "django.db.backends.sqlite3"
POSTGRES = "django.db.backends.postgresql"
# This machine's library decides whether the real-process tests see the warning.
OLD_LIBRARY = sqlite3.sqlite_version_info < (3, 51, 3)


@pytest.mark.parametrize(
    ("engine", "version", "workers", "threads", "warned"),
    [
        (SQLITE, "3.40.1", 3, 1, True),
        (SQLITE, "3.51.2", 2, 1, True),
        (SQLITE, "3.40.1", 1, 4, True),  # threads are connections too
        (SQLITE, "3.40.1", 1, 1, False),
        (SQLITE, "3.51.3", 4, 1, False),
        (SQLITE, "3.53.0", 4, 8, False),
        (POSTGRES, "3.40.1", 8, 1, False),
    ],
)
def test_it_warns_only_for_several_writers_on_an_old_sqlite(
    engine, version, workers, threads, warned
):
    problem = wal_reset_risk(
        engine=engine, sqlite_version=version, workers=workers, threads=threads
    )

    assert bool(problem) == warned
    if warned:
        assert version in problem


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, (1, 1)),
        ({"WEB_CONCURRENCY": "3"}, (3, 1)),
        ({"WEB_CONCURRENCY": "lots"}, (1, 1)),
        ({"GUNICORN_CMD_ARGS": "--workers 4 --threads=2"}, (4, 2)),
        ({"GUNICORN_CMD_ARGS": "-w3 --bind 127.0.0.1:8000"}, (3, 1)),
        ({"WEB_CONCURRENCY": "2", "GUNICORN_CMD_ARGS": "-w 1"}, (1, 1)),
    ],
)
def test_it_reads_the_worker_count_the_way_gunicorn_does(environ, expected):
    assert workers_from_environment(environ) == expected


def test_manage_check_warns_when_web_concurrency_asks_for_several_workers(tmp_path):
    several = manage(app_env(tmp_path, WEB_CONCURRENCY="3"), "check", "--deploy")
    one = manage(app_env(tmp_path, WEB_CONCURRENCY="1"), "check", "--deploy")

    assert ("site.W001" in several.stdout + several.stderr) == OLD_LIBRARY
    assert "site.W001" not in one.stdout + one.stderr
    assert one.returncode == several.returncode == 0


def test_manage_check_is_quiet_on_postgresql(tmp_path):
    result = manage(
        app_env(tmp_path, "postgres://nobody@127.0.0.1:1/none", WEB_CONCURRENCY="8"), "check"
    )

    assert result.returncode == 0, result.stderr
    assert "site.W001" not in result.stdout + result.stderr


def test_gunicorn_warns_at_start_with_several_workers_and_not_with_one(tmp_path):
    (tmp_path / "two").mkdir()
    (tmp_path / "one").mkdir()
    with gunicorn(app_env(tmp_path / "two"), tmp_path / "two", workers=2) as two:
        pass
    with gunicorn(app_env(tmp_path / "one"), tmp_path / "one", workers=1) as one:
        pass

    assert ("3.51.3" in two.output()) == OLD_LIBRARY
    assert "3.51.3" not in one.output()
