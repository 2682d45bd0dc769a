"""SQLite whose database files only the app's own user can read (see base.py)."""
