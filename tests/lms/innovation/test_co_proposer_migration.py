"""The migration that turns co-proposers into invitations (issue 15, ADR 0107): a colleague named
before it was named without being asked, so it becomes an invitation waiting for an answer, with
the username kept; rows made with the old table, migrated forward, then read."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("bina_asn", "0009_workshop_reactions_without_registration")]
AFTER = [("bina_asn", "0010_innovation_co_proposer_invitations")]


@pytest.mark.django_db(transaction=True)
def test_existing_co_proposers_become_waiting_invitations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Idea = old.get_model("bina_asn", "Idea")
    CoProposer = old.get_model("bina_asn", "IdeaCoProposer")
    ani, budi, juri = (User.objects.create(username=name) for name in ("ani", "budi", "juri_mitra"))
    idea = Idea.objects.create(
        course_id="course-v1:A+B+C", usage_id="u", author=ani, title="Antrean daring", state="submitted"
    )
    CoProposer.objects.create(idea=idea, user=juri, position=0)
    CoProposer.objects.create(idea=idea, user=budi, position=1)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    CoProposer = new.get_model("bina_asn", "IdeaCoProposer")
    rows = list(
        CoProposer.objects.order_by("position").values("username", "user_id", "status", "answered_at")
    )
    assert rows == [
        {"username": "juri_mitra", "user_id": juri.pk, "status": "invited", "answered_at": None},
        {"username": "budi", "user_id": budi.pk, "status": "invited", "answered_at": None},
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
