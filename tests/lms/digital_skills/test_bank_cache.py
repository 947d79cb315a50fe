"""The per-process cache of normalised banks: keyed by content, so an edited bank is never served stale."""

import copy

from xblocks.digital_skills.bank import normalize_bank
from xblocks.digital_skills.resources import STARTER_BANK, load_starter_bank, normalized_bank

from .conftest import PRE
from .factories import bank as small_bank
from .test_studio import save


def test_the_starter_bank_is_normalised_as_normalize_bank_does():
    items, problems = normalized_bank(STARTER_BANK)
    assert (items, problems) == normalize_bank(copy.deepcopy(STARTER_BANK))
    assert normalized_bank(copy.deepcopy(STARTER_BANK))[0] is items  # equal content: one normalisation


def test_an_edited_bank_is_normalised_again():
    stored = small_bank(per_pillar=2)
    before, _problems = normalized_bank(stored)
    edited = copy.deepcopy(stored)
    edited[0]["stem"] = "Pertanyaan yang sudah diperbaiki?"
    after, problems = normalized_bank(edited)
    assert problems == [] and after is not before
    assert after[0]["stem"] == "Pertanyaan yang sudah diperbaiki?"
    assert before[0]["stem"] != after[0]["stem"]


def test_a_bank_changed_in_place_is_not_served_stale():
    stored = small_bank(per_pillar=2)
    normalized_bank(stored)
    stored[1]["options"][0]["correct"] = True  # the same list object, now with two correct options
    items, problems = normalized_bank(stored)
    assert problems == normalize_bank(copy.deepcopy(stored))[1] != []
    assert items[1]["options"][0]["correct"] is True


def test_cached_items_do_not_share_the_callers_objects():
    stored = small_bank(per_pillar=2)
    items, problems = normalized_bank(stored)
    stored[0]["stem"] = "Diubah sesudahnya"
    assert items[0]["stem"] != "Diubah sesudahnya"
    problems.append("dicoret pemanggil")
    assert normalized_bank(stored)[1] == []


def test_values_python_calls_equal_are_told_apart():
    one = small_bank(per_pillar=1)
    one[0]["level"] = 1
    as_bool = copy.deepcopy(one)
    as_bool[0]["level"] = True  # True == 1 in Python, but a level must be a whole number
    assert normalized_bank(one)[1] == []
    assert normalized_bank(as_bool)[1] == normalize_bank(copy.deepcopy(as_bool))[1] != []
    assert normalized_bank(one)[1] == []


def test_a_value_marshal_cannot_write_is_normalised_uncached():
    class Odd:
        pass

    stored = small_bank(per_pillar=1)
    stored[0]["stem"] = Odd()
    items, problems = normalized_bank(stored)
    assert (items, problems) == normalize_bank(stored)


def test_learners_see_the_bank_as_the_author_last_saved_it(taker, course_staff, learner):
    author, ani = taker(course_staff, PRE), taker(learner, PRE)
    first = small_bank(per_pillar=4)
    assert save(author, bank=first).status_code == 200
    assert ani.view_state()["phase"] == "intro"  # the first bank is now cached in this process
    second = copy.deepcopy(first)
    for item in second:
        item["stem"] = f"Versi baru: {item['stem']}"
    assert save(author, bank=second).status_code == 200
    draft = ani.start()["draft"]
    assert draft["items"] and all(item["stem"].startswith("Versi baru: ") for item in draft["items"])


def test_using_a_block_with_the_starter_bank_never_changes_it(taker, course_staff, learner):
    ani, author = taker(learner, PRE), taker(course_staff, PRE)
    draft = ani.start()["draft"]
    chosen = {item["id"]: [item["options"][0]["id"]] for item in draft["items"]}
    assert ani.call("save_progress", {"answers": dict(list(chosen.items())[:3])}).status_code == 200
    assert ani.call("submit", {"answers": chosen}).status_code == 200
    assert ani.view_state()["phase"] == "results"
    assert author.view_state("studio_view")["bank"] == STARTER_BANK
    author.client.force_login(course_staff)
    assert author.client.get(author.url("export_bank", "json")).status_code == 200
    assert load_starter_bank() == STARTER_BANK  # the cache's fixed key for it stays true
