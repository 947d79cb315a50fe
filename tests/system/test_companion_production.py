"""The companion in production without Tutor: gunicorn with our config, production settings, PostgreSQL.

The same commands the operator guide gives (``companion migrate``, ``collectstatic``, gunicorn with
``companion_service.gunicorn_conf``), with a web server's ``X-Forwarded-Proto`` simulated by headers.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.support.pgcluster import cluster_url, free_port, scratch_database

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "companion.sibolgakota.go.id"
PASSWORD = "kata-sandi-produksi-2026"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def redis_for_production():
    """Production needs Redis (the broker and the cache): a throwaway one on loopback."""
    from tests.support.redis import redis_server

    with redis_server() as url:
        os.environ["REDIS_URL"] = url
        yield url
        os.environ.pop("REDIS_URL", None)


def production_env(tmp_path: Path, database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COMPANION_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "companion_service.settings.production",
            "COMPANION_SECRET_KEY": "production-test-" + "k" * 50,
            "COMPANION_ALLOWED_HOSTS": HOST,
            "DATABASE_URL": database_url,
            "COMPANION_STATIC_ROOT": str(tmp_path / "static"),
            "COMPANION_MEDIA_ROOT": str(tmp_path / "media"),
            "BINA_VAR_DIR": str(tmp_path / "var"),
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        }
    )
    env.update(extra)
    return env


def companion(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(BIN / "companion"), *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def database_url():
    if not cluster_url():
        pytest.skip("needs PostgreSQL: run under `python -m tests.support.pgcluster --` (make test does)")
    with scratch_database("production") as url:
        yield url


@pytest.fixture(scope="module")
def server(tmp_path_factory, database_url):
    """Migrated, static files collected, an administrator created, gunicorn running (once per module)."""
    tmp_path = tmp_path_factory.mktemp("production")
    port = free_port()
    env = production_env(tmp_path, database_url, COMPANION_BIND=f"127.0.0.1:{port}", COMPANION_WORKERS="2")
    companion(env, "wait_for_database", "--timeout", "30")
    companion(env, "migrate", "--noinput")
    companion(env, "collectstatic", "--noinput")
    companion(
        {**env, "ADMIN_PASSWORD": PASSWORD},
        "manage_user",
        "siti.admin",
        "siti.admin@sibolgakota.go.id",
        "--role",
        "administrator",
        "--password-env",
        "ADMIN_PASSWORD",
    )
    log_path = tmp_path / "gunicorn.log"
    with gunicorn(env, port, log_path) as process:
        yield {"url": f"http://127.0.0.1:{port}", "log": log_path, "process": process}


@contextlib.contextmanager
def gunicorn(env: dict, port: int, log_path: Path):
    """The companion under gunicorn with its production configuration, healthy, stopped on exit."""
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--config",
                "python:companion_service.gunicorn_conf",
                "companion_service.wsgi",
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}/healthz", process, log_path)
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Poll /healthz with the companion's host name until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited early (exit {process.returncode}); see {log_path}")
        try:
            if requests.get(url, headers={"Host": HOST}, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s; see {log_path}")


def https(**headers) -> dict:
    """What nginx in front adds to every request it forwards over TLS."""
    return {"Host": HOST, "X-Forwarded-Proto": "https", **headers}


def test_behind_tls_the_companion_is_secure_and_serves_its_static_files(server):
    base = server["url"]
    # Plain HTTP is sent to HTTPS, except the health check the load balancer polls.
    plain = requests.get(f"{base}/login/", headers={"Host": HOST}, allow_redirects=False, timeout=10)
    assert plain.status_code == 301
    assert plain.headers["Location"] == f"https://{HOST}/login/"
    health = requests.get(f"{base}/healthz", headers={"Host": HOST}, timeout=10)
    assert health.status_code == 200 and health.json() == {"status": "ok", "database": "ok"}
    # Other host names are refused.
    assert requests.get(f"{base}/login/", headers=https(Host="evil.example"), timeout=10).status_code == 400

    page = requests.get(f"{base}/login/", headers=https(), timeout=10)
    assert page.status_code == 200
    assert '<html lang="id">' in page.text and "Masuk" in page.text
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert "Secure" in page.headers["Set-Cookie"]  # csrftoken

    # WhiteNoise serves the hashed, compressed stylesheet with far-future caching.
    stylesheet = re.search(r'href="(/static/core/companion\.[0-9a-f]{12}\.css)"', page.text).group(1)
    css = requests.get(f"{base}{stylesheet}", headers=https(**{"Accept-Encoding": "gzip"}), timeout=10)
    assert css.status_code == 200
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"] and "max-age=315360000" in css.headers["Cache-Control"]


def test_sign_in_sets_a_secure_session_for_a_working_day(server):
    base = server["url"]
    session = requests.Session()
    login = session.get(f"{base}/login/", headers=https(), timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = session.post(
        f"{base}/login/",
        data={"username": "siti.admin", "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers=https(Referer=f"https://{HOST}/login/", Cookie=f"csrftoken={session.cookies['csrftoken']}"),
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    cookie = next(c for c in response.raw.headers.getlist("Set-Cookie") if c.startswith("sessionid="))
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Max-Age=28800" in cookie


def test_logs_are_json_without_personal_data(server):
    base = server["url"]
    requests.get(f"{base}/healthz", headers={"Host": HOST}, timeout=10)
    requests.get(
        f"{base}/asn/198501012010011001/",
        params={"email": "siti@sibolgakota.go.id"},
        headers=https(),
        timeout=10,
    )
    requests.post(
        f"{base}/login/", data={"username": "siti.admin", "password": "salah"}, headers=https(), timeout=10
    )  # refused: no CSRF token, logged as a warning by Django
    time.sleep(0.5)  # the access line is written just after the response
    text = server["log"].read_text()
    entries = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert entries, "nothing was logged"
    for secret in (
        "198501012010011001",
        "siti@sibolgakota.go.id",
        "siti.admin",
        "127.0.0.1",
        "python-requests",
    ):
        assert secret not in text
    requests_logged = [e for e in entries if e.get("event") == "request"]
    assert {"method": "GET", "path": "/asn/[nip]/", "status": 404} in [
        {k: e[k] for k in ("method", "path", "status")} for e in requests_logged
    ]
    assert not [e for e in requests_logged if e["path"] == "/healthz"]
    assert any(e["logger"] == "django.security.csrf" for e in entries)
    assert any(e["logger"] == "gunicorn.error" and "Booting worker" in e["message"] for e in entries)


def test_deploy_check_is_clean_behind_tls_and_warns_without(tmp_path):
    env = production_env(tmp_path, "postgres://companion:unused@127.0.0.1:5432/companion")
    clean = companion(env, "check", "--deploy", "--fail-level", "WARNING")
    assert "System check identified no issues" in clean.stdout
    trial = companion(
        {**env, "COMPANION_HTTPS": "false"}, "check", "--deploy", "--fail-level", "WARNING", check=False
    )
    assert trial.returncode != 0
    assert "security.W004" in trial.stderr and "security.W008" in trial.stderr


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("COMPANION_HTTPS", "maybe", "COMPANION_HTTPS='maybe': write true or false."),
        ("COMPANION_LOG_FORMAT", "xml", "COMPANION_LOG_FORMAT='xml': write json or text."),
        ("COMPANION_LOG_LEVEL", "LOUD", "COMPANION_LOG_LEVEL='LOUD'"),
        ("COMPANION_SESSION_HOURS", "eight", "COMPANION_SESSION_HOURS='eight': write a whole number"),
        ("COMPANION_HSTS_SECONDS", "-5", "COMPANION_HSTS_SECONDS='-5': write a whole number"),
    ],
)
def test_a_wrong_setting_stops_with_one_sentence(tmp_path, name, value, fragment):
    env = production_env(tmp_path, "postgres://companion:unused@127.0.0.1:5432/companion", **{name: value})
    result = companion(env, "check", check=False)
    assert result.returncode == 2
    assert fragment in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("COMPANION_WORKERS", "many", "COMPANION_WORKERS='many' is not a whole number."),
        ("COMPANION_LOG_FORMAT", "xml", "COMPANION_LOG_FORMAT='xml': write json or text."),
    ],
)
def test_gunicorn_refuses_a_wrong_setting(tmp_path, name, value, fragment):
    env = production_env(tmp_path, "postgres://companion:unused@127.0.0.1:5432/companion", **{name: value})
    result = subprocess.run(
        [
            str(BIN / "gunicorn"),
            "--config",
            "python:companion_service.gunicorn_conf",
            "companion_service.wsgi",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert fragment in result.stderr + result.stdout


def test_wait_for_database_gives_up_with_a_clear_sentence(tmp_path):
    env = production_env(tmp_path, f"postgres://companion:x@127.0.0.1:{free_port()}/companion")
    result = companion(env, "wait_for_database", "--timeout", "1", "--interval", "0.2", check=False)
    assert result.returncode == 1
    assert "did not answer within 1 seconds" in result.stderr and "Traceback" not in result.stderr
