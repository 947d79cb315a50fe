"""The learner's handlers on the dev LMS (workbench runtime, real users, real database)."""

import json
from collections import Counter

import pytest

from dev.handler_urls import handler_url
from dev.lms.models import TrackingEvent
from xblocks.bina_asn.models import AssessmentAttempt
from xblocks.digital_skills import handlers as handlers_module

from .conftest import POST, PRE


def pillar_counts(item_ids):
    return Counter(item_id.split("-")[0] for item_id in item_ids)


def drawn_ids(state):
    return [item["id"] for item in state["draft"]["items"]]


def test_intro_for_a_learner_without_answer_keys(taker, learner):
    state = taker(learner).view_state()
    assert state["phase"] == "intro"
    assert state["item_count"] == 60  # the learner's whole form: 52 knowledge items and 8 self-ratings
    assert state["attempts"] == {"allowed": 1, "used": 0, "left": 1}
    assert "correct" not in json.dumps(state)


def test_anonymous_callers_cannot_start(client, scenarios):
    from workbench.scenarios import get_scenarios

    usage = get_scenarios()[PRE].usage_id
    response = client.post(handler_url(usage, "start_attempt"), "{}", content_type="application/json")
    assert response.status_code == 403


def test_start_draws_the_learners_whole_form_and_resumes_the_same_draw(taker, learner):
    ani = taker(learner)
    first = ani.start()
    assert first["phase"] == "taking"
    ids = drawn_ids(first)
    bank = ani.items_by_id()
    forms = {bank[item_id]["form"] for item_id in ids} - {""}
    assert len(forms) == 1 and ani.block().progress["form"] in forms
    assert pillar_counts(ids) == {"cakap": 22, "etika": 10, "aman": 12, "budaya": 8, "diri": 8}
    assert "correct" not in json.dumps(first)
    again = ani.start()
    assert again["draft"]["items"] == first["draft"]["items"]  # same items, same option order
    assert ani.view_state()["draft"]["items"] == first["draft"]["items"]


def test_learners_are_spread_over_both_forms(taker, learner, make_user):
    ani = taker(learner)
    ani.start()
    seen = {ani.block().progress["form"]}
    for number in range(12):
        if len(seen) == 2:
            break
        other = taker(make_user(f"budi{number}"))
        other.start()
        seen.add(other.block().progress["form"])
    assert seen == {"A", "B"}


def test_progress_is_saved_and_resumes_after_a_reload(taker, learner):
    ani = taker(learner)
    ids = drawn_ids(ani.start())
    answers = ani.answers(ids[:3], correct_ids=ids[:3])
    response = ani.call("save_progress", {"answers": answers})
    assert response.status_code == 200
    assert response.json()["answered"] == 3
    # Clearing one answer with an empty list.
    ani.call("save_progress", {"answers": {ids[0]: []}})
    state = ani.view_state()
    assert state["phase"] == "taking"
    assert state["draft"]["answers"] == {ids[1]: answers[ids[1]], ids[2]: answers[ids[2]]}
    assert state["draft"]["saved"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"answers": {"tidak-ada": ["a"]}}, "is not part of your assessment"),
        ({"answers": []}, "Send the answers as an object"),
        ({"answers": {"FIRST": "a"}}, "list of option ids"),
        ({"answers": {"FIRST": [1]}}, "list of option ids"),
        ({"answers": {"FIRST": ["z"]}}, "has no option z"),
        ({"answers": {"FIRST": ["a", "b"]}}, "choose only one option"),
        ({"answers": {"UNDRAWN": ["a"]}}, "is not part of your assessment"),
    ],
)
def test_bad_answers_are_refused_and_change_nothing(taker, learner, payload, message):
    ani = taker(learner)
    ids = drawn_ids(ani.start())
    bank = ani.items_by_id()
    first_single = next(item_id for item_id in ids if bank[item_id]["type"] != "multiple")
    undrawn = next(item_id for item_id in bank if item_id not in ids)
    ani.call("save_progress", {"answers": ani.answers([first_single])})
    before = ani.view_state()["draft"]
    text = json.dumps(payload).replace("FIRST", first_single).replace("UNDRAWN", undrawn)
    for handler in ("save_progress", "submit"):
        response = ani.call(handler, raw=text)
        assert response.status_code == 400, response.content
        assert message in response.json()["error"]
    assert ani.view_state()["draft"] == before
    assert not AssessmentAttempt.objects.exists()


