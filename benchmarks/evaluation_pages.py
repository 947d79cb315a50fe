"""The evaluators' dashboard at national scale on PostgreSQL: page times, queries per page, refresh.

    .venv/bin/python -m tests.support.pgcluster -- .venv/bin/python -m benchmarks.evaluation_pages

Loads synthetic data with COPY into a fresh database: 100,000 ASN in 500 OPDs (2,000 service units),
80,000 of them with an LMS account, 1,000,000 enrollments over 20 courses (600,000 grades, 300,000
completion records), 2,000,000 survey responses over 8 quarters, 40,000 assessment attempts, 5,000
ideas, 2,000 workshop sessions with 50,000 attendance rows, a training outside the LMS for 5% of the
ASN (4 in 5 approved). Then measures:

1. the full refresh of the aggregates (the first one after loading);
2. an incremental sync touching 1% of the enrollments (grades newly passed for 9,600 enrollments,
   spread over the learners), noted as the engine's signal notes it (``refresh.changes``), then the
   incremental refresh (goal < 5 s, ADR 0131) and, in the same run, a full refresh of the same data:
   its time (the ratio) and whether every aggregate table is identical (an order-independent
   checksum of each table's rows, floats to 6 decimals); then the same for 20,000 new survey answers
   (the refresh the form's and imports' answers trigger);
3. every page and API route for an evaluator (whole country) and an OPD head (one OPD), through
   Django's test client (server time: middleware, view, template, audit write): p50 and p95 over
   ``--repeat`` requests and the SQL queries per request (goal p95 < 300 ms);
4. the baseline the aggregates replace: the scorecard's per-ASN JP and coverage computed from the
   raw enrollments, grades and completions for one year (what a page would cost without them);
   the ratio baseline / scorecard p95 is printed.

The impact page is read warm (the refresh precomputes the default analysis); a first read with
other filters computes and stores the analysis, and is reported separately.
Options: ``--asn``, ``--responses``, ``--enrollments`` (scale down for a quick run), ``--repeat``,
``--refresh-only`` (steps 1 and 2 only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

DATABASE = "bench_evaluation"
QUARTERS = [(2025, q) for q in (1, 2, 3, 4)] + [(2026, q) for q in (1, 2, 3, 4)]
PILLARS = ("cakap", "etika", "aman", "budaya")


def fresh_database(base_url: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{DATABASE}"))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "companion_service.settings.test"
    os.environ["COMPANION_EVALUATION_AUTO_REFRESH"] = "false"
    os.environ.setdefault("BINA_VAR_DIR", tempfile.mkdtemp(prefix="bench-evaluation-"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def copy(table: str, columns: tuple[str, ...], rows) -> int:
    """COPY ``rows`` into ``table``; returns how many."""
    from django.db import connection

    connection.ensure_connection()
    count = 0
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as writer,
    ):
        for row in rows:
            writer.write_row(row)
            count += 1
    connection.connection.commit()
    return count


def ids(table: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY id")  # noqa: S608 (our own table names)
        return [row[0] for row in cursor.fetchall()]


def moment(rng: random.Random, quarter: tuple[int, int]) -> dt.datetime:
    year, number = quarter
    start = dt.datetime(year, 3 * number - 2, 1, 3, tzinfo=dt.UTC)
    return start + dt.timedelta(days=rng.randrange(88), hours=rng.randrange(8))


def load(options) -> dict:
    """The synthetic country; returns what was loaded and how long it took."""
    from companion_service.evaluation.models import Programme

    rng = random.Random(20261128)  # noqa: S311 (synthetic benchmark data)
    started = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    opds = options.asn // 200
    copy(
        "organization_opd",
        ("code", "name", "kind", "is_active", "created", "modified"),
        ((f"OPD{i:03d}", f"OPD sintetis {i}", "dinas", True, now, now) for i in range(opds)),
    )
    opd_ids = ids("organization_opd")
    copy(
        "organization_serviceunit",
        ("code", "name", "opd_id", "is_active", "created", "modified"),
        ((f"U{i:04d}", f"Unit layanan {i}", opd_ids[i // 4], True, now, now) for i in range(opds * 4)),
    )
    unit_ids = ids("organization_serviceunit")

    copy(
        "roster_asn",
        (
            "nip",
            "name",
            "opd_id",
            "rank",
            "employment_type",
            "email",
            "openedx_username",
            "is_active",
            "created",
            "modified",
        ),
        (
            (f"{i:018d}", f"ASN {i}", opd_ids[i // 200], "", "PNS", "", "", True, now, now)
            for i in range(options.asn)
        ),
    )
    asn_ids = ids("roster_asn")
    copy(
        "openedx_sync_lmsconnection",
        (
            "name",
            "base_url",
            "client_id",
            "client_secret_encrypted",
            "service_username",
            "completion_source",
            "completion_concurrency",
            "completion_refresh_days",
            "certificate_lookups",
            "is_active",
            "last_test_message",
            "created",
            "modified",
        ),
        [("LMS nasional", "https://lms.contoh.go.id", "x", "", "", "auto", 3, 7, 300, True, "", now, now)],
    )
    connection_id = ids("openedx_sync_lmsconnection")[0]
    courses = 20
    copy(
        "openedx_sync_course",
        (
            "connection_id",
            "course_key",
            "name",
            "org",
            "number",
            "short_description",
            "effort",
            "pacing",
            "hidden",
            "jp",
            "jp_set_by_admin",
            "channel",
            "in_lms",
            "first_seen",
            "last_seen",
        ),
        (
            (
                connection_id,
                f"course-v1:N+C{i}+2025",
                f"Kursus {i}",
                "N",
                f"C{i}",
                "",
                "",
                "self",
                False,
                [20, 12, 8, 4][i % 4],
                True,
                "e_learning" if i % 5 else "pelatihan",
                True,
                now,
                now,
            )
            for i in range(courses)
        ),
    )
    course_ids = ids("openedx_sync_course")
    learners = int(options.asn * 0.8)
    copy(
        "openedx_sync_learner",
        ("connection_id", "username", "email", "asn_id", "link_method", "first_seen"),
        ((connection_id, f"u{i}", "", asn_ids[i], "username", now) for i in range(learners)),
    )
    learner_ids = ids("openedx_sync_learner")
    per_learner = max(1, options.enrollments // learners)
    enrollments = grades = completions = 0

    def enrollment_rows():
        for learner in learner_ids:
            for course in rng.sample(course_ids, min(per_learner, courses)):
                yield learner, course

    pairs = list(enrollment_rows())
    enrollments = copy(
        "openedx_sync_enrollment",
        ("course_id", "learner_id", "mode", "is_active", "enrolled_at", "first_seen", "modified"),
        ((c, l, "audit", True, moment(rng, rng.choice(QUARTERS)), now, now) for l, c in pairs),  # noqa: E741
    )
    grade_rows, completion_rows = [], []
    for learner, course in pairs:
        roll = rng.random()
        if roll < 0.6:
            passed = roll < 0.24
            grade_rows.append(
                (
                    course,
                    learner,
                    0.8 if passed else 0.3,
                    passed,
                    "",
                    moment(rng, rng.choice(QUARTERS)) if passed else None,
                    "first_sync" if passed else "",
                    False,
                    "api",
                    now,
                    now,
                    f"CERT-{course}-{learner}" if passed and roll < 0.12 else "",  # the LMS's certificate
                )
            )
        elif roll < 0.9:
            done = roll < 0.78
            completion_rows.append(
                (
                    course,
                    learner,
                    10.0,
                    10.0,
                    1.0 if done else 0.5,
                    "aggregator",
                    moment(rng, rng.choice(QUARTERS)) if done else None,
                    "first_sync" if done else "",
                    now,
                    now,
                    now,
                )
            )
    grades = copy(
        "openedx_sync_grade",
        (
            "course_id",
            "learner_id",
            "percent",
            "passed",
            "letter_grade",
            "passed_at",
            "passed_at_source",
            "certificate_checked",
            "source",
            "first_seen",
            "modified",
            "certificate_number",
        ),
        grade_rows,
    )
    completions = copy(
        "openedx_sync_completion",
        (
            "course_id",
            "learner_id",
            "earned",
            "possible",
            "percent",
            "source",
            "completed_at",
            "completed_at_source",
            "checked",
            "first_seen",
            "modified",
        ),
        completion_rows,
    )
    del grade_rows, completion_rows, pairs
    responses = copy_responses(rng, unit_ids, options.responses)
    copy(
        "skm_serviceusercount",
        ("unit_id", "period_kind", "year", "number", "users", "note", "modified"),
        ((unit, "quarter", y, q, rng.randint(100, 400), "", now) for unit in unit_ids for y, q in QUARTERS),
    )
    attempts = []
    for remote, learner in enumerate(rng.sample(learner_ids, min(20_000, len(learner_ids)))):
        for mode, shift in (("pre", 0), ("post", 1)):
            score = min(100.0, rng.uniform(30, 80) + shift * rng.uniform(0, 25))
            attempts.append(
                (
                    connection_id,
                    remote * 2 + shift,
                    "course-v1:N+C0+2025",
                    now,
                    now,
                    now,
                    learner,
                    "b",
                    "",
                    mode,
                    "lit-2026",
                    1,
                    score / 100,
                    score >= 60,
                    "{" + ", ".join(f'"{p}": {score:.1f}' for p in PILLARS) + "}",
                    "{}",
                    "{}",
                    moment(rng, QUARTERS[4 + shift]),
                )
            )
    copy(
        "openedx_sync_assessmentattempt",
        (
            "connection_id",
            "remote_id",
            "course_key",
            "lms_created",
            "lms_modified",
            "synced",
            "learner_id",
            "usage_id",
            "anonymous_user_id",
            "mode",
            "pairing_key",
            "attempt_number",
            "score",
            "passed",
            "pillar_scores",
            "pillar_index",
            "competence_scores",
            "submitted_at",
        ),
        attempts,
    )
    copy(
        "openedx_sync_idea",
        (
            "connection_id",
            "remote_id",
            "course_key",
            "lms_created",
            "lms_modified",
            "synced",
            "usage_id",
            "title",
            "state",
            "category",
            "opd_code",
            "opd_name",
            "service_name",
            "is_digital",
            "co_proposers",
            "supports_count",
            "comments_count",
            "score_mean",
            "score_count",
            "submitted_at",
        ),
        (
            (
                connection_id,
                i,
                "c",
                now,
                now,
                now,
                "b",
                f"Ide {i}",
                rng.choice(["submitted", "evaluating", "shortlisted", "accepted", "rejected", "implemented"]),
                "",
                f"OPD{i % opds:03d}",
                "",
                "",
                bool(i % 2),
                "[]",
                rng.randrange(50),
                0,
                rng.uniform(50, 95),
                3,
                moment(rng, rng.choice(QUARTERS)),
            )
            for i in range(5000)
        ),
    )
    copy(
        "openedx_sync_workshopsession",
        (
            "connection_id",
            "remote_id",
            "course_key",
            "lms_created",
            "lms_modified",
            "synced",
            "usage_id",
            "partner_name",
            "partner_kind",
            "title",
            "kind",
            "starts_at",
            "duration_minutes",
            "mode",
            "capacity",
            "jp_credit",
            "registered_count",
            "waiting_count",
            "attended_count",
        ),
        (
            (
                connection_id,
                i,
                "c",
                now,
                now,
                now,
                "w",
                f"Mitra {i % 40}",
                "local_tech",
                f"Sesi {i}",
                "workshop" if i % 3 else "seminar",
                moment(rng, rng.choice(QUARTERS)),
                225,
                "onsite",
                30,
                5,
                25,
                0,
                20,
            )
            for i in range(2000)
        ),
    )
    copy(
        "openedx_sync_workshopattendance",
        (
            "connection_id",
            "remote_id",
            "course_key",
            "lms_created",
            "lms_modified",
            "synced",
            "session_remote_id",
            "learner_id",
            "anonymous_user_id",
            "status",
            "attended_at",
            "jp_credited",
            "jp_status",
            "method",
        ),
        (
            (
                connection_id,
                i,
                "c",
                now,
                now,
                now,
                i % 2000,
                rng.choice(learner_ids),
                "",
                "attended" if i % 5 else "no_show",
                moment(rng, rng.choice(QUARTERS)) if i % 5 else None,
                5 if i % 5 else 0,
                "credited" if i % 5 else "none",
                "code",
            )
            for i in range(50_000)
        ),
    )
    copy(
        "openedx_sync_workshopreaction",
        (
            "connection_id",
            "remote_id",
            "course_key",
            "lms_created",
            "lms_modified",
            "synced",
            "session_remote_id",
            "answers",
            "comment",
        ),
        (  # anonymous: no learner (ADR 0106)
            (
                connection_id,
                i,
                "c",
                now,
                now,
                now,
                i % 2000,
                f'{{"relevance": {rng.randint(3, 5)}, "trainer": {rng.randint(2, 5)}}}',
                "",
            )
            for i in range(20_000)
        ),
    )
    # Learning outside the LMS (issue 19): one training for 5% of the ASN, 4 in 5 approved (they count).
    outside = copy(
        "learning_outsidetraining",
        (
            "asn_id",
            "title",
            "provider",
            "channel",
            "jp",
            "jp_from_hours",
            "started_on",
            "finished_on",
            "certificate_number",
            "certificate",
            "certificate_type",
            "certificate_size",
            "status",
            "reason",
            "source",
            "created",
            "modified",
        ),
        (
            (
                asn,
                "Pelatihan di luar LMS",
                "BPSDM Provinsi",
                rng.choice(("pelatihan", "seminar", "e_learning", "coaching")),
                rng.choice((4, 8, 16, 24)),
                False,
                day.date(),
                day.date(),
                f"LUAR/{index}",
                "",
                "",
                0,
                "approved" if index % 5 else "submitted",
                "",
                "import",
                now,
                now,
            )
            for index, asn in enumerate(rng.sample(asn_ids, len(asn_ids) // 20))
            for day in (moment(rng, rng.choice(QUARTERS)),)
        ),
    )
    Programme.objects.create()
    from django.db import connection

    # As a database in use for a while is: statistics current, the loaded rows' visibility map and
    # hint bits set, so no autovacuum of millions of fresh rows runs while the refreshes are timed.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return {
        "seconds": time.perf_counter() - started,
        "opds": opds,
        "units": len(unit_ids),
        "asn": len(asn_ids),
        "enrollments": enrollments,
        "grades": grades,
        "completions": completions,
        "responses": responses,
        "attempts": len(attempts),
        "outside": outside,
    }


def copy_responses(rng, unit_ids, total: int, start_quarter: int = 0, source: str = "import") -> int:
    now = dt.datetime.now(dt.UTC)
    pools = [
        tuple(min(4, max(1, round(rng.gauss(3.0 + (i % 7) / 10, 0.6)))) for _ in range(9))
        for i in range(3000)
    ]
    days = {q: [dt.date(q[0], 3 * q[1] - 2, 1) + dt.timedelta(days=d) for d in range(88)] for q in QUARTERS}

    def rows():
        for row in range(total):
            quarter = QUARTERS[start_quarter + row % (len(QUARTERS) - start_quarter)]
            yield (
                unit_ids[row % len(unit_ids)],
                rng.choice(days[quarter]),
                now,
                source,
                *pools[rng.randrange(3000)],
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            )

    return copy(
        "skm_surveyresponse",
        (
            "unit_id",
            "answered_on",
            "submitted_at",
            "source",
            "u1",
            "u2",
            "u3",
            "u4",
            "u5",
            "u6",
            "u7",
            "u8",
            "u9",
            "sex",
            "age_group",
            "education",
            "occupation",
            "officer",
            "comment",
            "fingerprint",
            "review",
        ),
        rows(),
    )


def incremental_sync(enrollments: int) -> int:
    """What one sync brings: grades newly passed for 1% of the enrollments, spread over the learners;
    noted as the engine's ``records_changed`` notes them. Returns the learners touched."""
    from django.db import connection, transaction

    from companion_service.evaluation.refresh import changes

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE openedx_sync_grade SET passed = true, percent = 0.9, passed_at = now(), "
            "passed_at_source = 'first_sync', modified = now() "
            "WHERE id IN (SELECT id FROM openedx_sync_grade WHERE NOT passed "
            "ORDER BY md5(id::text) LIMIT %s) "
            "RETURNING learner_id, course_id",
            [enrollments // 100],
        )
        pairs = set(cursor.fetchall())
        changes.note_records(course_learners=pairs)  # as the engine's grades units note them
    return len({learner for learner, _ in pairs})


