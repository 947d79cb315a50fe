"""The public SKM form under a crowd and an attacker, behind one proxy, on gunicorn with several
workers sharing the limits' cache (issue 15, findings 1 and 2).

The companion runs as in production (``companion_service.settings.production``, gunicorn with
``companion_service.gunicorn_conf``, three workers, PostgreSQL), one reverse proxy trusted
(``COMPANION_TRUSTED_PROXIES=1``). The crowd is ``tests.support.form_crowd``: 300 POSTs released at
once from 200 citizens (some sharing a Wi-Fi address, some double-tapping) and one attacker.

The limits count in the cache named by ``COMPANION_LIMITS_CACHE``; ``LIMITS_BACKENDS`` lists the
backends the test runs against: Django's database cache and Redis (production's default since
issue 18; a throwaway ``redis-server``, ``tests/support/redis.py``, which production needs anyway
as its task broker).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support import form_crowd
from tests.support.pgcluster import cluster_url, free_port, scratch_database
from tests.system.test_companion_production import HOST, companion, gunicorn, production_env

BIN = Path(sys.executable).parent
WORKERS = 3
DEVICE_LIMIT = 30
pytestmark = pytest.mark.slow

# How each backend is switched on: environment for the companion (see the module docstring).
LIMITS_BACKENDS = {
    "database": lambda: {"COMPANION_LIMITS_CACHE": "limits"},
    "redis": lambda: {"COMPANION_LIMITS_CACHE": "default"},  # Django's RedisCache on REDIS_URL
}


@pytest.fixture(scope="module")
def redis_url():
    """Production needs Redis (the task broker and the default cache, ADR 0130)."""
    from tests.support.redis import redis_server

    with redis_server() as url:
        yield url


@pytest.fixture(params=sorted(LIMITS_BACKENDS))
def server(request, tmp_path, redis_url):
    if not cluster_url():
        pytest.skip("needs PostgreSQL: run under `python -m tests.support.pgcluster --` (make test does)")
    with scratch_database("formload") as database_url:
        port = free_port()
        env = production_env(
            tmp_path,
            database_url,
            COMPANION_BIND=f"127.0.0.1:{port}",
            COMPANION_WORKERS=str(WORKERS),
            COMPANION_TRUSTED_PROXIES="1",
            COMPANION_SKM_RATE_LIMIT=str(DEVICE_LIMIT),
            REDIS_URL=redis_url,
            **LIMITS_BACKENDS[request.param](),
        )
        companion(env, "migrate", "--noinput")
        companion(env, "collectstatic", "--noinput")
        for code in form_crowd.UNITS:
            companion(
                env, "skm-unit", code, "--name", f"Unit {code}", "--opd", "OPD-UJI", "--opd-name", "OPD uji"
            )
        log_path = tmp_path / "gunicorn.log"
        with gunicorn(env, port, log_path):
            yield {"url": f"http://127.0.0.1:{port}", "env": env, "log": log_path}


PROXY = {"Host": HOST, "X-Forwarded-Proto": "https"}  # what the proxy adds besides X-Forwarded-For


def stored_rows(env: dict) -> str:
    return companion(env, "shell", "-c", form_crowd.STORED_ROWS).stdout


def test_every_citizen_is_stored_once_and_the_flood_is_limited(server):
    posts = form_crowd.plan()
    assert len(posts) == 300
    form_crowd.open_forms(server["url"], posts, PROXY)
    seconds = form_crowd.fire(server["url"], posts, {**PROXY, "Origin": f"https://{HOST}"})
    result = form_crowd.figures(posts, stored_rows(server["env"]), seconds)
    print("\n".join(result.lines()))
    assert all(post.status for post in posts), [p.location for p in posts if not p.status][:3]
    # Every citizen thanked; every answer stored exactly as often as citizens sent it.
    assert {p.status for p in posts if p.who != "attacker"} == {302}
    assert result.citizens_stored_right, result.citizen_differences
    assert result.citizens_expected == 200
    # The attacker: the device limit, across three workers and a made-up X-Forwarded-For entry.
    assert result.attacker_stored == DEVICE_LIMIT
    assert sum(1 for p in posts if p.who == "attacker" and p.status == 429) == 60 - DEVICE_LIMIT
    assert result.stored == 200 + DEVICE_LIMIT
    # Two citizens on one Wi-Fi with the same answers: both kept, the second marked for review.
    assert result.flagged == {"duplicate": 10}
    assert "skm-retally" not in companion(server["env"], "skm-retally", "--check").stdout
