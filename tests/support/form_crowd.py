"""A crowd at the public SKM form behind one reverse proxy (issue 15): the scenario that the system
test (tests/system/test_skm_form_under_load.py) and the benchmark (benchmarks/skm_form_abuse.py)
share.

Real HTTP to a companion under gunicorn with several workers. Every request comes from the proxy
(127.0.0.1) and names its client in X-Forwarded-For, as Caddy does. The crowd:

- ``citizens`` citizens, each answering once at one of the units; some pairs share a counter's Wi-Fi
  (one address), and in some of those pairs both give exactly the same answers;
- ``double_taps`` of them send their form twice at the same moment (a double tap, a retry);
- one attacker at one address floods one unit with ``attacker_posts`` varied answers, each on a
  freshly opened form, writing a made-up address into X-Forwarded-For before its real one.

Every POST is released at once (one thread each). Afterwards the stored rows are read back and
compared with what each citizen sent: each distinct answer must be stored exactly as many times as
there are citizens who sent it.
"""

from __future__ import annotations

import json
import random
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import requests

TOKEN = re.compile(r'name="token" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CODES = [f"U{n}" for n in range(1, 10)]
UNITS = ["LOKET-KTP", "LOKET-KK", "RSUD-RAJAL", "PERIZINAN"]
ATTACKER = "203.0.113.66"
CONTENT_FIELDS = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9", "sex", "age_group", "comment"]


@dataclass
class Post:
    """One POST of the crowd: who sends it, from which address, to which unit, with which answers."""

    who: str  # "citizen", "double-tap" or "attacker"
    person: str
    address: str
    unit: str
    answers: dict
    cookie: str = ""
    form: dict = field(default_factory=dict)
    status: int | None = None
    location: str = ""

    def content(self) -> tuple:
        """What is stored of this answer, as the rows read back are compared."""
        a = self.answers
        return (self.unit, *(int(a[c]) for c in CODES), a["jenis_kelamin"], a["usia"], a["kritik_saran"])


def plan(
    citizens: int = 200,
    double_taps: int = 40,
    attacker_posts: int = 60,
    shared_wifi_pairs: int = 20,
    identical_pairs: int = 10,
    seed: int = 15,
) -> list[Post]:
    """The crowd's POSTs: ``citizens + double_taps + attacker_posts`` in all."""
    rng = random.Random(seed)  # noqa: S311 (a reproducible crowd, not a secret)
    posts: list[Post] = []
    number = 0
    while number < citizens:
        unit = UNITS[number % len(UNITS)]
        paired = number // 2 < shared_wifi_pairs and number + 1 < citizens
        address = f"36.80.{number // 250}.{number % 250 + 1}"
        answers = _answers(rng, f"warga {number}: antrean cepat" if rng.random() < 0.6 else "")
        posts.append(Post("citizen", f"warga-{number}", address, unit, answers))
        if paired:  # a second citizen on the same Wi-Fi, at the same unit
            same = number // 2 < identical_pairs
            second = dict(answers) if same else _answers(rng, f"warga {number + 1}")
            if same:
                second["kritik_saran"] = answers["kritik_saran"] = ""
            posts.append(Post("citizen", f"warga-{number + 1}", address, unit, second))
            number += 2
        else:
            number += 1
    for post in rng.sample(posts, double_taps):
        posts.append(Post("double-tap", post.person, post.address, post.unit, post.answers))
    for n in range(attacker_posts):
        answers = _answers(rng, f"serbu {n}")
        answers.update(dict.fromkeys(CODES, "1"))
        posts.append(Post("attacker", f"penyerang-{n}", ATTACKER, UNITS[0], answers))
    return posts


def _answers(rng: random.Random, comment: str) -> dict:
    data = {code: str(rng.randint(1, 4)) for code in CODES}
    data.update(
        {
            "jenis_kelamin": rng.choice("LP"),
            "usia": rng.choice(["<20", "20-29", "30-39", "40-49", "50-59", "60+"]),
            "pendidikan": "sma",
            "pekerjaan": "swasta",
            "kritik_saran": comment,
            "website": "",
        }
    )
    return data


def headers(post: Post, extra: dict | None = None) -> dict:
    """What the proxy forwards: the client's address (the attacker's own, after its made-up one)."""
    forwarded = (
        f"198.51.100.{len(post.person) % 200}, {post.address}" if post.who == "attacker" else post.address
    )
    return {"X-Forwarded-For": forwarded, **(extra or {})}


def open_forms(base: str, posts: list[Post], extra_headers: dict | None = None, threads: int = 16) -> None:
    """Every person opens the form (a double tap reuses its citizen's form and cookies). Cookies are
    sent back by hand: behind a TLS proxy they are ``Secure``, and this client talks plain HTTP."""
    first: dict[str, Post] = {}

    def open_one(post: Post) -> None:
        page = requests.get(f"{base}/survei/{post.unit}/", headers=headers(post, extra_headers), timeout=60)
        page.raise_for_status()
        post.cookie = "; ".join(f"{name}={value}" for name, value in page.cookies.items())
        post.form = {
            **post.answers,
            "token": TOKEN.search(page.text).group(1),
            "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
        }

    originals = [post for post in posts if post.who != "double-tap"]
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(open_one, originals))
    for post in originals:
        first[post.person] = post
    for post in posts:
        if post.who == "double-tap":
            original = first[post.person]
            post.cookie, post.form = original.cookie, dict(original.form)


