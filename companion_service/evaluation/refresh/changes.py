"""What changed since the last refresh: noted in the changing transaction, resolved by the refresh.

The sync, the SKM and the roster send signals inside the transactions that change their rows
(``records_changed``, ``tallies_changed``) or once committed (``roster_changed``); ``note_*`` turns
them into ``PendingChange`` rows in the same transaction, so a change and its note commit or roll
back together (ADR 0131). ``resolve`` reads the notes up to an id and says what the incremental
refresh recomputes: which ASN (and so which OPDs), which unit quarters, ideas, sessions, or
everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Max, Q

from companion_service.openedx_sync.models import Completion, Enrollment, Grade, Learner
from companion_service.roster.models import Asn

from ..models import ChangeKind, PendingChange

MAX_NOTES = 20_000  # more changed rows than this at once: note "everything" (a full refresh is as fast)
FULL_SHARE = 0.3  # an incremental refresh touching more of the ASN than this does a full one instead


def _bulk(notes: list[PendingChange]) -> None:
    if len(notes) > MAX_NOTES:
        notes = [PendingChange(kind=ChangeKind.ALL)]
    PendingChange.objects.bulk_create(notes, batch_size=2000)


def note_records(
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
    """Note synced rows that changed (see ``openedx_sync.signals.records_changed``)."""
    notes = [
        PendingChange(kind=ChangeKind.ENROLLMENT, ref=learner, course=course)
        for learner, course in sorted(course_learners)
    ]
    notes += [PendingChange(kind=ChangeKind.LEARNER, ref=pk) for pk in sorted(learners)]
    notes += [PendingChange(kind=ChangeKind.ASSESSMENT, ref=pk) for pk in sorted(assessments)]
    notes += [PendingChange(kind=ChangeKind.LINK, ref=pk) for pk in sorted(linked)]
    notes += [PendingChange(kind=ChangeKind.ASN, ref=pk) for pk in sorted(asns)]
    notes += [PendingChange(kind=ChangeKind.COURSE, ref=pk) for pk in sorted(courses)]
    if ideas:
        notes.append(PendingChange(kind=ChangeKind.IDEAS))
    if sessions:
        notes.append(PendingChange(kind=ChangeKind.SESSIONS))
    _bulk(notes)


def note_unit_quarters(unit_quarters) -> None:
    """Note survey answers (or service users) that changed in these (unit, year, quarter)."""
    _bulk(
        [
            PendingChange(kind=ChangeKind.UNIT_QUARTER, ref=unit, year=year, quarter=quarter)
            for unit, year, quarter in sorted(unit_quarters)
        ]
    )


def note_everything() -> None:
    """The roster, the programme or the units moved: the next refresh recomputes everything."""
    PendingChange.objects.create(kind=ChangeKind.ALL)


def last_note() -> int | None:
    return PendingChange.objects.aggregate(last=Max("id"))["last"]


@dataclass
class Scope:
    """What an incremental refresh recomputes."""

    asns: set[int] = field(default_factory=set)  # every learning record and training figure
    pairs: set[tuple[int, int]] = field(default_factory=set)  # (ASN, course): that course's record
    skill_asns: set[int] = field(default_factory=set)  # skill pairs
    unit_quarters: set[tuple[int, int, int]] = field(default_factory=set)
    ideas: bool = False
    sessions: bool = False
    everything: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.everything
            or self.asns
            or self.pairs
            or self.skill_asns
            or self.unit_quarters
            or self.ideas
            or self.sessions
        )

    @property
    def training_asns(self) -> set[int]:
        """ASN whose training figures (JP, coverage, programme) are recomputed."""
        return self.asns | {asn for asn, _ in self.pairs}

    def describe(self) -> dict:
        return {
            "asn": len(self.training_asns),
            "asn_all_records": len(self.asns),
            "asn_course_pairs": len(self.pairs),
            "asn_skills": len(self.skill_asns),
            "unit_quarters": len(self.unit_quarters),
            "ideas": self.ideas,
            "sessions": self.sessions,
        }


def _asn_of_learners(learner_ids) -> dict[int, int]:
    """The ASN of each learner that has one."""
    learner_ids, found = sorted(set(learner_ids)), {}
    for start in range(0, len(learner_ids), 2000):
        found.update(
            Learner.objects.filter(pk__in=learner_ids[start : start + 2000], asn__isnull=False).values_list(
                "id", "asn_id"
            )
        )
    return found


def _asns_of_learners(learner_ids) -> set[int]:
    return set(_asn_of_learners(learner_ids).values())


def _asns_of_courses(course_ids: list[int]) -> set[int]:
    in_course = Q(course_id__in=course_ids)
    learners = Learner.objects.filter(asn__isnull=False).filter(
        Q(pk__in=Grade.objects.filter(in_course).values("learner_id"))
        | Q(pk__in=Completion.objects.filter(in_course).values("learner_id"))
        | Q(pk__in=Enrollment.objects.filter(in_course).values("learner_id"))
    )
    return set(learners.values_list("asn_id", flat=True))


def resolve(upto: int | None) -> Scope:
    """The scope of the notes with ids up to ``upto``."""
    scope = Scope()
    if upto is None:
        return scope
    notes = PendingChange.objects.filter(id__lte=upto)
    if notes.filter(kind=ChangeKind.ALL).exists():
        scope.everything = True
        return scope
    refs: dict[str, list[int]] = {kind: [] for kind in ChangeKind.values}
    enrollments = []
    for kind, ref, course, year, quarter in notes.values_list(
        "kind", "ref", "course", "year", "quarter"
    ).iterator(chunk_size=5000):
        if kind == ChangeKind.UNIT_QUARTER:
            scope.unit_quarters.add((ref, year, quarter))
        elif kind == ChangeKind.ENROLLMENT:
            enrollments.append((ref, course))
        elif ref is not None:
            refs[kind].append(ref)
    # A link moves a learner's ideas and workshop attendance to (or from) an ASN's OPD.
    linked = bool(refs[ChangeKind.LINK] or refs[ChangeKind.ASN])
    scope.ideas = linked or notes.filter(kind=ChangeKind.IDEAS).exists()
    scope.sessions = linked or notes.filter(kind=ChangeKind.SESSIONS).exists()
    scope.asns = set(refs[ChangeKind.ASN])
    scope.asns |= _asns_of_learners(set(refs[ChangeKind.LEARNER]) | set(refs[ChangeKind.LINK]))
    if refs[ChangeKind.COURSE]:
        scope.asns |= _asns_of_courses(sorted(set(refs[ChangeKind.COURSE])))
    asn_of = _asn_of_learners(learner for learner, _ in enrollments)
    scope.pairs = {(asn_of[learner], course) for learner, course in enrollments if learner in asn_of}
    scope.pairs = {(asn, course) for asn, course in scope.pairs if asn not in scope.asns}
    # Skill pairs follow assessment attempts and links (an ASN a link moved from or to).
    scope.skill_asns = set(refs[ChangeKind.ASN]) | _asns_of_learners(
        set(refs[ChangeKind.ASSESSMENT]) | set(refs[ChangeKind.LINK])
    )
    touched = scope.training_asns | scope.skill_asns
    if touched and len(touched) > FULL_SHARE * max(Asn.objects.count(), 1):
        scope.everything = True
    return scope


def forget(upto: int | None) -> None:
    """Drop the notes a refresh has taken in (newer ones wait for the next refresh)."""
    if upto is not None:
        PendingChange.objects.filter(id__lte=upto).delete()
