"""The companion's background work with a real worker and a real broker (ADR 0130, 0131).

Real pieces: Debian's ``redis-server`` on a loopback port (``tests.support.redis``), PostgreSQL (the
test cluster), ``celery --app=companion_service worker`` processes, the companion's web server for the
administrator's clicks, and an LMS over loopback HTTP that answers in Open edX's shapes
(``tests.support.fake_lms``; each enrollment and grade page takes 0.1 s, as a busy LMS's do).

- the worker killed with SIGKILL in the middle of a sync, then started again: the run is taken up
  again and finishes with the same rows as an undisturbed run, no duplicates, never stuck running;
- two "sync now" clicks at the same moment start one run;
- a public-form answer is in the API's figures within 60 s, with the worker's debounced refresh.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import requests

from tests.support.fake_lms import PLUGIN_ROUTES, FakeLms, Fault, LmsData, courses_with_learners
from tests.support.pgcluster import cluster_url, scratch_database
from tests.support.redis import redis_server
from tests.support.servers import companion

pytestmark = pytest.mark.skipif(not cluster_url(), reason="needs the PostgreSQL test cluster (make test)")

REPO = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).parent / "celery"
COURSES, LEARNERS = 8, 250


def lms_data() -> LmsData:
    return courses_with_learners(COURSES, LEARNERS, "KERJA", population=1000)


def slow_pages() -> list[Fault]:
    return [Fault(r"/api/(enrollment|grades)/", "timeout", times=-1, delay=0.1)]


class Companion:
    """Commands, SQL and workers of one companion database."""

    def __init__(self, database_url: str, redis_url: str, var_dir: Path, lms: FakeLms):
        self.database_url = database_url
        self.var_dir = var_dir
        var_dir.mkdir(parents=True, exist_ok=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "companion_service.settings.dev",
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "BINA_VAR_DIR": str(var_dir),
                "OPENEDX_CLIENT_SECRET": lms.data.client_secret,
                "OPENEDX_LMS_URL": lms.url,  # the one LMS the environment's secret goes to (ADR 0104)
                "COMPANION_FORM_REFRESH_DELAY": "5",
                "COMPANION_LOG_FORMAT": "text",
                "PYTHONUNBUFFERED": "1",
            }
        )
        self.workers: list[subprocess.Popen] = []
        self.command("migrate", "--noinput")
        self.command(
            "lms-connection", "LMS uji", "--url", lms.url, "--client-id", lms.data.client_id,
            "--completion", "none",
        )  # fmt: skip

    def command(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "companion_service.manage", *args],
            env=self.env,
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result.stdout

    def sql(self, query: str, *params):
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(query, params).fetchall()

    def start_worker(self, name: str) -> subprocess.Popen:
        log = open(self.var_dir / f"worker-{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            [str(CELERY), "--app=companion_service", "worker", "--loglevel=INFO", "--concurrency=1",
             f"--hostname={name}@%h", "--without-gossip", "--without-mingle"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=REPO, start_new_session=True,
        )  # fmt: skip
        self.workers.append(process)
        return process

    def stop_workers(self) -> None:
        for process in self.workers:
            if process.poll() is None:
                process.terminate()  # the main process stops its pool (a warm shutdown)
        for process in self.workers:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def run_row(self, run_id: int) -> dict:
        [row] = self.sql(
            "SELECT status, units_done, attempts, counts, errors FROM openedx_sync_syncrun WHERE id = %s",
            run_id,
        )
        return dict(zip(("status", "units_done", "attempts", "counts", "errors"), row, strict=True))

    def wait_for_run(self, run_id: int, done, timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = self.run_row(run_id)
            if done(row):
                return row
            time.sleep(0.2)
        raise AssertionError(f"run {run_id} did not get there in {timeout} s: {row}; logs in {self.var_dir}")

    def synced_rows(self) -> list[tuple]:
        """Enrollments and grades as the LMS keys them, with what the sync stored of them."""
        return self.sql(
            "SELECT c.course_key, l.username, e.is_active, e.mode, e.enrolled_at, g.percent, g.passed "
            "FROM openedx_sync_enrollment e JOIN openedx_sync_course c ON c.id = e.course_id "
            "JOIN openedx_sync_learner l ON l.id = e.learner_id "
            "LEFT JOIN openedx_sync_grade g ON g.course_id = e.course_id AND g.learner_id = e.learner_id "
            "ORDER BY 1, 2"
        )


@pytest.fixture(scope="module")
def redis_url():
    with redis_server() as url:
        yield url


@contextmanager
def companion_db(prefix: str, redis_url: str, var_dir: Path, lms: FakeLms):
    with scratch_database(prefix) as url:
        site = Companion(url, redis_url, var_dir, lms)
        try:
            yield site
        finally:
            site.stop_workers()


def queue_sync(site: Companion) -> int:
    return json.loads(site.command("sync", "--queue", "--json"))["run_id"]


def test_a_worker_killed_mid_sync_is_replaced_and_the_run_finishes_with_the_same_rows(redis_url, tmp_path):
    with FakeLms(lms_data(), slow_pages()) as lms:
        with companion_db("undisturbed", redis_url, tmp_path / "a", lms) as calm:
            calm.start_worker("calm")
            run_id = queue_sync(calm)
            finished = calm.wait_for_run(run_id, lambda row: row["status"] not in ("queued", "running"))
            assert finished["status"] == "ok", finished["errors"]
            expected = calm.synced_rows()
        assert len(expected) == COURSES * LEARNERS

        with companion_db("killed", redis_url, tmp_path / "b", lms) as site:
            worker = site.start_worker("first")
            run_id = queue_sync(site)
            site.wait_for_run(run_id, lambda row: row["status"] == "running" and row["units_done"] >= 5)
            os.killpg(worker.pid, signal.SIGKILL)  # the worker and its pool process, mid-run
            worker.wait()
            row = site.run_row(run_id)
            assert row["status"] == "running" and row["units_done"] < 2 * COURSES + len(PLUGIN_ROUTES)
            assert len(site.synced_rows()) < len(expected)  # it really stopped mid-way

            site.start_worker("second")  # on start, a worker takes up runs whose process is gone
            finished = site.wait_for_run(run_id, lambda row: row["status"] not in ("queued", "running"))
            assert finished["status"] == "ok", finished["errors"]
            assert finished["attempts"] == 2
            assert any(note.startswith("resumed") for note in finished["counts"]["notes"])
            assert site.synced_rows() == expected  # same rows, none twice (the keys are unique too)
            assert site.sql("SELECT count(*) FROM openedx_sync_syncrun")[0][0] == 1
            assert not site.sql("SELECT id FROM openedx_sync_syncrun WHERE status IN ('queued', 'running')")


def _signed_in(server) -> requests.Session:
    session = requests.Session()
    page = session.get(server.url + "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        server.url + "/admin/login/",
        data={"username": "admin", "password": "rahasia-admin-2026", "csrfmiddlewaretoken": token},
        headers={"Referer": server.url + "/admin/login/"},
    )
    # The dev settings name the cookies apart from the dev LMS's (both live on 127.0.0.1, issue 19).
    assert answer.ok and "companion_sessionid" in session.cookies
    return session


def test_two_sync_now_clicks_at_once_start_one_run(redis_url, tmp_path):
    with FakeLms(lms_data(), slow_pages()) as lms, scratch_database("clicks") as url:
        site = Companion(url, redis_url, tmp_path / "site", lms)
        names = ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "OPENEDX_CLIENT_SECRET", "OPENEDX_LMS_URL")
        extra = {k: site.env[k] for k in names}
        with companion(tmp_path / "site", url, extra_env=extra) as server:
            server.command(
                "manage_user", "admin", "admin@contoh.go.id", "--superuser", "--password-env", "PW",
                extra_env={"PW": "rahasia-admin-2026"},
            )  # fmt: skip
            [(pk,)] = site.sql("SELECT id FROM openedx_sync_lmsconnection")
            sessions = [_signed_in(server), _signed_in(server)]
            address = f"{server.url}/admin/openedx_sync/lmsconnection/{pk}/sync/"
            barrier, answers = threading.Barrier(2), []

            def click(session):
                token = session.cookies["companion_csrftoken"]
                barrier.wait()
                answers.append(
                    session.post(address, data={"csrfmiddlewaretoken": token}, headers={"Referer": address})
                )

            threads = [threading.Thread(target=click, args=(s,)) for s in sessions]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert [answer.status_code for answer in answers] == [200, 200]
            assert site.sql("SELECT count(*) FROM openedx_sync_syncrun")[0][0] == 1
            pages = " ".join(answer.text for answer in answers)
            assert "menunggu worker" in pages or "already waiting for a worker" in pages
            [(run_id, status)] = site.sql("SELECT id, status FROM openedx_sync_syncrun")
            assert status == "queued"  # no worker yet: nothing ran in the web process
            site.start_worker("one")
            finished = site.wait_for_run(run_id, lambda row: row["status"] not in ("queued", "running"))
            assert finished["status"] == "ok"
        site.stop_workers()


def test_a_public_form_answer_is_in_the_api_figures_within_a_minute(redis_url, tmp_path):
    with FakeLms(lms_data()) as lms, companion_db("form", redis_url, tmp_path / "form", lms) as site:
        site.command("skm-unit", "UNIT-01", "--name", "Layanan KTP-el", "--opd", "OPD1",
                     "--opd-name", "Dinas Kependudukan", "--layanan", "KTP-el")  # fmt: skip
        site.command("evaluate", "--refresh")
        site.start_worker("figures")
        extra = {
            k: site.env[k] for k in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "COMPANION_FORM_REFRESH_DELAY")
        }
        with companion(tmp_path / "form", site.database_url, extra_env=extra) as server:
            server.command(
                "manage_user", "eva", "eva@contoh.go.id", "--role", "evaluator", "--password-env", "PW",
                extra_env={"PW": "rahasia-evaluator-2026"},
            )  # fmt: skip
            evaluator = requests.Session()
            page = evaluator.get(server.url + "/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            evaluator.post(
                server.url + "/login/",
                data={
                    "username": "eva",
                    "password": "rahasia-evaluator-2026",
                    "csrfmiddlewaretoken": token,
                },
                headers={"Referer": server.url + "/login/"},
            )
            year = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=7))).year
            api = f"{server.url}/api/evaluation/v1/scorecard/?year={year}"
            before = evaluator.get(api)
            assert before.status_code == 200, before.text[:300]
            assert (before.json().get("ikm_year") or {}).get("respondents", 0) == 0

            submitted = time.monotonic()
            answer_form(server.url, "UNIT-01")
            while time.monotonic() - submitted < 60:
                figures = evaluator.get(api).json()
                if (figures.get("ikm_year") or {}).get("respondents") == 1:
                    break
                time.sleep(0.5)
            else:
                raise AssertionError(f"the answer did not reach the API's figures within 60 s: {figures}")
            print(f"public-form answer in the API's figures after {time.monotonic() - submitted:.1f} s")


def answer_form(base_url: str, unit_code: str) -> None:
    session = requests.Session()
    address = f"{base_url}/survei/{unit_code}/"
    page = session.get(address)
    assert page.status_code == 200, page.text[:300]
    token = re.search(r'name="token" value="([^"]+)"', page.text).group(1)
    form = {f"U{n}": "4" for n in range(1, 10)}
    form["csrfmiddlewaretoken"] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    form.update(
        {"layanan": "ktp-el", "jenis_kelamin": "P", "usia": "30-39", "pendidikan": "sma",
         "pekerjaan": "wirausaha", "token": token, "website": ""}
    )  # fmt: skip
    answer = session.post(address, data=form, headers={"Referer": address}, allow_redirects=False)
    assert answer.status_code == 302, answer.text[:500]
