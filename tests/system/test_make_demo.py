"""`make demo` itself: it starts both servers and the worker with demo data, the worker runs what the
admin queues, everything stops cleanly on Ctrl-C, and a restart is fast."""

import os
import re
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from tests.support.pgcluster import free_port

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def start_demo(var_dir: Path, lms_port: int, companion_port: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(
        {"LMS_PORT": str(lms_port), "COMPANION_PORT": str(companion_port), "BINA_VAR_DIR": str(var_dir)}
    )
    return subprocess.Popen(
        ["make", "--no-print-directory", "demo"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def read_until(process: subprocess.Popen, marker: str, timeout: float = 300) -> str:
    """Collect the demo's output until ``marker`` appears (or fail with what it printed)."""
    lines, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        lines.append(line)
        if marker in line:
            return "".join(lines)
    raise AssertionError("the demo never printed " + repr(marker) + ":\n" + "".join(lines))


def ctrl_c(process: subprocess.Popen) -> str:
    """Send SIGINT to the demo's process group, as a terminal's Ctrl-C does; return the rest of its output."""
    os.killpg(process.pid, signal.SIGINT)
    rest, _ = process.communicate(timeout=60)
    return rest


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def assert_asn_signs_in_through_the_lms(lms_port: int, companion_port: int, password: str) -> None:
    """As the banner says: "Masuk dengan akun Open edX", sign in at the dev LMS as ani, land on JP saya."""
    companion, lms = f"http://127.0.0.1:{companion_port}", f"http://127.0.0.1:{lms_port}"
    browser = requests.Session()
    page = browser.get(f"{companion}/jp-saya/", timeout=10)
    assert "/login/" in page.url and "Masuk dengan akun Open edX" in page.text
    at_lms = browser.post(
        f"{companion}/login/edx-oauth2/",
        data={"next": "/jp-saya/", "csrfmiddlewaretoken": browser.cookies["companion_csrftoken"]},
        headers={"Referer": page.url},
        timeout=10,
    )
    assert at_lms.url.startswith(f"{lms}/login/"), at_lms.url
    next_url = parse_qs(urlparse(at_lms.url).query)["next"][0]
    back = browser.post(
        at_lms.url,
        data={
            "username": "ani",
            "password": password,
            "next": next_url,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=30,
    )
    assert back.url == f"{companion}/jp-saya/", back.url
    assert "Ani Siregar" in back.text and "dari 20 JP" in back.text


def test_make_demo_runs_both_servers_and_stops_cleanly(tmp_path):
    var_dir = tmp_path / "var"
    lms_port, companion_port = free_port(), free_port()
    demo = start_demo(var_dir, lms_port, companion_port)
    try:
        first_output = read_until(demo, "demo-credentials.json", timeout=480)  # generous: CI machines vary
        first_output += read_until(demo, "Worker log")
        worker_log = Path(re.search(r"Worker log .*: (\S+)$", first_output, re.M).group(1))
        assert worker_log == var_dir / "companion-worker.log"
        assert " ready." in worker_log.read_text()
        assert requests.get(f"http://127.0.0.1:{lms_port}/login/", timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{companion_port}/login/", timeout=10).status_code == 200
        assert requests.get(f"http://127.0.0.1:{companion_port}/healthz", timeout=10).json()["status"] == "ok"
        password = next(
            line.split(": ")[-1].strip()
            for line in first_output.splitlines()
            if "Password for every demo account" in line
        )
        session = requests.Session()
        login = session.get(f"http://127.0.0.1:{companion_port}/login/", timeout=10)
        assert login.status_code == 200
        response = session.post(
            f"http://127.0.0.1:{companion_port}/login/",
            data={
                "username": "admin",
                "password": password,
                "csrfmiddlewaretoken": session.cookies["companion_csrftoken"],
            },
            headers={"Referer": f"http://127.0.0.1:{companion_port}/login/"},
            timeout=10,
        )
        assert "Selamat datang" in response.text
        # "Sync now" queues the run; the demo's worker (files as the broker) takes it up and ends it.
        database = sqlite3.connect(var_dir / "companion.db")
        [(connection_id,)] = database.execute(
            "SELECT id FROM openedx_sync_lmsconnection WHERE base_url != ''"
        ).fetchall()
        address = f"http://127.0.0.1:{companion_port}/admin/openedx_sync/lmsconnection/{connection_id}/sync/"
        queued = session.post(
            address,
            data={"csrfmiddlewaretoken": session.cookies["companion_csrftoken"]},
            headers={"Referer": address},
            timeout=30,
        )
        assert queued.status_code == 200 and "/syncrun/" in queued.url
        run_id = int(re.search(r"/syncrun/(\d+)/", queued.url).group(1))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            [(status,)] = database.execute(
                "SELECT status FROM openedx_sync_syncrun WHERE id = ?", (run_id,)
            ).fetchall()
            if status not in ("queued", "running"):
                break
            time.sleep(0.5)
        database.close()
        assert status in ("ok", "partial"), status
        assert "openedx_sync.run[" in worker_log.read_text()
        assert_asn_signs_in_through_the_lms(lms_port, companion_port, password)
        rest = ctrl_c(demo)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
    assert "Stopping the servers and the worker" in rest
    assert "Traceback" not in first_output + rest
    assert port_is_free(lms_port) and port_is_free(companion_port)

    # A second run keeps the data (no demo step runs again) and the same password still works.
    demo = start_demo(var_dir, lms_port, companion_port)
    try:
        second_output = read_until(demo, "demo-credentials.json")
        assert "demo data:" not in second_output
        assert password in second_output
        ctrl_c(demo)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
    assert port_is_free(lms_port) and port_is_free(companion_port)
