"""The Tutor plugin ``bina``, driven through Tutor's own CLI (Tutor 22 from PyPI).

Docker is not available here, so nothing runs in containers. What is checked:

- rendering: ``tutor config save`` into a temporary root, then the files Tutor would use (the
  openedx Dockerfile, LMS settings, docker-compose files, Caddyfile, the companion's image and
  settings) are parsed and checked;
- commands: a stand-in ``docker`` on ``PATH`` records what ``tutor local launch``, ``do init``,
  ``images build`` and ``do bina-createuser`` would run, exactly as Tutor builds those commands;
- scripts: the recorded init scripts are then run outside Docker against the real pieces they
  drive: the LMS script against the dev LMS (same ``manage_user``/``create_dot_application``
  interface as edx-platform) until the companion's credentials get a JWT that opens our API; the
  companion script, collectstatic and the image's gunicorn command against PostgreSQL with the
  rendered settings; the worker's and beat's commands against Redis, PostgreSQL and a loopback LMS.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import yaml

from tests.support.pgcluster import cluster_url, free_port, scratch_database
from tests.support.servers import dev_lms, wait_for

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TUTOR = BIN / "tutor"
VERSION = re.search(r'__version__ = "([^"]+)"', (REPO / "xblocks" / "__init__.py").read_text()).group(1)

FAKE_DOCKER = f"""#!{sys.executable}
# Records its arguments instead of talking to a Docker daemon.
import json, os, sys
with open(os.environ["FAKE_DOCKER_LOG"], "a", encoding="utf-8") as log:
    log.write(json.dumps(sys.argv[1:]) + "\\n")
if "ls" in sys.argv and "json" in sys.argv:
    print("[]")
"""


class TutorProject:
    """A Tutor project root in a temporary folder, with the plugin enabled and a recording ``docker``."""

    def __init__(self, base: Path):
        self.root = base / "tutor-root"
        self.plugins_root = base / "tutor-plugins"
        self.bin = base / "bin"
        self.bin.mkdir(parents=True)
        docker = self.bin / "docker"
        docker.write_text(FAKE_DOCKER)
        docker.chmod(0o755)
        self.docker_log = base / "docker-calls.jsonl"

    @property
    def env_dir(self) -> Path:
        return self.root / "env"

    def environ(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TUTOR_", "DJANGO_"))}
        env.update(
            {
                "TUTOR_ROOT": str(self.root),
                "TUTOR_PLUGINS_ROOT": str(self.plugins_root),
                "FAKE_DOCKER_LOG": str(self.docker_log),
                "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}",
            }
        )
        return env

    def tutor(self, *args: str, input_text: str | None = None) -> str:
        result = subprocess.run(
            [str(TUTOR), *args],
            env=self.environ(),
            capture_output=True,
            text=True,
            input=input_text,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, f"tutor {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout + result.stderr

    def save(self, **settings) -> None:
        args = ["config", "save"]
        for key, value in settings.items():
            args += ["--set", f"{key}={value}"]
        self.tutor(*args)

    def value(self, key: str) -> str:
        """A configuration value as Tutor renders it (defaults included)."""
        result = subprocess.run(
            [str(TUTOR), "config", "printvalue", key],
            env=self.environ(),
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    def docker_calls(self) -> list[list[str]]:
        if not self.docker_log.exists():
            return []
        return [json.loads(line) for line in self.docker_log.read_text().splitlines() if line.strip()]

    def clear_docker_calls(self) -> None:
        self.docker_log.unlink(missing_ok=True)

    def rendered(self, *parts: str) -> str:
        return self.env_dir.joinpath(*parts).read_text(encoding="utf-8")

    def compose(self, *names: str) -> dict:
        """The compose files merged service by service, as ``docker compose -f a -f b`` would."""
        services: dict = {}
        for name in names:
            document = yaml.safe_load(self.rendered(*name.split("/"))) or {}
            for service, definition in (document.get("services") or {}).items():
                services.setdefault(service, {}).update(definition or {})
        return services


def job_scripts(calls: list[list[str]]) -> list[tuple[str, str]]:
    """(job service, script) of each ``docker compose ... run ... sh -e -c SCRIPT`` call, in order."""
    jobs = []
    for call in calls:
        if "run" in call and call[-3:-1] == ["-e", "-c"] and call[-4] == "sh":
            jobs.append((call[-5], call[-1]))
    return jobs


def read_env_file(text: str) -> dict:
    """Parse a compose ``env_file`` the way compose does for the forms the plugin writes."""
    values = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, raw = line.partition("=")
        if raw[:1] == "'" and raw[-1:] == "'":
            value = raw[1:-1]
        elif raw[:1] == '"' and raw[-1:] == '"':
            value = (
                raw[1:-1].replace("$$", "$").replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")
            )
        else:
            value = raw
        values[key.strip()] = value
    return values


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> TutorProject:
    """An HTTPS deployment on Sibolga's own host names, rendered once for the read-only checks."""
    project = TutorProject(tmp_path_factory.mktemp("tutor"))
    project.tutor("plugins", "enable", "bina")
    project.save(
        LMS_HOST="belajar.sibolgakota.go.id", CMS_HOST="studio.belajar.sibolgakota.go.id", ENABLE_HTTPS="true"
    )
    return project


