"""Demo data for the digital-skills assessment (``make demo``), through the paths real data takes.

* ``create_learners`` (before the servers start): synthetic ASN learners, made with the dev LMS's
  ``manage_user`` command as an operator would.
* ``take_assessments`` (once the dev LMS answers): learners sign in at ``/login/`` and take the
  pre-test through the block's real handlers over HTTP (start, save progress, submit), and most of
  them the post-test after "training". Their answers follow a seeded ability per pillar (digital
  safety the weakest, as in the national index), so results and gains look like a real cohort.

``ani`` is left untouched for the person running the demo; ``budi`` has both tests, ``citra`` only
the pre-test, ``dedi`` a post-test in progress. Every name here is synthetic.
"""

from __future__ import annotations

import random
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

import xblocks.digital_skills
from dev.handler_urls import handler_url
from xblocks.digital_skills.bankio import read_bank

PRE, POST = "bina_digital_skills.0", "bina_digital_skills.1"
BANK = Path(xblocks.digital_skills.__file__).parent / "bank" / "starter_bank_id.yaml"
TIMEOUT = 30
# Synthetic learners (names common in Sibolga and Tapanuli Tengah); emails on a reserved example domain.
SYNTHETIC_LEARNERS = [
    ("asn01", "Rahmat Panggabean"),
    ("asn02", "Sri Wahyuni Lubis"),
    ("asn03", "Fitri Hutabarat"),
    ("asn04", "Yohannes Sitompul"),
    ("asn05", "Nurhayati Tanjung"),
    ("asn06", "Ahmad Fauzi Nasution"),
    ("asn07", "Rosmawati Simanjuntak"),
    ("asn08", "Hendra Situmorang"),
    ("asn09", "Maria Gulo"),
    ("asn10", "Syahrul Pohan"),
    ("asn11", "Lestari Sihombing"),
    ("asn12", "Daniel Zebua"),
    ("asn13", "Irma Harahap"),
    ("asn14", "Bonar Manullang"),
    ("asn15", "Kartini Rambe"),
    ("asn16", "Ferdinan Tambunan"),
]
# Who takes what: (username, takes the post-test too, leaves the post-test in progress).
NAMED_PLAN = [("budi", True, False), ("citra", False, False), ("dedi", False, True)]
BASE_ABILITY = {"cakap": 0.62, "etika": 0.68, "aman": 0.48, "budaya": 0.66}
TRAINING_GAIN = 0.22
USAGE_RE = re.compile(r"data-usage='([^']+)'")


def create_learners(ctx) -> None:
    """Synthetic learners for the assessment cohort (``manage_user`` each, in one batch)."""
    commands = [
        [
            "manage_user",
            username,
            f"{username}@contoh.sibolgakota.go.id",
            "--full-name",
            name,
            "--password-env",
            "BINA_DEMO_PASSWORD",
        ]
        for username, name in SYNTHETIC_LEARNERS
    ]
    ctx.batch("lms", commands, secret_env={"BINA_DEMO_PASSWORD": ctx.credentials["password"]})


class Learner:
    """One learner's browser-like session with the dev LMS."""

    def __init__(self, base_url: str, username: str, password: str):
        self.base_url, self.username = base_url, username
        self.session = requests.Session()
        login = f"{base_url}/login/"
        self.session.get(login, timeout=TIMEOUT).raise_for_status()
        response = self.session.post(
            login,
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
            },
            headers={"Referer": login},
            timeout=TIMEOUT,
        )
        response.raise_for_status()
        if "/login/" in response.url:
            raise RuntimeError(f"the demo learner {username} could not sign in")

    def usage_of(self, scenario_id: str) -> str:
        page = self.session.get(f"{self.base_url}/scenario/{scenario_id}/", timeout=TIMEOUT)
        page.raise_for_status()
        return USAGE_RE.search(page.text).group(1)

    def call(self, usage: str, handler: str, payload: dict) -> dict:
        response = self.session.post(
            self.base_url + handler_url(usage, handler),
            json=payload,
            headers={"X-CSRFToken": self.session.cookies["csrftoken"], "Referer": self.base_url + "/"},
            timeout=TIMEOUT,
        )
        if response.status_code != 200:
            raise RuntimeError(
                f"{handler} for {self.username} answered {response.status_code}: {response.text[:200]}"
            )
        return response.json()


def answer(item: dict, ability: float, rng: random.Random) -> list[str]:
    """What a learner of this ability picks: harder (higher-level) items are missed more often."""
    options = item["options"]
    if item["type"] == "likert":
        point = round(ability * 4 + rng.uniform(-1, 1))
        return [options[min(max(point, 0), 4)]["id"]]
    knows = rng.random() < min(max(ability - 0.05 * (item["level"] - 3), 0.05), 0.97)
    correct = [option["id"] for option in options if option["correct"]]
    wrong = [option["id"] for option in options if not option["correct"]]
    if knows:
        return correct
    if item["type"] == "multiple":
        return [*correct[:1], rng.choice(wrong)] if wrong else correct[:1]
    return [rng.choice(wrong)]


def take(learner: Learner, scenario_id: str, ability: dict, rng: random.Random, bank: dict, *, submit=True):
    """Start the test, save half the answers (as a learner who pauses), then submit them all."""
    usage = learner.usage_of(scenario_id)
    state = learner.call(usage, "start_attempt", {})
    items = [bank[item["id"]] for item in state["draft"]["items"]]
    answers = {item["id"]: answer(item, ability[item["pillar"]], rng) for item in items}
    half = dict(list(answers.items())[: len(answers) // 2])
    learner.call(usage, "save_progress", {"answers": half})
    if submit:
        learner.call(usage, "submit", {"answers": answers})


def take_assessments(ctx) -> None:
    """Named and synthetic learners take the pre-test, most of them the post-test as well."""
    bank = {item["id"]: item for item in read_bank(BANK.read_bytes(), "yaml")}
    password = ctx.credentials["password"]
    plan = list(NAMED_PLAN)
    plan += [(username, index % 8 < 5, False) for index, (username, _name) in enumerate(SYNTHETIC_LEARNERS)]

    # One learner first, alone: the workbench loads its scenarios on the first request, and that
    # loading is not safe to run in several request threads at once.
    first, *rest = plan

    def run(entry):
        username, post, post_in_progress = entry
        rng = random.Random(f"bina-demo-{username}")  # noqa: S311 - synthetic answers, not security
        ability = {
            pillar: min(max(base + rng.gauss(0, 0.12), 0.15), 0.95) for pillar, base in BASE_ABILITY.items()
        }
        learner = Learner(ctx.lms_url, username, password)
        take(learner, PRE, ability, rng, bank)
        if post or post_in_progress:
            trained = {
                pillar: min(value + TRAINING_GAIN * rng.uniform(0.4, 1.3), 0.98)
                for pillar, value in ability.items()
            }
            take(learner, POST, trained, rng, bank, submit=not post_in_progress)

    run(first)
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(run, rest))