def new_answers(rng, count: int) -> int:
    """The day's answers (form and imports) in the current quarter of every unit, noted as the SKM's
    ``tallies_changed`` notes them."""
    from django.db import connection, transaction

    from companion_service.evaluation.refresh import changes

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM skm_surveyresponse")
        first_response = cursor.fetchone()[0]
    added = copy_responses(rng, ids("organization_serviceunit"), count, start_quarter=7, source="form")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT unit_id, EXTRACT(YEAR FROM answered_on)::int, "
            "EXTRACT(QUARTER FROM answered_on)::int FROM skm_surveyresponse WHERE id > %s",
            [first_response],
        )
        changes.note_unit_quarters(set(cursor.fetchall()))
    return added


def incremental_against_full(label: str, repeat: int = 3) -> tuple[float, float, bool]:
    """The incremental refresh of the pending notes, then a full refresh of the same data: both
    times, and whether every aggregate table came out identical.

    The machine is shared, so the incremental refresh is also timed ``repeat`` times in transactions
    rolled back (foreign keys checked at once, as a commit checks them): the median and the fastest
    are printed with the committed run's time."""
    from django.db import connection, transaction

    trials, cpus = [], []
    for _ in range(repeat):
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            seconds, trial = time_refresh(f"benchmark-{label}-trial", full=False)
            trials.append(seconds)
            cpus.append(trial["cpu_seconds"])
            transaction.set_rollback(True)
    if os.environ.get("BENCH_PROFILE"):  # where the incremental refresh spends its time
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    incremental, counts = time_refresh(f"benchmark-{label}", full=False)
    if os.environ.get("BENCH_PROFILE"):
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    after_incremental = table_checksums()
    median = statistics.median([*trials, incremental])
    print(
        f"  incremental refresh: {incremental:.1f} s committed; over {repeat + 1} runs median "
        f"{median:.1f} s, fastest {min([*trials, incremental]):.1f} s (goal < 5 s); "
        f"scope {counts.get('scope')}",
        flush=True,
    )
    cpu = statistics.median([*cpus, counts["cpu_seconds"]])
    print(
        f"    CPU time of the refresh (this process + its PostgreSQL backend): median {cpu:.1f} s "
        f"(what its wall time is on an otherwise idle machine)",
        flush=True,
    )
    print(f"    steps (s): {counts['seconds']}", flush=True)
    full, full_counts = time_refresh(f"benchmark-{label}-full")
    full_sums = table_checksums()
    identical = full_sums == after_incremental
    print(
        f"  the same data, full refresh: {full:.1f} s; ratio full / incremental (median): "
        f"{full / median:.1f}x; CPU time {full_counts['cpu_seconds']:.1f} s "
        f"({full_counts['cpu_seconds'] / cpu:.1f}x); "
        f"every aggregate table identical: {'yes' if identical else 'NO'}",
        flush=True,
    )
    for name, value in after_incremental.items():
        if full_sums[name] != value:
            print(f"    differs: {name} incremental {value} full {full_sums[name]}")
    return median, full, identical


