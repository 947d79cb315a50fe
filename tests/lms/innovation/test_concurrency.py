"""Supports under real parallel HTTP against the dev LMS, on SQLite and on PostgreSQL.

* 200 learners support the same idea at once: exactly 200 supports are counted;
* one learner sends the same support 50 times at once: exactly one support;
* 100 learners with a budget of 3 each try all 5 ideas at once: nobody exceeds 3.

(The public peer xblock-poll keeps 8 of 60 concurrent votes in the same workbench: it stores votes in
``Scope.user_state_summary``; ours are rows with constraints and a conditional budget update.)
Learners get real sessions from the dev LMS's ``open_sessions`` command; every request is a real POST
to the block's handler through ``runserver``, fired together from a thread pool behind a barrier.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import string
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from dev.handler_urls import handler_url
from tests.support import servers
from tests.support.pgcluster import scratch_database

from .conftest import COMPLETE

pytestmark = pytest.mark.slow
UNIT = "/scenario/bina_innovation.0/"
BUDGET = 3  # the workbench scenario's support budget


class Learners:
    """Signed-in HTTP sessions on the running dev LMS, and the block's handler URLs."""

    def __init__(self, server):
        self.server = server
        self.usage_id = None

    def sessions(self, prefix: str, count: int) -> dict[str, callable]:
        """Sign ``count`` learners in; for each, a function that opens a new HTTP client with their session
        (a client per request, as separate browser tabs would be: ``requests.Session`` is not thread-safe)."""
        made = json.loads(self.server.command("open_sessions", prefix, str(count)))

        def opener(key):
            def open_client():
                client = requests.Session()
                token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
                client.cookies.set(made["cookie"], key, domain="127.0.0.1")
                client.cookies.set("csrftoken", token, domain="127.0.0.1")
                client.headers.update({"X-CSRFToken": token, "Accept-Language": "id"})
                return client

            return open_client

        return {username: opener(key) for username, key in made["sessions"].items()}

    def find_block(self, open_client) -> None:
        with open_client() as client:
            page = client.get(self.server.url + UNIT, timeout=60)
        assert page.status_code == 200
        self.usage_id = re.search(r"data-usage=['\"]([^'\"]+)['\"]", page.text).group(1)

    def post(self, open_client, handler: str, data: dict) -> requests.Response:
        url = self.server.url + handler_url(self.usage_id, handler)
        with open_client() as client:
            return client.post(
                url, data=json.dumps(data), headers={"Content-Type": "application/json"}, timeout=180
            )

    def count(self, expression: str) -> int:
        """Evaluate a count in the server's own database (``python -m django shell``)."""
        return int(self.shell(f"from xblocks.bina_asn.models.innovation import *; print({expression})"))

    def shell(self, code: str) -> str:
        """The last line ``code`` prints, run by ``python -m django shell`` against the server's database."""
        return self.server.command("shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def all_at_once(calls):
    """Run every call on its own thread, released together by a barrier; return their results in order."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def lms(request, tmp_path_factory):
    var_dir = tmp_path_factory.mktemp(f"lms-{request.param}")
    if request.param == "sqlite":
        with servers.dev_lms(var_dir) as server:
            yield setup(server)
        return
    url = os.environ.get("BINA_TEST_PG_URL")
    if not url:
        pytest.skip(
            "PostgreSQL variant: BINA_TEST_PG_URL is not set; `make test` starts a cluster, or run "
            "`python -m tests.support.pgcluster -- <pytest command>`"
        )
    with (
        scratch_database("bina_innovation", url) as database_url,
        servers.dev_lms(var_dir, database_url) as server,
    ):
        yield setup(server)


def setup(server) -> tuple[Learners, list[int]]:
    """Two proposers submit five ideas through the handler; return the learners helper and the idea ids."""
    server.command("import-units", str(servers.city_units_file(Path(server.env["BINA_VAR_DIR"]))))
    learners = Learners(server)
    authors = learners.sessions("pengusul", 2)
    learners.find_block(authors["pengusul001"])
    ideas = []
    for n in range(5):
        author = authors["pengusul001" if n < 3 else "pengusul002"]
        response = learners.post(
            author, "save_idea", {"fields": {**COMPLETE, "title": f"Ide serentak {n + 1}"}, "submit": True}
        )
        assert response.status_code == 200, response.text
        ideas.append(response.json()["idea"]["id"])
    return learners, ideas


def test_200_learners_support_one_idea_at_once(lms):
    learners, ideas = lms
    sessions = learners.sessions("serentak", 200)
    responses = all_at_once(
        [
            lambda s=s: learners.post(s, "support", {"id": ideas[0], "supported": True})
            for s in sessions.values()
        ]
    )
    assert [r.status_code for r in responses] == [200] * 200, {r.status_code: r.text for r in responses}
    assert max(r.json()["supports_count"] for r in responses) == 200
    assert learners.count(f"Idea.objects.get(pk={ideas[0]}).supports_count") == 200
    assert learners.count(f"IdeaSupport.objects.filter(idea_id={ideas[0]}).count()") == 200
    assert (
        learners.count("SupportBudget.objects.filter(user__username__startswith='serentak', spent=1).count()")
        == 200
    )


def test_one_learner_sending_the_same_support_50_times_counts_once(lms):
    learners, ideas = lms
    session = learners.sessions("berulang", 1)["berulang001"]
    responses = all_at_once([lambda: learners.post(session, "support", {"id": ideas[1]}) for _ in range(50)])
    assert [r.status_code for r in responses] == [200] * 50
    assert {r.json()["supports_count"] for r in responses} == {1}
    assert learners.count(f"IdeaSupport.objects.filter(idea_id={ideas[1]}).count()") == 1
    assert learners.count(f"Idea.objects.get(pk={ideas[1]}).supports_count") == 1
    assert learners.count("SupportBudget.objects.get(user__username='berulang001').spent") == 1


def test_100_learners_with_a_budget_of_3_never_exceed_it(lms):
    learners, ideas = lms
    sessions = learners.sessions("anggaran", 100)
    calls = [
        lambda s=s, idea=idea: learners.post(s, "support", {"id": idea})
        for s in sessions.values()
        for idea in ideas
    ]
    responses = all_at_once(calls)
    codes = [r.status_code for r in responses]
    assert codes.count(200) == 100 * BUDGET
    assert codes.count(400) == 100 * (len(ideas) - BUDGET)
    assert {r.json()["code"] for r in responses if r.status_code == 400} == {"budget_exhausted"}
    per_learner = learners.shell(
        "from django.db.models import Count; from xblocks.bina_asn.models.innovation import IdeaSupport; "
        "print(sorted(set(IdeaSupport.objects.filter(user__username__startswith='anggaran')"
        ".values('user').annotate(n=Count('id')).values_list('n', flat=True))))"
    )
    assert per_learner == f"[{BUDGET}]"  # every learner has exactly 3, nobody more
    rows = learners.count("IdeaSupport.objects.filter(user__username__startswith='anggaran').count()")
    assert rows == 100 * BUDGET
    counted = learners.count("sum(Idea.objects.values_list('supports_count', flat=True))")
    assert counted == learners.count("IdeaSupport.objects.count()")  # the counters agree with the rows
