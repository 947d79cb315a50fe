"""From a public-form answer to the API's figures, under the demo's worker (goal: within 60 s).

    .venv/bin/python -m benchmarks.form_to_figures [--answers 5]

Sets up what ``make demo`` runs, in a temporary folder: the companion on SQLite (``runserver``) and
its worker started exactly as the demo starts it (``dev.demo.run.worker_command``: beat inside,
kombu's filesystem transport, no Redis), with the default ``COMPANION_FORM_REFRESH_DELAY`` (20 s).
A service unit and an evaluator are created, the figures computed once; then, ``--answers`` times,
one answer is sent through the public form (real HTTP, CSRF and token as a phone sends them) and
the evaluator's ``/api/evaluation/v1/scorecard/`` is read every half second until the year's IKM
counts it. Prints each answer's time to the figures, the median and the slowest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5)
    options = parser.parse_args(argv)
    from dev.demo.run import worker_command
    from tests.support.pgcluster import free_port
    from tests.support.servers import wait_for

    folder = Path(tempfile.mkdtemp(prefix="bench-form-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "companion_service.settings.dev",
            "BINA_VAR_DIR": str(folder),
            "PYTHONUNBUFFERED": "1",
            "COMPANION_LOG_LEVEL": "WARNING",
        }
    )

    def companion(*args, extra=None):
        result = subprocess.run(
            [sys.executable, "-m", "companion_service.manage", *args],
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            cwd=REPO,
            check=False,
        )
        if result.returncode:
            sys.exit(f"companion {args[0]} failed: {result.stderr[-1500:]}")

    companion("migrate", "--noinput")
    companion("skm-unit", "UNIT-01", "--name", "Layanan KTP-el", "--opd", "OPD1",
              "--opd-name", "Dinas Kependudukan", "--layanan", "KTP-el")  # fmt: skip
    companion("manage_user", "eva", "eva@contoh.go.id", "--role", "evaluator", "--password-env", "PW",
              extra={"PW": "rahasia-evaluator-2026"})  # fmt: skip
    companion("evaluate", "--refresh")
    port = free_port()
    processes = []
    try:
        with open(folder / "worker.log", "ab") as log:
            processes.append(
                subprocess.Popen(
                    worker_command(folder), env=env, stdout=log, stderr=log, cwd=REPO, start_new_session=True
                )
            )
        with open(folder / "server.log", "ab") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "companion_service.manage", "runserver", "--noreload",
                 f"127.0.0.1:{port}"],
                env=env, stdout=log, stderr=log, cwd=REPO, start_new_session=True,
            )  # fmt: skip
            processes.append(server)
        url = f"http://127.0.0.1:{port}"
        wait_for(url + "/healthz", server, folder / "server.log")
        deadline = time.monotonic() + 60
        while " ready." not in (folder / "worker.log").read_text(errors="replace"):
            if time.monotonic() > deadline:
                sys.exit("the worker did not start; see " + str(folder / "worker.log"))
            time.sleep(0.3)
        evaluator = requests.Session()
        page = evaluator.get(url + "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        evaluator.post(
            url + "/login/",
            data={"username": "eva", "password": "rahasia-evaluator-2026", "csrfmiddlewaretoken": token},
            headers={"Referer": url + "/login/"},
        )
        year = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=7)).year
        api = f"{url}/api/evaluation/v1/scorecard/?year={year}"
        print(f"Demo worker (filesystem broker, SQLite), form refresh delay 20 s; {options.answers} answers:")
        seconds = []
        for number in range(1, options.answers + 1):
            citizen = requests.Session()
            address = f"{url}/survei/UNIT-01/"
            form_page = citizen.get(address)
            # Different answers each time: the same client sending the same answers is a duplicate.
            form = {f"U{n}": str(1 + (n + number) % 4) for n in range(1, 10)}
            csrf = re.search(r'csrfmiddlewaretoken" value="([^"]+)"', form_page.text)[1]
            form.update(
                {
                    "csrfmiddlewaretoken": csrf,
                    "token": re.search(r'name="token" value="([^"]+)"', form_page.text)[1],
                    "layanan": "ktp-el", "jenis_kelamin": "P", "usia": "30-39", "pendidikan": "sma",
                    "pekerjaan": "wirausaha", "website": "",
                }
            )  # fmt: skip
            sent = time.monotonic()
            answer = citizen.post(address, data=form, headers={"Referer": address}, allow_redirects=False)
            if answer.status_code != 302:
                sys.exit(f"the form refused the answer: {answer.status_code}")
            while True:
                figures = evaluator.get(api).json()
                if (figures.get("ikm_year") or {}).get("respondents") == number:
                    break
                if time.monotonic() - sent > 120:
                    sys.exit(f"answer {number} not in the figures after 120 s; see {folder}")
                time.sleep(0.5)
            seconds.append(time.monotonic() - sent)
            print(f"  answer {number}: in the API's figures after {seconds[-1]:.1f} s", flush=True)
            time.sleep(31)  # the next answer starts a new debounce window
        print(f"median {statistics.median(seconds):.1f} s, slowest {max(seconds):.1f} s (goal < 60 s)")
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
