"""Issue 14: entering the number of service users (``skm-population``, the report page) changes the
minimum sample, so the evaluation's figures must follow: the change triggers a refresh, once per
command, and the stored figures then show the new sample."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from companion_service.evaluation.models import RefreshRun, UnitQuarterSkm
from companion_service.evaluation.refresh import refresh
from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm import services
from companion_service.skm.api import UNSUR_CODES
from companion_service.skm.models import ResponseSource


@pytest.fixture
def unit(db):
    opd = Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    unit = ServiceUnit.objects.create(code="DUKCAPIL-LOKET", name="Loket", opd=opd)
    rows = [
        services.NewResponse(
            unit_id=unit.id, answered_on=dt.date(2025, 2, 1), answers=dict.fromkeys(UNSUR_CODES, 3)
        )
        for _ in range(40)
    ]
    services.record_responses(rows, ResponseSource.IMPORT)
    refresh("test")
    return unit


def test_skm_population_refreshes_the_figures_once(unit, tmp_path, django_capture_on_commit_callbacks):
    assert UnitQuarterSkm.objects.get().required is None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("skm-population", "DUKCAPIL-LOKET", "2025-Q1", "60")
    assert RefreshRun.objects.filter(trigger="skm_population").count() == 1
    row = UnitQuarterSkm.objects.get()
    assert (row.population, row.required, row.sample_met) == (60, 52, False)  # 40 of 52
    path = tmp_path / "pengguna.csv"
    path.write_text("unit;periode;pengguna\nDUKCAPIL-LOKET;2025-Q1;45\nDUKCAPIL-LOKET;2025-Q2;10\n")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("skm-population", "--file", str(path))
    assert RefreshRun.objects.filter(trigger="skm_population").count() == 2  # one per command, not per row
    row = UnitQuarterSkm.objects.get()
    assert (row.population, row.required, row.sample_met) == (45, 40, True)


def test_entering_users_on_the_report_page_refreshes(
    unit, client, make_user, django_capture_on_commit_callbacks
):
    client.force_login(make_user("admin", superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("skm:population", args=["DUKCAPIL-LOKET", "2025-Q1"]), {"users": "35", "note": ""}
        )
    assert response.status_code == 302
    assert RefreshRun.objects.filter(trigger="skm_population").count() == 1
    assert UnitQuarterSkm.objects.get().required == 32
