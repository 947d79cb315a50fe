"""The public form's counters (companion_service.skm.ratelimit, ADR 0100): numbered tickets taken with
the shared cache's atomic ``add``, read in blocks, every ticket handed out once, in every worker."""

import threading
import time
from types import SimpleNamespace
from unittest.mock import patch

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from companion_service.skm import ratelimit

pytestmark = pytest.mark.django_db


NOW = (time.time() // 600) * 600 + 300  # the middle of the current 10-minute window


def clock(at: float):
    """The counters' clock only (the database cache keeps its own, to expire rows)."""
    return patch.object(ratelimit, "time", SimpleNamespace(time=lambda: at))


@pytest.fixture(autouse=True)
def fixed_time():
    """One window for the whole test (unless a test moves the clock itself)."""
    with clock(NOW):
        yield


def test_tickets_are_numbered_from_one_to_the_limit_then_refused():
    numbers = [ratelimit.take("unit", "LOKET", 40, 600) for _ in range(43)]
    assert numbers == [*range(1, 41), None, None, None]
    assert ratelimit.hit("unit", "RSUD", 1, 600)
    assert not ratelimit.hit("unit", "RSUD", 1, 600)


def test_scopes_and_clients_count_apart_and_a_new_window_starts_again():
    for _ in range(3):
        ratelimit.take("device", "LOKET:a", 3, 600)
    assert ratelimit.take("device", "LOKET:a", 3, 600) is None
    assert ratelimit.take("device", "LOKET:b", 3, 600) == 1
    assert ratelimit.take("unit", "LOKET:a", 3, 600) == 1
    with clock(NOW + 600):
        assert ratelimit.take("device", "LOKET:a", 3, 600) == 1


def test_a_start_that_lags_behind_skips_taken_tickets_without_a_write_each():
    """Another worker took tickets 1-40 and its remembered start was lost (or never moved): the next
    answer still gets 41, reading the taken tickets in a few blocks, not trying them one by one."""
    cache = caches["limits"]
    window = ratelimit.Window.now(600).number
    base = f"skm-limit:unit:LOKET:{window}"
    cache.set_many({f"{base}:{n}": 1 for n in range(1, 41)}, timeout=605)
    with CaptureQueriesContext(connection) as queries:
        assert ratelimit.take("unit", "LOKET", 1500, 600) == 41
    # The start, three blocks of 16, then one add and the moved start (each a short transaction of
    # a few statements on the database cache); 40 failed adds would be 80 and more.
    assert len(queries) <= 20, [q["sql"] for q in queries]
    assert cache.get(f"{base}:from") == 41
    assert ratelimit.take("unit", "LOKET", 1500, 600) == 42


def test_a_taken_ticket_past_the_start_is_never_handed_out_again():
    """A worker that read a block before another took a ticket in it loses the ``add`` and moves on."""
    cache = caches["limits"]
    window = ratelimit.Window.now(600).number
    base = f"skm-limit:unit:LOKET:{window}"
    real_get_many = cache.get_many

    def stale_get_many(keys, *args, **kwargs):
        seen = real_get_many(keys, *args, **kwargs)
        cache.add(f"{base}:1", 1, timeout=605)  # taken by another worker just after the read
        cache.add(f"{base}:2", 1, timeout=605)
        return seen

    with patch.object(cache, "get_many", stale_get_many):
        assert ratelimit.take("unit", "LOKET", 10, 600) == 3


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent inserts need PostgreSQL")
def test_concurrent_workers_share_the_tickets_exactly():
    """Eight threads (each its own database connection, as gunicorn workers have) take 30 tickets
    each from one counter of 150 on the database cache: 150 distinct numbers, then refusals."""
    taken, errors = [], []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            mine = [ratelimit.take("unit", "LOKET", 150, 600) for _ in range(30)]
            with lock:
                taken.extend(mine)
        except Exception as exc:  # noqa: BLE001 (reported to the main thread)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = [n for n in taken if n is not None]
    assert sorted(numbers) == list(range(1, 151))
    assert taken.count(None) == 240 - 150


def test_once_all_are_taken_a_refusal_reads_and_writes_nothing_more():
    """An attacker past the limit costs one read per post, not a scan of the whole row of tickets."""
    for _ in range(31):
        ratelimit.take("device", "LOKET:a", 30, 600)
    with CaptureQueriesContext(connection) as queries:
        assert ratelimit.take("device", "LOKET:a", 30, 600) is None
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_full_table_never_evicts_a_live_counter(settings):
    """Past MAX_ENTRIES Django's database cache culls: with CULL_FREQUENCY 0 it empties the whole
    table, otherwise it deletes a share of the keys in key order, live or not. Either way a flood from
    many addresses could reset every counter. The limits cache deletes only expired entries."""
    from django.utils.module_loading import import_string

    config = settings.CACHES["limits"]
    options = {**config.get("OPTIONS", {}), "MAX_ENTRIES": 50}
    small = import_string(config["BACKEND"])(config["LOCATION"], {**config, "OPTIONS": options})
    small.set("old", 1, timeout=-1)  # expired
    with patch.object(ratelimit, "_cache", return_value=small):
        for _ in range(3):
            ratelimit.take("device", "LOKET:attacker", 3, 600)
        for number in range(80):  # 80 other addresses, each its ticket and its start
            ratelimit.take("device", f"LOKET:{number}", 3, 600)
        assert ratelimit.take("device", "LOKET:attacker", 3, 600) is None
    assert small.get("old") is None
