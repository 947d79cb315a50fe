"""Fixtures for the SKM tests: an OPD with service units, and responses entered through services."""

import datetime as dt

import pytest
from django.core.cache import cache

from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm import services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseSource


@pytest.fixture(autouse=True)
def empty_cache():
    """The public survey's definition lives in the cache: start each test clean. (The limits count
    in the database cache, which each test's transaction rolls back.)"""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def opd(db):
    return Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")


@pytest.fixture
def unit(opd):
    return ServiceUnit.objects.create(code="DUKCAPIL-LOKET", name="Loket Pelayanan Dukcapil", opd=opd)


@pytest.fixture
def other_unit(db):
    rsud = Opd.objects.create(code="RSUD", name="RSUD Dr. F.L. Tobing", kind="rsud")
    return ServiceUnit.objects.create(code="RSUD-RAJAL", name="Instalasi Rawat Jalan", opd=rsud)


def answers_of(values) -> dict:
    """``3`` (all nine 3), a list of nine, or a dict by code."""
    if isinstance(values, int):
        return dict.fromkeys(UNSUR_CODES, values)
    if isinstance(values, dict):
        return {code: values.get(code) for code in UNSUR_CODES}
    return dict(zip(UNSUR_CODES, values, strict=True))


@pytest.fixture
def add_responses(db):
    """Store responses through the service real data takes; returns the created rows."""

    def add(unit, answered_on, *answer_sets, kind=None, source=ResponseSource.IMPORT, **profile):
        if isinstance(answered_on, str):
            answered_on = dt.date.fromisoformat(answered_on)
        rows = [
            services.NewResponse(
                unit_id=unit.id,
                answered_on=answered_on,
                answers=answers_of(values),
                service_kind_id=kind.id if kind else None,
                **profile,
            )
            for values in answer_sets
        ]
        return services.record_responses(rows, source)

    return add
