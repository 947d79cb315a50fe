"""Sync throughput: 100,000 enrollments and 100,000 grades over 20 courses, from a loopback LMS.

    .venv/bin/python -m benchmarks.sync_throughput [--learners 25000] [--baseline-courses 20]

What it measures, in one process against the same fake LMS (``tests/support/fake_lms.py``, served
from a child process so it does not compete for this one's CPU):

1. the companion's sync, first run into empty tables: rows per second and peak memory (RSS);
2. the same sync again with nothing changed (``--full`` off): its speed-up over the first run;
3. a naive baseline: follow the same pages with the same client and ``update_or_create`` (one
   ``save()``) per row, as a straightforward implementation would; rows per second.

Goals (issue 6): the sync at least 10x the baseline's rows per second, peak memory under 300 MB,
the no-change run at least 5x faster than the first. Completion and certificate look-ups are off
and the plugin API's listings are empty, so both sides move exactly the enrollments and grades.
The database is a fresh SQLite file (the demo's database) unless ``DATABASE_URL`` names another
(e.g. the PostgreSQL of ``python -m tests.support.pgcluster``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

COURSES = 20
PER_COURSE = 5000


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class PeakMemory:
    """Samples this process's resident memory every 20 ms while active."""

    def __enter__(self):
        self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def build_data(learners: int):
    """20 courses x 5,000 learners: enrollments (1% inactive) and grades (a third pass)."""
    from tests.support.fake_lms import LmsData, course_item

    routes = (
        "assessment-attempts",
        "ideas",
        "workshop-sessions",
        "workshop-attendance",
        "workshop-reactions",
    )
    data = LmsData(completion=None, plugin={route: [] for route in routes})
    for c in range(COURSES):
        key = f"course-v1:KotaSibolga+BENCH{c:02d}+2026"
        data.courses.append(course_item(key, f"Kursus {c:02d}", effort="04:30"))
        names = [f"asn{(c * 1237 + i * 7) % learners:06d}" for i in range(PER_COURSE)]
        names = list(dict.fromkeys(names))
        data.enrollments[key] = [
            {"course_id": key, "is_active": i % 100 != 0, "mode": "audit", "user": name,
             "created": f"2026-0{1 + c % 9}-1{i % 10}T0{i % 10}:00:00Z"}
            for i, name in enumerate(names)
        ]  # fmt: skip
        data.grades[key] = [
            {"username": name, "email": "", "course_id": key, "passed": i % 3 == 0,
             "percent": 0.8 if i % 3 == 0 else round((i % 50) / 100, 2),
             "letter_grade": "Pass" if i % 3 == 0 else None}
            for i, name in enumerate(names)
        ]  # fmt: skip
    return data


def serve(learners: int, queue) -> None:
    from tests.support.fake_lms import FakeLms

    with FakeLms(build_data(learners)) as lms:
        queue.put(lms.url)
        threading.Event().wait()


