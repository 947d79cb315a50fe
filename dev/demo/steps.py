"""The demo data of ``make demo``, as steps that each run once through the real code paths.

Each step is a function of a ``DemoContext``. ``BEFORE_SERVERS`` steps use management commands;
``WITH_SERVERS`` steps talk HTTP to the running servers (block handlers, the companion's sync).
A step that succeeded is recorded in ``var/demo-state.json`` and skipped on later runs, so a second
``make demo`` keeps the data and starts quickly. Issues add their steps to the two lists below.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dev import command_batch
from dev.demo import digital_skills as assessment_demo
from dev.demo import innovation as innovation_demo
from dev.demo import partner_workshop as partner_workshop_demo

from . import learning as demo_learning
from . import roster as demo_roster
from . import skm as demo_skm
from . import training as demo_training
from .people import (
    COMPANION_ADMIN,
    COMPANION_EVALUATOR,
    LMS_JURY,
    LMS_LEARNERS,
    LMS_STAFF,
    OAUTH_APP_NAME,
    SERVICE_USER,
)


@dataclass
class DemoContext:
    """What a step may use: folders, environments, URLs and a runner for setup commands."""

    var_dir: Path
    lms_env: dict
    companion_env: dict
    lms_url: str
    companion_url: str
    run: Callable
    lms_command: Callable
    companion_command: Callable
    _credentials: dict = field(default_factory=dict)

    @property
    def credentials(self) -> dict:
        """The demo password and OAuth2 client, generated once and kept in var/ (mode 600)."""
        if not self._credentials:
            path = self.var_dir / "demo-credentials.json"
            if path.exists():
                self._credentials = json.loads(path.read_text())
            else:
                self._credentials = {
                    "password": f"sibolga-{secrets.token_hex(4)}",
                    "client_id": f"bina-companion-{secrets.token_hex(6)}",
                    "client_secret": secrets.token_urlsafe(32),
                }
                path.write_text(json.dumps(self._credentials, indent=2))
                path.chmod(0o600)
        return self._credentials

    def lms(self, *args: str, secret_env: dict | None = None) -> str:
        return self.run(
            self.lms_command(*args), {**self.lms_env, **(secret_env or {})}, f"dev LMS: {args[0]}"
        )

    def companion(self, *args: str, secret_env: dict | None = None) -> str:
        return self.run(
            self.companion_command(*args),
            {**self.companion_env, **(secret_env or {})},
            f"companion: {args[0]}",
        )

    def batch(self, side: str, commands: list[list[str]], secret_env: dict | None = None) -> str:
        """Run management commands of the ``lms`` or the ``companion`` in one process (see command_batch)."""
        env = self.lms_env if side == "lms" else self.companion_env
        names = ", ".join(dict.fromkeys(command[0] for command in commands))
        return self.run(
            command_batch.argv(side),
            {**env, **(secret_env or {})},
            f"{'dev LMS' if side == 'lms' else 'companion'}: {names}",
            stdin=json.dumps(commands),
        )


def lms_accounts(ctx: DemoContext) -> None:
    """Learners, a course-staff trainer, a jury member and the companion's service user + OAuth2 client."""
    password = ("--password-env", "BINA_DEMO_PASSWORD")
    commands = [
        ["manage_user", username, email, "--full-name", name, *password]
        for username, name, email in [*LMS_LEARNERS, LMS_JURY]
    ]
    username, name, email = LMS_STAFF
    commands.append(
        ["manage_user", username, email, "--full-name", name, "--group", "course_staff", *password]
    )
    username, name, email = SERVICE_USER
    commands.append(["manage_user", username, email, "--full-name", name, "--staff"])
    commands.append(
        [
            "create_dot_application",
            OAUTH_APP_NAME,
            username,
            "--grant-type",
            "client-credentials",
            # "=" form: a generated secret may start with "-".
            f"--client-id={ctx.credentials['client_id']}",
            f"--client-secret={ctx.credentials['client_secret']}",
        ]
    )
    ctx.batch("lms", commands, secret_env={"BINA_DEMO_PASSWORD": ctx.credentials["password"]})


