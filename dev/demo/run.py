"""``make demo``: set up and run the dev LMS, the companion and its worker side by side until Ctrl-C.

    python -m dev.demo

Environment: ``LMS_PORT`` (8000), ``COMPANION_PORT`` (8001), ``BINA_VAR_DIR`` (./var) and, for the
companion, ``DATABASE_URL`` (SQLite in the var folder when unset) and ``REDIS_URL`` (the worker's
broker and the cache; unset: kombu's filesystem transport in var/broker, which needs no server, ADR
0132). The worker (``celery --app=companion_service worker --beat``) runs the syncs the admin
queues, the refreshes after each change and the schedule; its log is var/companion-worker.log.
The first run migrates both databases, creates the demo accounts and loads the demo data; later
runs keep the data and only start the servers. Demo data enters through the code paths real data
takes (management commands, block handlers over HTTP, importers, the sync): each step in
``demo_steps.STEPS`` runs once and is remembered in ``var/demo-state.json``.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from dev.demo import DemoError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_LMS_PORT = 8000
DEFAULT_COMPANION_PORT = 8001
START_TIMEOUT = 90
# The companion as users meet it: its own error pages (DEBUG off), static files through WhiteNoise.
DEMO_COMPANION_ENV = {"DJANGO_SETTINGS_MODULE": "companion_service.settings.dev", "COMPANION_DEBUG": "false"}


@dataclass
class Server:
    """One of the servers (or the worker): how to start it and how to know it is up."""

    name: str
    argv: list[str]
    env: dict
    port: int | None
    ready_path: str
    log_path: Path
    process: subprocess.Popen | None = None
    ready_text: str = ""  # without a port: up once its log says this

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    log_start: int = 0

    def start(self) -> None:
        """Start in its own process group (Ctrl-C reaches us; we stop the servers in order); its
        requests and messages go to its log file, so the terminal shows only what matters."""
        self.log_start = self.log_path.stat().st_size if self.log_path.exists() else 0
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.argv, env=self.env, start_new_session=True, stdout=log, stderr=subprocess.STDOUT
            )

    def last_words(self, lines: int = 8) -> str:
        """The end of the server's log, to show when it stopped."""
        try:
            tail = self.log_path.read_text(errors="replace").strip().splitlines()[-lines:]
        except OSError:
            return ""
        return "\n".join(f"    {line}" for line in tail)


def read_port(variable: str, default: int) -> int:
    """The port in ``variable``; a wrong or busy one stops the demo with a sentence saying what to do."""
    raw = os.environ.get(variable, "").strip() or str(default)
    if not raw.isdigit() or not 1024 <= int(raw) <= 65535:
        raise DemoError(
            f"{variable}={raw!r} is not a usable port: "
            f"give a number from 1024 to 65535, e.g. {variable}={default}."
        )
    port = int(raw)
    with socket.socket() as sock:
        # Like the servers, allow reuse of a port whose old connections linger in TIME_WAIT.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            raise DemoError(
                f"Port {port} ({variable}) is already in use; stop whatever uses it "
                f"(another `make demo`?) or pick another port, e.g. {variable}={port + 10}."
            ) from exc
    return port


def var_dir() -> Path:
    path = Path(os.environ.get("BINA_VAR_DIR") or Path.cwd() / "var").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def lms_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args, "--settings=dev.lms.settings"]


def companion_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "companion_service.manage", *args]


def worker_command(folder: Path) -> list[str]:
    """The companion's Celery worker with the scheduler (beat) inside it, two processes: one machine's
    demo needs no separate beat service (production runs beat on its own, ADR 0130)."""
    return [
        sys.executable,
        "-m",
        "celery",
        "--app=companion_service",
        "worker",
        "--beat",
        f"--schedule={folder / 'companion-beat-schedule'}",
        "--loglevel=INFO",
        "--concurrency=2",
        "--without-gossip",
        "--without-mingle",
    ]


def run_checked(argv: list[str], env: dict, what: str, stdin: str | None = None) -> str:
    """Run a setup command; on failure raise DemoError with the command's own last words."""
    result = subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise DemoError(f"{what} failed: {lines[-1] if lines else 'no output'}")
    return result.stdout


