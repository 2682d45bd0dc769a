"""A worker killed mid-write loses nothing it said it saved: every entry that got a success
answer is in the database afterwards, and the database is intact.

Runs on a SQLite file always, and on a PostgreSQL database of its own when the suite runs on
PostgreSQL (DATABASE_URL)."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from tests.ops.serving import app_env, gunicorn, prepare

BACKENDS = ["sqlite"]
if os.environ.get("DATABASE_URL", "").startswith("postgres"):
    BACKENDS.append("postgresql")

WRITERS = 8
KILLS = 4


@contextlib.contextmanager
def _database(backend: str, folder) -> Iterator[str]:
    """A new, empty database for the served app; dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'db.sqlite3'}"
        return
    suite = urlsplit(os.environ["DATABASE_URL"])
    name = f"{suite.path.lstrip('/') or 'copejar'}_crash_{uuid.uuid4().hex[:8]}"
    admin = urlunsplit(suite._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(suite._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _notes_saved(url: str) -> set[str]:
    if url.startswith("sqlite"):
        with contextlib.closing(sqlite3.connect(urlsplit(url).path)) as db:
            return {row[0] for row in db.execute("SELECT note FROM journal_urgelog")}
    with psycopg.connect(url) as db:
        return {row[0] for row in db.execute("SELECT note FROM journal_urgelog")}


def _integrity(url: str) -> str:
    with contextlib.closing(sqlite3.connect(urlsplit(url).path)) as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.parametrize("backend", BACKENDS)
def test_killing_a_worker_mid_write_loses_no_saved_entry(tmp_path, backend):
    with _database(backend, tmp_path) as url:
        env = app_env(tmp_path, url)
        cookies = prepare(env)
        acknowledged: list[str] = []
        unanswered = 0
        lock = threading.Lock()
        stop = threading.Event()

        with gunicorn(env, tmp_path, workers=2) as served:

            def write(writer: int) -> None:
                nonlocal unanswered
                n = 0
                while not stop.is_set():
                    note = f"writer {writer} entry {n}"
                    n += 1
                    try:
                        status, _headers, _body = served.request(
                            "POST",
                            "/journal/urges/new/",
                            cookies=cookies,
                            form={"intensity": 5, "note": note},
                            headers={"HX-Request": "true"},
                            timeout=10,
                        )
                    except OSError:  # the worker died under this request
                        with lock:
                            unanswered += 1
                        continue
                    if status == 200:
                        with lock:
                            acknowledged.append(note)

            killed = []
            with ThreadPoolExecutor(WRITERS) as pool:
                for writer in range(WRITERS):
                    pool.submit(write, writer)
                for _ in range(KILLS):
                    time.sleep(0.6)
                    victim = served.workers()[0]
                    os.kill(victim, signal.SIGKILL)
                    killed.append(victim)
                # Keep writing after the last kill until enough answers came back: a busy
                # machine answers slowly, and the count says nothing about a lost write.
                deadline = time.monotonic() + 30
                while len(acknowledged) <= 20 and time.monotonic() < deadline:
                    time.sleep(0.2)
                time.sleep(0.6)
                stop.set()
            # Workers came back after each kill and went on saving.
            assert not set(served.workers()) & set(killed)

        saved = _notes_saved(url)
        assert len(acknowledged) > 20, served.output()
        assert unanswered >= 1  # at least one kill landed mid-request
        assert set(acknowledged) <= saved, sorted(set(acknowledged) - saved)
        if backend == "sqlite":
            assert _integrity(url) == "ok"
