"""The shared cache: Django's database cache, with an increment that two servers cannot split.

Django's DatabaseCache increments by reading the value and writing it back, so two requests
at once can both count as one, and the write-back also restarts the entry's expiry. The
sign-up throttle counts with `incr`, across several worker processes and servers, so here
the read and the write happen under a row lock (SQLite: the write lock taken at BEGIN
IMMEDIATE) and the expiry is left as it was.
"""

from __future__ import annotations

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now


class AtomicDatabaseCache(DatabaseCache):
    def incr(self, key, delta: int = 1, version=None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        name = connection.ops.quote_name
        table = name(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {name('value')}, {name('expires')} FROM {table} "
                f"WHERE {name('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expires(connection, row[1]) < now():
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))
            value += delta
            stored = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {name('value')} = %s WHERE {name('cache_key')} = %s",
                [stored, key],
            )
        return value

    @staticmethod
    def _expires(connection, raw):
        """The expiry column as an aware datetime, converted the way DatabaseCache reads it."""
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            raw = converter(raw, expression, connection)
        return raw
