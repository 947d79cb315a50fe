"""``make demo``: the training side of the demo city's story, entered the way BKPSDM enters it offline.

* ``training-grade-reports`` (before the servers start): for three synthetic courses, one grade report
  per quarter as the instructor dashboard writes it (``Student ID, Email, Username, Grade,
  Certificate Eligible, Enrollment Status``), imported with ``companion import-grade-report FILE
  --course KEY --as-of DATE``; each ASN's LMS username is their NIP, so the sync's identity join links
  them to the roster. Who passes when follows ``organization.demo_data.TRAINED_SHARE``: the OPDs whose
  service units the SKM answers rate rise in the quarters after half their staff were trained.
  Then ``companion course-credit`` names each course and sets its JP, as an administrator would.
* ``evaluation-accounts``: an OPD head of DISDUKCAPIL and the workshop partner's account.
* ``evaluation-refresh`` (last, with the servers up): ``companion evaluate --refresh``.

All people, grades and dates are SYNTHETIC and deterministic (fixed seeds, quarters counted back
from the day the demo first runs).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import defaultdict

from dev.demo import city

from .roster import _data_dir, demo_learners, roster

SEED = 20261128
# (course key, name, JP, channel)
COURSES = (
    ("course-v1:KotaSibolga+LITDIG+2025", "Literasi Digital ASN (sintetis)", 20, "e_learning"),
    ("course-v1:KotaSibolga+PELDIG+2025", "Pelayanan Publik Digital (sintetis)", 12, "e_learning"),
    ("course-v1:KotaSibolga+KAMINFO+2026", "Keamanan Informasi untuk ASN (sintetis)", 8, "e_learning"),
)
NO_REFRESH = {"COMPANION_EVALUATION_AUTO_REFRESH": "false"}  # one refresh at the end, not one per file
OPD_HEAD = ("kadis_dukcapil", "Kepala Dinas Dukcapil (sintetis)", "kadis.dukcapil@contoh.sibolgakota.go.id")
PARTNER = ("mitra_tapanuli", "Rina Sihombing (mitra, sintetis)", "rina@tapanuli-tech.contoh.co.id")
PARTNER_NAME = "PT Teknologi Tapanuli (sintetis)"  # as the partner workshop block's demo names it


def schedule(people, quarters=city.QUARTERS, seed: int = SEED) -> dict[str, dict[str, tuple[int, int]]]:
    """Per course and NIP: the quarter (index) the ASN enrolled and the one they passed (-1: not yet).

    Returns ``{course_key: {nip: (enrolled_quarter, passed_quarter)}}``.
    """
    rng = random.Random(seed)  # noqa: S311 (synthetic demo data)
    by_opd = defaultdict(list)
    for person in people:
        by_opd[person.opd].append(person.nip)
    plan: dict[str, dict[str, tuple[int, int]]] = {key: {} for key, *_ in COURSES}
    literacy, service, security = (key for key, *_ in COURSES)
    last = len(quarters) - 1
    for opd, nips in sorted(by_opd.items()):
        nips = sorted(nips)
        rng.shuffle(nips)
        shares = city.trained_share(opd)
        passed_by = 0
        for index, share in enumerate(shares):
            target = round(share * len(nips))
            for nip in nips[passed_by:target]:
                plan[literacy][nip] = (max(index - 1, 0), index)
            passed_by = max(passed_by, target)
        # Some enroll and do not pass (yet): a fifth as many as passed, spread over the story.
        for nip in nips[passed_by : passed_by + max(1, passed_by // 5)]:
            plan[literacy][nip] = (rng.randrange(0, len(shares)), -1)
        has_units = any(city.unit_opd(code) == opd for code, _name, _parent in city.UNITS)
        for nip, (_enrolled, passed) in list(plan[literacy].items()):
            if passed < 0 or nip not in nips:
                continue
            if has_units and rng.random() < 0.5 and passed + 1 <= last:
                later = min(passed + rng.choice((1, 2)), last)
                plan[service][nip] = (passed, later)
            if rng.random() < 0.3:
                start = max(passed + 1, 4)
                if start <= last:
                    plan[security][nip] = (start, start if rng.random() < 0.85 else -1)
    return plan


def report_date(quarter: tuple[int, int], today: dt.date | None = None) -> dt.date:
    """The day a quarter's report was downloaded: the 20th of its last month, or today if sooner."""
    today = today or dt.date.today()
    year, number = quarter
    day = dt.date(year, 3 * number, 20)
    start = dt.date(year, 3 * number - 2, 1)
    return max(start, min(day, today))


