"""Double and triple clicks on "submit": one attempt row, whatever the timing (SQLite and PostgreSQL).

Real HTTP against the dev LMS in a subprocess: several sessions of one learner submit the same
attempt at the same moment; the unique (block, learner, attempt number) constraint lets one through.
"""

import json
import threading
from contextlib import ExitStack

import pytest
import requests

from dev.demo.digital_skills import Learner
from dev.handler_urls import handler_url
from tests.support import servers
from tests.support.pgcluster import cluster_url, scratch_database

pytestmark = pytest.mark.slow
PASSWORD = "kata-sandi-uji-123"
PRE = "bina_digital_skills.0"
SESSIONS = 6


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def lms(request, tmp_path):
    with ExitStack() as stack:
        database_url = None
        if request.param == "postgres":
            if not cluster_url():
                pytest.skip("needs the PostgreSQL server that `make test` starts (BINA_TEST_PG_URL)")
            database_url = stack.enter_context(scratch_database("bina_ds"))
        server = stack.enter_context(servers.dev_lms(tmp_path / "lms", database_url))
        for username, extra in (("ani", []), ("admin", ["--staff"])):
            server.command(
                "manage_user", username, f"{username}@contoh.go.id", *extra, "--password-env", "PW",
                extra_env={"PW": PASSWORD},
            )  # fmt: skip
        yield server


def test_simultaneous_submits_record_one_attempt(lms):
    learners = [Learner(lms.url, "ani", PASSWORD) for _ in range(SESSIONS)]
    usage = learners[0].usage_of(PRE)
    for learner in learners[1:]:
        learner.usage_of(PRE)  # each session gets its CSRF cookie from the page, as a browser does
    state = learners[0].call(usage, "start_attempt", {})
    answers = {item["id"]: [item["options"][0]["id"]] for item in state["draft"]["items"]}
    barrier = threading.Barrier(SESSIONS)
    codes = []

    def submit(learner):
        barrier.wait()
        response = learner.session.post(
            lms.url + handler_url(usage, "submit"),
            json={"answers": answers},
            headers={"X-CSRFToken": learner.session.cookies["csrftoken"], "Referer": lms.url + "/"},
            timeout=60,
        )
        codes.append((response.status_code, response.json().get("error", "")))

    threads = [threading.Thread(target=submit, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(code for code, _ in codes) == [200] + [400] * (SESSIONS - 1)
    assert all(
        "already submitted" in error.lower() or "sudah dikirim" in error
        for code, error in codes
        if code == 400
    )

    staff = requests.Session()
    staff.get(f"{lms.url}/login/", timeout=30)
    staff.post(
        f"{lms.url}/login/",
        data={"username": "admin", "password": PASSWORD, "csrfmiddlewaretoken": staff.cookies["csrftoken"]},
        headers={"Referer": f"{lms.url}/login/"},
        timeout=30,
    )
    rows = staff.get(f"{lms.url}/api/bina/v1/assessment-attempts/", timeout=30).json()["results"]
    assert [(row["username"], row["attempt_number"]) for row in rows] == [("ani", 1)]
    page = learners[0].session.get(f"{lms.url}/scenario/{PRE}/", timeout=30).text
    assert (
        json.loads(page.split('class="bina-ds__data">', 1)[1].split("</script>", 1)[0])["phase"] == "results"
    )
