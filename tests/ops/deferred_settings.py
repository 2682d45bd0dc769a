"""The app's settings with SQLite's DEFERRED transactions, to show what IMMEDIATE prevents:
a transaction that reads first and writes later can find the database changed under it and
fail at once with "database is locked", whatever the timeout."""

from copejar.settings import *  # noqa: F403

DATABASES["default"]["OPTIONS"]["transaction_mode"] = "DEFERRED"  # noqa: F405
