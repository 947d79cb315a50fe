"""Writes of the SKM app: responses with their tallies, unit survey settings, kinds of service,
adapted wording, numbers of service users and the RTL register.

Every write that adds or removes responses changes ``ResponseTally`` in the same transaction, while
holding the units' ``UnitSurvey`` rows locked (in id order, so two writers never deadlock). On
SQLite the transaction itself is the lock (``transaction_mode=IMMEDIATE``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.text import slugify

from companion_service.organization.models import ServiceUnit

from .ikm import UNSUR_CODES, Tally
from .models import (
    FollowUp,
    FollowUpStatus,
    FormAnomaly,
    ResponseSource,
    ResponseTally,
    ReviewReason,
    ServiceKind,
    ServiceUserCount,
    SurveyResponse,
    UnitSurvey,
    UnsurWording,
    answer_field,
    count_field,
    sum_field,
)
from .periods import Period
from .selectors import forget_public_survey
from .signals import responses_changed, service_users_changed, tallies_changed

DUPLICATE_WINDOW = dt.timedelta(minutes=10)


@dataclass
class NewResponse:
    """A validated response about to be stored (from the public form or an import row)."""

    unit_id: int
    answered_on: dt.date
    answers: dict[str, int | None]
    service_kind_id: int | None = None
    sex: str = ""
    age_group: str = ""
    education: str = ""
    occupation: str = ""
    officer: str = ""
    comment: str = ""
    nonce: str | None = None
    fingerprint: str = ""
    review: str = ""
    similar_to_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def tally_key(self) -> tuple[int, int | None, int, int]:
        return (
            self.unit_id,
            self.service_kind_id,
            self.answered_on.year,
            (self.answered_on.month - 1) // 3 + 1,
        )

    def to_model(self, source: str, batch=None) -> SurveyResponse:
        return SurveyResponse(
            unit_id=self.unit_id,
            service_kind_id=self.service_kind_id,
            answered_on=self.answered_on,
            source=source,
            batch=batch,
            sex=self.sex,
            age_group=self.age_group,
            education=self.education,
            occupation=self.occupation,
            officer=self.officer,
            comment=self.comment,
            nonce=self.nonce,
            fingerprint=self.fingerprint,
            review=self.review,
            similar_to_id=self.similar_to_id,
            **{answer_field(code): self.answers.get(code) for code in UNSUR_CODES},
        )


# --- unit settings -------------------------------------------------------------------------------


def survey_for(unit: ServiceUnit) -> UnitSurvey:
    """The unit's survey settings, created with the defaults the first time."""
    survey, _ = UnitSurvey.objects.get_or_create(unit=unit)
    return survey


def update_survey(unit: ServiceUnit, *, is_open: bool, ask_officer: bool, intro: str) -> UnitSurvey:
    survey = survey_for(unit)
    survey.is_open, survey.ask_officer, survey.intro = is_open, ask_officer, intro.strip()
    survey.save()
    forget_public_survey(unit.code)
    return survey


def unique_kind_code(unit: ServiceUnit, name: str) -> str:
    base = slugify(name)[:56] or "layanan"
    code, number = base, 2
    while ServiceKind.objects.filter(unit=unit, code=code).exists():
        code, number = f"{base}-{number}", number + 1
    return code


def add_service_kind(unit: ServiceUnit, name: str, code: str = "") -> ServiceKind:
    """Add a jenis layanan to ``unit`` (or return the one with that name, reactivated)."""
    name = " ".join(name.split())
    forget_public_survey(unit.code)
    existing = ServiceKind.objects.filter(unit=unit, name__iexact=name).first()
    if existing:
        if not existing.is_active:
            existing.is_active = True
            existing.save(update_fields=["is_active"])
        return existing
    position = ServiceKind.objects.filter(unit=unit).count()
    return ServiceKind.objects.create(
        unit=unit, name=name, code=code or unique_kind_code(unit, name), position=position
    )


def set_service_kind_active(kind: ServiceKind, active: bool) -> None:
    """Kinds with responses are never deleted: they stop being offered."""
    kind.is_active = active
    kind.save(update_fields=["is_active"])
    forget_public_survey(kind.unit.code)


def save_wording(unit: ServiceUnit, code: str, question: str, labels: Sequence[str]) -> UnsurWording | None:
    """Adapt the wording of unsur ``code`` for ``unit``; all fields empty goes back to the model text."""
    question = question.strip()
    labels = [label.strip() for label in labels]
    forget_public_survey(unit.code)
    if not question and not any(labels):
        UnsurWording.objects.filter(unit=unit, code=code).delete()
        return None
    wording, _ = UnsurWording.objects.update_or_create(
        unit=unit,
        code=code,
        defaults={"question": question, **{f"label_{n}": labels[n - 1] for n in range(1, 5)}},
    )
    return wording


