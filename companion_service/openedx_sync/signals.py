"""Signals other apps listen to (the evaluation refreshes its aggregates when new data arrived)."""

from django.dispatch import Signal

# Sent once committed after a sync run finished (``run``), a grade report was imported (``course_key``)
# or an administrator changed a course's JP or channel (``course``) or a learner's link (``learner``).
data_synced = Signal()

# Sent inside the transaction that wrote synced rows, so a listener can note what changed atomically
# with the change (the evaluation's incremental refresh, ADR 0131). Keyword arguments, all optional:
# ``course_learners`` ((learner id, course id) pairs whose enrollment, grade, completion or
# certificate date changed), ``learners`` (learner ids whose workshop attendance changed),
# ``assessments`` (learner ids whose assessment attempts changed), ``linked`` (learner ids linked to
# an ASN or unlinked), ``asns`` (ASN ids a link moved away from), ``courses`` (course ids
# whose name, JP or channel changed, or whose grades came from a report), ``ideas`` and ``sessions``
# (True when ideas or partner sessions and reactions changed).
records_changed = Signal()


def send_changes(
    *,
    course_learners=(),
    learners=(),
    assessments=(),
    linked=(),
    asns=(),
    courses=(),
    ideas=False,
    sessions=False,
) -> None:
    """Send ``records_changed`` when anything changed."""
    changes = {
        "course_learners": set(course_learners),
        "learners": set(learners),
        "assessments": set(assessments),
        "linked": set(linked),
        "asns": {a for a in asns if a},
        "courses": set(courses),
    }
    if any(changes.values()) or ideas or sessions:
        records_changed.send(sender=None, ideas=ideas, sessions=sessions, **changes)
