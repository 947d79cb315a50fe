"""Administrators connect an LMS, test it, run a sync, read the history, set JP and link learners."""

import re
import threading

import pytest

from companion_service.core.navigation import menu_for
from companion_service.core.roles import Role
from companion_service.openedx_sync.models import Course, Learner, LmsConnection, SyncRun
from companion_service.openedx_sync.services import client_secret

from .conftest import COURSES, lms_data, sync


@pytest.fixture
def administrator(client, make_user, settings):
    settings.LANGUAGE_CODE = "en"
    settings.COMPANION_SYNC_READ_TIMEOUT = 2.0
    user = make_user("bkpsdm", Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def connection_form(lms, **extra):
    return {
        "name": "LMS Kota Sibolga",
        "base_url": lms.url + "/",
        "client_id": lms.data.client_id,
        "client_secret": "",
        "service_username": "",
        "completion_source": "auto",
        "completion_concurrency": 3,
        "completion_refresh_days": 7,
        "certificate_lookups": 300,
        "is_active": "on",
        **extra,
    }


def test_the_menu_has_the_roster_and_the_sync_for_administrators(administrator, make_user):
    names = [item.url_name for item in menu_for(administrator)]
    assert {"admin:roster_asn_changelist", "admin:openedx_sync_syncrun_changelist"} <= set(names)
    assert "admin:openedx_sync_syncrun_changelist" not in [
        item.url_name for item in menu_for(make_user("eva", Role.EVALUATOR))
    ]


def test_add_a_connection_with_an_encrypted_secret_and_test_it(client, administrator, start_lms, monkeypatch):
    monkeypatch.delenv("OPENEDX_CLIENT_SECRET", raising=False)
    lms = start_lms(lms_data())
    response = client.post(
        "/admin/openedx_sync/lmsconnection/add/", connection_form(lms, client_secret=lms.data.client_secret)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    connection = LmsConnection.objects.get()
    assert connection.base_url == lms.url
    assert lms.data.client_secret not in connection.client_secret_encrypted
    assert client_secret(connection) == lms.data.client_secret
    page = client.get(f"/admin/openedx_sync/lmsconnection/{connection.pk}/change/").content.decode()
    assert lms.data.client_secret not in page  # never shown back
    assert "Test connection" in page and "Sync now" in page
    assert (
        client.get(f"/admin/openedx_sync/lmsconnection/{connection.pk}/test/").status_code == 403
    )  # POST only
    page = client.post(
        f"/admin/openedx_sync/lmsconnection/{connection.pk}/test/", follow=True
    ).content.decode()
    assert "Connection LMS Kota Sibolga works." in page
    assert "Token: received for the service user bina_companion." in page
    # Saving without a secret keeps the stored one; "forget" drops it.
    client.post(f"/admin/openedx_sync/lmsconnection/{connection.pk}/change/", connection_form(lms))
    connection.refresh_from_db()
    assert connection.client_secret_encrypted
    client.post(
        f"/admin/openedx_sync/lmsconnection/{connection.pk}/change/", connection_form(lms, forget_secret="on")
    )
    connection.refresh_from_db()
    assert connection.client_secret_encrypted == ""


def test_a_failing_test_says_why(client, administrator, start_lms, connection_to, monkeypatch):
    connection = connection_to(start_lms(lms_data()))
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", "salah")
    page = client.post(
        f"/admin/openedx_sync/lmsconnection/{connection.pk}/test/", follow=True
    ).content.decode()
    assert "does not work" in page
    assert "refused the client id or secret" in page


@pytest.mark.django_db(transaction=True)
def test_sync_now_queues_a_run_for_a_worker_and_the_history_shows_it(
    client, administrator, start_lms, connection_to, roster
):
    connection = connection_to(start_lms(lms_data(plugin=False)))
    threads = threading.active_count()
    response = client.post(f"/admin/openedx_sync/lmsconnection/{connection.pk}/sync/")
    run = SyncRun.objects.get()
    assert response.url == f"/admin/openedx_sync/syncrun/{run.pk}/change/"
    assert threading.active_count() == threads  # no thread left behind in the web process
    # The worker's task ran it (eagerly in unit tests; tests/system/test_worker.py runs a real worker).
    run.refresh_from_db()
    assert run.status == "partial"
    assert (run.trigger, run.started_by) == ("admin", administrator)
    listing = client.get("/admin/openedx_sync/syncrun/").content.decode()
    assert "Partial" in listing and "90 read / 90 new / 0 changed" in listing
    progress = f"{run.rows_done} rows so far; {run.units_done} of {run.units_done} units"
    assert progress in listing, re.findall(r"<td class=\"field-progress_text\">[^<]*", listing)
    page = client.get(f"/admin/openedx_sync/syncrun/{run.pk}/change/").content.decode()
    assert "the Bina ASN plugin API is not installed on this LMS" in page
    assert "/api/bina/v1/" in page and ">404<" in page


def test_errors_from_the_lms_are_escaped(client, administrator, start_lms, connection_to, roster):
    run = sync(connection_to(start_lms(lms_data())))
    run.errors = [{"endpoint": "/x", "status": 500, "message": "<script>alert(1)</script>"}]
    run.save()
    page = client.get(f"/admin/openedx_sync/syncrun/{run.pk}/change/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_history_is_read_only(client, administrator, start_lms, connection_to, roster):
    run = sync(connection_to(start_lms(lms_data())))
    assert client.post(f"/admin/openedx_sync/syncrun/{run.pk}/delete/").status_code == 403
    assert client.get("/admin/openedx_sync/syncrun/add/").status_code == 403


def test_an_administrator_sets_a_course_s_jp_and_channel(
    client, administrator, start_lms, connection_to, roster
):
    sync(connection_to(start_lms(lms_data())))
    course = Course.objects.get(course_key=COURSES[2][0])
    page = client.get("/admin/openedx_sync/course/", {"jp": "missing"}).content.decode()
    assert "Analisis Data Layanan" in page and "Literasi Digital ASN" not in page
    assert "Missing: The LMS gives no effort per week." in page  # where its JP (do not) come from
    listed = client.get("/admin/openedx_sync/course/").content.decode()
    assert "Estimated from effort x weeks (360 min x 9)" in listed
    response = client.post(f"/admin/openedx_sync/course/{course.pk}/change/", {"jp": 10, "channel": "bimtek"})
    assert response.status_code == 302
    course.refresh_from_db()
    assert (course.jp, course.channel, course.jp_set_by_admin) == (10, "bimtek", True)
    assert "Set by BKPSDM" in client.get("/admin/openedx_sync/course/").content.decode()


def test_an_administrator_links_an_unmatched_learner_by_hand(
    client, administrator, start_lms, connection_to, roster
):
    connection = connection_to(start_lms(lms_data()))
    sync(connection)
    page = client.get("/admin/openedx_sync/learner/", {"linked": "no"}).content.decode()
    assert "asn005" in page and ">ani<" not in page
    learner = Learner.objects.get(username="asn005")
    response = client.post(f"/admin/openedx_sync/learner/{learner.pk}/change/", {"asn": roster["dedi"].pk})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.asn, learner.link_method, learner.linked_by) == (roster["dedi"], "manual", administrator)
    assert sync(connection).unmatched_learners == 30 - 5
    other = Learner.objects.get(username="asn006")
    client.post(f"/admin/openedx_sync/learner/{other.pk}/change/", {"asn": "", "not_asn": "on"})
    other.refresh_from_db()
    assert (other.asn, other.link_method) == (None, "manual")
    page = client.get("/admin/openedx_sync/learner/", {"linked": "not_asn"}).content.decode()
    assert "asn006" in page


def test_evaluators_cannot_reach_the_sync_admin(client, make_user, db):
    client.force_login(make_user("eva", Role.EVALUATOR))
    for url in (
        "/admin/openedx_sync/syncrun/",
        "/admin/openedx_sync/lmsconnection/",
        "/admin/openedx_sync/learner/",
    ):
        assert client.get(url).status_code == 302


def test_a_waiting_run_shows_its_state_and_can_be_cancelled(
    client, administrator, start_lms, connection_to, roster
):
    from django.utils import timezone

    connection = connection_to(start_lms(lms_data()))
    now = timezone.now()
    run = SyncRun.objects.create(
        connection=connection, status="queued", trigger="admin", started=now, heartbeat=now
    )
    page = client.get(f"/admin/openedx_sync/syncrun/{run.pk}/change/").content.decode()
    assert "waits for a worker" in page and "Cancel this sync" in page
    assert 'http-equiv="refresh"' not in page  # followed by a script, never reloaded under the reader
    progress = f"/admin/openedx_sync/syncrun/{run.pk}/progress/"
    assert f'data-follow-url="{progress}"' in page
    assert client.get(progress).json() == {
        "active": True,
        "status": "queued",
        "text": "Waiting for a worker: waiting for a worker",
    }
    assert client.get(f"/admin/openedx_sync/syncrun/{run.pk}/cancel/").status_code == 403  # POST only
    page = client.post(f"/admin/openedx_sync/syncrun/{run.pk}/cancel/", follow=True).content.decode()
    assert "will stop after the unit it is writing" in page
    run.refresh_from_db()
    assert run.status == "cancelled" and run.cancel_requested
    assert client.get(progress).json()["active"] is False
    page = client.post(f"/admin/openedx_sync/syncrun/{run.pk}/cancel/", follow=True).content.decode()
    assert "has already ended" in page
