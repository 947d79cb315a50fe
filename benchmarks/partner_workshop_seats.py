"""What the seat lock costs: registrations per second through the services vs bare inserts.

    .venv/bin/python -m benchmarks.partner_workshop_seats [--learners 400]

On a fresh SQLite database (in a temporary folder, dev LMS settings) it registers N learners for
one session (capacity N/5, so most join the waiting list) through ``services.register`` (lock the
workshop row, count seats, hand out a queue number, touch the session) and, as the baseline, inserts
the same number of registration rows directly. Then it renders the roster and the reaction summary
selectors once. Goal: the lock and bookkeeping cost at most a few times a bare insert, i.e. far
below what a learner notices (milliseconds per registration).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=400)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="bina-bench-")
    os.environ["BINA_VAR_DIR"] = folder
    os.environ.pop("BINA_LMS_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dev.lms.settings"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from xblocks.bina_asn import api
    from xblocks.bina_asn.data import WorkshopDefinition, WorkshopSessionDefinition
    from xblocks.bina_asn.models.workshop import WorkshopRegistration

    now = datetime.now(UTC)
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        [user_model(username=f"bench{i:05d}", email=f"b{i}@contoh.go.id") for i in range(2 * args.learners)]
    )

    def session(usage):
        definition = WorkshopDefinition(
            course_id="course-v1:Bench+B+1",
            usage_id=usage,
            title="Bench",
            partner_name="Mitra",
            partner_kind="local_tech",
            sessions=(
                WorkshopSessionDefinition(
                    key="s1", title="S", starts_at=now + timedelta(days=3), duration_minutes=90,
                    capacity=max(args.learners // 5, 1),
                ),
            ),
        )  # fmt: skip
        api.sync_workshop(definition, now=now)
        return api.workshop_session_by_key(usage, "s1")

    serviced = session("bench-service")
    started = time.perf_counter()
    for user in users[: args.learners]:
        api.register_for_workshop_session(serviced.id, user.pk, now=now)
    service_seconds = time.perf_counter() - started

    baseline = session("bench-baseline")
    started = time.perf_counter()
    for user in users[args.learners :]:
        WorkshopRegistration.objects.create(
            session_id=baseline.id, user=user, status="registered", registered_at=now
        )
    baseline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    roster = api.workshop_roster(serviced.id)
    roster_seconds = time.perf_counter() - started
    counts = api.workshop_session_by_key("bench-service", "s1")

    n = args.learners
    seats = f"seats: {counts.capacity}; registered {counts.registered_count}, waiting {counts.waiting_count}"
    print(f"learners: {n}; {seats}")
    each = 1000 * service_seconds / n
    print(f"services.register: {n / service_seconds:8.0f} registrations/s ({each:.2f} ms each)")
    each = 1000 * baseline_seconds / n
    print(f"bare insert:       {n / baseline_seconds:8.0f} rows/s ({each:.2f} ms each)")
    print(f"ratio (register / insert time): {service_seconds / baseline_seconds:.1f}x")
    print(f"roster of {len(roster)} learners: {1000 * roster_seconds:.1f} ms")


if __name__ == "__main__":
    main()
