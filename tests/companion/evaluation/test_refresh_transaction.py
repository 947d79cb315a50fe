"""The refresh's transaction on PostgreSQL (ADR 0134): its own planner settings, no deferred
foreign-key checks on the aggregates, and the rewritten tables vacuumed after a full refresh."""

import pytest
from django.db import connection, transaction

from companion_service.evaluation.models import LearningRecord
from companion_service.evaluation.refresh import TABLES, refresh
from companion_service.evaluation.refresh.sql import lock

from . import golden

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's settings and VACUUM"),
]


def setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")
        return cursor.fetchone()[0]


def test_the_settings_hold_inside_the_refresh_transaction_only():
    before = {name: setting(name) for name in ("work_mem", "random_page_cost", "synchronous_commit", "jit")}
    with transaction.atomic():
        lock(1)
        assert (setting("work_mem"), setting("random_page_cost")) == ("64MB", "1.1")
        assert (setting("synchronous_commit"), setting("jit")) == ("off", "off")
    assert {name: setting(name) for name in before} == before


def test_the_aggregates_keep_no_database_foreign_keys():
    tables = [model._meta.db_table for model in TABLES]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s)",
            [tables],
        )
        assert cursor.fetchall() == []


def test_a_full_refresh_vacuums_the_tables_it_rewrote():
    golden.build()
    run = refresh("test")
    assert run.status == "ok", run.error
    assert LearningRecord.objects.exists()
    assert "vacuum" in run.counts["seconds"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s) AND last_vacuum IS NULL",
            [[model._meta.db_table for model in TABLES]],
        )
        assert cursor.fetchall() == []
