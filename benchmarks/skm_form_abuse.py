"""The public SKM form under a crowd and an attacker behind one proxy: what is stored, refused,
flagged, and how long it takes (issue 15).

    .venv/bin/python -m tests.support.pgcluster -- .venv/bin/python -m benchmarks.skm_form_abuse
    .venv/bin/python -m benchmarks.skm_form_abuse            # SQLite, when no cluster is given

Starts the companion under gunicorn (``--workers``, default 3 as Tutor runs it) on PostgreSQL
(``BINA_TEST_PG_URL``) or SQLite, with one trusted proxy and the limits in the cache named by
``COMPANION_LIMITS_CACHE`` (default: the database cache; ``--limits-cache default`` with a
``REDIS_URL`` in the environment counts in Redis). Then ``tests.support.form_crowd``: 300 POSTs
released at once, from 200 citizens at four units (20 pairs sharing a Wi-Fi address, 10 of them
giving identical answers, 40 double taps) and one attacker flooding one unit with 60 varied answers
behind a made-up X-Forwarded-For entry. Prints the statuses, what was stored (each citizen's answer
exactly once?), refused and flagged, and the time until the last answer; the peer is the same
number of ``GET /healthz`` released at once on the same server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.skm_form_throughput import companion, environment, fresh_pg_database
from tests.support import form_crowd
from tests.support.pgcluster import free_port
from tests.support.servers import wait_for

DEVICE_LIMIT = 30


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--limits-cache", default=os.environ.get("COMPANION_LIMITS_CACHE", "limits"))
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-form-abuse-"))
    pg = os.environ.get("BINA_TEST_PG_URL")
    database_url = fresh_pg_database(pg, "bench_form_abuse") if pg else f"sqlite:///{folder / 'companion.db'}"
    env = environment(folder, database_url)
    env.update(
        {
            "COMPANION_SKM_RATE_LIMIT": str(DEVICE_LIMIT),
            "COMPANION_SKM_UNIT_ALERT": "150",
            "COMPANION_SKM_UNIT_LIMIT": "1500",
            "COMPANION_TRUSTED_PROXIES": "1",
            "COMPANION_LIMITS_CACHE": options.limits_cache,
        }
    )
    companion(env, "migrate", "--noinput")
    for code in form_crowd.UNITS:
        companion(
            env, "skm-unit", code, "--name", f"Unit {code}", "--opd", "OPD-UJI", "--opd-name", "OPD uji"
        )
    port = free_port()
    log = folder / "gunicorn.log"
    with open(log, "ab") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "companion_service.wsgi:application",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(options.workers),
            ],
            env=env,
            stdout=output,
            stderr=output,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz", server, log)
        database = "PostgreSQL" if pg else "SQLite"
        print(
            f"Companion under gunicorn ({options.workers} sync workers) on {database}, "
            f"limits in the '{options.limits_cache}' cache, one trusted proxy, {os.cpu_count()} CPUs:"
        )
        posts = form_crowd.plan()
        form_crowd.open_forms(base, posts)
        peer = form_crowd.fire_gets(base, len(posts))
        seconds = form_crowd.fire(base, posts)
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = form_crowd.figures(posts, companion(env, "shell", "-c", form_crowd.STORED_ROWS), seconds)
    for line in result.lines():
        print("  " + line)
    print(f"  peer: {len(posts)} GET /healthz released at once took {peer:.2f} s ({seconds / peer:.1f}x)")
    print("  " + companion(env, "skm-retally", "--check").strip())
    good = result.citizens_stored_right and result.attacker_stored <= DEVICE_LIMIT
    print(f"  every citizen stored once and the flood held to {DEVICE_LIMIT}: {'yes' if good else 'NO'}")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