def table_checksums() -> dict[str, tuple[int, int]]:
    """Per aggregate table: rows, and a sum of their digests (without ids; floats to 6 decimals)."""
    from django.db import connection, models

    from companion_service.evaluation.refresh import TABLES

    sums = {}
    with connection.cursor() as cursor:
        for model in TABLES:
            parts = []
            for field in model._meta.concrete_fields:
                if field.attname in ("id", "created", "modified") and model.__name__ not in (
                    "IdeaFact",
                    "SessionFact",
                ):
                    continue
                column = connection.ops.quote_name(field.column)
                if isinstance(field, models.FloatField):
                    column = f"round({column}::numeric, 6)"
                elif isinstance(field, models.JSONField):
                    column = f"{column}::text"
                parts.append(f"coalesce({column}::text, '~')")
            digest = "('x' || substr(md5(" + " || '|' || ".join(parts) + "), 1, 15))::bit(60)::bigint"
            cursor.execute(f"SELECT count(*), coalesce(sum({digest}), 0) FROM {model._meta.db_table}")  # noqa: S608
            sums[model.__name__] = tuple(int(value) for value in cursor.fetchone())
    return sums


def cpu_seconds() -> float:
    """CPU time used so far by this process and by its PostgreSQL backend (user + system).

    The refresh runs in both, one after the other (the client waits for its queries), so on an
    otherwise idle machine its wall time is about this sum; on a machine shared with other jobs the
    sum stays what the refresh itself needs (``/proc``, Linux; the backend is on this machine)."""
    from django.db import connection

    ticks = os.sysconf("SC_CLK_TCK")
    own = os.times()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    with open(f"/proc/{backend}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return own.user + own.system + (int(fields[11]) + int(fields[12])) / ticks


def time_refresh(trigger: str, full: bool = True) -> tuple[float, dict]:
    from companion_service.evaluation.refresh import refresh

    started, cpu = time.perf_counter(), cpu_seconds()
    run = refresh(trigger, full=full)
    if run.status != "ok":
        sys.exit(f"refresh failed: {run.error}")
    run.counts["cpu_seconds"] = round(cpu_seconds() - cpu, 2)
    return time.perf_counter() - started, run.counts


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], []
    client.get(url)  # warm-up: the first request of a process compiles templates and URL patterns
    for _ in range(repeat):
        connection.queries_log.clear()  # a full log (9,000 queries) would count nothing
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
        queries.append(len(captured.captured_queries))
    times.sort()
    return {
        "p50": statistics.median(times) * 1000,
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000,
        "queries": max(queries),
    }


