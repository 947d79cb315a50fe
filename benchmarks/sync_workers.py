"""A sync split over workers: one worker against two, from a loopback LMS, on PostgreSQL and Redis.

    .venv/bin/python -m tests.support.pgcluster -- .venv/bin/python -m benchmarks.sync_workers

The LMS (``tests/support/fake_lms.py``, in a child process) serves 20 courses of 2,000 learners each
(enrollments and grades: 80,000 rows in 800 pages) and takes ``--page-ms`` (default 60 ms) to answer
each enrollment or grade page, as a loaded Open edX does (its enrollment and grades APIs run one SQL
query per page and grade the learners of the page). For 1 and then 2 workers (``celery worker
--concurrency=1`` each, on a throwaway Redis), a fresh database gets the same LMS connection, one
sync is queued (``companion sync --queue``) and timed until the run is over; the rows are counted.
The run splits into per-course tasks (``COMPANION_SYNC_SPLIT``, ADR 0133): the first worker shares
the courses with ``openedx_sync.help`` tasks that the other takes. Goal: 2 workers faster than 1.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COURSES, LEARNERS = 20, 2000


def build_data():
    from tests.support.fake_lms import courses_with_learners

    return courses_with_learners(COURSES, LEARNERS, "PARALEL", population=30000)


def serve(page_ms: int, queue) -> None:
    from tests.support.fake_lms import FakeLms, Fault

    faults = (
        [Fault(r"/api/(enrollment|grades)/", "timeout", times=-1, delay=page_ms / 1000)] if page_ms else []
    )
    data = build_data()
    with FakeLms(data, faults) as lms:
        queue.put((lms.url, data.client_id, data.client_secret))
        threading.Event().wait()


def companion(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "companion_service.manage", *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if result.returncode:
        sys.exit(f"companion {args[0]} failed: {result.stderr[-2000:]}")
    return result.stdout


def one_run(workers: int, base_url: str, redis_url: str, lms: tuple[str, str, str], folder: Path) -> dict:
    import psycopg

    from tests.support.pgcluster import scratch_database

    lms_url, client_id, secret = lms
    with scratch_database(f"bench_sync_{workers}w", base_url) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "companion_service.settings.dev",
                "DATABASE_URL": url,
                "REDIS_URL": redis_url,
                "BINA_VAR_DIR": str(folder),
                "OPENEDX_CLIENT_SECRET": secret,
                "COMPANION_LOG_LEVEL": "WARNING",
                "COMPANION_EVALUATION_AUTO_REFRESH": "false",  # the sync alone is timed
            }
        )
        companion(env, "migrate", "--noinput")
        companion(
            env, "lms-connection", "LMS", "--url", lms_url, "--client-id", client_id, "--completion", "none"
        )
        processes = []
        for number in range(workers):
            log = open(folder / f"worker-{workers}-{number}.log", "wb")  # noqa: SIM115
            processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "celery",
                        "--app=companion_service",
                        "worker",
                        "--loglevel=WARNING",
                        "--concurrency=1",
                        f"--hostname=w{number}@%h",
                        "--without-gossip",
                        "--without-mingle",
                    ],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    cwd=REPO,
                    start_new_session=True,
                )  # fmt: skip
            )
        time.sleep(4)  # the workers connect to the broker
        try:
            started = time.perf_counter()
            run_id = json.loads(companion(env, "sync", "--queue", "--json"))["run_id"]
            with psycopg.connect(url, autocommit=True) as connection:
                while True:
                    status, rows = connection.execute(
                        "SELECT status, rows_done FROM openedx_sync_syncrun WHERE id = %s", [run_id]
                    ).fetchone()
                    if status not in ("queued", "running"):
                        break
                    time.sleep(0.1)
                seconds = time.perf_counter() - started
                enrollments = connection.execute("SELECT count(*) FROM openedx_sync_enrollment").fetchone()[0]
                grades = connection.execute("SELECT count(*) FROM openedx_sync_grade").fetchone()[0]
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
    return {"status": status, "seconds": seconds, "enrollments": enrollments, "grades": grades}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page-ms", type=int, default=60, help="the LMS's time per enrollment/grade page")
    options = parser.parse_args(argv)
    base = os.environ.get("BINA_TEST_PG_URL")
    if not base:
        sys.exit(
            "Run under PostgreSQL: python -m tests.support.pgcluster -- python -m benchmarks.sync_workers"
        )
    from tests.support.redis import redis_server

    queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(options.page_ms, queue), daemon=True)
    server.start()
    lms = queue.get(timeout=120)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-workers-"))
    print(
        f"Loopback LMS: {COURSES} courses x {LEARNERS:,} learners (enrollments and grades: "
        f"{2 * COURSES * LEARNERS:,} rows), {options.page_ms} ms per page; PostgreSQL and Redis",
        flush=True,
    )
    results = {}
    with redis_server() as redis_url:
        for workers in (1, 2):
            results[workers] = one_run(workers, base, redis_url, lms, folder)
            figure = results[workers]
            print(
                f"  {workers} worker(s): {figure['seconds']:.1f} s, status {figure['status']}, "
                f"{figure['enrollments']:,} enrollments and {figure['grades']:,} grades "
                f"({(figure['enrollments'] + figure['grades']) / figure['seconds']:,.0f} rows/s)",
                flush=True,
            )
    server.terminate()
    ratio = results[1]["seconds"] / results[2]["seconds"]
    print(f"Speed-up with 2 workers: {ratio:.2f}x (goal > 1); logs in {folder}")
    return 0 if results[1]["status"] == results[2]["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
