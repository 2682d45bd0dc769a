"""The shared cache counts every increment, from any number of workers, and keeps its expiry."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from copejar.cache import AtomicDatabaseCache

ROOT = Path(__file__).resolve().parents[2]

# One app worker: count `n` tries in the shared cache, then print what the cache holds.
WORKER = """
import sys, django
django.setup()
from django.core.cache import caches
cache = caches["default"]
cache.add("tries", 0, 300)
for _ in range(int(sys.argv[1])):
    cache.incr("tries")
print(cache.get("tries"))
"""


def test_the_site_cache_is_the_atomic_one():
    assert isinstance(caches["default"], AtomicDatabaseCache)


def test_an_increment_keeps_the_expiry_it_was_given(db):
    cache = caches["default"]
    cache.add("tries", 0, timeout=2)
    cache.incr("tries")
    time.sleep(2.2)
    with pytest.raises(ValueError, match="not found"):
        cache.incr("tries")
    assert cache.get("tries") is None


def test_an_increment_of_nothing_says_so(db):
    with pytest.raises(ValueError, match="not found"):
        caches["default"].incr("never-set")


def _shared_database(tmp_path: Path) -> dict[str, str]:
    """Settings for worker processes: this run's PostgreSQL test database, or a SQLite file."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "true",
    }
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return env
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    for command in (["migrate", "--no-input"], ["createcachetable"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    return env


@pytest.mark.django_db(transaction=True)
def test_increments_from_several_worker_processes_at_once_all_count(tmp_path):
    env = _shared_database(tmp_path)
    workers, each = 4, 40

    running = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(each)], cwd=ROOT, env=env, stdout=subprocess.PIPE
        )
        for _ in range(workers)
    ]
    for worker in running:
        worker.communicate(timeout=120)
        assert worker.returncode == 0
    total = subprocess.run(
        [sys.executable, "-c", WORKER, "0"], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert int(total.stdout) == workers * each
