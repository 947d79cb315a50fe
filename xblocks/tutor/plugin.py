"""Tutor plugin ``bina``: the XBlocks and plugin app in the Open edX images, the companion as a service.

What enabling it does (``tutor plugins enable bina && tutor config save``):

* the ``openedx`` image installs ``BINA_PIP_REQUIREMENT`` (rebuild it: ``tutor images build openedx``);
  a checkout mounted with ``tutor mounts add /path/to/bina-asn`` is installed in editable mode instead;
* ``tutor local do init`` creates the companion's service user in the LMS as global staff (the
  plugin API lets in global staff or a client with the ``bina_asn:read`` scope, never a username),
  its client-credentials application and the companion's sign-in application (authorization code,
  ``user_id`` scope, the companion's ``/complete/edx-oauth2/`` as redirect URI), waits for the
  companion's database and migrates it;
* the LMS shows a "JP saya" tab in every course, linking to the companion (``BINA_ASN_COMPANION_URL``);
* the companion runs as ``bina-companion`` (gunicorn) behind Caddy at ``BINA_COMPANION_HOST``, with
  its own PostgreSQL (``bina-postgresql``) unless ``BINA_RUN_POSTGRESQL`` is false and
  ``BINA_COMPANION_DATABASE_URL`` names an external one;
* its background work (syncs, refreshes, imports) runs in ``bina-companion-worker`` (Celery) and
  ``bina-companion-beat`` schedules it (the sync every ``BINA_SYNC_INTERVAL_SECONDS``, a full one
  when none ended in ``BINA_SYNC_FULL_EVERY_DAYS`` days), both on Tutor's Redis (database
  ``BINA_REDIS_DB``), which is also the companion's cache and holds the public form's limits
  (ADR 0130, ADR 0100).
"""

from __future__ import annotations

import base64
import re
import shlex
import typing as t
from importlib import resources
from pathlib import Path

import click
from tutor import hooks

from xblocks import __version__

PLUGIN_DIR = Path(str(resources.files("xblocks.tutor")))
TEMPLATES_ROOT = PLUGIN_DIR / "templates"
PATCHES_ROOT = PLUGIN_DIR / "patches"

# The entry-point tags of our blocks, as course authors add them to a course's "Advanced Module List"
# (the operator guide lists them; tests check they match setup.py's xblock.v1 entry points).
BLOCK_TAGS = ("bina_digital_skills", "bina_innovation", "bina_partner_workshop")

# Folder names that `tutor mounts add` recognises as a checkout of this repository.
MOUNT_REGEX = r"^bina[-_]asn$"

