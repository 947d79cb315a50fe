"""A throwaway Redis server on a free loopback port, for the tests that need a real broker.

    with redis_server() as url:   # redis://127.0.0.1:PORT/0
        ...

Debian's ``redis-server`` (``make system-deps`` installs it) runs in a temporary folder with no
persistence, bound to 127.0.0.1 only; it is stopped and its folder removed afterwards, like the
PostgreSQL cluster of ``tests.support.pgcluster``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.support.pgcluster import free_port


def redis_binary() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )
    if not found:
        raise RuntimeError(
            "redis-server is not installed; run `make system-deps` (or apt-get install redis-server)."
        )
    return found


@contextmanager
def redis_server():
    """Start Redis; yield its URL; stop it and delete its folder on the way out."""
    root = Path(tempfile.mkdtemp(prefix="bina-redis-"))
    port = free_port()
    process = subprocess.Popen(
        [
            redis_binary(),
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--dir", str(root),
            "--save", "",
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", str(root / "redis.log"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        import redis

        client = redis.Redis(host="127.0.0.1", port=port)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"redis-server did not start: {(root / 'redis.log').read_text()}"
                    ) from None
                time.sleep(0.05)
        client.close()
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
