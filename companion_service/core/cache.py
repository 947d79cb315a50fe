"""The cache the public form's limits count in (ADR 0100): Django's database cache, except that a
full table never loses a live entry.

Past ``MAX_ENTRIES`` Django's ``DatabaseCache._cull`` empties the whole table (``CULL_FREQUENCY`` 0)
or deletes a share of the keys in key order, expired or not (``django/core/cache/backends/db.py``),
so a flood of requests from many addresses could reset every counter. Here the cull deletes the
expired entries only: the table holds what the current windows need, however many that is, and
``MAX_ENTRIES`` only says how often expired entries are swept.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache
from django.db import connections


class LimitsCache(DatabaseCache):
    def _cull(self, db, cursor, now, num):
        connection = connections[db]
        cursor.execute(
            "DELETE FROM {} WHERE {} < %s".format(  # noqa: S608 (quoted names, the value a parameter)
                connection.ops.quote_name(self._table), connection.ops.quote_name("expires")
            ),
            [connection.ops.adapt_datetimefield_value(now)],
        )