def setup_django(var_dir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "companion_service.settings.dev")
    os.environ["BINA_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{var_dir / 'bench.db'}")
    os.environ["COMPANION_LOG_LEVEL"] = "ERROR"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def naive_baseline(connection, client, courses: int) -> tuple[int, float]:
    """Follow the pages and ``update_or_create`` each row: the obvious implementation."""
    from django.utils import timezone

    from companion_service.openedx_sync.models import Course, Enrollment, Grade, Learner
    from companion_service.openedx_sync.parsing import parse_time

    rows = 0
    started = time.perf_counter()
    now = timezone.now()
    course_rows = list(client.courses())[:courses]
    for item in course_rows:
        course, _ = Course.objects.update_or_create(
            connection=connection,
            course_key=item["id"],
            defaults={"name": item["name"], "effort": item["effort"], "first_seen": now, "last_seen": now},
        )
        for row in client.enrollments(course.course_key):
            learner, _ = Learner.objects.get_or_create(
                connection=connection, username=row["user"], defaults={"first_seen": now}
            )
            Enrollment.objects.update_or_create(
                course=course,
                learner=learner,
                defaults={
                    "mode": row["mode"],
                    "is_active": row["is_active"],
                    "enrolled_at": parse_time(row["created"]),
                    "first_seen": now,
                    "modified": now,
                },
            )
            rows += 1
        for row in client.grades(course.course_key):
            learner, _ = Learner.objects.get_or_create(
                connection=connection, username=row["username"], defaults={"first_seen": now}
            )
            Grade.objects.update_or_create(
                course=course,
                learner=learner,
                defaults={
                    "percent": row["percent"],
                    "passed": row["passed"],
                    "letter_grade": row["letter_grade"] or "",
                    "first_seen": now,
                    "modified": now,
                },
            )
            rows += 1
    return rows, time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=25_000, help="distinct learners (default 25,000)")
    parser.add_argument(
        "--baseline-courses",
        type=int,
        default=COURSES,
        help="courses the naive baseline syncs (default all 20; fewer for a quicker, rate-only run)",
    )
    args = parser.parse_args(argv)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    server = context.Process(target=serve, args=(args.learners, queue), daemon=True)
    server.start()
    url = queue.get(timeout=120)
    with tempfile.TemporaryDirectory(prefix="bina-bench-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection as db

        from companion_service.openedx_sync.client import ClientSettings, LmsClient
        from companion_service.openedx_sync.models import (
            CompletionSource,
            Course,
            Learner,
            LmsConnection,
            SyncCheckpoint,
            SyncRun,
        )
        from companion_service.openedx_sync.services import run_sync

        settings = ClientSettings()
        connection = LmsConnection.objects.create(
            name="bench",
            base_url=url,
            client_id="bina-companion",
            completion_source=CompletionSource.NONE,
            certificate_lookups=0,
        )

        def client():
            return LmsClient(url, "bina-companion", "rahasia-uji", settings)

        print(f"database: {db.vendor}; LMS: {url}; {COURSES} courses x {PER_COURSE} learners", flush=True)
        with PeakMemory() as memory:
            started = time.perf_counter()
            first = run_sync(connection, client=client())
            first_seconds = time.perf_counter() - started
        rows = first.counts["enrollments"]["created"] + first.counts["grades"]["created"]
        assert first.status == "ok", first.errors
        assert rows == 2 * COURSES * PER_COURSE, first.counts
        started = time.perf_counter()
        second = run_sync(connection, client=client())
        second_seconds = time.perf_counter() - started
        assert second.status == "ok", second.errors
        changed = sum(
            second.counts[k]["created"] + second.counts[k]["updated"] for k in ("enrollments", "grades")
        )
        assert changed == 0, second.counts

        # The baseline starts from empty tables as well.
        Course.objects.all().delete()
        Learner.objects.all().delete()
        SyncCheckpoint.objects.all().delete()
        SyncRun.objects.all().delete()
        with PeakMemory() as baseline_memory:
            baseline_rows, baseline_seconds = naive_baseline(connection, client(), args.baseline_courses)

    ours = rows / first_seconds
    naive = baseline_rows / baseline_seconds
    figures = {
        "database": db.vendor,
        "rows": rows,
        "first_run_seconds": round(first_seconds, 2),
        "first_run_rows_per_second": round(ours),
        "peak_rss_mb": round(memory.peak, 1),
        "no_change_run_seconds": round(second_seconds, 2),
        "no_change_speedup": round(first_seconds / second_seconds, 1),
        "baseline_rows": baseline_rows,
        "baseline_seconds": round(baseline_seconds, 2),
        "baseline_rows_per_second": round(naive),
        "baseline_peak_rss_mb": round(baseline_memory.peak, 1),
        "speedup_over_baseline": round(ours / naive, 1),
        "http_calls_first_run": first.http_calls,
    }
    print(
        "\n".join(
            [
                f"sync, first run:     {rows:,} rows in {first_seconds:.1f} s = {ours:,.0f} rows/s; "
                f"peak RSS {memory.peak:.0f} MB (goal < 300 MB)",
                f"sync, no change:     {second_seconds:.2f} s = {first_seconds / second_seconds:.1f}x faster "
                "than the first run (goal >= 5x)",
                f"naive baseline:      {baseline_rows:,} rows in {baseline_seconds:.1f} s = "
                f"{naive:,.0f} rows/s; peak RSS {baseline_memory.peak:.0f} MB",
                f"sync vs baseline:    {ours / naive:.1f}x rows/s (goal >= 10x)",
                json.dumps(figures),
            ]
        )
    )
    server.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