def test_malformed_oversized_and_get_requests_are_refused(taker, learner):
    ani = taker(learner)
    ani.start()
    assert ani.call("save_progress", raw="{not json").status_code == 400
    huge = json.dumps({"answers": {"x" * 10: ["a"] * 20000}})
    response = ani.call("save_progress", raw=huge)
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert "too large" in response.json()["error"]
    ani.client.force_login(learner)
    assert ani.client.get(ani.url("submit")).status_code == 405


def test_saving_or_submitting_before_starting_is_refused(taker, learner):
    ani = taker(learner)
    for handler in ("save_progress", "submit"):
        response = ani.call(handler, {"answers": {}})
        assert response.status_code == 400
        assert "Start the assessment first" in response.json()["error"]


def test_submit_records_grades_and_publishes(taker, learner):
    ani = taker(learner)
    ids = drawn_ids(ani.start())
    bank = ani.items_by_id()
    correct = [item_id for item_id in ids if bank[item_id]["pillar"] in ("cakap", "etika")]
    response = ani.call("submit", {"answers": ani.answers(ids, correct_ids=correct)})
    assert response.status_code == 200, response.content
    state = response.json()
    assert state["phase"] == "results"
    result = state["result"]
    scores = {row["code"]: row["score"] for row in result["pillars"]}
    assert scores == {"cakap": 100.0, "etika": 100.0, "aman": 0.0, "budaya": 0.0}
    assert result["score"] == 50.0 and result["passed"] is False
    assert all("index" not in row for row in result["pillars"])  # no rescaled "national index"

    row = AssessmentAttempt.objects.get()
    assert (row.user, row.mode, row.pairing_key, row.attempt_number) == (
        learner,
        "pre",
        "literasi-digital-2026",
        1,
    )
    assert row.anonymous_user_id and row.item_ids == ids
    assert row.pillar_scores == scores and row.score == 0.5

    events = {event.event_type: event.data for event in TrackingEvent.objects.all()}
    assert events["grade"] == {"value": 0.5, "max_value": 1.0, "only_if_higher": None}
    assert events["completion"] == {"completion": 1.0}
    submitted = events[handlers_module.EVENT_SUBMITTED]
    assert submitted["pillar_scores"] == scores
    assert submitted["competence_scores"] == row.competence_scores
    assert submitted["mode"] == "pre"

    # The draft is gone; a second submit and a new start (one attempt allowed) are refused.
    again = ani.call("submit", {"answers": {}})
    assert again.status_code == 400
    assert "already submitted" in again.json()["error"]
    start = ani.call("start_attempt")
    assert start.status_code == 400
    assert "used all 1 attempts" in start.json()["error"]
    assert AssessmentAttempt.objects.count() == 1
    assert ani.view_state()["phase"] == "results"
    assert ani.block().get_score().raw_earned == 0.5


def test_second_attempt_gets_a_new_draw_when_allowed(taker, learner, scenario):
    ani = taker(
        learner, scenario(attempts_allowed="2", show_answers="after_last_attempt", items_per_pillar="5")
    )
    first = drawn_ids(ani.start())
    state = ani.call("submit", {"answers": ani.answers(first)}).json()
    assert state["can_retake"] is True
    assert state["result"]["review"] is None
    assert "after your last attempt" in state["result"]["review_note"]
    second = drawn_ids(ani.start())
    assert second != first
    state = ani.call("submit", {"answers": ani.answers(second, correct_ids=second)}).json()
    assert state["result"]["attempt_number"] == 2 and state["result"]["score"] == 100.0
    assert state["can_retake"] is False
    assert len(state["result"]["review"]) == 20
    assert list(AssessmentAttempt.objects.values_list("attempt_number", flat=True)) == [1, 2]