def _announce_service_users() -> None:
    transaction.on_commit(lambda: service_users_changed.send(sender=ServiceUserCount))


def set_service_users(
    unit: ServiceUnit, period: Period, users: int, note: str = "", user=None, *, announce: bool = True
):
    """Record how many people used the unit's services in ``period`` (the minimum sample's N).

    After the commit ``service_users_changed`` tells the evaluation to refresh; ``announce=False``
    leaves that to the caller (``set_many_service_users`` announces a whole file once)."""
    if users < 1:
        raise ValueError("users must be at least 1")
    with transaction.atomic():
        count, _ = ServiceUserCount.objects.update_or_create(
            unit=unit,
            period_kind=period.kind.value,
            year=period.year,
            number=period.number,
            defaults={"users": users, "note": note.strip(), "entered_by": user},
        )
        _users_changed(unit, period)
    if announce:
        _announce_service_users()
    return count


def _users_changed(unit: ServiceUnit, period: Period) -> None:
    """Note the quarters whose figures rest on this number (inside the changing transaction): a
    quarter's own, and those of a semester or year (a unit's yearly figure takes the year's number,
    or the sum of its quarters or semesters)."""
    tallies_changed.send(
        sender=ServiceUserCount,
        unit_quarters={(unit.pk, period.year, quarter) for quarter in period.quarters},
    )


@transaction.atomic
def set_many_service_users(entries: Iterable[tuple[ServiceUnit, Period, int, str]], user=None) -> int:
    """Record several numbers of service users, all or none, announced once after the commit."""
    written = 0
    for unit, period, users, note in entries:
        set_service_users(unit, period, users, note or "", user, announce=False)
        written += 1
    if written:
        _announce_service_users()
    return written


@transaction.atomic
def clear_service_users(unit: ServiceUnit, period: Period) -> None:
    deleted, _ = ServiceUserCount.objects.filter(
        unit=unit, period_kind=period.kind.value, year=period.year, number=period.number
    ).delete()
    if deleted:
        _users_changed(unit, period)
        _announce_service_users()


# --- responses and tallies -----------------------------------------------------------------------


def lock_units(unit_ids: Iterable[int]) -> None:
    """Hold the units' survey rows until the transaction ends (in id order: no deadlocks);
    a unit without one gets it first."""
    ids = sorted(set(unit_ids))
    locked = set(
        UnitSurvey.objects.select_for_update().filter(unit_id__in=ids).values_list("unit_id", flat=True)
    )
    missing = [unit_id for unit_id in ids if unit_id not in locked]
    for unit_id in missing:
        UnitSurvey.objects.get_or_create(unit_id=unit_id)
    if missing:
        list(UnitSurvey.objects.select_for_update().filter(unit_id__in=missing).values_list("id"))


TALLY_COUNTERS = [
    "respondents",
    *[sum_field(code) for code in UNSUR_CODES],
    *[count_field(code) for code in UNSUR_CODES],
]


@lru_cache(maxsize=2)
def _increment_sql(with_kind: bool) -> str:
    """``UPDATE`` adding to one tally's counters. Written once as SQL: the ORM would compile nineteen
    F() expressions on every form submission, which costs more than the rest of the write."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(name)} = {quote(name)} + %s" for name in TALLY_COUNTERS)
    kind = f"{quote('service_kind_id')} = %s" if with_kind else f"{quote('service_kind_id')} IS NULL"
    # Only our own table and column names go into the text; every value is a query parameter.
    return (
        f"UPDATE {quote(ResponseTally._meta.db_table)} SET {sets} "  # noqa: S608
        f"WHERE {quote('unit_id')} = %s AND {quote('year')} = %s AND {quote('quarter')} = %s AND {kind}"
    )


def _counters(delta: Tally, sign: int) -> list[int]:
    return [
        sign * delta.respondents,
        *[sign * delta.sums[code] for code in UNSUR_CODES],
        *[sign * delta.counts[code] for code in UNSUR_CODES],
    ]


def _apply(deltas: dict[tuple, Tally], sign: int) -> None:
    """Add (``sign`` 1) or subtract (-1) tally deltas, creating tallies that do not exist yet.
    The caller holds the units' locks, so a missing tally cannot be created twice."""
    for key in sorted(deltas, key=lambda k: (k[0], k[1] or 0, k[2], k[3])):
        unit_id, kind_id, year, quarter = key
        delta = deltas[key]
        where = [unit_id, year, quarter] + ([kind_id] if kind_id is not None else [])
        with connection.cursor() as cursor:
            cursor.execute(_increment_sql(kind_id is not None), [*_counters(delta, sign), *where])
            if cursor.rowcount:
                continue
        if sign < 0:
            raise RuntimeError(f"no tally to subtract from for {key}; run `companion skm-retally`")
        ResponseTally.objects.create(
            unit_id=unit_id,
            service_kind_id=kind_id,
            year=year,
            quarter=quarter,
            **dict(zip(TALLY_COUNTERS, _counters(delta, 1), strict=True)),
        )
    if sign < 0:
        ResponseTally.objects.filter(unit_id__in={key[0] for key in deltas}, respondents=0).delete()
    if deltas:
        tallies_changed.send(sender=ResponseTally, unit_quarters={(key[0], key[2], key[3]) for key in deltas})


