"""Real servers for tests: the dev LMS and the companion as subprocesses on free loopback ports.

Browser, concurrency and demo tests talk real HTTP to these, exactly as users and the companion do.
Data is set up through management commands, the same way ``make demo`` and operators do it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from dev import command_batch
from tests.support.pgcluster import free_port

REPO = Path(__file__).resolve().parents[2]


@dataclass
class RunningServer:
    """A server started for a test: its base URL and how to run its management commands."""

    url: str
    env: dict
    manage: list[str]
    process: subprocess.Popen

    def command(self, *args: str, extra_env: dict | None = None) -> str:
        """Run a management command against this server's database; return its output."""
        result = subprocess.run(
            [*self.manage, *args],
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
        )
        if result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def batch(self, commands: list[list[str]], extra_env: dict | None = None) -> str:
        """Run several management commands in one process (``dev.command_batch``)."""
        side = "lms" if self.manage == LMS_MANAGE else "companion"
        result = subprocess.run(
            command_batch.argv(side),
            input=json.dumps(commands),
            env={**self.env, **(extra_env or {})},
            capture_output=True,
            text=True,
            check=False,
            cwd=REPO,
        )
        if result.returncode != 0:
            raise AssertionError(f"batch failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout


def city_units_file(folder: Path) -> Path:
    """The demo city's units file (the one the companion imports too), written into ``folder``."""
    from dev.demo.city import units_csv

    path = folder / "opd-dan-unit-layanan.csv"
    path.write_text(units_csv(), encoding="utf-8")
    return path


LMS_MANAGE = [sys.executable, "-m", "django"]
COMPANION_MANAGE = [sys.executable, "-m", "companion_service.manage"]


def _environment(var_dir: Path, extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update({"BINA_VAR_DIR": str(var_dir), "PYTHONUNBUFFERED": "1"})
    # The development tools (dev/) are not installed: the repository is on the path wherever the
    # server's commands run (e.g. the Tutor init script, run from a folder of its own).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


@contextmanager
def dev_lms(var_dir: Path, database_url: str | None = None, extra_env: dict | None = None):
    """The dev LMS on a free port, on SQLite in ``var_dir`` or on ``database_url``; ``extra_env`` adds
    settings (e.g. ``BINA_COMPANION_URL`` for the JP saya course tab)."""
    var_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = _environment(
        var_dir,
        {
            "DJANGO_SETTINGS_MODULE": "dev.lms.settings",
            "BINA_LMS_BASE_URL": f"http://127.0.0.1:{port}",
            **(extra_env or {}),
        },
    )
    if database_url:
        env["BINA_LMS_DATABASE_URL"] = database_url
    with _run(LMS_MANAGE, env, port, "/login/", var_dir / "lms-server.log") as server:
        yield server


@contextmanager
def companion(var_dir: Path, database_url: str | None = None, extra_env: dict | None = None, port: int = 0):
    """The companion on a free port (or ``port``), on SQLite in ``var_dir`` or on ``database_url``
    (test settings: tasks run in the web process, unless ``extra_env`` names other settings and a
    broker); ``extra_env`` also adds settings such as the LMS sign-in application."""
    var_dir.mkdir(parents=True, exist_ok=True)
    env = _environment(
        var_dir, {"DJANGO_SETTINGS_MODULE": "companion_service.settings.test", **(extra_env or {})}
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    with _run(
        COMPANION_MANAGE, env, port or free_port(), "/healthz", var_dir / "companion-server.log"
    ) as server:
        yield server


@contextmanager
def _run(manage: list[str], env: dict, port: int, ready_path: str, log_path: Path):
    """Migrate, start ``runserver`` on ``port``, wait until ``ready_path`` answers 200, stop at the end."""
    subprocess.run([*manage, "migrate", "--noinput"], env=env, check=True, capture_output=True, cwd=REPO)
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=log,
            stderr=log,
            cwd=REPO,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + ready_path, process, log_path)
        yield RunningServer(url=url, env=env, manage=manage, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    """Wait until ``url`` answers 200; fail early if the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited early (exit {process.returncode}); see {log_path}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s; see {log_path}")
