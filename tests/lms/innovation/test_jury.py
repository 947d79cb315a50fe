"""Jury scores: who may score, the rubric's weighted total, and the aggregate (mean, spread, count)."""

import statistics

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.models.innovation import Idea, JuryScore

from .conftest import COMPLETE, RUBRIC, with_rules

pytestmark = pytest.mark.django_db
FULL = {"kebaruan": 5, "manfaat": 5, "replikasi": 5}


def refused(code, call, *args, **kwargs):
    with pytest.raises(api.InnovationError) as info:
        call(*args, **kwargs)
    assert info.value.code == code, info.value
    return info.value


def test_weighted_total_is_a_share_of_100():
    assert api.weighted_total(FULL, RUBRIC, 5) == 100.0
    assert api.weighted_total({"kebaruan": 0, "manfaat": 0, "replikasi": 0}, RUBRIC, 5) == 0.0
    # 30% * 4/5 + 40% * 3/5 + 30% * 5/5 = 24 + 24 + 30
    assert api.weighted_total({"kebaruan": 4, "manfaat": 3, "replikasi": 5}, RUBRIC, 5) == 78.0


def test_staff_and_listed_partners_score_learners_do_not(rules, people, submitted):
    assert refused("not_jury", api.score_idea, rules, people["budi"], submitted.id, FULL).status == 403
    api.score_idea(rules, people["pelatih"], submitted.id, FULL, "Sangat layak")
    api.score_idea(rules, people["juri_mitra"], submitted.id, {"kebaruan": 4, "manfaat": 3, "replikasi": 5})
    idea = Idea.objects.get()
    assert (idea.score_count, idea.score_mean, idea.score_stdev) == (
        2,
        89.0,
        round(statistics.pstdev([100.0, 78.0]), 2),
    )


def test_a_juror_rescoring_replaces_their_score(rules, people, submitted):
    api.score_idea(rules, people["juri_mitra"], submitted.id, FULL)
    api.score_idea(
        rules, people["juri_mitra"], submitted.id, {"kebaruan": 0, "manfaat": 0, "replikasi": 0}, "Koreksi"
    )
    score = JuryScore.objects.get()
    assert (score.total, score.note, score.weights) == (
        0.0,
        "Koreksi",
        {"kebaruan": 30, "manfaat": 40, "replikasi": 30},
    )
    assert (Idea.objects.get().score_mean, Idea.objects.get().score_count) == (0.0, 1)


def test_jurors_cannot_score_their_own_opd_or_own_ideas(rules, people):
    dinkes_idea = api.save_idea(rules, people["ani"], {**COMPLETE, "opd_code": "DINKES"}, submit=True)
    error = refused("own_opd", api.score_idea, rules, people["juri_dinkes"], dinkes_idea.id, FULL)
    assert error.status == 403
    allowed = with_rules(rules, jury_excludes_own_opd=False)
    api.score_idea(allowed, people["juri_dinkes"], dinkes_idea.id, FULL)
    own = api.save_idea(rules, people["juri_mitra"], COMPLETE, submit=True)
    refused("own_idea_score", api.score_idea, rules, people["juri_mitra"], own.id, FULL)
    co = api.save_idea(rules, people["citra"], {**COMPLETE, "co_proposers": "pelatih"}, submit=True)
    api.answer_invitation(rules, people["pelatih"], co.id, accept=True)
    refused("own_idea_score", api.score_idea, rules, people["pelatih"], co.id, FULL)


@pytest.mark.parametrize(
    ("criteria", "code"),
    [
        ({"kebaruan": 5, "manfaat": 5}, "required"),
        ({"kebaruan": 6, "manfaat": 5, "replikasi": 5}, "out_of_range"),
        ({"kebaruan": "lima", "manfaat": 5, "replikasi": 5}, "not_a_number"),
        ({"kebaruan": 2.5, "manfaat": 5, "replikasi": 5}, "not_a_number"),
    ],
)
def test_bad_scores_are_refused(rules, people, submitted, criteria, code):
    error = refused("invalid_input", api.score_idea, rules, people["pelatih"], submitted.id, criteria)
    assert [e.code for errors in error.fields.values() for e in errors] == [code]
    assert not JuryScore.objects.exists()


def test_unknown_criteria_and_non_objects_are_refused(rules, people, submitted):
    error = refused(
        "invalid_input", api.score_idea, rules, people["pelatih"], submitted.id, {**FULL, "rahasia": 5}
    )
    assert error.fields["criteria"][0].code == "unknown_criteria"
    refused("invalid_input", api.score_idea, rules, people["pelatih"], submitted.id, [5, 5, 5])


def test_only_open_ideas_are_scored(rules, people, submitted):
    api.change_state(rules, people["pelatih"], submitted.id, "rejected", "Bukan kewenangan daerah", 2)
    refused("not_scorable", api.score_idea, rules, people["juri_mitra"], submitted.id, FULL)
    refused(
        "no_rubric", api.score_idea, with_rules(rules, rubric=()), people["juri_mitra"], submitted.id, FULL
    )


def test_a_juror_sees_the_aggregate_only_after_scoring_staff_see_everything(rules, people, submitted):
    api.score_idea(rules, people["pelatih"], submitted.id, FULL, "Catatan pelatih")
    before = api.idea_detail(rules, people["juri_mitra"], submitted.id)
    assert before.aggregate is None and before.can_score and before.my_score is None
    api.score_idea(rules, people["juri_mitra"], submitted.id, {"kebaruan": 3, "manfaat": 3, "replikasi": 3})
    after = api.idea_detail(rules, people["juri_mitra"], submitted.id)
    assert after.aggregate.count == 2 and after.aggregate.mean == 80.0
    assert after.aggregate.criteria_means == {"kebaruan": 4.0, "manfaat": 4.0, "replikasi": 4.0}
    assert after.my_score.total == 60.0
    assert after.jury_scores == []  # other jurors' notes are for staff
    staff = api.idea_detail(rules, people["pelatih"], submitted.id)
    assert [s.juror_name for s in staff.jury_scores] == ["pelatih", "juri_mitra"]
    learner = api.idea_detail(rules, people["budi"], submitted.id)
    assert learner.aggregate is None and not learner.can_score and learner.jury_scores == []


def test_the_jury_queue_pages_and_filters(rules, people):
    ideas = [
        api.save_idea(rules, people[a], {**COMPLETE, "title": f"Ide {a}"}, submit=True)
        for a in ("ani", "budi", "citra")
    ]
    api.score_idea(rules, people["juri_mitra"], ideas[1].id, FULL)
    items, page, pages, count = api.jury_queue(rules, people["juri_mitra"], page_size=2)
    assert (page, pages, count) == (1, 2, 3)
    assert [i.card.title for i in items] == ["Ide ani", "Ide budi"]
    assert items[1].my_total == 100.0
    unscored, *_ = api.jury_queue(rules, people["juri_mitra"], show="unscored")
    assert [i.card.title for i in unscored] == ["Ide ani", "Ide citra"]
    assert api.jury_queue(rules, people["budi"]) == ([], 1, 1, 0)
    dinkes = api.jury_queue(with_rules(rules, jury={"juri_dinkes": "DISDUKCAPIL"}), people["juri_dinkes"])[0]
    assert {i.not_scorable_reason for i in dinkes} == {"own_opd"}