def report_csv(course_plan: dict, people_by_nip: dict, index: int, seed: int) -> str | None:
    """The grade report as downloaded in quarter ``index``: everyone enrolled by then, with their grade."""
    rng = random.Random(f"{seed}-{index}")  # noqa: S311 (synthetic demo data)
    rows = []
    for nip, (enrolled, passed) in sorted(course_plan.items()):
        if enrolled > index:
            continue
        done = 0 <= passed <= index
        grade = round(rng.uniform(0.62, 0.98), 2) if done else round(rng.uniform(0.05, 0.45), 2)
        person = people_by_nip[nip]
        rows.append(
            [str(len(rows) + 1000), person.email, nip, f"{grade:.2f}", "Y" if done else "N", "Enrolled"]
        )
    if not rows:
        return None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Student ID", "Email", "Username", "Grade", "Certificate Eligible", "Enrollment Status"])
    writer.writerows(rows)
    return out.getvalue()


def grade_reports(ctx) -> None:
    """Write and import one grade report per course and quarter, then name the courses and set their JP."""
    learners = {username for username, _name, _email in demo_learners()}
    people = [p for p in roster(learners=demo_learners()) if p.username not in learners]
    by_nip = {p.nip: p for p in people}
    plan = schedule(people)
    folder = _data_dir(ctx) / "laporan-nilai-SINTETIS"
    folder.mkdir(exist_ok=True)
    commands = []
    for key, _name, _jp, _channel in COURSES:
        short = key.split("+")[1].lower()
        for index, quarter in enumerate(city.QUARTERS):
            text = report_csv(plan[key], by_nip, index, SEED)
            if text is None:
                continue
            path = folder / f"{short}-{quarter[0]}-Q{quarter[1]}.csv"
            path.write_text(text, encoding="utf-8")
            as_of = report_date(quarter).isoformat()
            commands.append(["import-grade-report", str(path), "--course", key, "--as-of", as_of])
    imported = len(commands)
    for key, name, jp, channel in COURSES:
        commands.append(["course-credit", key, "--name", name, "--jp", str(jp), "--channel", channel])
    ctx.batch("companion", commands, secret_env=NO_REFRESH)
    print(f"    imported {imported} synthetic grade reports", flush=True)


def accounts(ctx) -> None:
    """An OPD head who reads only DISDUKCAPIL, and the partner who reads only their workshops."""
    password = ("--password-env", "BINA_DEMO_PASSWORD")
    head, head_name, head_email = OPD_HEAD
    partner, partner_name, partner_email = PARTNER
    commands = [
        [
            "manage_user",
            head,
            head_email,
            "--full-name",
            head_name,
            "--role",
            "opd_head",
            "--opd",
            "DISDUKCAPIL",
            *password,
        ],
        [
            "manage_user",
            partner,
            partner_email,
            "--full-name",
            partner_name,
            "--role",
            "partner",
            "--partner",
            PARTNER_NAME,
            *password,
        ],
    ]
    ctx.batch(
        "companion", commands, secret_env={"BINA_DEMO_PASSWORD": ctx.credentials["password"], **NO_REFRESH}
    )


def refresh(ctx) -> None:
    """The dashboard's figures from everything the steps above brought in."""
    print("    " + ctx.companion("evaluate", "--refresh").strip(), flush=True)
