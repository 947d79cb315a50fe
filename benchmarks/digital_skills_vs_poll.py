"""Server time of the digital-skills assessment next to xblock-poll's SurveyBlock, 40 questions each.

    .venv/bin/python -m benchmarks.digital_skills_vs_poll [--runs 200]

One process, the dev LMS's workbench runtime (``DevLmsRuntime``: real Django users, SQLite in a
temporary folder, events recorded as the dev LMS records them), the same question texts for both
blocks (the 40 items a learner draws from the starter bank, 10 per pillar). Each figure is the
median over ``--runs`` learners or renders, after warm-up:

* ``student_view``: load the block for a learner and render it. Ours: a learner in the middle of an
  attempt (all 40 items on the page, answers saved so far restored). Peer: a learner who has not
  voted yet (the survey form with 40 questions).
* submit: run the handler (JSON body, field save included), each learner once. Ours: ``submit``
  with 40 answers, which scores the attempt, records its row in the plugin table and publishes the
  grade, completion and a tracking event. Peer: ``vote`` with 40 answers.

Goal (issue 3): both ratios ours/peer <= 0.5. Prints figures and ratios; never asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def setup_django(folder: Path) -> None:
    os.environ["BINA_VAR_DIR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dev.lms.settings"
    os.environ.pop("BINA_LMS_DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def json_request(payload):
    from webob import Request

    return Request.blank(
        "/", method="POST", body=json.dumps(payload).encode(), content_type="application/json"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="renders and learners per measurement")
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bina-bench-") as folder:
        setup_django(Path(folder))
        from django.contrib.auth import get_user_model
        from django.utils import translation
        from workbench.scenarios import add_xml_scenario, get_scenarios

        from dev.lms.runtime import DevLmsRuntime
        from xblocks.digital_skills.drawing import draw_items
        from xblocks.digital_skills.resources import STARTER_BANK

        translation.activate("id")
        stems = [
            STARTER_BANK[i]["stem"] for i in range(len(STARTER_BANK)) if STARTER_BANK[i]["id"] in
            set(draw_items(STARTER_BANK, 10, "benchmark", shuffle=False))
        ]  # fmt: skip
        questions = [
            [f"q{n:02d}", {"label": stem, "img": None, "img_alt": None}] for n, stem in enumerate(stems)
        ]
        answers = [
            ["a", "Sangat setuju"],
            ["b", "Setuju"],
            ["c", "Tidak setuju"],
            ["d", "Sangat tidak setuju"],
        ]
        add_xml_scenario(
            "bench_ours.0",
            "Bench ours",
            "<bina_digital_skills mode='standalone' attempts_allowed='0' items_per_pillar='10'/>",
        )
        add_xml_scenario(
            "bench_peer.0",
            "Bench peer",
            f"<survey questions='{json.dumps(questions)}' answers='{json.dumps(answers)}' feedback=''/>",
        )
        ours_usage = get_scenarios()["bench_ours.0"].usage_id
        peer_usage = get_scenarios()["bench_peer.0"].usage_id
        users = get_user_model()
        total = args.runs + args.warmup

        def learner(name):
            return users.objects.create_user(username=name, password=None)

        # student_view ------------------------------------------------------------------
        reader = learner("pembaca")
        runtime = DevLmsRuntime(reader)
        block = runtime.get_block(ours_usage)
        state = json.loads(runtime.handle(block, "start_attempt", json_request({})).body)
        drawn = [item["id"] for item in state["draft"]["items"]]
        assert len(drawn) == 40, len(drawn)
        half = {item["id"]: [item["options"][0]["id"]] for item in state["draft"]["items"][:20]}
        runtime.handle(block, "save_progress", json_request({"answers": half}))

        def render(usage):
            def run():
                rt = DevLmsRuntime(reader)
                html = rt.render(rt.get_block(usage), "student_view").body_html()
                assert len(html) > 1000

            return run

        view = {"ours": [], "peer": []}
        for index in range(total):
            for name, usage in (("ours", ours_usage), ("peer", peer_usage)):
                elapsed = timed(render(usage))
                if index >= args.warmup:
                    view[name].append(elapsed)

        # submit ------------------------------------------------------------------------
        submit = {"ours": [], "peer": []}
        vote = {key: "b" for key, _question in questions}
        for index in range(total):
            user = learner(f"asn{index:04d}")
            rt = DevLmsRuntime(user)
            ours_block = rt.get_block(ours_usage)
            draft = json.loads(rt.handle(ours_block, "start_attempt", json_request({})).body)
            chosen = {item["id"]: [item["options"][1]["id"]] for item in draft["draft"]["items"]}

            def ours(user=user, chosen=chosen):
                rt2 = DevLmsRuntime(user)
                response = rt2.handle(rt2.get_block(ours_usage), "submit", json_request({"answers": chosen}))
                assert response.status_code == 200, response.body

            def peer(user=user):
                rt2 = DevLmsRuntime(user)
                response = rt2.handle(rt2.get_block(peer_usage), "vote", json_request(vote))
                assert json.loads(response.body)["success"], response.body

            for name, run in (("ours", ours), ("peer", peer)):
                elapsed = timed(run)
                if index >= args.warmup:
                    submit[name].append(elapsed)

    print(
        f"Digital-skills assessment vs xblock-poll SurveyBlock, 40 questions, {args.runs} runs each (median)"
    )
    print(f"  Python {sys.version.split()[0]}, SQLite dev LMS database, DevLmsRuntime (workbench)")
    rows = [("student_view", view), ("submit / vote", submit)]
    print(f"  {'measure':<16}{'ours ms':>10}{'peer ms':>10}{'ours/peer':>11}   goal <= 0.5")
    for label, samples in rows:
        ours_ms, peer_ms = median_ms(samples["ours"]), median_ms(samples["peer"])
        ratio = ours_ms / peer_ms
        verdict = "met" if ratio <= 0.5 else "NOT met"
        print(f"  {label:<16}{ours_ms:>10.2f}{peer_ms:>10.2f}{ratio:>11.2f}   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
