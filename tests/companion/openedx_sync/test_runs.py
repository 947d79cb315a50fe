"""Sync runs as worker tasks (ADR 0130): queued once, taken up once, resumed in place, cancelled,
split over workers; tasks run eagerly here (the real worker and broker: tests/system/test_worker.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from companion_service.openedx_sync import engine as engine_module
from companion_service.openedx_sync import runs, tasks
from companion_service.openedx_sync.models import Enrollment, Grade, RunStatus, SyncRun
from companion_service.openedx_sync.services import begin_run

from .conftest import COURSES, learners, lms_data
from .test_resume import dead_pid

ALL = len(learners())
pytestmark = pytest.mark.django_db


def queued(connection, **kwargs) -> SyncRun:
    """A queued run whose message is not sent (the test plays the worker)."""
    now = timezone.now()
    return SyncRun.objects.create(
        connection=connection, status=RunStatus.QUEUED, trigger="admin", started=now, heartbeat=now, **kwargs
    )


def test_a_queued_run_is_taken_once_whatever_the_broker_delivers(start_lms, connection_to, roster):
    connection = connection_to(start_lms(lms_data()))
    run = queued(connection)
    assert tasks.run_sync_task(run.pk) == RunStatus.OK
    run.refresh_from_db()
    assert run.attempts == 1 and run.status != RunStatus.RUNNING
    assert tasks.run_sync_task(run.pk) == "nothing to do"  # the same message again
    assert Grade.objects.count() == 3 * ALL - 1
    assert run.rows_done >= 3 * ALL and run.units_done == run.units_total and run.current_unit == ""


def test_a_run_alive_in_another_process_is_left_alone(start_lms, connection_to, roster):
    connection = connection_to(start_lms(lms_data()))
    run = begin_run(connection, full=False, trigger="command")  # running in this test's process...
    SyncRun.objects.filter(pk=run.pk).update(pid=1, process_started=runs.process_started(1))  # in PID 1
    assert runs.claim(run.pk) is None
    assert runs.stalled_runs() == []
    # The same PID started later is another process (a restarted container reuses PIDs): dead.
    SyncRun.objects.filter(pk=run.pk).update(process_started=runs.process_started(1) + 1)
    assert runs.stalled_runs() == [run.pk]


def test_a_run_whose_worker_died_is_resumed_in_place(start_lms, connection_to, roster, monkeypatch):
    connection = connection_to(start_lms(lms_data()))
    run = queued(connection)
    real = engine_module.write_grades
    second = sorted(key for key, _, _ in COURSES)[1]

    def killed_on_second_course(course, rows, learners_, now):
        if course.course_key == second:
            raise KeyboardInterrupt  # the worker is gone: nothing after this runs
        return real(course, rows, learners_, now)

    monkeypatch.setattr(engine_module, "write_grades", killed_on_second_course)
    with pytest.raises(KeyboardInterrupt):
        tasks.run_sync_task(run.pk)
    run.refresh_from_db()
    assert run.status == RunStatus.RUNNING and run.units_done == 3  # 2 enrollment units, 1 grade unit
    SyncRun.objects.filter(pk=run.pk).update(pid=dead_pid())
    assert runs.stalled_runs() == [run.pk]
    monkeypatch.setattr(engine_module, "write_grades", real)
    assert tasks.recover() == [run.pk]  # sends it again; eagerly, the worker takes it up at once
    run.refresh_from_db()
    assert run.status == RunStatus.OK and run.attempts == 2
    assert any(note.startswith("resumed") for note in run.counts["notes"])
    assert "already done by an earlier attempt of this run" in run.counts["notes"][-1]
    assert Grade.objects.count() == 3 * ALL - 1 and Enrollment.objects.count() == 3 * ALL
    assert SyncRun.objects.count() == 1


def test_two_queue_requests_make_one_run(
    start_lms, connection_to, roster, monkeypatch, django_capture_on_commit_callbacks
):
    connection = connection_to(start_lms(lms_data()))
    sent = []
    monkeypatch.setattr(tasks.run_sync_task, "delay", lambda run_id: sent.append(run_id))
    with django_capture_on_commit_callbacks(execute=True):
        first = runs.queue_sync(connection, trigger="admin")
    with pytest.raises(runs.SyncAlreadyRunning, match="menunggu worker"):  # Indonesian first
        runs.queue_sync(connection, trigger="admin")
    assert sent == [first.pk] and SyncRun.objects.get().status == RunStatus.QUEUED
    # A queued run nobody took is sent again after a minute, and given up after six hours.
    SyncRun.objects.filter(pk=first.pk).update(heartbeat=timezone.now() - timedelta(minutes=2))
    assert runs.stalled_runs() == [first.pk]
    SyncRun.objects.filter(pk=first.pk).update(heartbeat=timezone.now() - timedelta(hours=7))
    assert runs.stalled_runs() == []
    first.refresh_from_db()
    assert first.status == RunStatus.FAILED and "no worker took" in first.errors[-1]["message"]


def test_a_cancelled_run_stops_between_units_and_keeps_what_it_wrote(
    start_lms, connection_to, roster, monkeypatch
):
    connection = connection_to(start_lms(lms_data()))
    run = queued(connection)
    real = engine_module.write_enrollments

    def cancel_after_first(course, rows, learners_, now):
        outcome = real(course, rows, learners_, now)
        runs.request_cancel(run)  # an administrator clicks while the first unit is written
        return outcome

    monkeypatch.setattr(engine_module, "write_enrollments", cancel_after_first)
    assert tasks.run_sync_task(run.pk) == RunStatus.CANCELLED
    run.refresh_from_db()
    assert run.units_done == 1 and Enrollment.objects.count() == ALL
    assert "cancelled by an administrator" in run.counts["notes"][-1]
    assert runs.request_cancel(run) is False  # over
    # A queued run is cancelled at once; its message then finds nothing to do.
    other = queued(connection)
    assert runs.request_cancel(other) is True
    other.refresh_from_db()
    assert other.status == RunStatus.CANCELLED
    assert tasks.run_sync_task(other.pk) == "nothing to do"


def test_a_split_run_shares_its_courses_and_counts_what_helpers_did(start_lms, connection_to, roster):
    connection = connection_to(start_lms(lms_data()))
    run = queued(connection)
    assert tasks.run_sync_task(run.pk) == RunStatus.OK  # split (the default); helpers run eagerly
    run.refresh_from_db()
    work = run.work
    assert sorted(work["done"]) == sorted(key for key, _, _ in COURSES)
    assert work["pending"] == [] and work["taken"] == {}
    assert run.counts["enrollments"]["created"] == 3 * ALL  # counted by whichever process did each
    assert run.counts["grades"]["created"] == 3 * ALL - 1
    assert run.counts["learners"]["created"] == ALL
    assert Grade.objects.count() == 3 * ALL - 1


def test_a_course_taken_by_a_dead_helper_is_taken_again(start_lms, connection_to, roster):
    connection = connection_to(start_lms(lms_data()))
    run = begin_run(connection, full=False, trigger="command")
    runs.share_courses(run.pk, ["a", "b"])
    assert runs.take_course(run.pk) == "a"
    work = SyncRun.objects.get(pk=run.pk).work
    work["taken"]["a"]["pid"] = dead_pid()
    SyncRun.objects.filter(pk=run.pk).update(work=work)
    assert runs.take_course(run.pk) == "a"  # its helper died: offered again first
    assert runs.take_course(run.pk) == "b"
    assert runs.take_course(run.pk) is None
    assert runs.courses_left(run.pk) == (0, 2)