@pytest.fixture
def fresh(tmp_path) -> TutorProject:
    """A project of its own, for tests that change settings."""
    project = TutorProject(tmp_path)
    project.tutor("plugins", "enable", "bina")
    return project


# ---------------------------------------------------------------- installation and configuration


def test_the_plugin_is_found_through_its_entry_point(project):
    listing = project.tutor("plugins", "list")
    assert re.search(rf"^bina\t\W*enabled\t{re.escape(VERSION)}$", listing, re.M), listing


def test_secrets_are_generated_once_and_kept(project, tmp_path):
    saved = yaml.safe_load((project.root / "config.yml").read_text())
    secrets = {
        key: saved[key]
        for key in ("BINA_COMPANION_SECRET_KEY", "BINA_POSTGRESQL_PASSWORD", "BINA_OAUTH2_CLIENT_SECRET")
    }
    assert len(secrets["BINA_COMPANION_SECRET_KEY"]) == 50
    assert len(secrets["BINA_OAUTH2_CLIENT_SECRET"]) == 48
    assert len(set(secrets.values())) == 3
    project.save()
    again = yaml.safe_load((project.root / "config.yml").read_text())
    assert {key: again[key] for key in secrets} == secrets
    # Another deployment gets other secrets.
    other = TutorProject(tmp_path)
    other.tutor("plugins", "enable", "bina")
    other.save()
    elsewhere = yaml.safe_load((other.root / "config.yml").read_text())
    assert all(elsewhere[key] != value for key, value in secrets.items())


def test_defaults_follow_the_deployment(project):
    assert project.value("BINA_COMPANION_HOST") == "companion.belajar.sibolgakota.go.id"
    assert project.value("BINA_SERVICE_EMAIL") == "bina-companion@belajar.sibolgakota.go.id"
    assert project.value("BINA_PIP_REQUIREMENT") == f"bina-asn=={VERSION}"
    assert project.value("BINA_COMPANION_DATABASE_URL") == (
        f"postgres://bina_companion:{project.value('BINA_POSTGRESQL_PASSWORD')}@bina-postgresql:5432/bina_companion"
    )


# ---------------------------------------------------------------- Open edX side


def test_the_openedx_image_installs_the_package(project):
    dockerfile = project.rendered("build", "openedx", "Dockerfile")
    line = f"$PIP_COMMAND install bina-asn=={VERSION}"
    assert line in dockerfile
    # In the stage that builds the virtualenv, after edx-platform's own requirements.
    stage_start = dockerfile.index("FROM python AS python-requirements")
    next_stage = dockerfile.index("FROM python AS nodejs-requirements")
    assert stage_start < dockerfile.index("requirements/edx/base.txt") < dockerfile.index(line) < next_stage


def test_a_requirement_with_spaces_is_quoted_for_the_shell(fresh):
    requirement = "bina-asn @ git+https://git.sibolgakota.go.id/bkpsdm/bina-asn.git@v0.1.0"
    fresh.save(BINA_PIP_REQUIREMENT=requirement)
    dockerfile = fresh.rendered("build", "openedx", "Dockerfile")
    run_line = next(
        line for line in dockerfile.splitlines() if "$PIP_COMMAND install" in line and "bina" in line
    )
    assert shlex.split(run_line.strip())[-1] == requirement