def baseline_scorecard() -> float:
    """The scorecard's per-ASN JP and coverage from the raw rows for one year, without aggregates."""
    from django.db import transaction

    from companion_service.evaluation.models import AsnYear, OpdYear
    from companion_service.evaluation.refresh import training

    started = time.perf_counter()
    with transaction.atomic():
        _, course_ids = training.programme()
        AsnYear.objects.filter(year=2026).delete()
        OpdYear.objects.all().delete()
        training.asn_years([2026], course_ids)
        training.opd_years()
        transaction.set_rollback(True)
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--asn", type=int, default=100_000)
    parser.add_argument("--enrollments", type=int, default=1_000_000)
    parser.add_argument("--responses", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--refresh-only", action="store_true", help="Measure the refreshes, not the pages.")
    parser.add_argument("--keep", action="store_true", help=f"Keep the database ({DATABASE}) to look into.")
    options = parser.parse_args(argv)
    base = os.environ.get("BINA_TEST_PG_URL")
    if not base:
        sys.exit(
            "Run under PostgreSQL: python -m tests.support.pgcluster -- python -m benchmarks.evaluation_pages"
        )
    setup_django(fresh_database(base))
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client

    from companion_service.accounts.models import AccessLink
    from companion_service.organization.models import Opd

    print("Loading the synthetic country with COPY ...", flush=True)
    loaded = load(options)
    print(
        f"  {loaded['asn']:,} ASN in {loaded['opds']} OPDs ({loaded['units']:,} units), "
        f"{loaded['enrollments']:,} enrollments, {loaded['grades']:,} grades, "
        f"{loaded['completions']:,} completions, {loaded['responses']:,} survey responses, "
        f"{loaded['attempts']:,} attempts, {loaded['outside']:,} trainings outside the LMS; "
        f"{loaded['seconds']:.0f} s",
        flush=True,
    )
    print(f"  PostgreSQL {connection.pg_version // 10000}")
    first, counts = time_refresh("benchmark")
    print(
        f"Full refresh (first): {first:.1f} s (CPU {counts['cpu_seconds']:.1f} s); rows: {counts}", flush=True
    )
    learners = incremental_sync(loaded["enrollments"])
    print(f"An incremental sync: grades newly passed for {learners:,} learners (1% of the enrollments)")
    incremental_against_full("sync")
    answers = new_answers(random.Random(7), 20_000)  # noqa: S311
    print(f"The day's survey answers: {answers:,} in the current quarter of every unit")
    incremental_against_full("answers")
    if options.refresh_only:
        drop(base, options.keep)
        return 0
    users = get_user_model().objects
    evaluator = users.create_user("eva", password="x-benchmark-1")  # noqa: S106 (a throwaway database)
    evaluator.groups.add(Group.objects.get(name="evaluator"))
    head = users.create_user("kadis", password="x-benchmark-1")  # noqa: S106
    head.groups.add(Group.objects.get(name="opd_head"))
    AccessLink.objects.create(user=head, opd=Opd.objects.get(code="OPD007"))
    routes = [
        "/evaluasi/?year=2026",
        "/evaluasi/opd/OPD007/?year=2026",
        "/evaluasi/dampak/",
        "/evaluasi/jp/?year=2026",
        "/evaluasi/jp/?year=2026&short=1&page=40",
        "/evaluasi/inovasi/?year=2026",
        "/evaluasi/mitra/?year=2026",
        "/evaluasi/cakupan/",
        "/evaluasi/metodologi/",
        "/api/evaluation/v1/scorecard/?year=2026",
        "/api/evaluation/v1/impact/",
        "/api/evaluation/v1/jp-ledger/?year=2026",
    ]
    results = {}
    for role, user in (("evaluator", evaluator), ("OPD head", head)):
        client = Client()
        client.force_login(user)
        for url in routes:
            results[(role, url)] = measure(client, url, options.repeat)
    client = Client()
    client.force_login(evaluator)
    started = time.perf_counter()
    client.get("/evaluasi/dampak/?window=3&threshold=0.3")
    cold_impact = (time.perf_counter() - started) * 1000
    baseline = baseline_scorecard()
    print()
    print(f"Page and API server times over {options.repeat} requests each (goal p95 < 300 ms):")
    print(f"  {'reader':10} {'route':48} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    worst = 0.0
    for (role, url), figure in results.items():
        worst = max(worst, figure["p95"])
        print(f"  {role:10} {url:48} {figure['p50']:8.1f} {figure['p95']:8.1f} {figure['queries']:8d}")
    print(f"  slowest p95: {worst:.1f} ms")
    print(f"  impact with new filters, first read (computed and stored): {cold_impact:.0f} ms")
    scorecard = results[("evaluator", "/evaluasi/?year=2026")]["p95"]
    print(
        f"Baseline: the scorecard's JP and coverage from raw rows for one year: {baseline * 1000:.0f} ms; "
        f"ratio to the scorecard page's p95: {baseline * 1000 / scorecard:.0f}x"
    )
    drop(base, options.keep)
    return 0


def drop(base: str, keep: bool) -> None:
    """Drop the benchmark's database (unless ``keep``)."""
    from django.db import connection

    connection.close()
    if keep:
        print(f"Database kept: {DATABASE}")
        return
    import psycopg

    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')


if __name__ == "__main__":
    sys.exit(main())
