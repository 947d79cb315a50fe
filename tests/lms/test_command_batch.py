"""The demo's command batch: commands run in order, as from the command line; the first failure stops it."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model

from dev import command_batch


@pytest.mark.django_db
def test_commands_run_in_order_and_the_batch_stops_at_the_first_failure(capsys, monkeypatch):
    monkeypatch.delenv("BATCH_TEST_PASSWORD", raising=False)
    code = command_batch.run(
        "lms",
        [
            ["manage_user", "batch_a", "a@contoh.go.id", "--full-name", "Ani Batch"],
            ["manage_user", "batch_b", "b@contoh.go.id", "--password-env", "BATCH_TEST_PASSWORD"],
            ["manage_user", "batch_c", "c@contoh.go.id"],
        ],
    )
    users = get_user_model().objects
    assert code == 1
    assert users.get(username="batch_a").first_name == "Ani"
    assert not users.filter(username__in=["batch_b", "batch_c"]).exists()
    err = capsys.readouterr().err
    assert "BATCH_TEST_PASSWORD is empty or not set" in err  # the command's own error
    assert "lms manage_user failed (exit 1); the batch stops here." in err


@pytest.mark.django_db
def test_a_batch_reads_secrets_from_its_environment(monkeypatch):
    monkeypatch.setenv("BATCH_TEST_PASSWORD", "rahasia-panjang-123")
    assert (
        command_batch.run(
            "lms", [["manage_user", "batch_d", "d@contoh.go.id", "--password-env", "BATCH_TEST_PASSWORD"]]
        )
        == 0
    )
    assert get_user_model().objects.get(username="batch_d").check_password("rahasia-panjang-123")


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (["nowhere"], "[]"),
        (["lms"], '{"manage_user": 1}'),
        (["lms"], '[["manage_user", 3]]'),
        (["lms"], "[[]]"),
    ],
)
def test_bad_input_is_refused_before_anything_runs(args, stdin, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    assert command_batch.main(args) == 2
    assert capsys.readouterr().err.strip()


def test_argv_runs_this_module():
    assert command_batch.argv("companion")[1:] == ["-m", "dev.command_batch", "companion"]