@pytest.mark.parametrize("variant", ["production", "development"])
def test_the_lms_settings_trust_no_username(project, variant):
    """The plugin API lets in global staff or a scoped client; no username allow-list is written."""
    settings = project.rendered("apps", "openedx", "settings", "lms", f"{variant}.py")
    compile(settings, f"lms/envs/tutor/{variant}.py", "exec")  # valid Python
    assert "BINA_ASN_API_SERVICE_USERNAMES" not in settings
    assert 'BINA_ASN_COMPANION_URL = "https://companion.belajar.sibolgakota.go.id"' in settings


def test_a_renamed_service_user_reaches_the_init_job_as_global_staff(fresh):
    fresh.save(BINA_SERVICE_USERNAME="svc_bina")
    fresh.tutor("local", "do", "init", "--limit", "bina")
    lms_script = dict(job_scripts(fresh.docker_calls()))["lms-job"]
    assert "manage_user svc_bina " in lms_script
    assert "--staff" in lms_script.split("manage_user svc_bina ", 1)[1].splitlines()[0]
    assert lms_script.rstrip().endswith("bina-companion-sso svc_bina")


def test_init_runs_the_lms_and_companion_jobs(project):
    project.clear_docker_calls()
    project.tutor("local", "do", "init", "--limit", "bina")
    calls = project.docker_calls()
    jobs = job_scripts(calls)
    assert [service for service, _ in jobs] == ["lms-job", "bina-companion-job"]
    for call in (call for call in calls if "run" in call):
        files = [call[i + 1] for i, arg in enumerate(call) if arg == "-f"]
        assert str(project.env_dir / "local" / "docker-compose.jobs.yml") in files
        lms_script = jobs[0][1]
    assert (
        "./manage.py lms manage_user bina_companion bina-companion@belajar.sibolgakota.go.id "
        "--staff --unusable-password"
    ) in lms_script
    segments = lms_script.replace("\\\n", " ").split("./manage.py lms create_dot_application")
    command = shlex.split(segments[1], comments=True)
    assert command == [
        "--grant-type=client-credentials",
        "--client-id=bina-companion",
        f"--client-secret={project.value('BINA_OAUTH2_CLIENT_SECRET')}",
        "--update",
        "bina-companion",
        "bina_companion",
    ]
    # The sign-in application, as ecommerce's and discovery's are created (ADR 0141).
    sso = shlex.split(segments[2], comments=True)
    assert sso == [
        "--grant-type=authorization-code",
        "--redirect-uris=https://companion.belajar.sibolgakota.go.id/complete/edx-oauth2/",
        "--skip-authorization",
        "--scopes=user_id",
        "--client-id=bina-companion-sso",
        f"--client-secret={project.value('BINA_SSO_CLIENT_SECRET')}",
        "--update",
        "bina-companion-sso",
        "bina_companion",
    ]
    companion_script = jobs[1][1]
    assert [line for line in companion_script.splitlines() if not line.startswith("#")] == [
        "companion wait_for_database --timeout 120",
        "companion migrate --noinput",
        "companion check --deploy --fail-level ERROR",
        'companion lms-connection "Open edX" --url "$OPENEDX_LMS_URL" --client-id "$OPENEDX_CLIENT_ID"',
    ]
    for _, script in jobs:
        subprocess.run(["sh", "-n", "-e", "-c", script], check=True)


def test_launch_builds_the_companion_and_prints_its_address(fresh):
    fresh.save(LMS_HOST="belajar.sibolgakota.go.id", ENABLE_HTTPS="true")
    output = fresh.tutor("local", "launch", "--non-interactive")
    calls = fresh.docker_calls()
    builds = [call for call in calls if call[:2] == ["buildx", "build"]]
    assert len(builds) == 1
    assert f"--tag=docker.io/bina-asn/companion:{VERSION}" in builds[0]
    context = Path(builds[0][-1])
    assert context == fresh.env_dir / "plugins" / "bina" / "build" / "companion"
    assert (context / "Dockerfile").is_file()
    assert any(call[-2:] == ["up", "--remove-orphans"] or "up" in call for call in calls)
    assert [service for service, _ in job_scripts(calls)][-2:] == ["lms-job", "bina-companion-job"]
    assert "https://companion.belajar.sibolgakota.go.id" in output


