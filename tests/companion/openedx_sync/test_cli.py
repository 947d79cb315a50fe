"""``companion sync`` and ``companion lms-connection`` from the command line."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from companion_service.openedx_sync.models import LmsConnection, SyncRun
from companion_service.openedx_sync.services import client_secret

from .conftest import learners, lms_data

ALL = len(learners())
KEYS = [
    "status",
    "started",
    "finished",
    "courses",
    "enrollments",
    "grades",
    "completions",
    "assessment_attempts",
    "ideas",
    "workshop_attendance",
    "unmatched_learners",
    "errors",
]


@pytest.fixture(autouse=True)
def fast_client(settings):
    settings.COMPANION_SYNC_READ_TIMEOUT = 2.0
    settings.LANGUAGE_CODE = "en"


def run_json(capsys, *args):
    try:
        call_command("sync", "--json", *args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, json.loads(capsys.readouterr().out)


def test_sync_json_prints_the_issue_s_object(start_lms, connection_to, roster, capsys):
    connection_to(start_lms(lms_data()))
    code, summary = run_json(capsys)
    assert code == 0
    assert list(summary)[: len(KEYS) - 2] == KEYS[:3] + [
        "courses",
        "enrollments",
        "grades",
        "completions",
        "assessment_attempts",
        "ideas",
        "workshop_attendance",
    ]
    assert set(KEYS) <= set(summary)
    assert summary["status"] == "ok"
    assert summary["started"].endswith("Z") and summary["finished"] >= summary["started"]
    assert summary["enrollments"] == {"fetched": 3 * ALL, "created": 3 * ALL, "updated": 0}
    assert summary["ideas"] == {"fetched": 1, "created": 1, "updated": 0}
    assert summary["workshop_attendance"] == {"fetched": 2, "created": 2, "updated": 0}
    assert summary["unmatched_learners"] == ALL - 4
    assert summary["errors"] == []
    assert SyncRun.objects.get().trigger == "command"


def test_partial_exits_1_and_lists_the_errors(start_lms, connection_to, roster, capsys):
    connection_to(start_lms(lms_data(plugin=False)))
    code, summary = run_json(capsys)
    assert (code, summary["status"]) == (1, "partial")
    assert summary["errors"][0] == {
        "endpoint": "/api/bina/v1/",
        "status": 404,
        "message": "the Bina ASN plugin API is not installed on this LMS (install bina-asn in the LMS)",
    }


def test_failed_exits_2(start_lms, connection_to, roster, capsys, monkeypatch):
    connection_to(start_lms(lms_data()))
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", "salah")
    code, summary = run_json(capsys, "--schedule")
    assert (code, summary["status"]) == (2, "failed")
    assert SyncRun.objects.get().trigger == "schedule"


def test_lms_url_on_the_command_line_takes_the_secret_from_the_environment(
    start_lms, roster, capsys, monkeypatch
):
    lms = start_lms(lms_data())
    monkeypatch.delenv("OPENEDX_CLIENT_SECRET", raising=False)
    with pytest.raises(CommandError, match="OPENEDX_CLIENT_SECRET"):
        call_command("sync", "--lms-url", lms.url, "--client-id", "bina-companion")
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", lms.data.client_secret)
    monkeypatch.setenv("OPENEDX_LMS_URL", lms.url)  # the environment's secret goes to its own LMS only
    code, summary = run_json(capsys, "--lms-url", lms.url, "--client-id", "bina-companion", "--full")
    assert (code, summary["status"], summary["full"]) == (0, "ok", True)
    connection = LmsConnection.objects.get()
    assert (connection.base_url, connection.client_secret_encrypted) == (lms.url, "")


def test_without_a_connection_it_says_what_to_do(db):
    with pytest.raises(CommandError, match="No LMS connection is stored") as raised:
        call_command("sync")
    assert raised.value.returncode == 2


def test_several_connections_need_a_name(start_lms, connection_to, roster, capsys):
    connection_to(start_lms(lms_data()))
    LmsConnection.objects.create(name="Cadangan", base_url="http://127.0.0.1:9", client_id="x")
    with pytest.raises(CommandError, match="choose one with --connection"):
        call_command("sync")
    code, summary = run_json(capsys, "--connection", "LMS Kota Sibolga")
    assert code == 0


def test_human_output(start_lms, connection_to, roster, capsys):
    connection_to(start_lms(lms_data()))
    call_command("sync")
    out = capsys.readouterr().out
    assert "Sync OK (run #" in out
    assert f"enrollments: {3 * ALL} read, {3 * ALL} new, 0 changed" in out
    assert f"learners not linked to the roster: {ALL - 4}" in out


def test_lms_connection_stores_an_encrypted_secret_and_tests_it(start_lms, roster, capsys, monkeypatch):
    lms = start_lms(lms_data())
    monkeypatch.setenv("DEMO_SECRET", lms.data.client_secret)
    call_command(
        "lms-connection",
        "LMS Sibolga",
        "--url",
        lms.url + "/",
        "--client-id",
        "bina-companion",
        "--secret-env",
        "DEMO_SECRET",
        "--test",
    )
    out = capsys.readouterr().out
    assert "Token: received for the service user bina_companion." in out
    assert "Bina ASN plugin API: installed." in out
    connection = LmsConnection.objects.get()
    assert connection.base_url == lms.url
    assert lms.data.client_secret not in connection.client_secret_encrypted
    monkeypatch.delenv("OPENEDX_CLIENT_SECRET", raising=False)
    assert client_secret(connection) == lms.data.client_secret
    assert connection.last_test_ok is True
    code, summary = run_json(capsys)
    assert summary["status"] == "ok"


def test_lms_connection_test_failure_exits_1(start_lms, db, monkeypatch):
    lms = start_lms(lms_data())
    monkeypatch.setenv("DEMO_SECRET", "salah")
    with pytest.raises(CommandError) as raised:
        call_command(
            "lms-connection",
            "X",
            "--url",
            lms.url,
            "--client-id",
            "bina-companion",
            "--secret-env",
            "DEMO_SECRET",
            "--test",
        )
    assert raised.value.returncode == 1
    assert LmsConnection.objects.get().last_test_ok is False
