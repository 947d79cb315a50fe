"""The state machine: which moves exist, who makes them, and what switching states off does."""

from xblocks.bina_asn.innovation import states

ALL = states.enabled_states(states.OPTIONAL_STATES)
CORE = states.enabled_states([])


def test_core_states_are_always_there_and_unknown_codes_are_ignored():
    assert states.enabled_states(["shortlisted", "nonsense", "draft"]) == CORE | {"shortlisted"}
    assert states.check_enabled_states(["returned", "nonsense"]) == ["nonsense"]
    assert len(ALL) == 9


def test_authors_submit_and_withdraw_staff_decide():
    assert states.targets("draft", states.AUTHOR, ALL) == ["submitted", "withdrawn"]
    assert states.targets("draft", states.STAFF, ALL) == []
    assert states.targets("submitted", states.STAFF, ALL) == [
        "returned",
        "evaluating",
        "shortlisted",
        "accepted",
        "rejected",
    ]
    assert states.targets("submitted", states.AUTHOR, ALL) == ["withdrawn"]
    assert states.targets("returned", states.AUTHOR, ALL) == ["submitted", "withdrawn"]
    assert states.targets("accepted", states.STAFF, ALL) == ["rejected", "implemented"]
    assert states.targets("accepted", states.AUTHOR, ALL) == []  # too late to withdraw
    assert states.targets("withdrawn", states.STAFF, ALL) == []
    assert states.targets("implemented", states.STAFF, ALL) == []


def test_switched_off_states_are_never_targets_but_can_be_left():
    assert states.targets("submitted", states.STAFF, CORE) == ["accepted", "rejected"]
    assert states.targets("accepted", states.STAFF, CORE) == ["rejected"]
    assert states.who_may("submitted", "evaluating", CORE) is None
    # An idea already under evaluation when the author switched the state off still moves on.
    assert states.targets("evaluating", states.STAFF, CORE) == ["accepted", "rejected"]


def test_who_may_names_the_role_of_each_move():
    assert states.who_may("draft", "submitted", ALL) == states.AUTHOR
    assert states.who_may("evaluating", "shortlisted", ALL) == states.STAFF
    assert states.who_may("submitted", "draft", ALL) is None
    assert states.who_may("implemented", "accepted", ALL) is None


def test_every_transition_uses_known_states_and_every_state_is_reachable():
    for (source, target), role in states.TRANSITIONS.items():
        assert (
            source in states.ALL_STATES
            and target in states.ALL_STATES
            and role in (states.AUTHOR, states.STAFF)
        )
    reachable = {"draft"}
    frontier = ["draft"]
    while frontier:
        here = frontier.pop()
        for source, target in states.TRANSITIONS:
            if source == here and target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(states.ALL_STATES)
