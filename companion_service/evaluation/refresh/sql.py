"""``INSERT INTO ... SELECT``: the database writes aggregates straight from a queryset, with no rows
passing through Python. Django 5.2 keeps the order of ``values_list`` expressions, so the SELECT's
columns line up with the target columns given."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection


def insert_from(model, columns: Sequence[str], queryset) -> int:
    """Insert the rows of ``queryset`` (a ``values_list`` of as many expressions as ``columns``)
    into ``model``'s table; returns the number of rows the database reports."""
    sql, params = queryset.order_by().query.sql_with_params()
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(model._meta.db_table)} ({names}) {sql}", params)
        return max(cursor.rowcount, 0)


def lock(key: int) -> None:
    """One refresh at a time: a transaction-level advisory lock on PostgreSQL (SQLite's writers
    already queue on the database lock). PostgreSQL's JIT compiler is turned off for the refresh's
    transaction: it spends longer compiling these one-off aggregations than running them."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
            cursor.execute("SET LOCAL jit = off")
