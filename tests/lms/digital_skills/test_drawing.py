"""Drawing units: N per pillar, stable for a learner, different between learners, robust to bank edits."""

from collections import Counter

from xblocks.digital_skills.drawing import draw_items, option_order, seed_for

from .factories import bank, likert


def pillars_of(item_ids):
    return Counter(item_id.split("-")[0] for item_id in item_ids)


def test_draws_n_per_pillar_and_is_stable_for_a_learner():
    items = bank(per_pillar=12)
    seed = seed_for("anon-1", "literasi-2026", 1)
    first = draw_items(items, 5, seed, shuffle=False)
    assert pillars_of(first) == {"cakap": 5, "etika": 5, "aman": 5, "budaya": 5}
    assert draw_items(items, 5, seed, shuffle=False) == first
    # Without shuffling, the drawn items keep the bank's order.
    positions = [next(i for i, item in enumerate(items) if item["id"] == item_id) for item_id in first]
    assert positions == sorted(positions)


def test_other_learners_and_attempts_draw_differently():
    items = bank(per_pillar=12)
    draws = {
        tuple(draw_items(items, 5, seed_for(learner, "key", attempt), shuffle=False))
        for learner in ("anon-1", "anon-2", "anon-3")
        for attempt in (1, 2)
    }
    assert len(draws) == 6


def test_zero_or_a_larger_draw_takes_every_item():
    items = bank(per_pillar=3)
    all_ids = [item["id"] for item in items]
    assert draw_items(items, 0, "s", shuffle=False) == all_ids
    assert draw_items(items, 10, "s", shuffle=False) == all_ids


def test_shuffle_changes_the_order_not_the_draw():
    items = bank(per_pillar=12)
    seed = seed_for("anon-1", "key", 1)
    plain = draw_items(items, 6, seed, shuffle=False)
    shuffled = draw_items(items, 6, seed, shuffle=True)
    assert sorted(plain) == sorted(shuffled)
    assert plain != shuffled
    assert draw_items(items, 6, seed, shuffle=True) == shuffled


def test_adding_an_item_moves_at_most_one_drawn_item():
    items = bank(per_pillar=12)
    seed = seed_for("anon-7", "key", 1)
    before = set(draw_items(items, 4, seed, shuffle=False))
    extra = dict(items[0], id="cakap-99")
    after = set(draw_items([*items, extra], 4, seed, shuffle=False))
    assert len(before - after) <= 1


def test_option_order_is_stable_and_scales_keep_their_order():
    items = bank(per_pillar=1)
    seed = seed_for("anon-1", "key", 1)
    orders = {tuple(option_order(item, seed, shuffle=True)) for item in items}
    assert all(sorted(order) == ["a", "b", "c", "d"] for order in orders)
    assert len(orders) > 1  # four items, at least two orders differ
    assert option_order(items[0], seed, shuffle=True) == option_order(items[0], seed, shuffle=True)
    assert option_order(items[0], seed, shuffle=False) == ["a", "b", "c", "d"]
    assert option_order(likert("l1"), seed, shuffle=True) == ["a", "b", "c", "d", "e"]
