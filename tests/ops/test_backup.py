"""manage.py backup: a whole, checked copy of a SQLite database taken while people write to
it, put in place in one step; on PostgreSQL, directions to pg_dump and nothing written."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading

from tests.ops.serving import app_env, gunicorn, manage, prepare


def _grow(database, rows: int) -> None:
    """Add many entries straight into the file, so the copy takes a moment to make."""
    with contextlib.closing(sqlite3.connect(database)) as db:
        owner = db.execute("SELECT id FROM accounts_user").fetchone()[0]
        db.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO journal_urgelog
                (code, owner_id, occurred_at, intensity, note, private, surf_outcome, created_at)
            SELECT lower(hex(randomblob(16))), ?, datetime('now', '-' || i || ' minutes'),
                   i % 11, 'earlier ' || i || ' ' || hex(randomblob(60)), 0, '', datetime('now')
            FROM n
            """,
            [rows, owner],
        )
        db.commit()


def test_a_copy_taken_while_someone_writes_is_whole_and_intact(tmp_path):
    env = app_env(tmp_path)
    cookies = prepare(env)
    _grow(tmp_path / "db.sqlite3", 20_000)
    target = tmp_path / "backups" / "copejar.sqlite3"
    target.parent.mkdir()
    written = []
    stop = threading.Event()

    with gunicorn(env, tmp_path, workers=1) as served:

        def write() -> None:
            n = 0
            while not stop.is_set():
                status, _headers, _body = served.request(
                    "POST",
                    "/journal/urges/new/",
                    cookies=cookies,
                    form={"intensity": 4, "note": f"during {n}"},
                )
                if status != 302:
                    break
                written.append(n)
                n += 1

        writer = threading.Thread(target=write)
        writer.start()
        try:
            while len(written) < 5:
                stop.wait(0.05)
            before = len(written)
            result = manage(env, "backup", str(target))
            after = len(written)
        finally:
            stop.set()
            writer.join()

    assert result.returncode == 0, result.stderr
    assert re.search(r"Backed up db\.sqlite3 to .*copejar\.sqlite3 \(\d+\.\d MB\)", result.stdout)
    assert "integrity check" in result.stdout
    assert after > before  # the app kept answering while the copy was made
    with contextlib.closing(sqlite3.connect(target)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        earlier = copy.execute("SELECT count(*) FROM journal_urgelog WHERE note LIKE 'earlier %'")
        during = copy.execute("SELECT note FROM journal_urgelog WHERE note LIKE 'during %'")
        assert earlier.fetchone()[0] == 20_000
        numbers = sorted(int(note.split()[1]) for (note,) in during.fetchall())
    # One moment's snapshot: entries 0..k-1 all there, none missing in between.
    assert before <= len(numbers) <= after + 1
    assert numbers == list(range(len(numbers)))
    assert [path.name for path in target.parent.iterdir()] == ["copejar.sqlite3"]


def test_a_new_backup_replaces_the_old_one_whole(tmp_path):
    env = app_env(tmp_path)
    prepare(env)
    target = tmp_path / "copejar.sqlite3"
    assert manage(env, "backup", str(target)).returncode == 0
    _grow(tmp_path / "db.sqlite3", 10)

    result = manage(env, "backup", str(target))

    assert result.returncode == 0, result.stderr
    with contextlib.closing(sqlite3.connect(target)) as copy:
        assert copy.execute("SELECT count(*) FROM journal_urgelog").fetchone()[0] == 10
    assert not list(tmp_path.glob(".*partial"))


def test_it_says_plainly_when_the_target_folder_is_missing(tmp_path):
    env = app_env(tmp_path)

    result = manage(env, "backup", str(tmp_path / "nowhere" / "copy.sqlite3"))

    assert result.returncode == 1
    assert "does not exist yet" in result.stderr
    assert "Nothing was written" in result.stderr
    assert not (tmp_path / "nowhere").exists()


def test_it_will_not_write_over_the_database_itself(tmp_path):
    env = app_env(tmp_path)

    result = manage(env, "backup", str(tmp_path / "db.sqlite3"))

    assert result.returncode == 1
    assert "the database itself" in result.stderr


def test_on_postgresql_it_explains_pg_dump_and_writes_nothing(tmp_path):
    env = app_env(tmp_path, "postgres://copejar@127.0.0.1:1/copejar")

    result = manage(env, "backup", str(tmp_path / "copy.sqlite3"))

    assert result.returncode == 1
    assert "pg_dump --format=custom" in result.stderr
    assert "pg_restore" in result.stderr
    assert "has written nothing" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "static"]
