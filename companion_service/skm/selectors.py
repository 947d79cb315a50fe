"""Reads of the SKM app. IKM figures come from ``ResponseTally`` summed by the database per unit
(and kind of service) and period; breakdowns by profile aggregate the responses of one unit and
period in the database. Nothing here loops over individual responses in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.core.cache import cache
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from companion_service.organization.models import ServiceUnit

from . import data, ikm
from .ikm import UNSUR_CODES, Tally, Weighting
from .models import (
    FollowUp,
    FollowUpStatus,
    ResponseTally,
    ServiceKind,
    ServiceUserCount,
    SurveyResponse,
    UnsurWording,
    answer_field,
    count_field,
    sum_field,
)
from .periods import Period, PeriodKind
from .profile import AgeGroup, Education, Occupation, Sex
from .questionnaire import GRADE_LABELS, unsur

# --- tallies per period --------------------------------------------------------------------------


def _period_number(kind: PeriodKind):
    if kind is PeriodKind.QUARTER:
        return Case(*[When(quarter=q, then=Value(q)) for q in range(1, 5)], output_field=IntegerField())
    if kind is PeriodKind.SEMESTER:
        return Case(When(quarter__lte=2, then=Value(1)), default=Value(2), output_field=IntegerField())
    return Value(1, output_field=IntegerField())


def _tally_sums():
    sums = {"n": Sum("respondents")}
    for code in UNSUR_CODES:
        sums[sum_field(code)] = Sum(sum_field(code))
        sums[count_field(code)] = Sum(count_field(code))
    return sums


def _tally_of(row: dict) -> Tally:
    return Tally(
        respondents=row["n"] or 0,
        sums={code: row[sum_field(code)] or 0 for code in UNSUR_CODES},
        counts={code: row[count_field(code)] or 0 for code in UNSUR_CODES},
    )


def tallies(
    kind: PeriodKind | str,
    *,
    years: Iterable[int] | None = None,
    period: Period | None = None,
    unit_ids: Iterable[int] | None = None,
    by_service_kind: bool = False,
) -> dict[tuple, Tally]:
    """Tallies summed by the database per unit (and kind of service) and period of ``kind``.

    Keys are ``(unit_id, period)`` or, ``by_service_kind``, ``(unit_id, service_kind_id, period)``.
    """
    kind = PeriodKind(kind)
    query = ResponseTally.objects.all()
    if period is not None:
        query = query.filter(year=period.year, quarter__in=period.quarters)
    if years is not None:
        query = query.filter(year__in=list(years))
    if unit_ids is not None:
        query = query.filter(unit_id__in=list(unit_ids))
    group = (
        ["unit_id", "service_kind_id", "year", "number"] if by_service_kind else ["unit_id", "year", "number"]
    )
    rows = query.annotate(number=_period_number(kind)).values(*group).annotate(**_tally_sums()).order_by()
    result = {}
    for row in rows:
        key_period = Period(row["year"], kind, row["number"])
        if by_service_kind:
            result[(row["unit_id"], row["service_kind_id"], key_period)] = _tally_of(row)
        else:
            result[(row["unit_id"], key_period)] = _tally_of(row)
    return result


# --- populations (service users) -----------------------------------------------------------------


def populations(unit_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, Period], tuple[int, str]]:
    """Service users per unit and period as ``(users, source)``: entered for the period, or else the
    sum of its quarters or semesters when every one of them was entered."""
    entered = {
        (row.unit_id, row.period): row.users
        for row in ServiceUserCount.objects.filter(unit_id__in=list(unit_ids), year__in=list(years))
    }
    result = {key: (users, "entered") for key, users in entered.items()}
    years_of: dict[int, set[int]] = {}
    for unit_id, period in entered:
        years_of.setdefault(unit_id, set()).add(period.year)
    for unit_id, unit_years in years_of.items():
        for year in unit_years:
            for kind in (PeriodKind.SEMESTER, PeriodKind.YEAR):
                for number in range(1, kind.per_year + 1):
                    whole = Period(year, kind, number)
                    if (unit_id, whole) in result:
                        continue
                    for part_kind in (PeriodKind.QUARTER, PeriodKind.SEMESTER):
                        if part_kind.quarters >= kind.quarters:
                            continue
                        parts = whole.sub_periods(part_kind)
                        if all((unit_id, part) in result for part in parts):
                            total = sum(result[(unit_id, part)][0] for part in parts)
                            result[(unit_id, whole)] = (total, "sum")
                            break
    return result


def population_for(unit: ServiceUnit, period: Period) -> tuple[int, str] | None:
    return populations([unit.id], [period.year]).get((unit.id, period))


# --- IKM ------------------------------------------------------------------------------------------


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def labels() -> dict[str, str]:
    """Unsur names and grade labels in the active language, by code and letter (looked up once)."""
    return {
        **{code: str(unsur(code).name) for code in UNSUR_CODES},
        **{letter: str(label) for letter, label in GRADE_LABELS.items()},
    }


def _grade_label(grade: ikm.Grade | None, names: dict) -> str | None:
    return None if grade is None else names[grade.letter]


def unit_ikm_of(
    unit: ServiceUnit,
    period: Period,
    tally: Tally,
    weighting: Weighting | str,
    population: tuple[int, str] | None,
    service_kind: str = "",
    names: dict | None = None,
) -> data.UnitIkm:
    """The ``UnitIkm`` of a tally (the pure engine does the arithmetic)."""
    names = names or labels()
    result = ikm.compute(tally, weighting, population[0] if population else None)
    grade = result.grade
    return data.UnitIkm(
        unit_code=unit.code,
        unit_name=unit.name,
        opd_code=unit.opd.code,
        opd_name=unit.opd.name,
        period=period.key,
        period_kind=period.kind.value,
        period_label=period.label,
        start=period.start,
        end=period.end,
        weighting=str(result.weighting),
        respondents=result.respondents,
        ikm=result.ikm_display,
        ikm_unrounded=_float(result.ikm),
        grade=grade.letter if grade else None,
        grade_label=_grade_label(grade, names),
        unsur=tuple(
            data.UnsurScore(
                code=score.code,
                name=names[score.code],
                answered=score.answered,
                nrr=_float(score.nrr),
                nrr_display=score.nrr_display,
                weighted_display=score.weighted_display,
                converted_display=score.converted_display,
                grade=score.grade.letter if score.grade else None,
                grade_label=_grade_label(score.grade, names),
            )
            for score in result.unsur
        ),
        minimum_sample=data.MinimumSample(
            population=result.minimum_sample.population,
            required=result.minimum_sample.required,
            met=result.minimum_sample.met,
            population_source=population[1] if population else None,
        ),
        service_kind=service_kind,
    )


def ikm_grid(
    kind: PeriodKind | str = PeriodKind.QUARTER,
    *,
    years: Iterable[int] | None = None,
    units: Iterable[ServiceUnit] | None = None,
    weighting: Weighting | str = Weighting.REGULATION,
) -> list[data.UnitIkm]:
    """The IKM of every unit and period of ``kind`` that has responses, sorted by unit then period."""
    unit_ids = [unit.id for unit in units] if units is not None else None
    found = tallies(kind, years=years, unit_ids=unit_ids)
    units_with_opd = {
        unit.id: unit
        for unit in ServiceUnit.objects.select_related("opd").filter(id__in={key[0] for key in found})
    }
    pops = populations(units_with_opd, {period.year for _, period in found})
    names = labels()
    result = [
        unit_ikm_of(
            units_with_opd[unit_id], period, tally, weighting, pops.get((unit_id, period)), names=names
        )
        for (unit_id, period), tally in found.items()
    ]
    result.sort(key=lambda item: (item.opd_name, item.unit_name, item.unit_code, item.start))
    return result


def unit_ikm(
    unit: ServiceUnit, period: Period, weighting: Weighting | str = Weighting.REGULATION
) -> data.UnitIkm:
    """The IKM of one unit in one period (respondents 0 and no IKM when nobody answered)."""
    tally = tallies(period.kind, period=period, unit_ids=[unit.id]).get((unit.id, period), Tally())
    return unit_ikm_of(unit, period, tally, weighting, population_for(unit, period))


def ikm_by_service_kind(
    unit: ServiceUnit, period: Period, weighting: Weighting | str = Weighting.REGULATION
) -> list[data.UnitIkm]:
    """The IKM of each kind of service of ``unit`` in ``period`` (responses without a kind last)."""
    found = tallies(period.kind, period=period, unit_ids=[unit.id], by_service_kind=True)
    kinds = {kind.id: kind for kind in ServiceKind.objects.filter(unit=unit)}

    def order(item):
        kind = kinds.get(item[0][1])
        return (kind is None, kind.position if kind else 0, kind.name.casefold() if kind else "")

    result = []
    for (_unit_id, kind_id, _period), tally in sorted(found.items(), key=order):
        name = kinds[kind_id].name if kind_id in kinds else _("(no kind of service)")
        result.append(unit_ikm_of(unit, period, tally, weighting, None, name))
    return result


def unit_periods(unit: ServiceUnit, kind: PeriodKind | str = PeriodKind.QUARTER) -> list[Period]:
    """The periods of ``kind`` in which ``unit`` has responses, newest first."""
    kind = PeriodKind(kind)
    quarters = ResponseTally.objects.filter(unit=unit).values_list("year", "quarter").distinct()
    periods = {Period(year, kind, (quarter - 1) // kind.quarters + 1) for year, quarter in quarters}
    return sorted(periods, reverse=True)


def latest_period(kind: PeriodKind | str = PeriodKind.QUARTER) -> Period | None:
    """The newest period of ``kind`` with any response, for the overview's default."""
    row = ResponseTally.objects.order_by("-year", "-quarter").values_list("year", "quarter").first()
    if not row:
        return None
    year, quarter = row
    kind = PeriodKind(kind)
    return Period(year, kind, (quarter - 1) // kind.quarters + 1)


def years_with_responses() -> list[int]:
    return sorted(ResponseTally.objects.values_list("year", flat=True).distinct(), reverse=True)


# --- profile breakdowns and comments -------------------------------------------------------------


def _responses(unit: ServiceUnit, period: Period, service_kind_id: int | None = None):
    query = SurveyResponse.objects.filter(
        unit=unit, answered_on__gte=period.start, answered_on__lte=period.end
    )
    if service_kind_id:
        query = query.filter(service_kind_id=service_kind_id)
    return query


def _answer_sums():
    sums = {"n": Count("id")}
    for code in UNSUR_CODES:
        sums[sum_field(code)] = Sum(answer_field(code))
        sums[count_field(code)] = Count(answer_field(code))
    return sums


PROFILE_DIMENSIONS = (
    ("sex", Sex),
    ("age_group", AgeGroup),
    ("education", Education),
    ("occupation", Occupation),
)


def profile_breakdowns(
    unit: ServiceUnit, period: Period, weighting: Weighting | str = Weighting.REGULATION
) -> list[data.ProfileBreakdown]:
    """Respondents and IKM by sex, age group, education, occupation and kind of service."""
    titles = {
        "sex": _("Sex"),
        "age_group": _("Age"),
        "education": _("Education"),
        "occupation": _("Occupation"),
        "service_kind": _("Kind of service"),
    }
    responses = _responses(unit, period)
    total = responses.count()
    kinds = dict(ServiceKind.objects.filter(unit=unit).values_list("id", "name"))
    dimensions = [(name, dict(choices.choices)) for name, choices in PROFILE_DIMENSIONS]
    dimensions.append(("service_kind", kinds))
    result = []
    for name, labels in dimensions:
        field = "service_kind_id" if name == "service_kind" else name
        grouped = {row[field]: row for row in responses.values(field).annotate(**_answer_sums()).order_by()}
        order = list(labels) + [value for value in grouped if value not in labels]
        rows = []
        for value in order:
            row = grouped.get(value)
            count = row["n"] if row else 0
            if not count and value not in labels:
                continue
            outcome = ikm.compute(_tally_of(row), weighting) if row else None
            grade = outcome.grade if outcome else None
            rows.append(
                data.ProfileRow(
                    value="" if value in (None, "") else str(value),
                    label=str(labels.get(value, "")) or _("Not stated"),
                    respondents=count,
                    share=ikm.round_half_up(Fraction(count * 100, total), 2) if total else Decimal("0.00"),
                    ikm=outcome.ikm_display if outcome else None,
                    grade=grade.letter if grade else None,
                )
            )
        result.append(data.ProfileBreakdown(dimension=name, title=str(titles[name]), rows=tuple(rows)))
    return result


def comments(unit: ServiceUnit, period: Period, limit: int | None = None) -> list[data.Comment]:
    """Non-empty "kritik dan saran" of the unit and period, newest first (without the answers)."""
    query = (
        _responses(unit, period)
        .exclude(comment="")
        .order_by("-answered_on", "-id")
        .values_list("answered_on", "service_kind__name", "comment")
    )
    if limit:
        query = query[:limit]
    return [data.Comment(answered_on=day, service_kind=kind or "", text=text) for day, kind, text in query]


def comment_count(unit: ServiceUnit, period: Period) -> int:
    return _responses(unit, period).exclude(comment="").count()


def source_counts(unit: ServiceUnit, period: Period) -> dict[str, int]:
    """How the period's responses came in: ``{"form": n, "import": m}``."""
    return dict(_responses(unit, period).values_list("source").annotate(n=Count("id")).order_by())


# --- questionnaire and settings --------------------------------------------------------------------


def wording_for(unit: ServiceUnit) -> dict[str, dict]:
    """Per unsur code the question and four labels the unit uses (its own, else the model text)."""
    own = {item.code: item for item in UnsurWording.objects.filter(unit=unit)}
    result = {}
    for code in UNSUR_CODES:
        default = unsur(code)
        adapted = own.get(code)
        labels = [
            (adapted.labels[index] if adapted and adapted.labels[index] else str(default.labels[index]))
            for index in range(4)
        ]
        result[code] = {
            "code": code,
            "name": str(default.name),
            "question": (adapted.question if adapted and adapted.question else str(default.question)),
            "labels": labels,
            "adapted": adapted is not None,
        }
    return result


def adapted_labels(unit_ids: Iterable[int]) -> dict[tuple[int, str], tuple[str, ...]]:
    """Each unit's own answer labels per unsur, for reading imported answers typed as labels."""
    return {
        (item.unit_id, item.code): item.labels
        for item in UnsurWording.objects.filter(unit_id__in=list(unit_ids))
        if any(item.labels)
    }


# --- RTL -----------------------------------------------------------------------------------------


def follow_ups(unit: ServiceUnit | None = None, period: Period | None = None, status: str = ""):
    query = FollowUp.objects.select_related("unit")
    if unit is not None:
        query = query.filter(unit=unit)
    if period is not None:
        query = query.filter(period_kind=period.kind.value, year=period.year, number=period.number)
    if status:
        query = query.filter(status=status)
    return query.order_by("status", "due_on", "id")


def follow_up_summary(unit: ServiceUnit | None = None, period: Period | None = None) -> data.FollowUpSummary:
    """``% RTL selesai`` and how fast: planned excludes cancelled follow-ups."""
    query = follow_ups(unit, period).exclude(status=FollowUpStatus.CANCELLED)
    today = timezone.localdate()
    counts = query.aggregate(
        planned=Count("id"),
        done=Count("id", filter=Q(status=FollowUpStatus.DONE)),
        in_progress=Count("id", filter=Q(status=FollowUpStatus.IN_PROGRESS)),
        not_started=Count("id", filter=Q(status=FollowUpStatus.PLANNED)),
        late=Count("id", filter=~Q(status=FollowUpStatus.DONE) & Q(due_on__lt=today)),
    )
    done = list(query.filter(status=FollowUpStatus.DONE).values_list("created", "done_on", "due_on"))
    on_time = sum(1 for _created, done_on, due_on in done if done_on <= due_on)
    days = [(done_on - timezone.localdate(created)).days for created, done_on, _due in done]
    average = ikm.round_half_up(Fraction(sum(days), len(days)), 1) if days else None
    return data.FollowUpSummary(done_on_time=on_time, average_days_to_done=average, **counts)


def follow_up_summaries(period: Period | None = None) -> dict[int, data.FollowUpSummary]:
    """The summary per unit id, for the register's overview."""
    unit_ids = follow_ups(period=period).values_list("unit_id", flat=True).distinct()
    units = ServiceUnit.objects.filter(id__in=unit_ids)
    return {unit.id: follow_up_summary(unit, period) for unit in units}


def open_units():
    """Service units whose public survey is open, for the survey index."""
    return ServiceUnit.objects.filter(is_active=True).exclude(skm_survey__is_open=False).select_related("opd")


# --- the public survey's definition (cached) ------------------------------------------------------

PUBLIC_SURVEY_SECONDS = 60


@dataclass(frozen=True)
class Kind:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class PublicSurvey:
    """What the public page of one unit needs, read once a minute instead of on every request."""

    unit_id: int
    code: str
    name: str
    opd_name: str
    is_open: bool
    ask_officer: bool
    intro: str
    wording: dict
    kinds: tuple[Kind, ...]


def _public_key(code: str) -> str:
    return f"skm-public-survey:{code}"


def public_survey(code: str) -> PublicSurvey | None:
    """The survey of the active unit ``code`` (``None`` for an unknown or inactive unit). Cached for
    a minute; the services that change a survey forget it at once."""
    found = cache.get(_public_key(code))
    if found is not None:
        return found or None
    unit = ServiceUnit.objects.filter(code=code, is_active=True).select_related("opd", "skm_survey").first()
    if unit is None:
        cache.set(_public_key(code), False, PUBLIC_SURVEY_SECONDS)
        return None
    survey = getattr(unit, "skm_survey", None)
    with translation.override("id"):
        wording = wording_for(unit)
    kinds = tuple(
        Kind(kind.id, kind.code, kind.name) for kind in ServiceKind.objects.filter(unit=unit, is_active=True)
    )
    found = PublicSurvey(
        unit_id=unit.id,
        code=unit.code,
        name=unit.name,
        opd_name=unit.opd.name,
        is_open=survey.is_open if survey else True,
        ask_officer=survey.ask_officer if survey else True,
        intro=survey.intro if survey else "",
        wording=wording,
        kinds=kinds,
    )
    cache.set(_public_key(code), found, PUBLIC_SURVEY_SECONDS)
    return found


def forget_public_survey(code: str) -> None:
    cache.delete(_public_key(code))
