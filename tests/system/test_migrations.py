"""Every model change has its migration, in both Django projects."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "command",
    [
        [
            sys.executable,
            "-m",
            "django",
            "makemigrations",
            "--check",
            "--dry-run",
            "--settings=dev.lms.settings",
        ],
        [sys.executable, "-m", "companion_service.manage", "makemigrations", "--check", "--dry-run"],
    ],
    ids=["dev-lms", "companion"],
)
def test_no_missing_migrations(command, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BINA_LMS_DATABASE_URL")}
    env.update({"BINA_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "companion_service.settings.dev"})
    if "--settings=dev.lms.settings" in command:
        env.pop("DJANGO_SETTINGS_MODULE")
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
