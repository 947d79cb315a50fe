"""``make demo``: sign-in through Open edX, and learning outside the LMS (ADR 0141, 0142).

* ``lms-sso`` (before the servers start): the LMS accounts of the evaluator, the OPD head of
  DISDUKCAPIL, the partner and a BKPSDM verifier, and the companion's sign-in application in the dev
  LMS (authorization code, ``user_id`` scope, redirect to the companion's ``/complete/edx-oauth2/``),
  made the way Tutor's init job makes it;
* ``companion-sso-accounts``: the same people in the companion with their roles and no password:
  they sign in with "Masuk dengan akun Open edX" (the ``admin`` account keeps its password, for
  recovery); ASN need no account beforehand: the roster finds them at their first sign-in;
* ``outside-learning`` (with the servers up, after the first refresh): BKPSDM imports a provider's
  SYNTHETIC list of graduates with ``companion import-outside-training``; the ledger's share at
  20 JP is printed before and after, so the change shows; the courses' pillars are set for the
  suggestions of "JP saya".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import secrets

from .roster import _data_dir, demo_learners, roster
from .training import COURSES, OPD_HEAD, PARTNER, PARTNER_NAME

SSO_APP_NAME = "bina-companion-sso"
VERIFIER = ("verifikator_bkpsdm", "Verifikator BKPSDM (sintetis)", "verifikator@contoh.sibolgakota.go.id")
SEED = 20261207
SPBE = ("Pelatihan Dasar SPBE (sintetis)", "BPSDM Provinsi Sumatera Utara (sintetis)", "pelatihan")
GTA = ("Government Transformation Academy (sintetis)", "Komdigi Digitalent (sintetis)", "e_learning")
# Pillars each demo course develops (LITDIG: all four; PELDIG: skills and culture; KAMINFO: safety, ethics).
FOCUS = {COURSES[0][0]: "cakap,etika,aman,budaya", COURSES[1][0]: "cakap,budaya", COURSES[2][0]: "aman,etika"}


def sso_credentials(ctx) -> dict:
    """The sign-in application's client id and secret, kept with the other demo credentials."""
    creds = ctx.credentials
    if "sso_client_id" not in creds:
        creds["sso_client_id"] = f"bina-companion-sso-{secrets.token_hex(6)}"
        creds["sso_client_secret"] = secrets.token_urlsafe(32)
        path = ctx.var_dir / "demo-credentials.json"
        import json

        path.write_text(json.dumps(creds, indent=2))
        path.chmod(0o600)
    return creds


def companion_settings(ctx) -> dict:
    """The companion's environment for signing in through the dev LMS."""
    creds = sso_credentials(ctx)
    return {
        "COMPANION_LMS_URL": ctx.lms_url,
        "COMPANION_LMS_PUBLIC_URL": ctx.lms_url,
        "COMPANION_LMS_SSO_CLIENT_ID": creds["sso_client_id"],
        "COMPANION_LMS_SSO_CLIENT_SECRET": creds["sso_client_secret"],
    }


def _people():
    from .people import COMPANION_EVALUATOR

    return [COMPANION_EVALUATOR, OPD_HEAD, PARTNER, VERIFIER]


def lms_sso(ctx) -> None:
    from .people import SERVICE_USER

    creds = sso_credentials(ctx)
    commands = [
        ["manage_user", username, email, "--full-name", name, "--password-env", "BINA_DEMO_PASSWORD"]
        for username, name, email in _people()
    ]
    commands.append(
        [
            "create_dot_application",
            SSO_APP_NAME,
            SERVICE_USER[0],
            "--grant-type",
            "authorization-code",
            f"--redirect-uris={ctx.companion_url}/complete/edx-oauth2/",
            "--skip-authorization",
            "--scopes",
            "user_id",
            f"--client-id={creds['sso_client_id']}",
            f"--client-secret={creds['sso_client_secret']}",
            "--update",
        ]
    )
    ctx.batch("lms", commands, secret_env={"BINA_DEMO_PASSWORD": creds["password"]})


def companion_sso_accounts(ctx) -> None:
    from .people import COMPANION_EVALUATOR

    evaluator, head, partner, verifier = COMPANION_EVALUATOR, OPD_HEAD, PARTNER, VERIFIER
    roles = [
        (evaluator, ["--role", "evaluator"]),
        (head, ["--role", "opd_head", "--opd", "DISDUKCAPIL"]),
        (partner, ["--role", "partner", "--partner", PARTNER_NAME]),
        (verifier, ["--role", "verifier"]),
    ]
    commands = [
        ["manage_user", username, email, "--full-name", name, *extra, "--sso"]
        for (username, name, email), extra in roles
    ]
    ctx.batch("companion", commands)


def graduates_csv(today: dt.date | None = None, seed: int = SEED) -> str:
    """A provider's SYNTHETIC list of this year's graduates: a fifth of the roster, deterministic."""
    today = today or dt.date.today()
    rng = random.Random(seed)  # noqa: S311 (synthetic demo data)
    learners = {username for username, _name, _email in demo_learners()}
    people = sorted(
        (p for p in roster(learners=demo_learners()) if p.username not in learners), key=lambda p: p.nip
    )
    chosen = rng.sample(people, k=max(1, len(people) // 5))
    finished = max(dt.date(today.year, 1, 5), today - dt.timedelta(days=30))
    started = max(dt.date(today.year, 1, 1), finished - dt.timedelta(days=4))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(
        ["nip", "nama_pelatihan", "penyelenggara", "jalur", "tanggal_mulai", "tanggal_selesai", "jp", "jam",
         "nomor_sertifikat"]
    )  # fmt: skip
    for number, person in enumerate(chosen, start=1):
        dates = [started.isoformat(), finished.isoformat()]
        if number % 3:
            title, provider, channel = SPBE
            writer.writerow(
                [person.nip, title, provider, channel, *dates, "24", "", f"BPSDM-SU/{number:04d}"]
            )
        else:
            title, provider, channel = GTA
            writer.writerow([person.nip, title, provider, channel, *dates, "", "16", f"DTS-GTA-{number:05d}"])
    return out.getvalue()


def _share_at_20(ctx) -> str:
    summary = ctx.companion("evaluate")
    return next((line.strip() for line in summary.splitlines() if "at least 20 JP" in line), "?")


def outside_learning(ctx) -> None:
    path = _data_dir(ctx) / "lulusan-pelatihan-luar-SINTETIS.csv"
    path.write_text(graduates_csv(), encoding="utf-8")
    before = _share_at_20(ctx)
    ctx.companion("import-outside-training", str(path))  # approved at once; the ledger refreshes
    after = _share_at_20(ctx)
    print(f"    ledger before the import: {before}\n    after: {after}", flush=True)
    ctx.batch("companion", [["course-focus", key, "--pillars", pillars] for key, pillars in FOCUS.items()])
