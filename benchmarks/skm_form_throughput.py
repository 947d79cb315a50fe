"""Submissions per second the public SKM survey takes over real HTTP.

    .venv/bin/python -m tests.support.pgcluster -- .venv/bin/python -m benchmarks.skm_form_throughput
    .venv/bin/python -m benchmarks.skm_form_throughput            # SQLite, when no cluster is given

Starts the companion under gunicorn (as in production) on PostgreSQL (``BINA_TEST_PG_URL``) or
SQLite, creates a unit with ``companion skm-unit``, and lets concurrent clients do what citizens
do: open the survey page, then send a complete answer (varied, so no two are duplicates). The peer
in the same run is ``GET /healthz`` (one trivial query) on the same server, for scale. Afterwards
every stored response is counted and the tallies are checked against the responses.

Goal: at least 50 submissions a second on this machine. The rate limit is raised for the run
(``COMPANION_SKM_RATE_LIMIT``): every client comes from 127.0.0.1.
Options: ``--seconds`` (20), ``--clients`` (16), ``--workers`` (gunicorn workers, 4).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from tests.support.pgcluster import free_port
from tests.support.servers import wait_for

UNIT = "BENCH-LOKET"
TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODES = [f"U{n}" for n in range(1, 10)]


def environment(folder: Path, database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "companion_service.settings.dev",
            "COMPANION_DEBUG": "false",
            "BINA_VAR_DIR": str(folder),
            "DATABASE_URL": database_url,
            "COMPANION_SKM_RATE_LIMIT": "100000000",
            "COMPANION_SKM_UNIT_ALERT": "100000000",
            "COMPANION_SKM_UNIT_LIMIT": "100000000",
        }
    )
    return env


def companion(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "companion_service.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"companion {args[0]} failed: {result.stderr or result.stdout}")
    return result.stdout


def fresh_pg_database(base_url: str, name: str = "bench_form") -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


class Load:
    """Clients looping until a deadline; every completed action's latency is recorded."""

    def __init__(self, base: str, clients: int, seconds: float, action, name: str):
        self.base, self.clients, self.seconds, self.action, self.name = base, clients, seconds, action, name
        self.latencies: list[float] = []
        self.failures = 0
        self.lock = threading.Lock()

    def run(self) -> float:
        deadline = time.perf_counter() + self.seconds
        threads = [
            threading.Thread(target=self.client, args=(number, deadline)) for number in range(self.clients)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    def client(self, number: int, deadline: float) -> None:
        session = requests.Session()
        rng = random.Random(f"{self.name}-{number}")  # noqa: S311 (varied answers, not a secret)
        count = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            ok = self.action(self.base, session, rng, f"{self.name}-{number}-{count}")
            elapsed = time.perf_counter() - started
            with self.lock:
                if ok:
                    self.latencies.append(elapsed)
                else:
                    self.failures += 1
            count += 1


def submit(base: str, session: requests.Session, rng: random.Random, label: str) -> bool:
    """What a citizen does: open the page, send a complete answer, land on the thank-you page."""
    page = session.get(f"{base}/survei/{UNIT}/", timeout=30)
    if page.status_code != 200:
        return False
    data = {code: str(rng.randint(1, 4)) for code in CODES}
    data.update(
        {
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
            "token": TOKEN.search(page.text).group(1),
            "layanan": "ktp-el",
            "jenis_kelamin": rng.choice("LP"),
            "usia": "30-39",
            "pendidikan": "sma",
            "pekerjaan": "swasta",
            "kritik_saran": f"Saran uji beban {label}",
        }
    )
    answer = session.post(f"{base}/survei/{UNIT}/", data=data, allow_redirects=False, timeout=30)
    return answer.status_code == 302 and "terima-kasih" in answer.headers.get("Location", "")


def health(base: str, session: requests.Session, rng: random.Random, label: str) -> bool:
    return session.get(f"{base}/healthz", timeout=30).status_code == 200


def report(name: str, load: Load, elapsed: float) -> float:
    rate = len(load.latencies) / elapsed
    ordered = sorted(load.latencies) or [0.0]
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"  {name:34} {rate:7.1f}/s  median {statistics.median(ordered) * 1000:6.1f} ms"
        f"  p95 {p95 * 1000:6.1f} ms  failures {load.failures}"
    )
    return rate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-form-"))
    pg = os.environ.get("BINA_TEST_PG_URL")
    database_url = fresh_pg_database(pg) if pg else f"sqlite:///{folder / 'companion.db'}"
    env = environment(folder, database_url)
    companion(env, "migrate", "--noinput")
    companion(
        env,
        "skm-unit",
        UNIT,
        "--name",
        "Loket uji beban",
        "--opd",
        "BENCH",
        "--opd-name",
        "OPD uji",
        "--layanan",
        "KTP-el",
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
                "--worker-class",
                "gthread",
                "--threads",
                "4",
            ],
            env=env,
            stdout=output,
            stderr=output,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz", server, log)
        print(
            f"Companion under gunicorn ({options.workers} workers x 4 threads) on "
            f"{'PostgreSQL' if pg else 'SQLite'}, {options.clients} clients, {options.seconds:.0f} s each, "
            f"{os.cpu_count()} CPUs:"
        )
        warm_up = Load(base, 4, 2, submit, "warm-up")
        warm_up.run()  # every worker has loaded the app
        peer = Load(base, options.clients, options.seconds, health, "peer")
        peer_rate = report("GET /healthz (peer)", peer, peer.run())
        load = Load(base, options.clients, options.seconds, submit, "load")
        rate = report("open the survey + send an answer", load, load.run())
        print(
            f"  one submission costs {peer_rate / rate if rate else float('inf'):.1f} health checks; "
            f"goal >= 50 submissions/s: {'met' if rate >= 50 else 'NOT met'}"
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    stored = companion(
        env,
        "shell",
        "-c",
        "from companion_service.skm.models import SurveyResponse as R; print(R.objects.count())",
    ).split()[-1]
    thanked = len(load.latencies) + len(warm_up.latencies)
    print(f"  stored responses: {stored}; answers sent and thanked: {thanked}")
    print("  " + companion(env, "skm-retally", "--check").strip())
    return 0 if rate >= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