def test_the_documented_block_tags_are_the_registered_ones():
    """Course authors type these tags into Studio: the guide must name exactly what setup.py registers."""
    from xblocks.tutor.plugin import BLOCK_TAGS

    setup_py = (REPO / "setup.py").read_text()
    section = setup_py[setup_py.index('"xblock.v1"') : setup_py.index("]", setup_py.index('"xblock.v1"'))]
    registered = set(re.findall(r'"(\w+)\s*=\s*xblocks\.', section))
    assert registered <= set(BLOCK_TAGS), (
        f"registered blocks missing from the guide: {registered - set(BLOCK_TAGS)}"
    )
    for page in ("tutor.rst", "openedx.rst"):
        text = (REPO / "docs" / "operator" / page).read_text()
        assert json.dumps(list(BLOCK_TAGS)) in text, page


# ---------------------------------------------------------------- the companion service


def test_compose_runs_the_companion_its_database_and_the_worker(project):
    services = project.compose("local/docker-compose.yml", "local/docker-compose.prod.yml")
    local = project.env_dir / "local"
    image = f"docker.io/bina-asn/companion:{VERSION}"
    for name in ("bina-companion", "bina-companion-worker", "bina-companion-beat"):
        service = services[name]
        assert service["image"] == image
        assert (local / service["env_file"]).resolve() == (
            project.env_dir / "plugins" / "bina" / "apps" / "companion" / "companion.env"
        )
        assert service["restart"] == "unless-stopped"
    for name, service in services.items():
        for dependency in service.get("depends_on") or []:
            assert dependency in services, f"{name} depends on an undefined service {dependency}"
    assert services["bina-companion"]["depends_on"] == ["permissions", "redis", "bina-postgresql"]
    assert "/healthz" in " ".join(services["bina-companion"]["healthcheck"]["test"])
    assert services["bina-companion-worker"]["command"][:3] == ["celery", "--app=companion_service", "worker"]
    assert services["bina-companion-beat"]["command"][:3] == ["celery", "--app=companion_service", "beat"]
    database = services["bina-postgresql"]
    assert database["image"] == "docker.io/postgres:17-bookworm"
    assert database["environment"] == {
        "POSTGRES_USER": "bina_companion",
        "POSTGRES_PASSWORD": project.value("BINA_POSTGRESQL_PASSWORD"),
        "POSTGRES_DB": "bina_companion",
    }
    assert database["volumes"] == ["../../data/bina-postgresql:/var/lib/postgresql/data:z"]
    # The data folder is handed to the companion's user (uid 1000) before it starts.
    assert "../../data/bina-companion:/mounts/bina-companion:z" in services["permissions"]["volumes"]
    assert "setowner 1000 /mounts/bina-companion" in project.rendered("apps", "permissions", "setowners.sh")


def test_the_init_job_service_exists_for_the_companion(project):
    services = project.compose(
        "local/docker-compose.yml", "local/docker-compose.prod.yml", "local/docker-compose.jobs.yml"
    )
    job = services["bina-companion-job"]
    assert job["image"] == f"docker.io/bina-asn/companion:{VERSION}"
    assert job["depends_on"] == ["bina-postgresql"]
    assert job["env_file"] == "../plugins/bina/apps/companion/companion.env"


def test_an_external_database_and_no_scheduled_sync(fresh):
    url = "postgres://bina:pa$$word with 'quote'@db.sibolgakota.go.id:5432/bina_companion"
    fresh.save(BINA_RUN_POSTGRESQL="false", BINA_COMPANION_DATABASE_URL=url, BINA_SYNC_ENABLED="false")
    services = fresh.compose(
        "local/docker-compose.yml", "local/docker-compose.prod.yml", "local/docker-compose.jobs.yml"
    )
    assert "bina-postgresql" not in services
    assert services["bina-companion"]["depends_on"] == ["permissions", "redis"]
    assert services["bina-companion-job"]["depends_on"] == []
    settings = read_env_file(fresh.rendered("plugins", "bina", "apps", "companion", "companion.env"))
    assert settings["DATABASE_URL"] == url
    assert settings["COMPANION_SYNC_INTERVAL_MINUTES"] == "0"  # beat still picks up stalled work


