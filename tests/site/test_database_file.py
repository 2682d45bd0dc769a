"""The SQLite database, and the -wal and -shm files beside it, are readable by the app alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Opens the database the way the app does and writes one row; while the connection is still
# open (so SQLite's -wal and -shm files exist), prints the mode of each file.
WRITE_AND_LOOK = """
import os, stat, sys, django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS t (x integer)")
    cursor.execute("INSERT INTO t VALUES (1)")
    for suffix in ("", "-wal", "-shm"):
        path = sys.argv[1] + suffix
        print(suffix or "db", oct(stat.S_IMODE(os.stat(path).st_mode)))
"""


def _open_like_the_app(db: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "copejar.settings",
        "DJANGO_DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{db}",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import os; os.umask(0o022)\n{WRITE_AND_LOOK}", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return dict(line.split() for line in result.stdout.splitlines())


def test_a_new_database_and_its_wal_and_shm_files_are_private(tmp_path):
    modes = _open_like_the_app(tmp_path / "db.sqlite3")
    assert modes == {"db": "0o600", "-wal": "0o600", "-shm": "0o600"}


def test_a_database_left_readable_by_others_is_narrowed_when_opened(tmp_path):
    db = tmp_path / "db.sqlite3"
    db.touch()
    db.chmod(0o644)

    modes = _open_like_the_app(db)

    assert modes["db"] == "0o600"
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
