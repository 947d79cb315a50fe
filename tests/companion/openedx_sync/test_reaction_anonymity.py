"""Workshop reactions are anonymous in the companion too (issue 15, finding 7): stored without a
learner even when an older LMS plugin still sends a username, listed in the admin without one, and
shown in reports only for sessions with at least 5 answers."""

from datetime import UTC, datetime

from companion_service.evaluation.models import SessionFact
from companion_service.evaluation.refresh import refresh
from companion_service.openedx_sync.models import Learner, WorkshopReaction

from .conftest import lms_data, sync


def reaction(remote_id, relevance, username=None):
    row = {
        "id": remote_id,
        "session_id": 3,
        "course_id": "course-v1:KotaSibolga+DIGI+2026",
        "answers": {"relevance": relevance, "trainer": 4},
        "comment": "",
        "created": "2026-12-01T17:00:00Z",
        "modified": "2026-12-01T17:00:00Z",
    }
    if username:
        row["username"] = username  # what a plugin older than issue 15 sends
    return row


def test_reactions_are_stored_without_a_learner(start_lms, connection_to, roster):
    data = lms_data()
    data.plugin["workshop-reactions"] = [reaction(101, 5, "ani"), reaction(102, 4, "budi")]
    run = sync(connection_to(start_lms(data)))
    assert run.status == "ok", run.errors
    assert "learner" not in {field.name for field in WorkshopReaction._meta.get_fields()}
    stored = WorkshopReaction.objects.order_by("remote_id")
    assert [r.answers["relevance"] for r in stored] == [5, 4]
    assert "ani" not in str(list(stored.values()))
    assert not hasattr(Learner, "workshop_reactions")


def test_the_admin_lists_no_usernames(admin_client, start_lms, connection_to, roster):
    data = lms_data()
    data.plugin["workshop-reactions"] = [reaction(101, 5, "ani")]
    sync(connection_to(start_lms(data)))
    page = admin_client.get("/admin/openedx_sync/workshopreaction/").content.decode()
    assert "101" in page and "ani" not in page.split("<tbody>")[-1]


def test_sessions_with_fewer_than_five_reactions_have_no_breakdown(start_lms, connection_to, roster):
    data = lms_data()
    data.plugin["workshop-reactions"] = [reaction(100 + n, 5) for n in range(4)]
    sync(connection_to(start_lms(data)))
    assert refresh("test").status == "ok"
    fact = SessionFact.objects.get()
    assert fact.reactions == 4 and fact.reaction_stats == {}
    WorkshopReaction.objects.create(
        connection=WorkshopReaction.objects.first().connection,
        remote_id=200,
        course_key="course-v1:KotaSibolga+DIGI+2026",
        lms_created=datetime(2026, 12, 1, 17, tzinfo=UTC),
        lms_modified=datetime(2026, 12, 1, 17, tzinfo=UTC),
        synced=datetime(2026, 12, 2, tzinfo=UTC),
        session_remote_id=3,
        answers={"relevance": 3, "trainer": 4},
    )
    assert refresh("test").status == "ok"
    fact = SessionFact.objects.get()
    assert fact.reactions == 5 and fact.reaction_stats["relevance"] == [5, 23.0, 109.0]
