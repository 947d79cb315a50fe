"""The cache-based rate limiter used by handlers."""

from unittest.mock import patch

from django.core.cache import cache

from xblocks.common import ratelimit


def setup_function():
    cache.clear()


def test_allows_up_to_the_limit_then_refuses():
    results = [ratelimit.hit("comment", "ani", limit=3, window_seconds=60) for _ in range(5)]
    assert results == [True, True, True, False, False]


def test_counts_each_person_and_scope_separately():
    for _ in range(3):
        ratelimit.hit("comment", "ani", limit=3, window_seconds=60)
    assert ratelimit.hit("comment", "budi", limit=3, window_seconds=60)
    assert ratelimit.hit("checkin", "ani", limit=3, window_seconds=60)
    assert not ratelimit.hit("comment", "ani", limit=3, window_seconds=60)


def test_a_new_window_starts_afresh():
    with patch("xblocks.common.ratelimit.time.time", return_value=1000.0):
        for _ in range(4):
            ratelimit.hit("checkin", "ani", limit=3, window_seconds=60)
        assert not ratelimit.hit("checkin", "ani", limit=3, window_seconds=60)
    with patch("xblocks.common.ratelimit.time.time", return_value=1061.0):
        assert ratelimit.hit("checkin", "ani", limit=3, window_seconds=60)
