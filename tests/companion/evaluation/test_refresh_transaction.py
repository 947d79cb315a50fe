"""The refresh's transaction on PostgreSQL (ADR 0134): its own planner settings and no deferred
foreign-key checks on the aggregates. (The VACUUM after a full refresh needs to run outside any
transaction: ``tests/system/test_benchmarks_run.py`` checks it on its own database.)"""

import pytest
from django.db import connection, transaction

from companion_service.evaluation.refresh import TABLES
from companion_service.evaluation.refresh.sql import lock

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings and constraints"),
]


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_the_refresh_transaction_sets_its_own_settings():
    """``SET LOCAL``: they end with the refresh's transaction (PostgreSQL's rule for SET LOCAL)."""
    with transaction.atomic():
        lock(1)
        assert (setting("work_mem"), setting("random_page_cost")) == ("64MB", "1.1")
        assert (setting("synchronous_commit"), setting("jit")) == ("off", "off")


def test_the_aggregates_keep_no_database_foreign_keys():
    tables = [model._meta.db_table for model in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        assert cursor.fetchall() == []
