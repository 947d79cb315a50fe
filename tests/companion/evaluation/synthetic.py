"""A synthetic city for the impact analysis's honesty checks (issue 14).

Eight OPDs of three service units each (24 units), four ASN serving in each unit, eight quarters
(2025-Q1 .. 2026-Q4), 30 survey respondents per unit and quarter, each answering every unsur 3 or 4
at random. Fifteen units are trained: three of their four staff pass the programme course in the
unit's crossing quarter (share 0.75); the other nine units have one of four staff trained (0.25), so
at the unit level they stay comparisons, while at the OPD level some of their OPDs cross.

A unit's expected IKM in quarter q is 80 + its own level + 0.3 q + ``effect`` after its crossing
quarter + ``pretrend`` x q for the units that will be trained (the issue's violation: trained units
already rising 1.5 points a quarter faster, with no effect of training).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from companion_service.openedx_sync.models import (
    Course,
    DateSource,
    Enrollment,
    Grade,
    Learner,
    LmsConnection,
)
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.roster.models import Asn
from companion_service.skm import services as skm_services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseSource

QUARTERS = [(2025, q) for q in range(1, 5)] + [(2026, q) for q in range(1, 5)]
OPDS, UNITS_PER_OPD, STAFF, RESPONDENTS = 8, 3, 4, 30
# Crossing quarter (0 = 2025-Q1) of the trained units, by unit position; None: a comparison unit.
CROSSINGS = [
    2,
    None,
    3,
    4,
    None,
    2,
    5,
    3,
    None,
    None,
    4,
    2,
    3,
    None,
    5,
    4,
    None,
    3,
    2,
    None,
    4,
    None,
    5,
    None,
]


def _nip(index: int) -> str:
    birth = dt.date(1985, 1, 1) + dt.timedelta(days=index)
    return f"{birth:%Y%m%d}201001{1}{index % 999 + 1:03d}"


def _day(position: int, day: int = 15) -> dt.datetime:
    year, quarter = QUARTERS[position]
    return dt.datetime(year, 3 * quarter - 1, day, 5, tzinfo=dt.UTC)


def build(effect: float = 0.0, pretrend: float = 0.0, seed: int = 7) -> dict:
    """Create the city; returns the units by code and their crossing quarters."""
    rng = np.random.default_rng(seed)
    now = timezone.now()
    connection = LmsConnection.objects.create(name="LMS", base_url="https://lms.contoh.go.id", client_id="x")
    course = Course.objects.create(
        connection=connection,
        course_key="course-v1:KotaSibolga+LD+2025",
        name="Literasi Digital ASN",
        org="KotaSibolga",
        jp=20,
        jp_set_by_admin=True,
        first_seen=now,
        last_seen=now,
    )
    units, crossings, person = {}, {}, 0
    for o in range(OPDS):
        opd = Opd.objects.create(code=f"OPD{o + 1:02d}", name=f"Dinas Sintetis {o + 1:02d}")
        for u in range(UNITS_PER_OPD):
            position = o * UNITS_PER_OPD + u
            unit = ServiceUnit.objects.create(
                code=f"S{position + 1:02d}", name=f"Unit {position + 1:02d}", opd=opd
            )
            units[unit.code], crossings[unit.code] = unit, CROSSINGS[position]
            trained_staff = 3 if CROSSINGS[position] is not None else 1
            for s in range(STAFF):
                person += 1
                username = f"sint{person:03d}"
                asn = Asn.objects.create(
                    nip=_nip(person),
                    name=f"ASN {person:03d}",
                    opd=opd,
                    service_unit=unit,
                    openedx_username=username,
                )
                if s >= trained_staff:
                    continue
                learner = Learner.objects.create(
                    connection=connection, username=username, asn=asn, link_method="username", first_seen=now
                )
                when = _day(CROSSINGS[position] if CROSSINGS[position] is not None else 1 + position % 6)
                Enrollment.objects.create(
                    course=course,
                    learner=learner,
                    mode="audit",
                    enrolled_at=when,
                    first_seen=now,
                    modified=now,
                )
                Grade.objects.create(
                    course=course, learner=learner, percent=0.9, passed=True, passed_at=when,
                    passed_at_source=DateSource.CERTIFICATE, first_seen=now, modified=now,
                )  # fmt: skip
    level = rng.normal(0, 2, len(units))
    rows = []
    for position, code in enumerate(units):
        crossing = crossings[code]
        for q in range(len(QUARTERS)):
            mean = 80 + level[position] + 0.3 * q + rng.normal(0, 0.5)
            if crossing is not None:
                mean += pretrend * q + (effect if q > crossing else 0.0)
            share_of_fours = float(np.clip((mean - 75) / 25, 0.02, 0.98))
            fours = rng.random((RESPONDENTS, len(UNSUR_CODES))) < share_of_fours
            day = _day(q).date()
            rows += [
                skm_services.NewResponse(
                    unit_id=units[code].id,
                    answered_on=day,
                    answers={c: 4 if four else 3 for c, four in zip(UNSUR_CODES, answers, strict=True)},
                )
                for answers in fours
            ]
    skm_services.record_responses(rows, ResponseSource.IMPORT)
    return {"units": units, "crossings": crossings}
