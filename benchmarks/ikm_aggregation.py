"""IKM for every unit and period over 2,000,000 SKM responses on PostgreSQL.

    .venv/bin/python -m tests.support.pgcluster -- .venv/bin/python -m benchmarks.ikm_aggregation

Loads 2,000,000 synthetic responses over 60 units (3 kinds of service each) and 8 quarters with COPY
into a fresh database, then times, best of several runs:

1. the app's path, ``api.ikm_by_unit_and_period`` for quarters, semesters and years: the database
   sums the quarterly tallies kept in step with the responses, the pure engine computes each IKM;
2. the same computed from the 2,000,000 responses by one SQL GROUP BY (what ``skm-retally`` does,
   and what the pages would cost without tallies);
3. the baseline: the same in Python over the rows (every row fetched and summed in Python).

Goal: (1) under 1 s and at least 20x faster than (3). Every path's results are checked equal.
Options: ``--rows N`` (default 2,000,000), ``--keep`` (leave the database for inspection).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from urllib.parse import urlsplit, urlunsplit

UNITS, KINDS_PER_UNIT, QUARTERS = 60, 3, [(year, q) for year in (2024, 2025) for q in (1, 2, 3, 4)]
DATABASE = "bench_ikm"


def database_url(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_database(base_url: str) -> str:
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return database_url(base_url, DATABASE)


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "companion_service.settings.test"
    os.environ.setdefault("BINA_VAR_DIR", tempfile.mkdtemp(prefix="bench-ikm-"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_units():
    from companion_service.organization.models import Opd, ServiceUnit
    from companion_service.skm import services

    units = []
    for number in range(UNITS):
        opd, _ = Opd.objects.get_or_create(
            code=f"OPD-{number // 6:02d}", defaults={"name": f"OPD {number // 6}"}
        )
        unit = ServiceUnit.objects.create(code=f"UNIT-{number:02d}", name=f"Unit layanan {number}", opd=opd)
        kinds = [services.add_service_kind(unit, f"Layanan {k}") for k in range(KINDS_PER_UNIT)]
        units.append((unit, kinds))
    return units


def load(units, rows: int, seed: int = 7) -> float:
    """COPY ``rows`` synthetic responses; returns the seconds it took."""
    from django.db import connection

    rng = random.Random(seed)  # noqa: S311 (synthetic benchmark data)
    pools = []
    for index in range(UNITS):
        mean = 2.6 + (index % 10) / 10
        pool = [tuple(min(4, max(1, round(rng.gauss(mean, 0.7)))) for _ in range(9)) for _ in range(2000)]
        pools.append(pool)
    days = {
        key: [dt.date(key[0], 3 * key[1] - 2, 1) + dt.timedelta(days=d) for d in range(90)]
        for key in QUARTERS
    }
    columns = (
        "unit_id, service_kind_id, answered_on, submitted_at, source, u1, u2, u3, u4, u5, u6, u7, u8, u9, "
        "sex, age_group, education, occupation, officer, comment, fingerprint, review"
    )
    now = dt.datetime.now(dt.UTC)
    started = time.perf_counter()
    connection.ensure_connection()
    with (
        connection.connection.cursor() as cursor,
        cursor.copy(f"COPY skm_surveyresponse ({columns}) FROM STDIN") as copy,
    ):
        for row in range(rows):
            index = row % UNITS
            unit, kinds = units[index]
            answers = pools[index][rng.randrange(2000)]
            if rng.random() < 0.02:  # now and then a question left unanswered
                blank = rng.randrange(9)
                answers = answers[:blank] + (None,) + answers[blank + 1 :]
            quarter = QUARTERS[rng.randrange(len(QUARTERS))]
            copy.write_row(
                (
                    unit.id,
                    kinds[rng.randrange(KINDS_PER_UNIT)].id,
                    days[quarter][rng.randrange(90)],
                    now,
                    "import",
                    *answers,
                    "LP"[row % 2],
                    "30-39",
                    "sma",
                    "swasta",
                    "",
                    "",
                    "",
                    "",
                )
            )
    connection.connection.commit()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE skm_surveyresponse")
    return time.perf_counter() - started


def best_of(function, runs: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best, result


def app_path():
    from companion_service.skm import api

    return {kind: api.ikm_by_unit_and_period(kind) for kind in ("quarter", "semester", "year")}


def app_quarters():
    from companion_service.skm import api

    return api.ikm_by_unit_and_period("quarter")


def sql_group_by():
    """IKM per unit and quarter from one GROUP BY over the responses (no tallies)."""
    from companion_service.skm import ikm, services
    from companion_service.skm.models import SurveyResponse

    per_kind = services._deltas_in_database(SurveyResponse.objects.all())
    merged = defaultdict(ikm.Tally)
    for (unit_id, _kind, year, quarter), tally in per_kind.items():
        merged[(unit_id, year, quarter)] += tally
    return {key: ikm.compute(tally) for key, tally in merged.items()}


def python_baseline():
    """IKM per unit and quarter with every row fetched and summed in Python."""
    from companion_service.skm import ikm
    from companion_service.skm.ikm import UNSUR_CODES
    from companion_service.skm.models import SurveyResponse

    sums = defaultdict(lambda: [0] * 19)
    fields = ["unit_id", "answered_on", *[code.lower() for code in UNSUR_CODES]]
    for row in SurveyResponse.objects.values_list(*fields).iterator(chunk_size=20000):
        day = row[1]
        totals = sums[(row[0], day.year, (day.month - 1) // 3 + 1)]
        totals[18] += 1
        for position in range(9):
            value = row[2 + position]
            if value is not None:
                totals[position] += value
                totals[9 + position] += 1
    return {
        key: ikm.compute(
            ikm.Tally(
                respondents=totals[18],
                sums=dict(zip(UNSUR_CODES, totals[:9], strict=True)),
                counts=dict(zip(UNSUR_CODES, totals[9:18], strict=True)),
            )
        )
        for key, totals in sums.items()
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args(argv)
    base = os.environ.get("BINA_TEST_PG_URL")
    if not base:
        sys.exit(
            "Run under PostgreSQL: python -m tests.support.pgcluster -- python -m benchmarks.ikm_aggregation"
        )
    setup_django(fresh_database(base))
    from django.db import connection

    from companion_service.skm import services

    units = make_units()
    print(
        f"Loading {options.rows:,} responses over {UNITS} units x {len(QUARTERS)} quarters with COPY ...",
        flush=True,
    )
    load_seconds = load(units, options.rows)
    started = time.perf_counter()
    tallies = services.rebuild_tallies()
    tally_seconds = time.perf_counter() - started
    print(f"  loaded in {load_seconds:.1f} s; {tallies} tallies built by SQL in {tally_seconds:.2f} s")
    print(f"  PostgreSQL {connection.pg_version // 10000}, database {DATABASE}")

    app_seconds, app = best_of(app_path, options.runs)
    quarter_seconds, _ = best_of(app_quarters, options.runs)
    sql_seconds, grouped = best_of(sql_group_by, max(2, options.runs // 2))
    print("Python baseline over every row (one run) ...", flush=True)
    python_seconds, baseline = best_of(python_baseline, 1)

    quarters = {(row.unit_code, row.period): row for row in app["quarter"]}
    codes = {unit.id: unit.code for unit, _ in units}
    mismatches = 0
    for (unit_id, year, quarter), result in baseline.items():
        row = quarters[(codes[unit_id], f"{year}-Q{quarter}")]
        expected = grouped[(unit_id, year, quarter)]
        if (row.ikm, row.respondents) != (
            result.ikm_display,
            result.respondents,
        ) or expected.ikm != result.ikm:
            mismatches += 1
    periods = sum(len(rows) for rows in app.values())
    print()
    print(
        f"IKM with per-unsur NRR for {periods} unit-periods ({len(app['quarter'])} quarters, "
        f"{len(app['semester'])} semesters, {len(app['year'])} years) over {options.rows:,} responses:"
    )
    print(f"  app path, quarters + semesters + years: {app_seconds * 1000:8.1f} ms  (goal < 1000 ms)")
    print(f"  app path, quarters only:                {quarter_seconds * 1000:8.1f} ms")
    print(
        f"  one SQL GROUP BY over the responses:    {sql_seconds * 1000:8.1f} ms  (quarters only, no tallies)"
    )
    print(f"  Python over every row (baseline):       {python_seconds * 1000:8.1f} ms  (quarters only)")
    print(
        f"  speed-up, app quarters vs baseline:     {python_seconds / quarter_seconds:8.1f}x  (goal >= 20x)"
    )
    print(f"  speed-up, app all periods vs baseline:  {python_seconds / app_seconds:8.1f}x (vs quarters)")
    print(f"  speed-up, SQL GROUP BY vs baseline:     {python_seconds / sql_seconds:8.1f}x")
    verdict = "yes" if not mismatches else f"NO ({mismatches} differ)"
    print(f"  results identical across the three paths: {verdict}")
    if not options.keep:
        connection.close()
        import psycopg

        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