def fire(base: str, posts: list[Post], extra_headers: dict | None = None) -> float:
    """Release every POST at the same moment; returns the seconds until the last one is answered."""
    barrier = threading.Barrier(len(posts) + 1)

    def send(post: Post) -> None:
        barrier.wait()
        try:
            response = requests.post(
                f"{base}/survei/{post.unit}/",
                data=post.form,
                headers=headers(post, {"Cookie": post.cookie, **(extra_headers or {})}),
                allow_redirects=False,
                timeout=300,
            )
            post.status, post.location = response.status_code, response.headers.get("Location", "")
        except requests.RequestException as exc:
            post.status, post.location = 0, repr(exc)

    workers = [threading.Thread(target=send, args=(post,)) for post in posts]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


def fire_gets(base: str, count: int) -> float:
    """The peer: ``count`` GETs of ``/healthz`` released at once; seconds until the last answer."""
    barrier = threading.Barrier(count + 1)

    def get() -> None:
        barrier.wait()
        requests.get(f"{base}/healthz", timeout=300)

    workers = [threading.Thread(target=get) for _ in range(count)]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    return time.perf_counter() - started


STORED_ROWS = (
    "import json; from companion_service.skm.models import SurveyResponse as R; "
    "print(json.dumps(list(R.objects.filter(source='form').values_list("
    "'unit__code', " + ", ".join(f"'{name}'" for name in CONTENT_FIELDS) + ", 'review'))))"
)


@dataclass
class Figures:
    """What happened, per the posts' answers and the rows read back."""

    posts: int
    seconds: float
    statuses: dict
    stored: int
    citizens_expected: int
    citizens_stored_right: bool
    citizen_differences: list
    attacker_stored: int
    refused: int
    flagged: dict

    def lines(self) -> list[str]:
        return [
            f"posts: {self.posts} in {self.seconds:.2f} s (until the last answer)",
            f"statuses: {self.statuses}",
            f"stored: {self.stored} (citizens' answers expected {self.citizens_expected}, "
            f"each stored exactly once: {'yes' if self.citizens_stored_right else 'NO'}; "
            f"attacker's {self.attacker_stored})",
            f"refused: {self.refused} (429 limits, 409 replays)",
            f"flagged for review: {self.flagged}",
        ]


def figures(posts: list[Post], rows_json: str, seconds: float) -> Figures:
    rows = json.loads(rows_json.strip().splitlines()[-1])
    stored = Counter(tuple(row[:-1]) for row in rows)
    expected = Counter(post.content() for post in posts if post.who == "citizen")
    differences = [
        (content, count, stored.get(content, 0))
        for content, count in expected.items()
        if stored.get(content, 0) != count
    ]
    attacker = {post.content() for post in posts if post.who == "attacker"}
    return Figures(
        posts=len(posts),
        seconds=seconds,
        statuses=dict(sorted(Counter(f"{p.who} {p.status}" for p in posts).items())),
        stored=len(rows),
        citizens_expected=sum(expected.values()),
        citizens_stored_right=not differences,
        citizen_differences=differences[:5],
        attacker_stored=sum(count for content, count in stored.items() if content in attacker),
        refused=sum(1 for post in posts if post.status in (409, 429)),
        flagged=dict(Counter(row[-1] for row in rows if row[-1])),
    )
