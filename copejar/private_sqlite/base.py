"""Django's SQLite backend, with the database file made readable by the app's user alone.

People's journals live in that file. SQLite creates it with the process's umask (often
world-readable 0644) and gives its -wal and -shm files the same mode as the database file, so
making the database file 0600 before the first connection keeps all three private. A file
left readable by an older version is narrowed to 0600 when the app opens it.
"""

from __future__ import annotations

import os
import stat

from django.db.backends.sqlite3 import base

PRIVATE = stat.S_IRUSR | stat.S_IWUSR  # 0600
SIDE_FILES = ("", "-wal", "-shm", "-journal")


def keep_private(path: str) -> None:
    """Create the database file as 0600 if it is missing; narrow it (and its side files)."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE))
    except FileExistsError:
        pass
    except OSError:
        # A folder that is missing or not writable: SQLite itself then says it cannot open
        # the database, as a database error the health check and the error pages expect.
        return
    for name in (path + suffix for suffix in SIDE_FILES):
        try:
            found = os.stat(name)
        except FileNotFoundError:
            continue
        if found.st_mode & 0o077 and found.st_uid == os.geteuid():
            os.chmod(name, PRIVATE)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        if not self.is_in_memory_db():
            keep_private(os.fspath(conn_params["database"]))
        return super().get_new_connection(conn_params)
