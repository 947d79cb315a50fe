"""Run a command next to a throwaway PostgreSQL cluster on a free loopback port.

    python -m tests.support.pgcluster -- make test-suites

Starts ``initdb``/``pg_ctl`` from Debian's PostgreSQL in a temporary folder (as the ``postgres``
user when run as root, since PostgreSQL refuses to run as root), exports
``BINA_TEST_PG_URL=postgres://bina:...@127.0.0.1:PORT/bina`` to the command, and always stops and
removes the cluster afterwards. The command's exit status is ours.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit


def _bindir() -> Path:
    """The newest installed PostgreSQL server's bin folder."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    sys.exit(
        "pgcluster: PostgreSQL's server is not installed; "
        "run `make test` (it installs it) or apt-get install postgresql."
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_cluster_owner(argv: list[str]) -> list[str]:
    """Run as ``postgres`` when we are root; PostgreSQL will not run as root."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


@contextmanager
def cluster():
    """Start a cluster; yield its URL; stop and delete it on the way out."""
    bindir = _bindir()
    root = Path(tempfile.mkdtemp(prefix="bina-pg-"))
    data, sockets, log = root / "data", root / "sockets", root / "postgres.log"
    sockets.mkdir()
    password = secrets.token_hex(16)
    pwfile = root / "pw"
    pwfile.write_text(password)
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
        shutil.chown(pwfile, "postgres")
    port = free_port()
    quiet = {"stdout": subprocess.DEVNULL}
    subprocess.run(
        _as_cluster_owner(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "bina",
                f"--pwfile={pwfile}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        ),
        check=True,
        **quiet,
    )
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    subprocess.run(
        _as_cluster_owner(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]
        ),
        check=True,
        **quiet,
    )
    try:
        subprocess.run(
            _as_cluster_owner(
                [str(bindir / "createdb"), "-h", str(sockets), "-p", str(port), "-U", "bina", "bina"]
            ),
            check=True,
        )
        yield f"postgres://bina:{password}@127.0.0.1:{port}/bina"
    finally:
        subprocess.run(
            _as_cluster_owner([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            **quiet,
        )
        shutil.rmtree(root, ignore_errors=True)


def cluster_url() -> str | None:
    """The cluster URL ``make test`` exports, or None outside it."""
    return os.environ.get("BINA_TEST_PG_URL") or None


@contextmanager
def scratch_database(prefix: str, base_url: str | None = None):
    """A new, empty database on the test cluster, dropped (with its connections) afterwards.

    Yields its URL. Names are random, so suites running side by side never share a database.
    """
    import psycopg

    base_url = base_url or cluster_url()
    if not base_url:
        raise RuntimeError("no PostgreSQL test cluster: run under `python -m tests.support.pgcluster --`")
    name = f"{prefix}_{secrets.token_hex(4)}"
    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlsplit(base_url)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(base_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        sys.exit("usage: python -m tests.support.pgcluster -- COMMAND [ARGS...]")
    command = argv[argv.index("--") + 1 :]
    with cluster() as url:
        env = {**os.environ, "BINA_TEST_PG_URL": url}
        child = subprocess.Popen(command, env=env)
        # Ctrl-C reaches the child too; wait for it so the cluster stops only after it.
        signal.signal(signal.SIGINT, lambda *_: None)
        signal.signal(signal.SIGTERM, lambda *_: child.terminate())
        return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