CONFIG_DEFAULTS = {
    "VERSION": __version__,
    # What the openedx image installs; a wheel URL or "bina-asn @ git+https://...@TAG" works too.
    "PIP_REQUIREMENT": "bina-asn=={{ BINA_VERSION }}",
    # --- The companion service ---
    "COMPANION_PIP_REQUIREMENT": "bina-asn[companion]=={{ BINA_VERSION }}",
    "COMPANION_DOCKER_IMAGE": "{{ DOCKER_REGISTRY }}bina-asn/companion:{{ BINA_VERSION }}",
    "COMPANION_HOST": "companion.{{ LMS_HOST }}",
    "COMPANION_DEV_PORT": 8070,
    "COMPANION_WORKERS": 3,
    "COMPANION_TIMEOUT_SECONDS": 120,
    "COMPANION_LOG_LEVEL": "INFO",
    # Largest upload Caddy lets through (roster, SKM and grade-report spreadsheets are up to 50 MB).
    "COMPANION_MAX_UPLOAD": "60MB",
    # --- Its database: PostgreSQL, in a container of its own unless an external URL is given ---
    "RUN_POSTGRESQL": True,
    "DOCKER_IMAGE_POSTGRESQL": "docker.io/postgres:17-bookworm",
    "POSTGRESQL_HOST": "bina-postgresql",
    "POSTGRESQL_PORT": 5432,
    "POSTGRESQL_DATABASE": "bina_companion",
    "POSTGRESQL_USERNAME": "bina_companion",
    "COMPANION_DATABASE_URL": (
        "postgres://{{ BINA_POSTGRESQL_USERNAME }}:{{ BINA_POSTGRESQL_PASSWORD }}"
        "@{{ BINA_POSTGRESQL_HOST }}:{{ BINA_POSTGRESQL_PORT }}/{{ BINA_POSTGRESQL_DATABASE }}"
    ),
    # --- How the companion reads the LMS (OAuth2 client credentials, JWT) ---
    "SERVICE_USERNAME": "bina_companion",
    "SERVICE_EMAIL": "bina-companion@{{ LMS_HOST }}",
    "OAUTH2_APPLICATION_NAME": "bina-companion",
    "OAUTH2_CLIENT_ID": "bina-companion",
    # Inside the compose network the LMS answers at lms:8000 (Tutor's Studio uses the same address).
    "LMS_URL": "http://lms:8000",
    # --- How people sign in to the companion: through the LMS (OAuth2 authorization code) ---
    "SSO_APPLICATION_NAME": "bina-companion-sso",
    "SSO_CLIENT_ID": "bina-companion-sso",
    "LMS_PUBLIC_URL": "{% if ENABLE_HTTPS %}https{% else %}http{% endif %}://{{ LMS_HOST }}",
    "COMPANION_PUBLIC_URL": "{% if ENABLE_HTTPS %}https{% else %}http{% endif %}://{{ BINA_COMPANION_HOST }}",
    # Proxies in front of the companion that append to X-Forwarded-For (ADR 0101): Tutor's Caddy.
    "COMPANION_TRUSTED_PROXIES": 1,
    # --- Background work: a Celery worker and beat on Tutor's Redis (its own database number) ---
    "REDIS_DB": 4,
    "COMPANION_REDIS_URL": (
        "redis://{% if REDIS_USERNAME and REDIS_PASSWORD %}"
        "{{ REDIS_USERNAME }}:{{ REDIS_PASSWORD }}@{% endif %}"
        "{{ REDIS_HOST }}:{{ REDIS_PORT }}/{{ BINA_REDIS_DB }}"
    ),
    "WORKER_CONCURRENCY": 2,
    # --- The scheduled sync (by beat) ---
    "SYNC_ENABLED": True,
    "SYNC_INTERVAL_SECONDS": 3600,
    # A full sync (everything read again) when none ran in this many days; 0: never (ADR 0103).
    "SYNC_FULL_EVERY_DAYS": 7,
}

# Generated once by `tutor config save` and kept in config.yml.
CONFIG_UNIQUE = {
    "COMPANION_SECRET_KEY": "{{ 50|random_string }}",
    "POSTGRESQL_PASSWORD": "{{ 32|random_string }}",
    "OAUTH2_CLIENT_SECRET": "{{ 48|random_string }}",
    "SSO_CLIENT_SECRET": "{{ 48|random_string }}",
}

hooks.Filters.CONFIG_DEFAULTS.add_items([(f"BINA_{key}", value) for key, value in CONFIG_DEFAULTS.items()])
hooks.Filters.CONFIG_UNIQUE.add_items([(f"BINA_{key}", value) for key, value in CONFIG_UNIQUE.items()])

# Templates: rendered to $(tutor config printroot)/env/plugins/bina/{build,apps}/.
hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(TEMPLATES_ROOT))
hooks.Filters.ENV_TEMPLATE_TARGETS.add_items([("bina/build", "plugins"), ("bina/apps", "plugins")])

# Patches: one file per patch name in patches/.
for _patch in sorted(PATCHES_ROOT.iterdir()):
    if _patch.is_file() and not _patch.name.startswith("."):
        hooks.Filters.ENV_PATCHES.add_item((_patch.name, _patch.read_text(encoding="utf-8")))

# Init tasks (`tutor local do init`): LMS first (service user, OAuth2 application), then the companion.
INIT_TASKS = [
    ("lms", ("bina", "tasks", "lms", "init.sh")),
    ("bina-companion", ("bina", "tasks", "bina-companion", "init.sh")),
]
for _service, _path in INIT_TASKS:
    hooks.Filters.CLI_DO_INIT_TASKS.add_item(
        (_service, TEMPLATES_ROOT.joinpath(*_path).read_text(encoding="utf-8")),
        priority=hooks.priorities.LOW,
    )

