"""The files the operator guide tells people to copy (docs/operator/examples/) work as written.

- the settings file passes ``companion check --deploy`` once its placeholders are filled in;
- the systemd units pass ``systemd-analyze verify`` (with this checkout's paths);
- the backup script backs up PostgreSQL and the uploads, keeps N days, and its dump restores with the
  ``pg_restore`` command of the guide into a working companion.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.pgcluster import cluster_url, scratch_database

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "operator" / "examples"
BIN = Path(sys.executable).parent


def read_env(path: Path) -> dict:
    values = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


def clean_env(**values) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "COMPANION_", "DATABASE_", "BACKUP_"))
    }
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(values)
    return env


def companion(env: dict, *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "companion"), *args], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_settings_example_passes_the_deploy_check(tmp_path):
    settings = read_env(EXAMPLES / "companion.env")
    settings.update(
        {
            "COMPANION_SECRET_KEY": "x" * 20 + "-filled-in-by-the-operator-" + "y" * 20,
            "COMPANION_STATIC_ROOT": str(tmp_path / "static"),
            "COMPANION_MEDIA_ROOT": str(tmp_path / "media"),
            "BINA_VAR_DIR": str(tmp_path / "var"),
        }
    )
    out = companion(clean_env(**settings), "check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in out


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
@pytest.mark.parametrize(
    "units",
    [
        ["bina-companion.service"],
        ["bina-companion-worker.service"],
        ["bina-companion-beat.service"],
        ["bina-companion-backup.timer", "bina-companion-backup.service"],
    ],
)
def test_the_systemd_units_verify(tmp_path, units):
    backup_script = tmp_path / "bin" / "bina-companion-backup.sh"
    backup_script.parent.mkdir()
    shutil.copy(EXAMPLES / "bina-companion-backup.sh", backup_script)
    for unit in units:
        text = (EXAMPLES / unit).read_text()
        text = text.replace("/srv/bina-companion/venv/bin", str(BIN)).replace(
            "/srv/bina-companion/bin", str(backup_script.parent)
        )
        (tmp_path / unit).write_text(text)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *[f"./{unit}" for unit in units]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), (
        result.stdout + result.stderr
    )


@pytest.fixture
def databases():
    """Two empty PostgreSQL databases: the live one and the one a restore goes into."""
    if not cluster_url():
        pytest.skip("needs PostgreSQL: run under `python -m tests.support.pgcluster --` (make test does)")
    with scratch_database("backup_live") as live, scratch_database("backup_restored") as restored:
        yield [live, restored]


def test_backup_and_restore(tmp_path, databases):
    live, restored = databases
    media = tmp_path / "media"
    (media / "imports").mkdir(parents=True)
    (media / "imports" / "roster-2026.xlsx").write_bytes(b"PK\x03\x04 synthetic")
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "companion-20250101T000000Z.dump"
    old.write_bytes(b"an old dump")
    forty_days_ago = time.time() - 40 * 86400
    os.utime(old, (forty_days_ago, forty_days_ago))
    common = {
        "DJANGO_SETTINGS_MODULE": "companion_service.settings.test",
        "BINA_VAR_DIR": str(tmp_path / "var"),
        "COMPANION_MEDIA_ROOT": str(media),
        "BACKUP_DIR": str(backups),
        "BACKUP_KEEP_DAYS": "30",
    }
    env = clean_env(**common, DATABASE_URL=live)
    companion(env, "migrate", "--noinput")
    companion(env, "manage_user", "rina", "rina@contoh.go.id", "--role", "evaluator")

    result = subprocess.run(
        ["sh", str(EXAMPLES / "bina-companion-backup.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (dump,) = backups.glob("companion-*.dump")
    (archive,) = backups.glob("media-*.tar.gz")
    assert not old.exists()  # older than BACKUP_KEEP_DAYS
    assert dump.stat().st_mode & 0o077 == 0  # personal data: readable by the owner only
    assert not list(backups.glob("*.partial"))

    # The restore the guide gives, into another database.
    restore = subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            f"--dbname={restored}",
            str(dump),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert restore.returncode == 0, restore.stderr
    check = (
        "from django.contrib.auth import get_user_model; "
        "print(get_user_model().objects.filter(username='rina', groups__name='evaluator').count())"
    )
    assert (
        companion(clean_env(**common, DATABASE_URL=restored), "shell", "--no-imports", "-c", check).strip()
        == "1"
    )
    listing = subprocess.run(["tar", "-tzf", str(archive)], capture_output=True, text=True, check=True).stdout
    assert "./imports/roster-2026.xlsx" in listing.splitlines()
