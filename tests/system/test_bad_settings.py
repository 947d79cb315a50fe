"""Wrong settings stop with one clear sentence, never a traceback."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pgcluster import free_port

REPO = Path(__file__).resolve().parents[2]


def run(argv, **env_changes):
    unset = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_changes)
    return subprocess.run(argv, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)


def companion(*args, **env):
    return run([sys.executable, "-m", "companion_service.manage", *args], **env)


def assert_one_clear_sentence(result, *fragments):
    output = result.stderr + result.stdout
    assert result.returncode != 0
    assert "Traceback" not in output
    for fragment in fragments:
        assert fragment in output, output


@pytest.mark.parametrize(
    "url", ["not a url", "mysql://u:p@127.0.0.1/x", "postgres://u:p@127.0.0.1:notaport/x"]
)
def test_bad_database_url(tmp_path, url):
    result = companion(
        "check",
        DJANGO_SETTINGS_MODULE="companion_service.settings.dev",
        DATABASE_URL=url,
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "DATABASE_URL")
    assert result.returncode == 2


def test_database_that_does_not_answer(tmp_path):
    url = f"postgres://u:p@127.0.0.1:{free_port()}/x"
    result = companion(
        "migrate",
        DJANGO_SETTINGS_MODULE="companion_service.settings.dev",
        DATABASE_URL=url,
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "cannot use the database", "DATABASE_URL")


def test_production_without_secret_key(tmp_path):
    result = companion(
        "check",
        DJANGO_SETTINGS_MODULE="companion_service.settings.production",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        COMPANION_ALLOWED_HOSTS="x.go.id",
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "Set COMPANION_SECRET_KEY")


def test_production_refuses_sqlite(tmp_path):
    result = companion(
        "check",
        DJANGO_SETTINGS_MODULE="companion_service.settings.production",
        COMPANION_SECRET_KEY="x" * 60,
        COMPANION_ALLOWED_HOSTS="x.go.id",
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "PostgreSQL")


@pytest.mark.parametrize("port", ["abc", "80", "70000"])
def test_demo_with_a_wrong_port(tmp_path, port):
    result = run(["make", "--no-print-directory", "demo"], LMS_PORT=port, BINA_VAR_DIR=str(tmp_path))
    assert_one_clear_sentence(result, f"LMS_PORT='{port}' is not a usable port")


def test_demo_with_a_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run(
            ["make", "--no-print-directory", "demo"], COMPANION_PORT=str(port), BINA_VAR_DIR=str(tmp_path)
        )
    assert_one_clear_sentence(result, f"Port {port} (COMPANION_PORT) is already in use")


def test_demo_with_a_bad_companion_database_url(tmp_path):
    result = run(
        ["make", "--no-print-directory", "demo"],
        DATABASE_URL="nonsense://x",
        BINA_VAR_DIR=str(tmp_path),
        LMS_PORT=str(free_port()),
        COMPANION_PORT=str(free_port()),
    )
    assert_one_clear_sentence(result, "DATABASE_URL")


def test_make_without_python_312(tmp_path):
    result = run(["make", "--no-print-directory", "PYTHON=python3.99", f"VENV={tmp_path}/venv", "demo"])
    assert_one_clear_sentence(result, "Python 3.12 is needed")


def test_production_with_nothing_set_lists_every_missing_setting_at_once(tmp_path):
    """A new evaluator who runs ``companion`` with nothing set learns in one message all three
    settings production needs (REDIS_URL since issue 18), and the dev settings that need none,
    Indonesian first (issue 17)."""
    result = companion("check", BINA_VAR_DIR=str(tmp_path))
    names = ("COMPANION_SECRET_KEY", "COMPANION_ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
    assert_one_clear_sentence(result, *names, "companion_service.settings.dev")
    output = result.stderr
    assert result.returncode == 2
    assert output.index("Pengaturan") < output.index("Settings"), output
    assert output.count("companion_service.settings.dev") == 2, output  # once per language


def test_production_with_one_setting_missing_names_only_that_one(tmp_path):
    result = companion(
        "check",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        COMPANION_SECRET_KEY="x" * 60,
        REDIS_URL="redis://127.0.0.1:6379/4",
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "COMPANION_ALLOWED_HOSTS")
    assert "COMPANION_SECRET_KEY" not in result.stderr and "DATABASE_URL" not in result.stderr
    assert "REDIS_URL" not in result.stderr


@pytest.mark.parametrize(
    ("url", "fragment"),
    [("", "Set REDIS_URL"), ("http://127.0.0.1:6379/4", "is not a Redis URL")],
)
def test_production_needs_a_redis_url(tmp_path, url, fragment):
    result = companion(
        "check",
        DJANGO_SETTINGS_MODULE="companion_service.settings.production",
        COMPANION_SECRET_KEY="x" * 60,
        COMPANION_ALLOWED_HOSTS="x.go.id",
        DATABASE_URL="postgres://u:p@127.0.0.1:5432/x",
        REDIS_URL=url,
        BINA_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, fragment, "REDIS_URL")
