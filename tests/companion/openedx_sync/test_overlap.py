"""The incremental sync re-reads an overlap window behind its high-water mark (issue 15, finding 10;
ADR 0103), so a row that a slow LMS transaction commits late is still read.

Why a late row has an old ``modified``: the plugin's models stamp ``modified`` with Django's
``auto_now`` when the row is saved (``DateTimeField.pre_save``), i.e. inside the transaction, and the
plugin API answers ``modified_since`` with ``modified__gte`` over committed rows only
(``xblocks/bina_asn/models/base.py``; ``xblocks/common/listviews.ListView.get_queryset``). A row
saved at 03:05 by a transaction that commits at 03:09 is invisible to a run at 03:08 that reads a row
saved and committed at 03:07; the next run asks for ``modified >= 03:07`` and, without an overlap,
never sees it. The fake LMS filters exactly so (``tests/support/fake_lms.py``).
"""

import copy
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from companion_service.openedx_sync.models import Idea

from .conftest import lms_data, sync


def idea(number: int, modified: str, template: dict) -> dict:
    row = copy.deepcopy(template)
    row.update(
        id=number, title=f"Gagasan {number}", modified=modified, author_username="budi", co_proposers=[]
    )
    return row


def asked_since(lms) -> datetime:
    query = parse_qs(urlsplit(lms.requests_to(r"^/api/bina/v1/ideas/")[-1][1]).query)
    return datetime.fromisoformat(query["modified_since"][0].replace("Z", "+00:00"))


def test_a_row_committed_late_by_a_slow_transaction_is_read_by_the_next_run(
    start_lms, connection_to, roster, settings
):
    settings.COMPANION_SYNC_OVERLAP_MINUTES = 10
    data = lms_data()
    template = data.plugin["ideas"][0]  # modified 2026-11-20T03:00:00Z
    lms = start_lms(data)
    connection = connection_to(lms)
    assert sync(connection).status == "ok"
    # 03:05 a slow transaction saves idea 6 (not yet committed); 03:07 idea 7 is saved and committed.
    data.plugin["ideas"].append(idea(7, "2026-11-20T03:07:00Z", template))
    second = sync(connection)  # 03:08: sees idea 7 only
    assert second.counts["ideas"]["created"] == 1
    assert not Idea.objects.filter(remote_id=6).exists()
    # 03:09 the slow transaction commits idea 6, stamped 03:05.
    data.plugin["ideas"].append(idea(6, "2026-11-20T03:05:00Z", template))
    third = sync(connection)
    assert third.status == "ok", third.errors
    assert Idea.objects.filter(remote_id=6).exists()
    assert third.counts["ideas"]["created"] == 1
    # It asked from ten minutes behind the newest row it had seen, and wrote nothing twice.
    assert asked_since(lms) == datetime(2026, 11, 20, 2, 57, tzinfo=UTC)
    assert Idea.objects.count() == 3


def test_the_overlap_is_a_setting(start_lms, connection_to, roster, settings):
    settings.COMPANION_SYNC_OVERLAP_MINUTES = 0
    data = lms_data()
    lms = start_lms(data)
    connection = connection_to(lms)
    sync(connection)
    sync(connection)
    assert asked_since(lms) == datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    settings.COMPANION_SYNC_OVERLAP_MINUTES = 60
    sync(connection)
    assert asked_since(lms) == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def test_the_scheduled_sync_reads_everything_again_once_a_week(start_lms, connection_to, roster, capsys):
    """``--full-every-days 7`` (for cron; beat has its own, below): a full run when no full run of this
    LMS ended well in the last 7 days, else an incremental one; the week is kept in the database, so a
    restarted scheduler does not start over."""
    import json

    from django.core.management import call_command
    from django.utils import timezone

    from companion_service.openedx_sync.models import SyncRun

    lms = start_lms(lms_data())
    connection_to(lms)

    def scheduled() -> bool:
        try:
            call_command("sync", "--json", "--schedule", "--full-every-days", "7")
        except SystemExit as exc:
            assert exc.code == 0
        return json.loads(capsys.readouterr().out)["full"]

    assert scheduled() is True  # no full run yet
    assert scheduled() is False
    SyncRun.objects.update(
        started=timezone.now() - timedelta(days=8), finished=timezone.now() - timedelta(days=8)
    )
    assert scheduled() is True
    assert scheduled() is False


def test_beat_reads_everything_again_once_a_week(start_lms, connection_to, roster, settings):
    """Beat replaced Tutor's shell scheduler (ADR 0130): its sync entry passes
    ``COMPANION_SYNC_FULL_EVERY_DAYS`` to ``openedx_sync.sync_all``, which queues a full run when no
    full run of the LMS ended well in that many days, else an incremental one (ADR 0103)."""
    from django.utils import timezone

    from companion_service.openedx_sync import tasks
    from companion_service.openedx_sync.models import RunStatus, SyncRun

    entry = settings.CELERY_BEAT_SCHEDULE["sync-every-lms"]
    assert entry["task"] == "openedx_sync.sync_all"
    assert settings.COMPANION_SYNC_FULL_EVERY_DAYS == 7
    assert entry["kwargs"] == {"full_every_days": 7}
    connection_to(start_lms(lms_data()))

    def scheduled() -> bool:
        [run_id] = tasks.sync_all(**entry["kwargs"])
        assert tasks.run_sync_task(run_id) == RunStatus.OK  # the worker's part (on_commit in a test)
        return SyncRun.objects.get(pk=run_id).full

    assert scheduled() is True  # no full run yet
    assert scheduled() is False
    SyncRun.objects.update(
        started=timezone.now() - timedelta(days=8), finished=timezone.now() - timedelta(days=8)
    )
    assert scheduled() is True
    assert scheduled() is False
    assert tasks.sync_all() and SyncRun.objects.order_by("-pk").first().full is False  # without the option
