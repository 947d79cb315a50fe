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
    already queue on the database lock).

    The refresh's transaction also sets, for itself only (ADR 0134):

    - ``jit = off``: the JIT compiler spends longer compiling these one-off aggregations than
      running them;
    - ``work_mem = 64MB``: its sorts and hashes of a few hundred thousand rows stay in memory (one
      refresh runs at a time, so one backend uses it);
    - ``random_page_cost = 1.1``: the tables it reads are in memory or on SSD, where an index
      lookup costs about a sequential read; with the default (4) the planner reads every enrollment
      for the few thousand ASN an incremental refresh recomputes;
    - ``synchronous_commit = off``: the commit does not wait for the WAL flush; the aggregates and
      the change notes they consume commit or are lost together, and a lost refresh is redone from
      the notes (ADR 0131).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
            cursor.execute("SET LOCAL jit = off")
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL random_page_cost = 1.1")
            cursor.execute("SET LOCAL synchronous_commit = off")


def analyze(*models) -> None:
    """Refresh PostgreSQL's statistics of tables just filled (ANALYZE may run in a transaction)."""
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")


def bulk_insert(objects: Sequence, batch_size: int = 2000) -> int:
    """Insert unsaved model instances (all of one model, ids left to the database); returns how many.

    On PostgreSQL with ``COPY``: the values go as they are, without Django preparing every field of
    every row (most of the time of a ``bulk_create`` of ten thousand IKM figures). The aggregate
    models hold plain values (numbers, text, dates, JSON), which COPY takes directly.
    """
    if not objects:
        return 0
    model = type(objects[0])
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return len(objects)
    from psycopg.types.json import Jsonb

    automatic = ("AutoField", "BigAutoField", "SmallAutoField")
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and field.get_internal_type() in automatic)
    ]
    json_names = {field.attname for field in fields if field.get_internal_type() == "JSONField"}
    names = [field.attname for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for instance in objects:
            copy.write_row(
                [
                    Jsonb(getattr(instance, name)) if name in json_names else getattr(instance, name)
                    for name in names
                ]
            )
    return len(objects)


def insert_rows(model, columns: Sequence[str], rows) -> int:
    """Insert plain tuples (values in the order of ``columns``, field names) into ``model``'s table;
    returns how many. ``COPY`` on PostgreSQL; one ``executemany`` elsewhere. For rows assembled in
    Python by the hundred thousand, where building model instances would cost more than the insert.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(name).column) for name in columns)
    table = quote(model._meta.db_table)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        rows = list(rows)
        marks = ", ".join(["%s"] * len(columns))
        statement = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 (names from the model)
        cursor.executemany(statement, rows)
        return len(rows)


def vacuum(*models) -> None:
    """``VACUUM (ANALYZE)`` tables just rewritten, on PostgreSQL outside a transaction (it cannot run
    inside one): the next readers find hint bits set, the visibility map current (index-only
    scans) and fresh statistics, instead of paying for them in the first incremental refresh or
    page after a full refresh (ADR 0134)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"VACUUM (ANALYZE) {quote(model._meta.db_table)}")