def test_the_companion_settings_come_from_the_tutor_config(project):
    settings = read_env_file(project.rendered("plugins", "bina", "apps", "companion", "companion.env"))
    assert settings == {
        "DJANGO_SETTINGS_MODULE": "companion_service.settings.production",
        "COMPANION_SECRET_KEY": project.value("BINA_COMPANION_SECRET_KEY"),
        "COMPANION_ALLOWED_HOSTS": "companion.belajar.sibolgakota.go.id,bina-companion,localhost,127.0.0.1",
        "DATABASE_URL": project.value("BINA_COMPANION_DATABASE_URL"),
        "COMPANION_HTTPS": "true",
        "COMPANION_LOG_FORMAT": "json",
        "COMPANION_LOG_LEVEL": "INFO",
        "COMPANION_MEDIA_ROOT": "/app/data/media",
        "COMPANION_BIND": "0.0.0.0:8000",
        "COMPANION_WORKERS": "3",
        "COMPANION_TIMEOUT": "120",
        "COMPANION_FORWARDED_ALLOW_IPS": "*",
        # Caddy, which replaces the X-Forwarded-For a client sends: the client is its last entry.
        "COMPANION_TRUSTED_PROXIES": "1",
        "OPENEDX_LMS_URL": "http://lms:8000",
        "OPENEDX_CLIENT_ID": "bina-companion",
        "OPENEDX_CLIENT_SECRET": project.value("BINA_OAUTH2_CLIENT_SECRET"),
        "COMPANION_LMS_URL": "http://lms:8000",
        "COMPANION_LMS_PUBLIC_URL": "https://belajar.sibolgakota.go.id",
        "COMPANION_LMS_SSO_CLIENT_ID": "bina-companion-sso",
        "COMPANION_LMS_SSO_CLIENT_SECRET": project.value("BINA_SSO_CLIENT_SECRET"),
        "COMPANION_PRIVATE_MEDIA_ROOT": "/app/data/private",
        "REDIS_URL": "redis://redis:6379/4",
        "COMPANION_SYNC_INTERVAL_MINUTES": "60",
        "COMPANION_SYNC_FULL_EVERY_DAYS": "7",
    }


def test_caddy_serves_the_companion_at_its_own_host(project):
    caddyfile = project.rendered("apps", "caddy", "Caddyfile")
    assert caddyfile.count("{") == caddyfile.count("}")
    block = caddyfile[caddyfile.index("companion.belajar.sibolgakota.go.id{$default_site_port} {") :]
    block = block[: (block + "\n").index("\n}\n") + 2]
    assert 'import proxy "bina-companion:8000"' in block
    assert "max_size 60MB" in block


def test_without_https_caddy_aliases_the_companion_host(fresh):
    fresh.save(ENABLE_HTTPS="false")
    services = fresh.compose("local/docker-compose.yml", "local/docker-compose.prod.yml")
    assert "companion.local.openedx.io" in services["caddy"]["networks"]["default"]["aliases"]
    settings = read_env_file(fresh.rendered("plugins", "bina", "apps", "companion", "companion.env"))
    assert settings["COMPANION_HTTPS"] == "false"


def test_the_companion_image(project):
    dockerfile = project.rendered("plugins", "bina", "build", "companion", "Dockerfile")
    assert "FROM docker.io/python:3.12-slim-bookworm" in dockerfile
    assert f"pip install 'bina-asn[companion]=={VERSION}'" in dockerfile
    assert "USER ${APP_USER_ID}" in dockerfile
    assert "companion collectstatic --noinput" in dockerfile
    cmd = json.loads(next(line for line in dockerfile.splitlines() if line.startswith("CMD "))[4:])
    assert cmd == ["gunicorn", "--config", "python:companion_service.gunicorn_conf", "companion_service.wsgi"]
    assert "mnt-" not in dockerfile  # nothing mounted


def test_dev_mode_runs_the_companion_with_runserver(project):
    services = project.compose("local/docker-compose.yml", "dev/docker-compose.yml")
    companion = services["bina-companion"]
    assert companion["command"] == "companion runserver 0.0.0.0:8000"
    assert companion["ports"] == ["8070:8000"]
    assert companion["environment"]["DJANGO_SETTINGS_MODULE"] == "companion_service.settings.dev"


