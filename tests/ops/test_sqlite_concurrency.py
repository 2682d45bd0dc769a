"""SQLite in a file, as a one-machine deployment runs it: many writers at once all land, and
every connection the app opens is set up for that (WAL, FULL sync, a busy timeout)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.ops.serving import ROOT, app_env, gunicorn, prepare

WRITERS = 40

# Two real ways of writing: the journal's quick log (one INSERT) and adding a rock, whose
# service reads the jar first and then writes in one transaction.
WRITES = {
    "quick log": ("/journal/urges/new/", "journal_urgelog", "note"),
    "adding a rock": ("/skills/new/", "skills_copingskill", "name"),
}


def _form(write: str, n: int) -> dict:
    if write == "quick log":
        return {"intensity": n % 11, "note": f"writer {n}"}
    return {"name": f"writer {n}", "kind": "copes"}


def _all_at_once(served, cookies, write: str) -> list[int]:
    """WRITERS requests released together; returns their statuses."""
    path = WRITES[write][0]
    start = threading.Barrier(WRITERS)

    def post(n: int) -> int:
        start.wait()
        status, _headers, _body = served.request(
            "POST", path, cookies=cookies, form=_form(write, n), headers={"HX-Request": "true"}
        )
        return status

    with ThreadPoolExecutor(WRITERS) as pool:
        return list(pool.map(post, range(WRITERS)))


def _saved(folder, write: str) -> list[str]:
    _path, table, column = WRITES[write]
    with sqlite3.connect(folder / "db.sqlite3") as db:
        return sorted(row[0] for row in db.execute(f"SELECT {column} FROM {table}"))


@pytest.mark.parametrize("write", sorted(WRITES))
def test_forty_writers_at_once_all_get_their_entry_saved(tmp_path, write):
    env = app_env(tmp_path)
    cookies = prepare(env)
    # 4 processes with 10 threads each: all 40 requests hold a connection at the same moment.
    with gunicorn(env, tmp_path, workers=4, threads=10) as served:
        statuses = _all_at_once(served, cookies, write)

    assert all(status in (200, 302) for status in statuses), (statuses, served.output())
    assert _saved(tmp_path, write) == sorted(f"writer {n}" for n in range(WRITERS))
    assert "database is locked" not in served.output()


def test_with_deferred_transactions_the_same_writers_lose_entries(tmp_path):
    # What IMMEDIATE prevents: a transaction that read the jar, then finds another writer
    # committed in between, fails at once ("database is locked"), whatever the timeout.
    # A few rounds, so one lucky round without an overlap cannot hide it.
    for round_number in range(5):
        folder = tmp_path / f"round-{round_number}"
        folder.mkdir()
        env = app_env(folder, DJANGO_SETTINGS_MODULE="tests.ops.deferred_settings")
        cookies = prepare(env)
        with gunicorn(env, folder, workers=4, threads=10) as served:
            statuses = _all_at_once(served, cookies, "adding a rock")
        if 500 in statuses:
            break

    assert 500 in statuses
    assert "database is locked" in served.output()
    assert len(_saved(folder, "adding a rock")) == statuses.count(302) < WRITERS


def test_every_connection_uses_wal_full_sync_and_a_busy_timeout(tmp_path):
    env = app_env(tmp_path)
    code = (
        "import django, json; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor();"
        "print(json.dumps({p: c.execute(f'PRAGMA {p}').fetchone()[0]"
        " for p in ('journal_mode', 'synchronous', 'busy_timeout')}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout

    assert json.loads(out) == {"journal_mode": "wal", "synchronous": 2, "busy_timeout": 20000}
