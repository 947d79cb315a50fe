"""Innovation services: proposals, windows, limits, versions, supports, comments, answers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from xblocks.bina_asn import api
from xblocks.bina_asn.innovation.errors import FieldError
from xblocks.bina_asn.models.innovation import (
    Idea,
    IdeaAnswer,
    IdeaComment,
    IdeaProgram,
    IdeaStateChange,
    IdeaSupport,
    SupportBudget,
)

from .conftest import COMPLETE, with_rules

pytestmark = pytest.mark.django_db


def refused(code, call, *args, **kwargs):
    with pytest.raises(api.InnovationError) as info:
        call(*args, **kwargs)
    assert info.value.code == code, info.value
    return info.value


# --- Proposals ------------------------------------------------------------------------------------


def test_a_draft_needs_only_a_title_and_stays_private(rules, people):
    idea = api.save_idea(rules, people["ani"], {"title": "Antrean daring"})
    assert idea.state == "draft"
    assert idea.author_name == "Ani Siregar"
    assert idea.version == 1
    assert not IdeaStateChange.objects.exists()
    refused("not_found", api.idea_detail, rules, people["budi"], idea.id)
    assert api.idea_detail(rules, people["ani"], idea.id).can_edit


def test_submitting_a_complete_idea_records_the_change(rules, people):
    idea = api.save_idea(rules, people["ani"], COMPLETE, submit=True)
    assert idea.state == "submitted"
    assert idea.submitted_at is not None and idea.state_changed_at == idea.submitted_at
    assert idea.opd_name == "Dinas Kependudukan dan Pencatatan Sipil"
    change = IdeaStateChange.objects.get()
    assert (change.from_state, change.to_state, change.actor.username) == ("draft", "submitted", "ani")


def test_an_incomplete_idea_is_not_submitted_but_its_text_is_kept(rules, people):
    idea = api.save_idea(rules, people["ani"], {"title": "Antrean daring", "problem": "Antre lama"})
    error = refused(
        "incomplete", api.save_idea, rules, people["ani"], {}, idea_id=idea.id, version=1, submit=True
    )
    assert {"solution", "opd_code", "category", "is_digital", "targets"} <= set(error.fields)
    idea.refresh_from_db()
    assert (idea.state, idea.version) == ("draft", 1)  # nothing new to save, nothing changed
    error = refused(
        "incomplete",
        api.save_idea,
        rules,
        people["ani"],
        {"solution": "Antrean daring"},
        idea_id=idea.id,
        version=1,
        submit=True,
    )
    assert "solution" not in error.fields and error.idea_id == idea.id
    idea.refresh_from_db()  # the new text is saved as a draft: nothing typed is lost
    assert (idea.state, idea.version, idea.solution) == ("draft", 2, "Antrean daring")
    assert not IdeaStateChange.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"title": "Abc"}, "title", "too_short"),
        ({"title": "x" * 151}, "title", "too_long"),
        ({"title": 42}, "title", "invalid"),
        ({"title": "Ide bagus", "problem": "x" * 4001}, "problem", "too_long"),
        ({"title": "Ide bagus", "opd_code": "DINAS_RAHASIA"}, "opd_code", "unknown_choice"),
        ({"title": "Ide bagus", "category": "lain"}, "category", "unknown_choice"),
        ({"title": "Ide bagus", "is_digital": "maybe"}, "is_digital", "invalid"),
        ({"title": "Ide bagus", "target_citizens": -5}, "target_citizens", "out_of_range"),
        ({"title": "Ide bagus", "target_citizens": 10**9}, "target_citizens", "out_of_range"),
        ({"title": "Ide bagus", "target_cost_saving": "banyak"}, "target_cost_saving", "not_a_number"),
        ({"title": "Ide bagus", "evidence_links": "javascript:alert(1)"}, "evidence_links", "bad_urls"),
        ({"title": "Ide bagus", "evidence_links": {"a": 1}}, "evidence_links", "invalid"),
        ({"title": "Ide bagus", "co_proposers": "siapa ini?"}, "co_proposers", "bad_usernames"),
        ({"title": "Ide bagus", "co_proposers": "ani"}, "co_proposers", "is_self"),
        ({"problem": "Tanpa judul"}, "title", "required"),
    ],
)
def test_bad_proposal_fields_are_refused_with_a_reason(rules, people, payload, field, code):
    error = refused("invalid_input", api.save_idea, rules, people["ani"], payload)
    assert error.fields[field][0].code == code
    assert not Idea.objects.exists()


def test_text_is_cleaned_and_lists_accept_text_or_json(rules, people):
    idea = api.save_idea(
        rules,
        people["ani"],
        {
            "title": "  Antrean\x00 daring  ",
            "problem": "baris satu\r\nbaris dua",
            "target_cost_saving": "1.500.000",
            "co_proposers": "budi, @citra",
            "evidence_links": ["https://sibolgakota.go.id/sop.pdf", "https://sibolgakota.go.id/sop.pdf"],
        },
    )
    assert idea.title == "Antrean daring"
    assert idea.problem == "baris satu\nbaris dua"
    assert idea.target_cost_saving == 1_500_000
    assert idea.evidence_links == ["https://sibolgakota.go.id/sop.pdf"]
    assert [cp.username for cp in idea.co_proposers.all()] == ["budi", "citra"]


def test_only_the_author_edits_and_only_drafts_or_returned_ideas(rules, people, submitted):
    refused(
        "not_author",
        api.save_idea,
        rules,
        people["budi"],
        {"title": "Ambil alih"},
        idea_id=submitted.id,
        version=2,
    )
    refused(
        "not_editable",
        api.save_idea,
        rules,
        people["ani"],
        {"title": "Ubah judul"},
        idea_id=submitted.id,
        version=2,
    )
    refused(
        "not_found", api.save_idea, rules, people["ani"], {"title": "Ubah judul"}, idea_id=999_999, version=1
    )


def test_a_stale_version_is_refused_and_the_newer_text_kept(rules, people):
    idea = api.save_idea(rules, people["ani"], {"title": "Versi pertama"})
    api.save_idea(rules, people["ani"], {"title": "Versi kedua dari tab lain"}, idea_id=idea.id, version=1)
    error = refused(
        "version_conflict",
        api.save_idea,
        rules,
        people["ani"],
        {"title": "Versi ketiga"},
        idea_id=idea.id,
        version=1,
    )
    assert error.status == 409
    idea.refresh_from_db()
    assert (idea.title, idea.version) == ("Versi kedua dari tab lain", 2)


def test_windows_and_the_limit_of_ideas(rules, people):
    now = timezone.now()
    later = with_rules(rules, submission_start=now + timedelta(days=1))
    draft = api.save_idea(later, people["ani"], COMPLETE)  # drafting before the window opens is fine
    refused(
        "submissions_not_open",
        api.save_idea,
        later,
        people["ani"],
        {},
        idea_id=draft.id,
        version=1,
        submit=True,
    )
    closed = with_rules(rules, submission_end=now - timedelta(minutes=1))
    refused("submissions_closed", api.save_idea, closed, people["budi"], COMPLETE)
    refused(
        "submissions_closed",
        api.save_idea,
        closed,
        people["ani"],
        {"title": "Judul baru"},
        idea_id=draft.id,
        version=1,
    )

    limited = with_rules(rules, max_ideas_per_learner=2)
    api.save_idea(limited, people["ani"], COMPLETE)  # the second idea (the draft above is the first)
    error = refused("idea_limit", api.save_idea, limited, people["ani"], COMPLETE)
    assert error.params == {"max": 2}
    api.withdraw_idea(limited, people["ani"], draft.id, 1)  # withdrawn ideas do not count
    api.save_idea(limited, people["ani"], COMPLETE)


def test_returned_ideas_are_revised_and_resubmitted_even_after_the_window(rules, people, submitted):
    api.change_state(rules, people["pelatih"], submitted.id, "returned", "Lengkapi target biaya.", 2)
    closed = with_rules(rules, submission_end=timezone.now() - timedelta(days=1))
    idea = api.save_idea(
        closed,
        people["ani"],
        {"title": COMPLETE["title"], "target_cost_saving": 5_000_000},
        idea_id=submitted.id,
        version=3,
        submit=True,
    )
    assert (idea.state, idea.version, idea.target_cost_saving) == ("submitted", 5, 5_000_000)
    assert idea.submitted_at == submitted.submitted_at  # the first submission date is kept
    assert list(IdeaStateChange.objects.values_list("to_state", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
    ]


def test_withdrawal_by_the_author_only(rules, people, submitted):
    refused("not_author", api.withdraw_idea, rules, people["budi"], submitted.id, 2)
    idea = api.withdraw_idea(rules, people["ani"], submitted.id, 2, "Sudah ada program serupa.")
    assert idea.state == "withdrawn"
    assert IdeaStateChange.objects.last().reason == "Sudah ada program serupa."
    refused("transition_not_allowed", api.withdraw_idea, rules, people["ani"], submitted.id, 3)


# --- Staff: states, answers, programs -------------------------------------------------------------


def test_staff_move_ideas_with_a_reason_and_learners_cannot(rules, people, submitted):
    refused("staff_only", api.change_state, rules, people["budi"], submitted.id, "accepted", "Bagus", 2)
    refused("invalid_input", api.change_state, rules, people["pelatih"], submitted.id, "accepted", "  ", 2)
    refused(
        "transition_not_allowed",
        api.change_state,
        rules,
        people["pelatih"],
        submitted.id,
        "draft",
        "Ulang",
        2,
    )
    refused(
        "transition_not_allowed", api.change_state, rules, people["pelatih"], submitted.id, "nonsense", "x", 2
    )
    refused(
        "version_conflict",
        api.change_state,
        rules,
        people["pelatih"],
        submitted.id,
        "evaluating",
        "Dinilai",
        1,
    )
    idea = api.change_state(rules, people["pelatih"], submitted.id, "evaluating", "Masuk tahap penilaian", 2)
    assert (idea.state, idea.version) == ("evaluating", 3)
    change = IdeaStateChange.objects.last()
    assert (change.actor.username, change.reason) == ("pelatih", "Masuk tahap penilaian")


def test_a_block_without_optional_states_offers_direct_decisions(rules, people, submitted):
    plain = with_rules(rules, enabled_states=api.innovation_states.enabled_states([]))
    refused(
        "transition_not_allowed",
        api.change_state,
        plain,
        people["pelatih"],
        submitted.id,
        "evaluating",
        "x",
        2,
    )
    assert (
        api.change_state(plain, people["pelatih"], submitted.id, "accepted", "Diterima", 2).state
        == "accepted"
    )
    refused(
        "transition_not_allowed",
        api.implement_idea,
        plain,
        people["pelatih"],
        submitted.id,
        PROGRAM,
        "Jalan",
        3,
    )


PROGRAM = {
    "responsible_opd_code": "DISDUKCAPIL",
    "start_date": "2027-01-15",
    "budget": "25.000.000",
    "kpi": "Rata-rata waktu tunggu perekaman KTP-el",
    "kpi_target": "30 menit",
    "stage": "uji_coba",
    "evidence_url": "https://sibolgakota.go.id/sk-inovasi.pdf",
}


def test_accepted_ideas_become_implemented_programs(rules, people, submitted):
    refused(
        "program_required", api.change_state, rules, people["pelatih"], submitted.id, "implemented", "x", 2
    )
    refused(
        "transition_not_allowed", api.implement_idea, rules, people["pelatih"], submitted.id, PROGRAM, "x", 2
    )
    api.change_state(rules, people["pelatih"], submitted.id, "accepted", "Layak dijalankan", 2)
    error = refused(
        "invalid_input",
        api.implement_idea,
        rules,
        people["pelatih"],
        submitted.id,
        {**PROGRAM, "start_date": "15/01/2027", "responsible_opd_code": "X"},
        "Jalan",
        3,
    )
    assert error.fields["start_date"] == [FieldError("bad_date")]
    assert error.fields["responsible_opd_code"] == [FieldError("unknown_choice")]
    refused("staff_only", api.implement_idea, rules, people["ani"], submitted.id, PROGRAM, "Jalan", 3)
    idea = api.implement_idea(rules, people["pelatih"], submitted.id, PROGRAM, "SK Wali Kota terbit", 3)
    assert idea.state == "implemented"
    program = IdeaProgram.objects.get(idea=idea)
    assert (program.budget, program.stage, str(program.start_date)) == (25_000_000, "uji_coba", "2027-01-15")
    assert program.responsible_opd_name == "Dinas Kependudukan dan Pencatatan Sipil"
    # Later the program's details are kept up to date without another state change.
    idea = api.implement_idea(
        rules, people["pelatih"], submitted.id, {**PROGRAM, "stage": "penerapan"}, "", 4
    )
    assert (idea.state, IdeaProgram.objects.get().stage) == ("implemented", "penerapan")


def test_staff_answer_publicly_and_can_correct_the_answer(rules, people, submitted):
    refused("staff_only", api.answer_idea, rules, people["juri_mitra"], submitted.id, {"text": "Bagus"})
    refused("invalid_input", api.answer_idea, rules, people["pelatih"], submitted.id, {"text": ""})
    refused(
        "invalid_input",
        api.answer_idea,
        rules,
        people["pelatih"],
        submitted.id,
        {"text": "Ok", "cost": "mahal"},
    )
    before = Idea.objects.get().modified
    api.answer_idea(rules, people["pelatih"], submitted.id, {"text": "Akan diuji coba.", "cost": 10_000_000})
    api.answer_idea(
        rules,
        people["pelatih"],
        submitted.id,
        {"text": "Diuji coba di Kecamatan Sibolga Kota.", "execution_period": "Jan-Jun 2027"},
    )
    answer = IdeaAnswer.objects.get()
    assert (answer.text, answer.cost, answer.execution_period) == (
        "Diuji coba di Kecamatan Sibolga Kota.",
        None,
        "Jan-Jun 2027",
    )
    assert Idea.objects.get().modified > before
    detail = api.idea_detail(rules, people["budi"], submitted.id)
    assert detail.answer.text == "Diuji coba di Kecamatan Sibolga Kota."


# --- Supports -------------------------------------------------------------------------------------


def make_ideas(rules, people, count):
    authors = ["ani", "citra", "juri_dinkes", "juri_mitra", "pelatih"]
    return [
        api.save_idea(rules, people[authors[i]], {**COMPLETE, "title": f"Ide nomor {i + 1}"}, submit=True)
        for i in range(count)
    ]


def test_supports_spend_the_budget_and_come_back(rules, people):
    ideas = make_ideas(rules, people, 4)
    budi = people["budi"]
    for idea in ideas[:3]:
        result = api.support_idea(rules, budi, idea.id)
        assert result.supported
    assert (result.budget, result.budget_spent) == (3, 3)
    error = refused("budget_exhausted", api.support_idea, rules, budi, ideas[3].id)
    assert error.status == 400
    assert not IdeaSupport.objects.filter(idea=ideas[3]).exists()
    back = api.withdraw_support(rules, budi, ideas[0].id)
    assert (back.supported, back.supports_count, back.budget_spent) == (False, 0, 2)
    assert api.support_idea(rules, budi, ideas[3].id).supports_count == 1
    assert SupportBudget.objects.get(user_id=budi.user_id).spent == 3


def test_supporting_twice_changes_nothing(rules, people, submitted):
    first = api.support_idea(rules, people["budi"], submitted.id)
    again = api.support_idea(rules, people["budi"], submitted.id)
    assert first == again
    assert (again.supports_count, again.budget_spent) == (1, 1)
    assert api.withdraw_support(rules, people["budi"], submitted.id).supports_count == 0
    assert api.withdraw_support(rules, people["budi"], submitted.id).budget_spent == 0


def test_no_support_for_own_or_co_proposed_ideas(rules, people):
    idea = api.save_idea(rules, people["ani"], {**COMPLETE, "co_proposers": ["budi"]}, submit=True)
    api.answer_invitation(rules, people["budi"], idea.id, accept=True)
    assert refused("own_idea", api.support_idea, rules, people["ani"], idea.id).status == 403
    refused("own_idea", api.support_idea, rules, people["budi"], idea.id)
    assert api.support_idea(rules, people["citra"], idea.id).supports_count == 1


def test_supports_only_while_open_and_on_open_ideas(rules, people, submitted):
    now = timezone.now()
    refused(
        "supports_not_open",
        api.support_idea,
        with_rules(rules, support_start=now + timedelta(hours=1)),
        people["budi"],
        submitted.id,
    )
    refused(
        "supports_closed",
        api.support_idea,
        with_rules(rules, support_end=now - timedelta(hours=1)),
        people["budi"],
        submitted.id,
    )
    draft = api.save_idea(rules, people["citra"], {"title": "Masih draf"})
    refused("not_supportable", api.support_idea, rules, people["budi"], draft.id)
    api.change_state(rules, people["pelatih"], submitted.id, "rejected", "Di luar kewenangan daerah", 2)
    refused("not_supportable", api.support_idea, rules, people["budi"], submitted.id)
    refused("not_found", api.support_idea, rules, people["budi"], "1")
    other_block = with_rules(rules, usage_id="lain.bina_innovation.d0.u0")
    refused("not_found", api.support_idea, other_block, people["budi"], submitted.id)


# --- Comments -------------------------------------------------------------------------------------


def test_comments_are_counted_and_staff_hide_them_with_a_reason(rules, people, submitted):
    comment = api.add_comment(rules, people["budi"], submitted.id, "  Setuju, antreannya panjang sekali.  ")
    api.add_comment(rules, people["citra"], submitted.id, "Perlu dukungan Diskominfo.")
    assert comment.text == "Setuju, antreannya panjang sekali."
    assert Idea.objects.get().comments_count == 2
    refused("invalid_input", api.add_comment, rules, people["budi"], submitted.id, "x")
    refused("invalid_input", api.add_comment, rules, people["budi"], submitted.id, "y" * 2001)
    refused("invalid_input", api.add_comment, rules, people["budi"], submitted.id, ["list"])
    refused("staff_only", api.set_comment_hidden, rules, people["ani"], comment.id, True, "Tidak pantas")
    refused("invalid_input", api.set_comment_hidden, rules, people["pelatih"], comment.id, True, "")
    api.set_comment_hidden(rules, people["pelatih"], comment.id, True, "Menyebut nama warga")
    assert Idea.objects.get().comments_count == 1
    hidden = IdeaComment.objects.get(pk=comment.id)
    assert (hidden.is_hidden, hidden.hidden_by.username, hidden.hidden_reason) == (
        True,
        "pelatih",
        "Menyebut nama warga",
    )
    assert [c.text for c in api.idea_detail(rules, people["citra"], submitted.id).comments] == [
        "Perlu dukungan Diskominfo."
    ]
    own_view = api.idea_detail(rules, people["budi"], submitted.id).comments
    assert own_view[0].is_hidden and own_view[0].hidden_reason == "Menyebut nama warga"
    api.set_comment_hidden(rules, people["pelatih"], comment.id, False)
    assert Idea.objects.get().comments_count == 2


def test_no_comments_on_drafts_or_withdrawn_ideas(rules, people, submitted):
    draft = api.save_idea(rules, people["citra"], {"title": "Masih draf"})
    refused("not_commentable", api.add_comment, rules, people["budi"], draft.id, "Komentar")
    api.withdraw_idea(rules, people["ani"], submitted.id, 2)
    refused("not_commentable", api.add_comment, rules, people["budi"], submitted.id, "Komentar")
