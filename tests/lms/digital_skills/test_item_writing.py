"""Item-writing rules on crafted banks, and on the starter bank the issue audited (issue 16).

Each flaw the audit found in the starter bank shipped until issue 16 (kept in ``data/``) is a test
here: the validator rejects or flags it, and a crafted bank without the flaw passes.
"""

from pathlib import Path

import pytest

from xblocks.digital_skills import bankio, itemwriting, rules
from xblocks.digital_skills.bank import normalize_bank
from xblocks.digital_skills.scoring import item_fraction, score_attempt

from .factories import likert, multiple, single

OLD_BANK = Path(__file__).parent / "data" / "starter_bank_2026_11.yaml"
LONG = "Pilihan yang ditulis jauh lebih panjang daripada pilihan lain agar tampak paling lengkap"


def norm(raw_items):
    items, problems = normalize_bank(raw_items)
    assert problems == []
    return items


def rotated(count, *, pillar="cakap", prefix="c", form=None, start=0):
    """``count`` single-choice items with their keys on a, b, c, d in turn."""
    extra = {"form": form} if form else {}
    return [single(f"{prefix}{n}", pillar, correct="abcd"[(start + n) % 4], **extra) for n in range(count)]


def check(raw_items):
    return itemwriting.check(norm(raw_items))


def test_keys_balanced_over_positions_pass():
    findings = check(rotated(12))
    assert findings.errors == []


def test_a_position_holding_more_than_40_percent_of_the_keys_is_an_error():
    raw = rotated(12)
    for item in raw[:3]:  # keys: a 3 -> 6 of 12 at a after moving three b/c/d keys to a
        for option in item["options"]:
            option["correct"] = option["id"] == "a"
    raw[1]["options"][0]["correct"], raw[5]["options"][0]["correct"] = True, True
    for item in (raw[1], raw[5]):
        for option in item["options"][1:]:
            option["correct"] = False
    findings = check(raw)
    assert any(
        "option a (as written) is the correct answer in" in e and "at most 40%" in e for e in findings.errors
    ), findings.errors


def test_the_position_rule_is_judged_per_form_and_names_the_form():
    raw = rotated(10, prefix="a", form="A") + [single(f"b{n}", correct="c", form="B") for n in range(10)]
    findings = check(raw)
    assert [e for e in findings.errors if "as written" in e] == [
        "Form B: option c (as written) is the correct answer in 10 of 10 single-answer items (100%); at most "
        "40% may share a position. Move some correct answers to other positions."
    ]


def test_small_forms_are_not_judged_by_shares():
    assert check([single(f"c{n}", correct="a") for n in range(itemwriting.MIN_KEYED - 1)]).errors == []


def make_key_longest(item):
    key = next(option for option in item["options"] if option["correct"])
    key["text"] = LONG


def test_a_key_that_is_systematically_the_longest_is_an_error_and_each_item_is_flagged():
    raw = rotated(12)
    for item in raw[:7]:
        make_key_longest(item)
    findings = check(raw)
    assert any("the longest option in 7 of 12" in e for e in findings.errors), findings.errors
    flagged = [w for w in findings.warnings if "much longer than every other option" in w]
    assert flagged and all(f"c{n}" in flagged[0] for n in range(7)) and "c7" not in flagged[0]


def test_a_key_longest_somewhat_often_is_a_warning():
    raw = rotated(12)
    for item in raw[:5]:  # 5 of 12 = 42%: above 35%, not above 50%
        make_key_longest(item)
    findings = check(raw)
    assert not any("longest option in" in e for e in findings.errors)
    assert any("the longest option in 5 of 12" in w for w in findings.warnings)


@pytest.mark.parametrize(
    ("correct", "earns"),
    [(("a", "b", "c"), 67), (("a", "b", "c", "d"), 100)],
)
def test_a_multiple_response_item_where_ticking_everything_earns_points_is_an_error(correct, earns):
    findings = check([multiple("m1", correct=correct)])
    assert findings.errors == [
        f"Item m1: ticking every option earns {earns}%. Add wrong options (at least as many as right ones) "
        "or give wrong options negative points, so that ticking everything earns nothing."
    ]


def test_right_minus_wrong_with_as_many_wrong_options_earns_nothing_for_ticking_everything():
    item = norm([multiple("m1", correct=("a", "c"))])[0]
    assert item_fraction(item, ["a", "b", "c", "d"]) == 0.0
    assert check([multiple("m1", correct=("a", "c"))]).errors == []


def test_per_option_points_that_reward_ticking_everything_are_an_error():
    raw = multiple("m1", correct=())
    for option, points in zip(raw["options"], (2, 1, 0, -1), strict=True):
        option["points"] = points
    assert any("ticking every option earns 67%" in e for e in check([raw]).errors)


def test_all_of_the_above_is_flagged():
    raw = single("c1")
    raw["options"][3]["text"] = "Semua jawaban di atas benar"
    assert any("all of the above" in w for w in check([raw]).warnings)