def wait_until_up(server: Server, deadline: float) -> None:
    """Poll the server until it answers 200, or fail with the server's last error output."""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise DemoError(
                f"The {server.name} stopped while starting (exit {server.process.returncode}); "
                f"the end of {server.log_path}:\n{server.last_words()}"
            )
        if server.port is None:
            try:
                if server.ready_text in server.log_path.read_text(errors="replace")[server.log_start :]:
                    return
            except OSError:
                pass
        else:
            try:
                if requests.get(server.url + server.ready_path, timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
        time.sleep(0.3)
    where = server.log_path if server.port is None else server.url
    raise DemoError(f"The {server.name} was not ready ({where}) within {START_TIMEOUT} s.")


def stop(servers: list[Server]) -> None:
    """Ask both servers to stop, then make sure they did."""
    for server in servers:
        if server.process and server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        if server.process:
            try:
                server.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.wait()


def main() -> int:
    from . import steps as demo_steps

    try:
        lms_port = read_port("LMS_PORT", DEFAULT_LMS_PORT)
        companion_port = read_port("COMPANION_PORT", DEFAULT_COMPANION_PORT)
        if lms_port == companion_port:
            raise DemoError("LMS_PORT and COMPANION_PORT must differ.")
        folder = var_dir()
        base_env = {**os.environ, "BINA_VAR_DIR": str(folder), "PYTHONUNBUFFERED": "1"}
        # dev/ is not installed: its servers and commands find it through the repository's path.
        base_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")]))
        lms_env = {
            **base_env,
            "BINA_LMS_BASE_URL": f"http://127.0.0.1:{lms_port}",
            "BINA_COMPANION_URL": f"http://127.0.0.1:{companion_port}",  # the "JP saya" course tab
        }
        lms_env.pop("DJANGO_SETTINGS_MODULE", None)
        companion_env = {**base_env, **DEMO_COMPANION_ENV}
        if os.environ.get("COMPANION_DEBUG"):  # a developer asks for the debug pages back
            companion_env["COMPANION_DEBUG"] = os.environ["COMPANION_DEBUG"]
        print("Bina ASN demo: preparing the databases ...", flush=True)
        run_checked(lms_command("migrate", "--noinput"), lms_env, "Migrating the dev LMS database")
        run_checked(
            companion_command("migrate", "--noinput"), companion_env, "Migrating the companion database"
        )
        context = demo_steps.DemoContext(
            var_dir=folder,
            lms_env=lms_env,
            companion_env=companion_env,
            lms_url=f"http://127.0.0.1:{lms_port}",
            companion_url=f"http://127.0.0.1:{companion_port}",
            run=run_checked,
            lms_command=lms_command,
            companion_command=companion_command,
        )
        context.companion_env.update(demo_steps.demo_learning.companion_settings(context))  # sign-in
        demo_steps.run_steps(context, demo_steps.BEFORE_SERVERS)
    except DemoError as exc:
        print(f"make demo: {exc}", file=sys.stderr)
        return 2

    servers = [
        Server(
            "dev LMS",
            lms_command("runserver", "--noreload", f"127.0.0.1:{lms_port}"),
            lms_env,
            lms_port,
            "/login/",
            folder / "lms-server.log",
        ),
        Server(
            "companion",
            companion_command("runserver", "--noreload", f"127.0.0.1:{companion_port}"),
            companion_env,
            companion_port,
            "/healthz",
            folder / "companion-server.log",
        ),
        Server(
            "companion worker",
            worker_command(folder),
            companion_env,
            None,
            "",
            folder / "companion-worker.log",
            ready_text=" ready.",
        ),
    ]
    stopping = {"flag": False}

    def on_signal(signum, frame):
        stopping["flag"] = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        for server in servers:
            server.start()
        deadline = time.monotonic() + START_TIMEOUT
        for server in servers:
            wait_until_up(server, deadline)
        demo_steps.run_steps(context, demo_steps.WITH_SERVERS)
        print(demo_steps.banner(context), flush=True)
        while not stopping["flag"]:
            for server in servers:
                if server.process.poll() is not None:
                    raise DemoError(
                        f"The {server.name} stopped unexpectedly (exit {server.process.returncode}); "
                        f"the end of {server.log_path}:\n{server.last_words()}"
                    )
            time.sleep(0.5)
        print("\nStopping the servers and the worker ...", flush=True)
        return 0
    except DemoError as exc:
        print(f"make demo: {exc}", file=sys.stderr)
        return 2
    finally:
        stop(servers)


if __name__ == "__main__":
    sys.exit(main())