def test_a_mounted_checkout_is_installed_in_both_images(fresh, tmp_path):
    checkout = tmp_path / "src" / "bina-asn"
    checkout.mkdir(parents=True)
    fresh.tutor("mounts", "add", str(checkout))
    fresh.save()
    companion_dockerfile = fresh.rendered("plugins", "bina", "build", "companion", "Dockerfile")
    assert "FROM scratch AS mnt-bina-asn" in companion_dockerfile
    assert 'pip install -e "/mnt/bina-asn[companion]"' in companion_dockerfile
    openedx_dockerfile = fresh.rendered("build", "openedx", "Dockerfile")
    assert 'RUN $PIP_COMMAND install -e "/mnt/bina-asn"' in openedx_dockerfile
    services = fresh.compose(
        "local/docker-compose.yml", "local/docker-compose.prod.yml", "local/docker-compose.jobs.yml"
    )
    mount = f"{checkout}:/mnt/bina-asn:z"
    for name in ("lms", "cms", "lms-job", "bina-companion", "bina-companion-worker", "bina-companion-job"):
        assert mount in services[name]["volumes"], name
    fresh.clear_docker_calls()
    fresh.tutor("images", "build", "bina-companion")
    (build,) = [call for call in fresh.docker_calls() if call[:2] == ["buildx", "build"]]
    assert f"--build-context=mnt-bina-asn={checkout}" in build


# ---------------------------------------------------------------- the scripts, run outside Docker


def test_the_lms_init_script_gives_the_companion_a_working_jwt(project, tmp_path):
    """The rendered LMS job, run twice against the dev LMS: the companion's credentials then open our API."""
    project.clear_docker_calls()
    project.tutor("local", "do", "init", "--limit", "bina")
    lms_script = dict(job_scripts(project.docker_calls()))["lms-job"]
    with dev_lms(tmp_path / "lms") as lms:
        workdir = tmp_path / "edx-platform"
        workdir.mkdir()
        shim = workdir / "manage.py"  # `./manage.py lms CMD` -> the dev LMS's command of the same name
        # (the dev LMS lives in the checkout's dev/ folder, which is not installed: PYTHONPATH finds it)
        path = f"PYTHONPATH={shlex.quote(str(REPO))}"
        shim.write_text(f'#!/bin/sh\nshift\n{path} exec {shlex.quote(sys.executable)} -m django "$@"\n')
        shim.chmod(0o755)
        for _ in range(2):  # init is run again on every launch: it must update, never duplicate
            result = subprocess.run(
                ["sh", "-e", "-c", lms_script],
                cwd=workdir,
                env={**lms.env, "PYTHONPATH": str(REPO)},  # dev.lms lives in the checkout, not the wheel
                capture_output=True,
                text=True,
                check=False,
            )
            assert result.returncode == 0, result.stdout + result.stderr
        check = (
            "from django.contrib.auth import get_user_model; "
            "from oauth2_provider.models import Application; "
            "u = get_user_model().objects.get(username='bina_companion'); "
            "apps = Application.objects.filter(user=u).order_by('name'); "
            "print(u.is_staff, u.is_superuser, u.has_usable_password(), apps.count(), "
            "apps[0].authorization_grant_type, apps[0].client_type, apps[0].client_id, "
            "apps[1].authorization_grant_type, apps[1].skip_authorization, apps[1].access.scopes, "
            "apps[1].redirect_uris)"
        )
        assert lms.command("shell", "--no-imports", "-c", check).split() == [
            "True",
            "False",
            "False",
            "2",
            "client-credentials",
            "confidential",
            "bina-companion",
            "authorization-code",
            "True",
            "user_id",
            "https://companion.belajar.sibolgakota.go.id/complete/edx-oauth2/",
        ]
        token = requests.post(
            f"{lms.url}/oauth2/access_token",
            data={"grant_type": "client_credentials", "token_type": "jwt"},
            auth=(project.value("BINA_OAUTH2_CLIENT_ID"), project.value("BINA_OAUTH2_CLIENT_SECRET")),
            timeout=30,
        )
        assert token.status_code == 200, token.text
        assert token.json()["token_type"] == "JWT"
        api = requests.get(
            f"{lms.url}/api/bina/v1/",
            headers={"Authorization": f"JWT {token.json()['access_token']}"},
            timeout=30,
        )
        assert api.status_code == 200, api.text