def test_competences_with_fewer_than_three_items_are_flagged_as_not_enough_evidence():
    raw = rotated(3) + [single("x1", "aman", competence="4.1"), single("x2", "aman", competence="4.1")]
    warnings = check(raw).warnings
    assert any(
        "competences 4.1 have fewer than 3 items" in w and "not enough evidence" in w for w in warnings
    )
    assert not any("1.2" in w for w in warnings if "fewer than 3" in w)


def test_forms_need_both_a_and_b_and_one_blueprint():
    only_a = check(rotated(4, form="A"))
    assert any("Only form A has items" in e for e in only_a.errors)
    raw = rotated(4, prefix="a", form="A") + rotated(3, prefix="b", form="B")
    raw[-1]["level"] = 5
    warnings = check(raw).warnings
    assert any(
        "do not follow one blueprint" in w and "cakap 1.2 L3: A 4, B 2" in w and "cakap 1.2 L5: A 0, B 1" in w
        for w in warnings
    ), warnings


def test_an_unknown_form_is_a_bank_problem():
    problems = normalize_bank([single("c1", form="C")])[1]
    assert problems == [
        "Item 1 (c1): unknown form C; use A or B, or leave it blank for an item in both forms"
    ]


def test_import_refuses_a_file_that_breaks_a_hard_rule_and_takes_one_that_does_not():
    bad = bankio.write_bank(norm([single(f"c{n}", correct="a") for n in range(10)]), "json")
    with pytest.raises(bankio.BankFileError) as refused:
        bankio.read_bank(bad, "json")
    assert any("option a (as written)" in message for message in refused.value.messages)
    good = bankio.write_bank(norm(rotated(10)), "csv")
    assert len(bankio.read_bank(good, "csv")) == 10


def test_a_form_survives_every_file_format():
    items = norm(rotated(4, prefix="a", form="A") + rotated(4, prefix="b", form="B"))
    for fmt in bankio.FORMATS:
        assert bankio.read_bank(bankio.write_bank(items, fmt), fmt) == items


def test_studio_rules_carry_the_item_writing_errors_and_warnings():
    settings = {
        "display_name": "Asesmen",
        "mode": "standalone",
        "show_answers": "never",
        "items_per_pillar": 0,
    }
    findings = rules.check(settings, [single(f"c{n}", correct="d") for n in range(9)], str)
    assert any("option d (as written)" in e for e in findings.errors)


# ---------------------------------------------------------------- the audited starter bank


@pytest.fixture(scope="module")
def old_bank():
    return bankio.read_bank(OLD_BANK.read_bytes(), "yaml", item_writing=False)


def test_the_old_starter_bank_is_refused_for_its_key_positions_and_lengths(old_bank):
    findings = itemwriting.check(old_bank)
    assert any("option a (as written) is the correct answer in 33 of 33" in e for e in findings.errors)
    assert any("the longest option in 32 of 33" in e for e in findings.errors)
    with pytest.raises(bankio.BankFileError):
        bankio.read_bank(OLD_BANK.read_bytes(), "yaml")


def test_the_old_starter_banks_multiple_response_items_reward_ticking_everything(old_bank):
    errors = [e for e in itemwriting.check(old_bank).errors if "ticking every option" in e]
    assert len(errors) == 6


def test_the_old_starter_banks_thin_competences_are_flagged(old_bank):
    counts = itemwriting.evidence(old_bank)
    assert {"2.1", "3.2", "3.4", "5.4"}.isdisjoint(counts)
    # The issue counted six; by knowledge items the bank has seven competences on a single item.
    assert sorted(code for code, count in counts.items() if count == 1) == [
        "1.1",
        "2.2",
        "2.4",
        "3.1",
        "4.3",
        "5.1",
        "5.3",
    ]
    warning = next(w for w in itemwriting.check(old_bank).warnings if "not enough evidence" in w)
    assert all(code in warning for code, count in counts.items() if count < 3)


def test_self_ratings_are_reported_apart_and_never_raise_the_knowledge_score(old_bank):
    ratings = [item for item in old_bank if item["type"] == "likert"]
    assert len(ratings) == 7
    top = {item["id"]: [item["options"][-1]["id"]] for item in ratings}
    scores = score_attempt(old_bank, top)
    assert scores.score == 0.0  # every knowledge item unanswered: confidence earns nothing
    assert set(scores.self_ratings.values()) == {5.0}
    assert not hasattr(scores, "pillar_index")


def test_the_shipped_starter_bank_breaks_no_hard_rule():
    from xblocks.digital_skills.resources import STARTER_BANK

    assert itemwriting.check(STARTER_BANK).errors == []


def test_likert_items_score_nothing_but_a_rating(old_bank):
    item = norm([likert("l1")])[0]
    assert item_fraction(item, ["e"]) is None
