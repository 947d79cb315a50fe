"""Co-proposers are invited and count only once they accept (issue 15, finding 4).

Naming someone bars them from nothing until they accept (a juror stays a juror); the invitee sees
the invitation and accepts or declines it; an author cannot tell from any answer whether a username
exists; only accepted co-proposers appear in exports and the plugin API.
"""

import pytest

from xblocks.bina_asn import api
from xblocks.bina_asn.innovation.errors import InnovationError
from xblocks.bina_asn.models.innovation import IdeaCoProposer

from .conftest import COMPLETE

FULL = {"kebaruan": 5, "manfaat": 4, "replikasi": 4}


def invite(rules, people, names, submit=True, **fields):
    return api.save_idea(rules, people["ani"], {**COMPLETE, **fields, "co_proposers": names}, submit=submit)


def test_a_pending_invitation_bars_nobody_from_the_jury(rules, people):
    idea = invite(rules, people, "juri_mitra")
    juror = people["juri_mitra"]
    assert api.idea_detail(rules, juror, idea.id).can_score
    api.score_idea(rules, juror, idea.id, FULL)  # scoring works while the invitation waits
    assert api.idea_detail(rules, people["ani"], idea.id).co_proposers == []


def test_the_invitee_accepts_and_then_counts(rules, people):
    idea = invite(rules, people, "citra, juri_dinkes")
    (mine,) = api.co_proposer_invitations(rules, people["citra"])
    assert (mine.idea_id, mine.title, mine.author_name) == (idea.id, COMPLETE["title"], "Ani Siregar")
    api.answer_invitation(rules, people["citra"], idea.id, accept=True)
    assert api.co_proposer_invitations(rules, people["citra"]) == []
    assert api.idea_detail(rules, people["budi"], idea.id).co_proposers == ["citra"]
    assert [card.id for card in api.my_ideas(rules, people["citra"])] == [idea.id]
    with pytest.raises(InnovationError) as refused:
        api.support_idea(rules, people["citra"], idea.id)
    assert refused.value.code == "own_idea"
    # An accepted juror co-proposer may no longer score it.
    api.answer_invitation(rules, people["juri_dinkes"], idea.id, accept=True)
    assert api.idea_detail(rules, people["juri_dinkes"], idea.id).not_scorable_reason == "own_idea_score"


def test_a_declined_invitation_leaves_the_idea_alone(rules, people):
    idea = invite(rules, people, "citra")
    api.answer_invitation(rules, people["citra"], idea.id, accept=False)
    assert api.co_proposer_invitations(rules, people["citra"]) == []
    assert api.idea_detail(rules, people["budi"], idea.id).co_proposers == []
    assert api.my_ideas(rules, people["citra"]) == []
    with pytest.raises(InnovationError):  # nothing left to accept
        api.answer_invitation(rules, people["citra"], idea.id, accept=True)


def test_an_unknown_username_is_not_disclosed(rules, people):
    """The author sees the same for a real colleague who has not answered, one who declined, and a
    username nobody has."""
    real = invite(rules, people, "budi", title="Ide dengan rekan yang ada")
    declined = invite(rules, people, "citra", title="Ide dengan rekan yang menolak")
    api.answer_invitation(rules, people["citra"], declined.id, accept=False)
    ghost = invite(rules, people, "budi_tidak_ada", title="Ide dengan nama yang tidak ada")
    views = [api.idea_detail(rules, people["ani"], idea.id) for idea in (real, declined, ghost)]
    assert [v.invitations for v in views] == [
        [("budi", "waiting")],
        [("citra", "waiting")],
        [("budi_tidak_ada", "waiting")],
    ]
    assert all(v.co_proposers == [] for v in views)


def test_a_juror_who_scored_cannot_accept_and_a_supporter_gives_the_support_back(rules, people):
    idea = invite(rules, people, "juri_mitra, budi")
    api.score_idea(rules, people["juri_mitra"], idea.id, FULL)
    with pytest.raises(InnovationError) as refused:
        api.answer_invitation(rules, people["juri_mitra"], idea.id, accept=True)
    assert refused.value.code == "scored_before_invitation"
    api.support_idea(rules, people["budi"], idea.id)
    api.answer_invitation(rules, people["budi"], idea.id, accept=True)
    detail = api.idea_detail(rules, people["budi"], idea.id)
    assert detail.card.supports_count == 0 and api.budget_spent(rules, people["budi"]) == 0


def test_renaming_keeps_answers_and_removing_deletes_the_invitation(rules, people):
    idea = invite(rules, people, "budi, citra", submit=False)  # a draft: invitees may open it
    api.answer_invitation(rules, people["budi"], idea.id, accept=True)
    api.answer_invitation(rules, people["citra"], idea.id, accept=False)
    idea.refresh_from_db()
    api.save_idea(
        rules,
        people["ani"],
        {"co_proposers": "budi, citra, dedi_baru"},
        idea_id=idea.id,
        version=idea.version,
    )
    rows = {row.username: row.status for row in IdeaCoProposer.objects.filter(idea=idea)}
    assert rows == {"budi": "accepted", "citra": "declined", "dedi_baru": "invited"}
    idea.refresh_from_db()
    api.save_idea(rules, people["ani"], {"co_proposers": "citra"}, idea_id=idea.id, version=idea.version)
    assert list(IdeaCoProposer.objects.filter(idea=idea).values_list("username", flat=True)) == ["citra"]


def test_exports_and_the_plugin_api_list_only_accepted_co_proposers(rules, people):
    idea = invite(rules, people, "budi, citra")
    api.answer_invitation(rules, people["budi"], idea.id, accept=True)
    ((_row, co_proposers, _means),) = list(api.export_ideas(rules))
    assert co_proposers == ["budi"]
