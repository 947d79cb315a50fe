"""The course team's item analysis in the LMS, and the plugin API that serves it to the companion."""

import csv
import io

import pytest

from xblocks.bina_asn.models import AssessmentBankSnapshot

from .conftest import POST, PRE

ANALYSIS_URL = "/api/bina/v1/assessment-analysis/"
COURSE = "course-v1:KotaSibolga+ASN-DIGITAL+2026"


def drawn(state):
    return [item["id"] for item in state["draft"]["items"]]


def take(taker, user, scenario_id, share_right):
    """``user`` takes the assessment and answers the first ``share_right`` of its knowledge items right."""
    person = taker(user, scenario_id)
    ids = drawn(person.start())
    bank = person.items_by_id()
    knowledge = [i for i in ids if bank[i]["type"] != "likert"]
    right = knowledge[: round(share_right * len(knowledge))]
    response = person.call("submit", {"answers": person.answers(ids, correct_ids=right)})
    assert response.status_code == 200, response.content
    return person


@pytest.fixture
def cohort(taker, make_user):
    """Twelve learners take the pre-test and the post-test (stronger after training)."""
    learners = [make_user(f"asn{number:02d}") for number in range(12)]
    for number, user in enumerate(learners):
        take(taker, user, PRE, 0.2 + 0.05 * number)
        take(taker, user, POST, 0.5 + 0.04 * number)
    return learners


def test_learners_get_no_staff_panel_and_no_analysis(taker, learner):
    ani = taker(learner)
    assert "staff" not in ani.view_state()
    assert ani.call("item_analysis").status_code == 403
    ani.client.force_login(learner)
    response = ani.client.get(ani.url("item_analysis_csv"))
    assert response.status_code == 403
    assert "course team" in response.json()["error"]


def test_course_staff_see_the_panel_and_the_analysis_per_form(taker, course_staff, cohort):
    staff = taker(course_staff)
    state = staff.view_state()
    assert set(state["staff"]) == {"analysis_url", "csv_url"}
    page = staff.client.get(f"/scenario/{PRE}/").content.decode()
    assert "static/js/staff.js" in page

    response = staff.call("item_analysis")
    assert response.status_code == 200, response.content
    body = response.json()
    forms = {form["form"]: form for form in body["forms"]}
    assert set(forms) == {"A", "B"}
    assert forms["A"]["attempts"] + forms["B"]["attempts"] == 12
    for form in forms.values():
        assert form["items"] and len(form["items"]) == 52
        assert form["reliability_kind"] in ("kr20", "alpha")
        item = form["items"][0]
        assert {"id", "p", "r", "d", "options", "flags", "stem", "pillar", "competence", "level"} <= set(item)
        assert sum(option["correct"] for option in item["options"]) >= 1
    assert body["labels"]["flags"]["too_easy"].startswith("Too easy")
    gains = body["gains"]
    assert gains["pairing_key"] == "literasi-digital-2026"
    assert gains["overall"]["pairs"] == 12 and gains["overall"]["g"] > 0
    assert gains["overall"]["g_low"] <= gains["overall"]["g"] <= gains["overall"]["g_high"]


def test_the_csv_has_a_row_per_item_and_form(taker, course_staff, cohort):
    staff = taker(course_staff, POST)
    staff.client.force_login(course_staff)
    response = staff.client.get(staff.url("item_analysis_csv"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 104
    assert {row["form"] for row in rows} == {"A", "B"}
    assert all(row["key"] for row in rows)


def test_a_submission_records_the_bank_the_answers_were_scored_against(taker, learner):
    take(taker, learner, PRE, 0.5)
    snapshot = AssessmentBankSnapshot.objects.get()
    assert snapshot.mode == "pre" and snapshot.pairing_key == "literasi-digital-2026"
    assert len(snapshot.items) == 104  # knowledge items only
    assert all(set(item) >= {"id", "form", "options"} for item in snapshot.items)


def test_the_api_serves_the_course_analysis_to_the_service_user(client, service_token, taker, cohort):
    response = client.get(ANALYSIS_URL, {"course_id": COURSE}, **service_token)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["course_id"] == COURSE
    modes = {block["mode"] for block in body["blocks"]}
    assert modes == {"pre", "post"}
    for block in body["blocks"]:
        for form in block["forms"]:
            assert form["items_withheld"] is (form["attempts"] < 5)
            if not form["items_withheld"]:
                assert len(form["items"]) == 52
    assert [gain["pairing_key"] for gain in body["gains"]] == ["literasi-digital-2026"]
    assert body["gains"][0]["overall"]["pairs"] == 12


def test_the_api_needs_a_course_and_the_service_user(client, service_token, learner):
    assert client.get(ANALYSIS_URL, **service_token).status_code == 400
    client.force_login(learner)
    assert client.get(ANALYSIS_URL, {"course_id": COURSE}).status_code == 403


def _shape(value):
    """The structure of a JSON value: keys of objects, the shape of the first element of lists."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else "null"


def _same_shape(served, recorded, where="$"):
    if isinstance(recorded, dict):
        assert isinstance(served, dict) and set(served) == set(recorded), where
        for key in recorded:
            _same_shape(served[key], recorded[key], f"{where}.{key}")
    elif isinstance(recorded, list) and recorded and served:
        _same_shape(served[0], recorded[0], f"{where}[0]")


def test_the_served_analysis_has_the_shape_the_companion_reads(client, service_token, cohort):
    """The companion replays ``api_samples/bina.v1.assessment-analysis.course.json``: keep both in step."""
    import json
    import os
    from pathlib import Path

    sample_path = (
        Path(__file__).parents[2] / "support" / "api_samples" / "bina.v1.assessment-analysis.course.json"
    )
    body = client.get(ANALYSIS_URL, {"course_id": COURSE}, **service_token).json()
    if os.environ.get("BINA_RECORD_SAMPLES"):  # rewrite the sample from the real API, two items a form
        for block in body["blocks"]:
            for form in block["forms"]:
                form["items"] = form["items"][:2]
        sample_path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    _same_shape(body, json.loads(sample_path.read_text()))
