"""The migration that makes reactions anonymous keeps every answer and drops every link to its learner
(issue 15): rows made with the old tables, migrated forward, then read."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("bina_asn", "0007_organization_units")]
AFTER = [("bina_asn", "0009_workshop_reactions_without_registration")]


@pytest.mark.django_db(transaction=True)
def test_existing_reactions_are_anonymised():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Workshop = old.get_model("bina_asn", "Workshop")
    Session = old.get_model("bina_asn", "WorkshopSession")
    Registration = old.get_model("bina_asn", "WorkshopRegistration")
    Reaction = old.get_model("bina_asn", "WorkshopReaction")
    ends = datetime(2026, 12, 1, 5, 45, tzinfo=UTC)
    workshop = Workshop.objects.create(
        course_id="course-v1:A+B+C",
        usage_id="u",
        title="L",
        partner_name="P",
        partner_slug="p",
        partner_kind="ngo",
    )
    session = Session.objects.create(
        workshop=workshop,
        key="s1",
        title="Sesi",
        starts_at=ends - timedelta(hours=1),
        ends_at=ends,
        duration_minutes=60,
        capacity=5,
        jp_credit=1,
        registration_deadline=ends - timedelta(hours=1),
        checkin_opens_at=ends - timedelta(hours=2),
        checkin_closes_at=ends,
        checkin_code="ABC123",
    )
    answered, silent = (User.objects.create(username=name) for name in ("ani", "budi"))
    registrations = {}
    for user in (answered, silent):
        registrations[user.username] = Registration.objects.create(
            session=session,
            user=user,
            status="attended",
            attended_at=ends,
            attendance_method="staff",
            jp_credited=0,
        )
    reaction = Reaction.objects.create(
        registration=registrations["ani"], answers={"relevance": 4}, comment="Oke"
    )
    Reaction.objects.filter(pk=reaction.pk).update(
        created=datetime(2026, 12, 1, 20, 31, 7, tzinfo=UTC),  # 2 Dec, 03.31 WIB
        modified=datetime(2026, 12, 1, 20, 31, 7, tzinfo=UTC),
    )
    touched = Registration.objects.get(pk=registrations["ani"].pk).modified

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Reaction = new.get_model("bina_asn", "WorkshopReaction")
    Registration = new.get_model("bina_asn", "WorkshopRegistration")
    (row,) = Reaction.objects.all()
    assert (row.session_id, row.answers, row.comment) == (session.pk, {"relevance": 4}, "Oke")
    day = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # 2 December 00.00 WIB
    assert (row.created, row.modified) == (day, day)
    assert not {f.name for f in Reaction._meta.get_fields()} & {"registration", "user"}
    flags = dict(Registration.objects.values_list("user__username", "reaction_submitted"))
    assert flags == {"ani": True, "budi": False}
    assert Registration.objects.get(user__username="ani").modified == touched  # no new time on it
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