def record_responses(
    rows: Sequence[NewResponse], source: str, batch=None, locked=False
) -> list[SurveyResponse]:
    """Store ``rows`` and add them to the tallies, atomically (``locked``: the caller already holds
    the units' locks in its transaction)."""
    deltas: dict[tuple, Tally] = defaultdict(Tally)
    for row in rows:
        deltas[row.tally_key].add(row.answers)
    with transaction.atomic(savepoint=not locked):
        if not locked:
            lock_units(row.unit_id for row in rows)
        created = SurveyResponse.objects.bulk_create(
            [row.to_model(source, batch) for row in rows], batch_size=2000
        )
        _apply(deltas, +1)
    return created


def _deltas_in_database(responses) -> dict[tuple, Tally]:
    """The tally deltas of a queryset of responses, aggregated by the database."""
    annotations = {"n": Count("id")}
    for code in UNSUR_CODES:
        annotations[sum_field(code)] = Sum(answer_field(code))
        annotations[count_field(code)] = Count(answer_field(code))
    grouped = (
        responses.annotate(y=ExtractYear("answered_on"), q=ExtractQuarter("answered_on"))
        .values("unit_id", "service_kind_id", "y", "q")
        .annotate(**annotations)
        .order_by()
    )
    return {
        (row["unit_id"], row["service_kind_id"], row["y"], row["q"]): Tally(
            respondents=row["n"],
            sums={code: row[sum_field(code)] or 0 for code in UNSUR_CODES},
            counts={code: row[count_field(code)] for code in UNSUR_CODES},
        )
        for row in grouped
    }


def delete_responses(responses) -> int:
    """Delete a queryset of responses and take them out of the tallies, atomically."""
    with transaction.atomic():
        lock_units(responses.values_list("unit_id", flat=True).distinct())
        deltas = _deltas_in_database(responses)
        deleted, _ = responses.delete()
        _apply(deltas, -1)
    return deleted


def rebuild_tallies(unit_ids: Iterable[int] | None = None) -> int:
    """Recompute the tallies from the responses (all units, or some); returns the tally rows written."""
    with transaction.atomic():
        units = ServiceUnit.objects.all() if unit_ids is None else ServiceUnit.objects.filter(id__in=unit_ids)
        ids = list(units.values_list("id", flat=True))
        lock_units(ids)
        ResponseTally.objects.filter(unit_id__in=ids).delete()
        deltas = _deltas_in_database(SurveyResponse.objects.filter(unit_id__in=ids))
        _apply(deltas, +1)
        transaction.on_commit(lambda: responses_changed.send(sender=ResponseTally))
    return len(deltas)