def test_post_test_shows_the_gain_over_the_pre_test(taker, learner):
    pre, post = taker(learner, PRE), taker(learner, POST)
    assert post.view_state()["pre_test"] is None
    pre_ids = drawn_ids(pre.start())
    bank = pre.items_by_id()
    half = [item_id for item_id in pre_ids if bank[item_id]["pillar"] in ("cakap", "aman")]
    pre_state = pre.call("submit", {"answers": pre.answers(pre_ids, correct_ids=half)}).json()
    assert pre_state["result"]["review"] is None  # the pre-test shows answers after the post-test
    assert "post-test" in pre_state["result"]["review_note"]

    intro = post.view_state()
    assert intro["pre_test"]["score"] == 50.0
    post_ids = drawn_ids(post.start())
    # The other parallel form: no knowledge item of the pre-test comes back; the self-ratings do.
    pre_form, post_form = (bank[ids[0]]["form"] for ids in (pre_ids, post_ids))
    assert {pre_form, post_form} == {"A", "B"}
    assert {i for i in set(pre_ids) & set(post_ids) if bank[i]["type"] != "likert"} == set()
    assert set(pre_ids) & set(post_ids) == {i for i in bank if bank[i]["type"] == "likert"}
    better = [item_id for item_id in post_ids if bank[item_id]["pillar"] in ("cakap", "aman", "etika")]
    result = post.call("submit", {"answers": post.answers(post_ids, correct_ids=better)}).json()["result"]
    rows = {row["code"]: row for row in result["pillars"]}
    assert rows["etika"]["pre"] == 0.0 and rows["etika"]["score"] == 100.0
    assert rows["etika"]["gain"] == 100.0 and rows["etika"]["g"] == 1.0
    assert rows["cakap"]["gain"] == 0.0 and rows["cakap"]["g"] is None  # already perfect in the pre-test
    assert rows["budaya"]["g"] == 0.0
    assert result["overall"]["pre"] == 50.0 and result["overall"]["post"] == 75.0
    assert result["overall"]["g"] == 0.5
    assert (result["overall"]["pre_form"], result["form"]) == (pre_form, post_form)
    assert result["review"] is not None  # the post-test shows answers after each attempt
    # Now that the post-test is in, the pre-test shows its answers too.
    assert pre.view_state()["result"]["review"] is not None


def test_rate_limit_answers_429(taker, learner, monkeypatch):
    monkeypatch.setitem(handlers_module.RATE_LIMITS, "save", 2)
    ani = taker(learner)
    ani.start()
    codes = [ani.call("save_progress", {"answers": {}}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_mobile_apps_get_the_learners_items_from_a_handler_without_answer_keys(taker, learner):
    ani = taker(learner)
    ani.start()
    response = ani.call("learner_state")
    assert response.status_code == 200
    state = response.json()
    assert state["phase"] == "taking"
    assert len(state["draft"]["items"]) == 60  # the learner's form: 52 knowledge items and 8 self-ratings
    assert "correct" not in json.dumps(state)
    block = ani.block()
    data = block.student_view_data()  # the same for everyone: settings and the handlers to call
    assert "learner_state" in data["handlers"] and "draft" not in data
    assert "correct" not in json.dumps(data)
    assert block.has_support(type(block).student_view, "multi_device")


def test_report_rows_for_instructors(taker, learner):
    from types import SimpleNamespace

    ani = taker(learner)
    ids = drawn_ids(ani.start())
    ani.call("submit", {"answers": ani.answers(ids, correct_ids=ids[:5])})
    block = ani.block()
    rows = list(block.generate_report_data(iter([SimpleNamespace(username="ani", state={})])))
    assert len(rows) == 60
    username, first = rows[0]
    assert username == "ani"
    assert set(first) >= {"Attempt", "Item", "Pillar", "Competence", "Question", "Answer", "Correct answer"}
    assert first["Item"] == ids[0] and first["Item score"] == 1.0
    limited = list(
        block.generate_report_data(iter([SimpleNamespace(username="ani", state={})]), limit_responses=7)
    )
    assert len(limited) == 7


def test_a_stale_draft_cannot_record_the_same_attempt_twice(taker, learner):
    """If the row was recorded but the learner's state was not saved, a second submit is refused."""
    ani = taker(learner)
    ani.start()
    block = ani.block()
    stale = dict(block.progress)
    ids = stale["items"]
    assert ani.call("submit", {"answers": ani.answers(ids)}).status_code == 200
    block = ani.block()
    block.progress = stale  # as if saving the state had failed after the row was written
    block.save()
    response = ani.call("submit", {"answers": ani.answers(ids, correct_ids=ids)})
    assert response.status_code == 400
    assert "already submitted" in response.json()["error"]
    assert AssessmentAttempt.objects.count() == 1
    assert ani.view_state()["phase"] == "results"  # the view trusts the table