def companion_accounts(ctx: DemoContext) -> None:
    """An administrator (BKPSDM) and an evaluator for the companion."""
    password = ("--password-env", "BINA_DEMO_PASSWORD")
    admin, admin_name, admin_email = COMPANION_ADMIN
    evaluator, evaluator_name, evaluator_email = COMPANION_EVALUATOR
    commands = [
        [
            "manage_user",
            admin,
            admin_email,
            "--full-name",
            admin_name,
            "--superuser",
            "--role",
            "administrator",
            *password,
        ],
        [
            "manage_user",
            evaluator,
            evaluator_email,
            "--full-name",
            evaluator_name,
            "--role",
            "evaluator",
            *password,
        ],
    ]
    ctx.batch("companion", commands, secret_env={"BINA_DEMO_PASSWORD": ctx.credentials["password"]})


# Steps run before the servers start (management commands, imports) and once both answer (HTTP).
BEFORE_SERVERS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("lms-accounts", lms_accounts),
    ("lms-sso", demo_learning.lms_sso),
    ("companion-accounts", companion_accounts),
    ("assessment-learners", assessment_demo.create_learners),
    ("companion-units", demo_roster.companion_units),
    ("lms-units", demo_roster.lms_units),
    ("companion-roster", demo_roster.companion_roster),
    ("lms-enrollments", demo_roster.lms_enrollments),
    ("skm-survey", demo_skm.skm_survey),
    ("training-grade-reports", demo_training.grade_reports),
    ("evaluation-accounts", demo_training.accounts),
    ("companion-sso-accounts", demo_learning.companion_sso_accounts),
]
WITH_SERVERS: list[tuple[str, Callable[[DemoContext], None]]] = [
    ("assessment-attempts", assessment_demo.take_assessments),
    ("innovation-competition", innovation_demo.competition),
    *partner_workshop_demo.WITH_SERVERS,
    # Last: the companion pulls what the steps above did in the LMS.
    ("companion-sync", demo_roster.companion_sync),
    ("evaluation-refresh", demo_training.refresh),
    ("outside-learning", demo_learning.outside_learning),
]


def run_steps(ctx: DemoContext, steps) -> None:
    """Run each step not yet done, recording it as done only when it succeeded."""
    state_path = ctx.var_dir / "demo-state.json"
    state = json.loads(state_path.read_text()) if state_path.exists() else {"done": []}
    for name, step in steps:
        if name in state["done"]:
            continue
        print(f"  demo data: {name} ...", flush=True)
        started = time.monotonic()
        step(ctx)
        print(f"    ({time.monotonic() - started:.0f} s)", flush=True)
        state["done"].append(name)
        state_path.write_text(json.dumps(state, indent=2))


def broker_name() -> str:
    return "Redis at REDIS_URL" if os.environ.get("REDIS_URL", "").strip() else "files in var/broker"


def banner(ctx: DemoContext) -> str:
    """What the person running the demo needs: where to go and how to sign in."""
    password = ctx.credentials["password"]
    learners = ", ".join(username for username, _, _ in LMS_LEARNERS)
    return (
        "\n".join(
            [
                "",
                "Bina ASN demo is running (synthetic data). Press Ctrl-C to stop the servers and the worker.",
                f"  Dev LMS (Open edX workbench with our blocks): {ctx.lms_url}",
                f"    learners: {learners}; trainer (course staff): {LMS_STAFF[0]}; jury: {LMS_JURY[0]}",
                f"  Companion: {ctx.companion_url}",
                '    press "Masuk dengan akun Open edX" and sign in at the LMS as:',
                f"    ASN (JP saya, learning outside the LMS): {learners}; "
                f"OPD head (DISDUKCAPIL only): {demo_training.OPD_HEAD[0]}",
                f"    evaluator: {COMPANION_EVALUATOR[0]}; BKPSDM verifier: {demo_learning.VERIFIER[0]}; "
                f"partner (its own workshops only): {demo_training.PARTNER[0]}",
                f"    local administrator (recovery, the password form): {COMPANION_ADMIN[0]}",
                f"    Evaluation dashboard: {ctx.companion_url}/evaluasi/",
                f"    JP saya: {ctx.companion_url}/jp-saya/ (also a tab in the dev LMS)",
                f"  Password for every demo account: {password}",
                f"  (kept in {ctx.var_dir / 'demo-credentials.json'}; data in {ctx.var_dir})",
                f"  Server logs: {ctx.var_dir / 'lms-server.log'} and {ctx.var_dir / 'companion-server.log'}",
                f"  Worker log (syncs, refreshes, schedule; broker: {broker_name()}): "
                f"{ctx.var_dir / 'companion-worker.log'}",
                "",
            ]
        )
        + os.linesep
    )