@pytest.mark.postgres
def test_the_companion_runs_as_tutor_configures_it(project, tmp_path):
    """The rendered settings, init job, collectstatic and gunicorn command, on PostgreSQL, without Docker."""
    if not cluster_url():
        pytest.skip("needs PostgreSQL: run under `python -m tests.support.pgcluster --` (make test does)")
    with scratch_database("tutor_companion") as database_url:
        _run_companion_as_rendered(project, tmp_path, database_url)


def _run_companion_as_rendered(project: TutorProject, tmp_path: Path, database_url: str) -> None:
    settings = read_env_file(project.rendered("plugins", "bina", "apps", "companion", "companion.env"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COMPANION_", "BINA_"))}
    env.update(settings)
    # Only what differs outside a container: the database's address, the port, the folders.
    env.update(
        {
            "DATABASE_URL": database_url,
            "COMPANION_BIND": f"127.0.0.1:{port}",
            "COMPANION_WORKERS": "2",
            "COMPANION_STATIC_ROOT": str(tmp_path / "static"),
            "COMPANION_MEDIA_ROOT": str(tmp_path / "media"),
            "BINA_VAR_DIR": str(tmp_path / "var"),
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    project.clear_docker_calls()
    project.tutor("local", "do", "init", "--limit", "bina")
    companion_script = dict(job_scripts(project.docker_calls()))["bina-companion-job"]
    init = subprocess.run(
        ["sh", "-e", "-c", companion_script], env=env, capture_output=True, text=True, check=False
    )
    assert init.returncode == 0, init.stdout + init.stderr
    assert "System check identified no issues" in init.stdout + init.stderr

    dockerfile = project.rendered("plugins", "bina", "build", "companion", "Dockerfile")
    collect = dockerfile[dockerfile.index("RUN COMPANION_SECRET_KEY=") + 4 :].split("\n\n")[0]
    result = subprocess.run(
        ["sh", "-e", "-c", collect.replace("\\\n", " ")], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file()

    cmd = json.loads(next(line for line in dockerfile.splitlines() if line.startswith("CMD "))[4:])
    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    host = settings["COMPANION_ALLOWED_HOSTS"].split(",")[0]
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", server, log_path)
        health = requests.get(f"http://127.0.0.1:{port}/healthz", headers={"Host": host}, timeout=10)
        assert health.json() == {"status": "ok", "database": "ok"}
        page = requests.get(
            f"http://127.0.0.1:{port}/login/",
            headers={"Host": host, "X-Forwarded-Proto": "https"},
            timeout=10,
        )
        assert page.status_code == 200
        assert 'lang="id"' in page.text
        assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    lines = [line for line in log_path.read_text().splitlines() if line.strip()]
    assert lines and all(json.loads(line)["level"] for line in lines)


def test_the_worker_and_beat_run_as_tutor_configures_them(project, tmp_path):
    """The compose commands of bina-companion-worker and -beat, with the rendered settings, against a
    real Redis and PostgreSQL: the worker takes up a queued sync of the LMS the init job stored."""
    if not cluster_url():
        pytest.skip("needs PostgreSQL: run under `python -m tests.support.pgcluster --` (make test does)")
    from tests.support.fake_lms import PLUGIN_ROUTES, FakeLms, LmsData, course_item
    from tests.support.redis import redis_server

    services = project.compose("local/docker-compose.yml", "local/docker-compose.prod.yml")
    worker, beat = services["bina-companion-worker"], services["bina-companion-beat"]
    assert worker["depends_on"] == ["bina-companion", "redis", "bina-postgresql"]
    assert beat["depends_on"] == ["bina-companion-worker"]
    settings = read_env_file(project.rendered("plugins", "bina", "apps", "companion", "companion.env"))
    assert settings["REDIS_URL"] == "redis://redis:6379/4"
    assert settings["COMPANION_SYNC_INTERVAL_MINUTES"] == "60"
    assert settings["COMPANION_SYNC_FULL_EVERY_DAYS"] == "7"  # beat's weekly full sync (ADR 0103)
    data = LmsData(completion={}, plugin={route: [] for route in PLUGIN_ROUTES})  # aggregator: empty
    key = "course-v1:KotaSibolga+TUTOR+2026"
    data.courses.append(course_item(key, "Kursus Tutor", effort="02:00"))
    data.enrollments[key] = [{"course_id": key, "is_active": True, "mode": "audit", "user": "asn01"}]
    data.grades[key] = []
    data.client_secret = settings["OPENEDX_CLIENT_SECRET"]
    with FakeLms(data) as lms, redis_server() as redis_url, scratch_database("tutor_worker") as database_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "COMPANION_", "BINA_"))}
        env.update(settings)
        env.update(  # only what differs outside a container: addresses and folders
            {
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "OPENEDX_LMS_URL": lms.url,
                "BINA_VAR_DIR": str(tmp_path / "var"),
                "COMPANION_MEDIA_ROOT": str(tmp_path / "media"),
                "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
            }
        )
        project.clear_docker_calls()
        project.tutor("local", "do", "init", "--limit", "bina")
        companion_script = dict(job_scripts(project.docker_calls()))["bina-companion-job"]
        init = subprocess.run(["sh", "-e", "-c", companion_script], env=env, capture_output=True, text=True)
        assert init.returncode == 0, init.stdout + init.stderr
        processes = []
        for name, service in (("worker", worker), ("beat", beat)):
            command = [part.replace("/app/data", str(tmp_path)) for part in service["command"]]
            log = open(tmp_path / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
                )
            )
        try:
            queued = subprocess.run(
                [str(BIN / "companion"), "sync", "--queue", "--json"], env=env, capture_output=True, text=True
            )
            assert queued.returncode == 0, queued.stderr
            run_id = json.loads(queued.stdout)["run_id"]
            deadline = time.monotonic() + 90
            import psycopg

            while time.monotonic() < deadline:
                with psycopg.connect(database_url, autocommit=True) as connection:
                    [(status,)] = connection.execute(
                        "SELECT status FROM openedx_sync_syncrun WHERE id = %s", [run_id]
                    ).fetchall()
                if status not in ("queued", "running"):
                    break
                time.sleep(0.3)
            assert status == "ok", (tmp_path / "worker.log").read_text()[-3000:]
            time.sleep(1)
            assert "beat: Starting" in (tmp_path / "beat.log").read_text()
        finally:
            for process in processes:
                os.killpg(process.pid, signal.SIGTERM)
            for process in processes:
                process.wait(timeout=30)
        worker_lines = [
            line for line in (tmp_path / "worker.log").read_text().splitlines() if line.startswith("{")
        ]
        assert any("openedx_sync.run" in line for line in worker_lines)  # JSON lines, as configured


def test_createuser_creates_a_companion_user_with_roles(fresh, tmp_path):
    fresh.save()
    password = "Kata sandi {{ ibu }} $HOME 'kutip' \"dua\" 2026"
    fresh.tutor(
        "local",
        "do",
        "bina-createuser",
        "siti",
        "siti@sibolgakota.go.id",
        "--role",
        "evaluator",
        "--password",
        password,
    )
    ((service, script),) = job_scripts(fresh.docker_calls())
    assert service == "bina-companion-job"
    assert "Kata sandi" not in script  # the password never appears as plain text
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "companion_service.settings.test",
            "BINA_VAR_DIR": str(tmp_path / "var"),
            "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    subprocess.run([str(BIN / "companion"), "migrate", "--noinput"], env=env, check=True, capture_output=True)
    result = subprocess.run(["sh", "-e", "-c", script], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    check = (
        "from django.contrib.auth import get_user_model; "
        "from companion_service.core.roles import roles_of; "
        "u = get_user_model().objects.get(username='siti'); "
        f"print(u.check_password({password!r}), sorted(r.value for r in roles_of(u)), u.email)"
    )
    out = subprocess.run(
        [str(BIN / "companion"), "shell", "--no-imports", "-c", check],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["True", "['evaluator']", "siti@sibolgakota.go.id"]


def test_the_wheel_carries_the_plugin_templates_and_patches(tmp_path):
    """An operator installs a wheel, not this checkout: every template and patch must be inside it."""
    import zipfile

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = tmp_path.glob("bina_asn-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    plugin_dir = REPO / "xblocks" / "tutor"
    expected = {
        path.relative_to(REPO).as_posix()
        for path in plugin_dir.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert expected <= names, sorted(expected - names)
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "bina = xblocks.tutor.plugin" in zipfile.ZipFile(wheel).read(entry_points).decode()