# The companion's image: built by `tutor images build bina-companion` and on `tutor local launch`.
hooks.Filters.IMAGES_BUILD.add_item(
    ("bina-companion", ("plugins", "bina", "build", "companion"), "{{ BINA_COMPANION_DOCKER_IMAGE }}", ())
)
hooks.Filters.IMAGES_PULL.add_item(("bina-companion", "{{ BINA_COMPANION_DOCKER_IMAGE }}"))
hooks.Filters.IMAGES_PUSH.add_item(("bina-companion", "{{ BINA_COMPANION_DOCKER_IMAGE }}"))


@hooks.Filters.IMAGES_BUILD_REQUIRED.add()
def _build_companion_on_launch(image_names: list[str], context_name: str) -> list[str]:
    """No public registry holds the companion image: `launch` builds it."""
    image_names.append("bina-companion")
    return image_names


# Development: a checkout in a folder named bina-asn, added with `tutor mounts add`, is installed in
# editable mode in the openedx image and the companion image and bind-mounted at /mnt/bina-asn.
hooks.Filters.MOUNTED_DIRECTORIES.add_items([("openedx", MOUNT_REGEX), ("bina-companion", MOUNT_REGEX)])


@hooks.Filters.APP_PUBLIC_HOSTS.add()
def _companion_public_host(hosts: list[str], context_name: t.Literal["local", "dev"]) -> list[str]:
    """Printed by `tutor local launch` with the LMS and Studio addresses."""
    if context_name == "dev":
        hosts.append("{{ BINA_COMPANION_HOST }}:{{ BINA_COMPANION_DEV_PORT }}")
    else:
        hosts.append("{{ BINA_COMPANION_HOST }}")
    return hosts


_ENV_SAFE = re.compile(r"^[A-Za-z0-9_./:@,+=%-]*$")


def env_quote(value: t.Any) -> str:
    """A value for a compose ``env_file``: bare when plain, quoted so that nothing is interpolated."""
    text = "true" if value is True else "false" if value is False else str(value)
    if _ENV_SAFE.match(text):
        return text
    if "'" not in text and "\n" not in text:
        return f"'{text}'"  # single quotes: literal in compose env files
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("$", "$$")
    return f'"{escaped}"'


def shell_quote(value: t.Any) -> str:
    """A value as one word of a POSIX shell command line."""
    return shlex.quote(str(value))


hooks.Filters.ENV_TEMPLATE_FILTERS.add_items([("bina_env", env_quote), ("bina_sh", shell_quote)])


@click.command(name="bina-createuser", help="Create or update a user of the Bina ASN companion.")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice(["administrator", "evaluator", "opd_head", "partner", "verifier"]),
    help="A role to give (repeatable).",
)
@click.option("--superuser", is_flag=True, help="Full access to the companion's administration.")
@click.option(
    "-p",
    "--password",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="The password; asked for when not given.",
)
@click.argument("username")
@click.argument("email")
def createuser(
    roles: tuple[str, ...], superuser: bool, password: str, username: str, email: str
) -> t.Iterable[tuple[str, str]]:
    """`tutor local do bina-createuser siti siti@sibolgakota.go.id --role evaluator`."""
    yield ("bina-companion", createuser_script(username, email, roles, superuser, password))


def createuser_script(username: str, email: str, roles, superuser: bool, password: str) -> str:
    """The shell script run in the companion container.

    Tutor renders job scripts with Jinja and passes them on a command line, so the password travels
    base64-encoded (no braces, quotes or ``$``) into an environment variable that ``manage_user``
    reads; it never appears as plain text in the script.
    """
    argv = ["companion", "manage_user", username, email]
    for role in roles:
        argv += ["--role", role]
    if superuser:
        argv.append("--superuser")
    argv += ["--password-env", "BINA_NEW_PASSWORD"]
    encoded = base64.b64encode(password.encode("utf-8")).decode("ascii")
    return (
        f'BINA_NEW_PASSWORD="$(printf %s {encoded} | base64 -d)"\n'
        "export BINA_NEW_PASSWORD\n"
        "{% raw %}" + shlex.join(argv) + "{% endraw %}\n"
    )


hooks.Filters.CLI_DO_COMMANDS.add_item(createuser)