def form_fingerprint(unit_code: str, client: str, payload: dict) -> str:
    """Same client, same unit, same answers and text: the same fingerprint (duplicate detection)."""
    text = json.dumps([unit_code, client, payload], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Submission:
    """What happened to a form submission: stored (``response``, perhaps marked for review), or not
    stored again because its form was already sent (``duplicate``): with the same answers (a double
    tap, ``changed`` False) or with others (``changed`` True, refused)."""

    response: SurveyResponse | None
    duplicate: bool
    changed: bool = False


CONTENT_FIELDS = ("service_kind_id", "sex", "age_group", "education", "occupation", "officer", "comment")


def _same_content(stored: SurveyResponse, row: NewResponse) -> bool:
    candidate = row.to_model(ResponseSource.FORM)
    return stored.answers() == candidate.answers() and all(
        getattr(stored, name) == getattr(candidate, name) for name in CONTENT_FIELDS
    )


def form_already_sent(row: NewResponse) -> Submission | None:
    """The earlier submission of this form (same ``nonce``), if any: the view asks before the limits
    so that a double tap costs the citizen nothing."""
    stored = SurveyResponse.objects.filter(nonce=row.nonce).first() if row.nonce else None
    if stored is None:
        return None
    return Submission(None, duplicate=True, changed=not _same_content(stored, row))


def submit_form_response(row: NewResponse, *, burst: bool = False) -> Submission:
    """Store one answer from the public form, once per form (``nonce``). The same answers from the
    same client within ``DUPLICATE_WINDOW`` (same ``fingerprint``) may be a second citizen on the same
    Wi-Fi: stored and counted, marked ``duplicate`` for an evaluator to keep or remove; ``burst``
    marks an answer that came while its unit received unusually many (ADRs 0100, 0101)."""
    try:
        with transaction.atomic():
            lock_units([row.unit_id])
            earlier = form_already_sent(row)
            if earlier is not None:
                return earlier
            similar = None
            if row.fingerprint:
                similar = (
                    SurveyResponse.objects.filter(
                        fingerprint=row.fingerprint, submitted_at__gte=timezone.now() - DUPLICATE_WINDOW
                    )
                    .order_by("id")
                    .values_list("id", flat=True)
                    .first()
                )
            review = ReviewReason.DUPLICATE if similar else ReviewReason.BURST if burst else ""
            row = replace(row, review=review, similar_to_id=similar)
            [response] = record_responses([row], ResponseSource.FORM, locked=True)
    except IntegrityError:
        earlier = form_already_sent(row)  # the same form, sent at the same moment by another worker
        if earlier is not None:
            return earlier
        raise
    return Submission(response, duplicate=False)


def record_anomaly(unit_id: int, kind: str, window_start: dt.datetime, client: str = "") -> None:
    """Count one event of unusual traffic at a unit's form in this window (ADR 0100)."""
    updated = FormAnomaly.objects.filter(
        unit_id=unit_id, kind=kind, window_start=window_start, client=client
    ).update(count=F("count") + 1, last_seen=timezone.now())
    if updated:
        return
    try:
        with transaction.atomic():
            FormAnomaly.objects.create(
                unit_id=unit_id, kind=kind, window_start=window_start, client=client, count=1
            )
    except IntegrityError:  # another worker created it meanwhile
        FormAnomaly.objects.filter(
            unit_id=unit_id, kind=kind, window_start=window_start, client=client
        ).update(count=F("count") + 1, last_seen=timezone.now())


def apply_retention(years: int, today: dt.date | None = None) -> tuple[int, int]:
    """What the form's privacy notice promises: the device codes (fingerprints) are dropped once the
    duplicate window is over, and after ``years`` years the comment and the officer's name too, the
    numbers staying for comparing periods. Returns (answers cleared of free text, codes dropped)."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=round(365.25 * years))
    old = SurveyResponse.objects.filter(answered_on__lt=cutoff).exclude(comment="", officer="")
    cleared = old.update(comment="", officer="")
    codes = (
        SurveyResponse.objects.filter(submitted_at__lt=timezone.now() - dt.timedelta(days=1))
        .exclude(fingerprint="")
        .update(fingerprint="")
    )
    return cleared, codes


def review_response(response: SurveyResponse, *, keep: bool) -> None:
    """An evaluator's decision on a marked answer: keep it (the mark goes), or remove it (and take it
    out of the tallies)."""
    if keep:
        SurveyResponse.objects.filter(pk=response.pk).update(review="")
    else:
        delete_responses(SurveyResponse.objects.filter(pk=response.pk))


# --- RTL (follow-up) register --------------------------------------------------------------------


def create_follow_up(unit: ServiceUnit, period: Period, *, user=None, **fields) -> FollowUp:
    follow_up = FollowUp(unit=unit, created_by=user, **fields)
    follow_up.set_period(period)
    _complete_dates(follow_up)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


def update_follow_up(follow_up: FollowUp, **fields) -> FollowUp:
    for name, value in fields.items():
        setattr(follow_up, name, value)
    _complete_dates(follow_up)
    follow_up.full_clean()
    follow_up.save()
    return follow_up


def _complete_dates(follow_up: FollowUp) -> None:
    """A follow-up marked done gets today's date unless one was given; reopening clears it."""
    if follow_up.status == FollowUpStatus.DONE and not follow_up.done_on:
        follow_up.done_on = timezone.localdate()
    if follow_up.status != FollowUpStatus.DONE:
        follow_up.done_on = None
