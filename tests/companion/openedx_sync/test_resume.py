"""A run that dies half way leaves no half-written unit, and the next run resumes; one run at a time."""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from companion_service.openedx_sync import engine as engine_module
from companion_service.openedx_sync.models import Enrollment, Grade, RunStatus, SyncRun
from companion_service.openedx_sync.services import SyncAlreadyRunning, begin_run

from .conftest import COURSES, learners, lms_data, sync

ALL = len(learners())
FIRST, SECOND, THIRD = sorted(key for key, _, _ in COURSES)  # the order the sync goes through them
REPO = Path(__file__).resolve().parents[3]


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_crash_inside_a_unit_rolls_it_back_and_the_next_run_resumes(
    start_lms, connection_to, roster, monkeypatch
):
    lms = start_lms(lms_data())
    connection = connection_to(lms)
    real = engine_module.write_grades

    def crash_on_second_course(course, rows, learners_, now):
        outcome = real(course, rows, learners_, now)  # rows are written inside the transaction ...
        if course.course_key == SECOND:
            raise KeyboardInterrupt  # ... and then the process is stopped
        return outcome

    monkeypatch.setattr(engine_module, "write_grades", crash_on_second_course)
    with pytest.raises(KeyboardInterrupt):
        sync(connection)
    crashed = SyncRun.objects.get()
    assert crashed.status == RunStatus.RUNNING  # nobody got to finish it
    assert Grade.objects.filter(course__course_key=FIRST).count() == ALL
    assert not Grade.objects.filter(course__course_key=SECOND).exists()  # rolled back
    assert Enrollment.objects.filter(course__course_key=SECOND).count() == ALL

    SyncRun.objects.filter(pk=crashed.pk).update(pid=dead_pid())  # its process has ended
    monkeypatch.setattr(engine_module, "write_grades", real)
    resumed = sync(connection)
    crashed.refresh_from_db()
    assert crashed.status == RunStatus.FAILED
    assert "stopped before it finished" in crashed.errors[-1]["message"]
    assert resumed.status == RunStatus.OK, resumed.errors
    assert resumed.resumed_from == crashed
    assert "3 units were already done by run" in resumed.counts["notes"][-1]
    # It did not fetch what the dead run finished; the data is complete, nothing twice.
    assert resumed.counts["enrollments"]["fetched"] == ALL  # the third course's only
    assert resumed.counts["grades"]["fetched"] == 2 * ALL - 1  # the second's (one unenrolled) and third's
    assert Grade.objects.count() == 3 * ALL - 1
    assert Enrollment.objects.count() == 3 * ALL


def test_only_one_run_at_a_time(start_lms, connection_to, roster):
    connection = connection_to(start_lms(lms_data()))
    running = begin_run(connection, full=False, trigger="command")
    with pytest.raises(SyncAlreadyRunning, match="sedang berjalan"):  # Indonesian first
        begin_run(connection, full=False, trigger="command")
    # A run on another host that has been silent too long is taken over.
    SyncRun.objects.filter(pk=running.pk).update(
        host="other-host", heartbeat=timezone.now() - timedelta(minutes=30)
    )
    taken_over = begin_run(connection, full=False, trigger="command")
    assert taken_over.resumed_from_id == running.pk
    running.refresh_from_db()
    assert running.status == RunStatus.FAILED
    # ... but not one that still gives signs of life.
    SyncRun.objects.filter(pk=taken_over.pk).update(host="other-host", heartbeat=timezone.now())
    with pytest.raises(SyncAlreadyRunning):
        begin_run(connection, full=False, trigger="command")


@pytest.mark.slow
def test_a_sync_process_killed_mid_run_is_resumed_by_the_next(start_lms, tmp_path):
    """The real thing: ``companion sync`` is killed with SIGKILL while it reads completion."""
    lms = start_lms(lms_data())
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "companion_service.settings.test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'companion.db'}",
            "BINA_VAR_DIR": str(tmp_path),
            "OPENEDX_CLIENT_SECRET": lms.data.client_secret,
            "OPENEDX_LMS_URL": lms.url,
            "LANGUAGE": "en",
        }
    )
    companion = [sys.executable, "-m", "companion_service.manage"]
    subprocess.run([*companion, "migrate", "--noinput"], env=env, check=True, capture_output=True, cwd=REPO)
    argv = [*companion, "sync", "--lms-url", lms.url, "--client-id", lms.data.client_id, "--json"]
    process = subprocess.Popen(argv, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def kill_when_completion_starts(path):
        if "/completion-aggregator/" in path and process.poll() is None:
            process.send_signal(signal.SIGKILL)

    lms.on_request = kill_when_completion_starts
    out, err = process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL, (out, err)
    lms.on_request = None

    database = sqlite3.connect(tmp_path / "companion.db")
    status, host = database.execute("SELECT status, host FROM openedx_sync_syncrun").fetchone()
    assert (status, host) == ("running", socket.gethostname())
    done = database.execute("SELECT resource FROM openedx_sync_synccheckpoint WHERE run_id = 1").fetchall()
    assert sorted(r for (r,) in done if not r.startswith("plugin:")) == sorted(
        ["courses"] + ["enrollments", "grades"] * 3
    )
    assert database.execute("SELECT COUNT(*) FROM openedx_sync_grade").fetchone()[0] == 3 * ALL - 1
    assert database.execute("SELECT COUNT(*) FROM openedx_sync_completion").fetchone()[0] == 0

    again = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
    summary = json.loads(again.stdout)
    assert again.returncode == 0, again.stderr
    assert summary["status"] == "ok"
    # It did not read again what the killed run had finished; it did the rest.
    assert summary["enrollments"]["fetched"] == 0 and summary["grades"]["fetched"] == 0
    assert summary["completions"] == {"fetched": 3 * ALL, "created": 3 * ALL, "updated": 0}
    assert any("11 units were already done by run #1" in note for note in summary["notes"])
    assert database.execute("SELECT COUNT(*) FROM openedx_sync_grade").fetchone()[0] == 3 * ALL - 1
    assert (
        database.execute(
            "SELECT COUNT(*) FROM (SELECT course_id, learner_id FROM openedx_sync_enrollment GROUP BY 1, 2)"
        ).fetchone()[0]
        == 3 * ALL
    )
    first = database.execute("SELECT status FROM openedx_sync_syncrun WHERE id = 1").fetchone()[0]
    assert first == "failed"
