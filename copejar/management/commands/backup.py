"""Copy the SQLite database while the app runs: consistent, checked, and put in place in one
step, so the file at the target is always a whole backup (an older one, or the new one)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

PG_DUMP_HELP = """\
This site's database is PostgreSQL, so this command leaves it to PostgreSQL's own tools and
has written nothing. pg_dump takes a consistent copy while the app keeps running:

    pg_dump --format=custom --file=copejar.dump "$DATABASE_URL"

To restore it into an empty database (stop the app servers first):

    pg_restore --no-owner --dbname="$DATABASE_URL" copejar.dump

The README's 'Backing up and restoring' section has the details."""


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the SQLite database to TARGET while the app runs "
        "(VACUUM INTO, integrity check, then an atomic rename). On PostgreSQL it explains "
        "pg_dump instead."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("target", help="the backup file to write, e.g. backups/copejar.sqlite3")

    def handle(self, *args, target: str, **options) -> None:
        if connection.vendor == "postgresql":
            raise CommandError(PG_DUMP_HELP)
        if connection.vendor != "sqlite":
            raise CommandError(
                f"This command copies SQLite databases; this site uses {connection.vendor}. "
                "Nothing was written; use that database's own backup tool."
            )
        source = Path(connection.settings_dict["NAME"]).resolve()
        destination = Path(target).expanduser().resolve()
        if destination == source:
            raise CommandError("The target is the database itself; pick another file name.")
        if not destination.parent.is_dir():
            raise CommandError(
                f"The folder {destination.parent} does not exist yet; create it, or pick "
                "another target. Nothing was written."
            )
        partial = destination.with_name(f".{destination.name}.{os.getpid()}.partial")
        try:
            self._copy(partial)
            self._check(partial)
            _fsync(partial)
            os.replace(partial, destination)
            _fsync(destination.parent)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        size = destination.stat().st_size
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {source.name} to {destination} ({_size(size)}); "
                "the copy passed SQLite's integrity check."
            )
        )

    def _copy(self, partial: Path) -> None:
        """VACUUM INTO reads one consistent snapshot; writers carry on meanwhile (WAL)."""
        try:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM INTO %s", [str(partial)])
        except DatabaseError as problem:
            raise CommandError(
                f"SQLite could not write the copy ({problem}). Nothing was replaced."
            ) from None

    def _check(self, partial: Path) -> None:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            findings = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        if findings != ["ok"]:
            raise CommandError(
                "The copy did not pass SQLite's integrity check, so it was thrown away and "
                "any earlier backup at the target is unchanged. What SQLite found:\n  "
                + "\n  ".join(findings[:10])
            )


def _fsync(path: Path) -> None:
    """Make the file (or a folder's new entry) survive a power cut."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
