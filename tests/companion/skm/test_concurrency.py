"""Concurrent submissions and an import on PostgreSQL keep the tallies equal to the responses."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from companion_service.organization.models import Opd, ServiceUnit
from companion_service.skm import services
from companion_service.skm.ikm import UNSUR_CODES
from companion_service.skm.models import ResponseTally, SurveyResponse

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are exercised on PostgreSQL"),
]


def test_concurrent_form_submissions_and_imports_keep_tallies_exact():
    opd = Opd.objects.create(code="O", name="OPD")
    unit = ServiceUnit.objects.create(code="U", name="Unit", opd=opd)
    kind = services.add_service_kind(unit, "KTP-el")
    errors = []

    def citizen(number):
        try:
            for visit in range(10):
                row = services.NewResponse(
                    unit_id=unit.id,
                    answered_on=dt.date(2025, 1, 1 + visit),
                    answers=dict.fromkeys(UNSUR_CODES, 1 + (number + visit) % 4),
                    service_kind_id=kind.id if visit % 2 else None,
                    nonce=f"{number}-{visit}",
                    fingerprint=f"{number}-{visit}",
                )
                assert not services.submit_form_response(row).duplicate
            # The same form sent again by a double tap: counted once.
            assert services.submit_form_response(row).duplicate
        except Exception as exc:  # noqa: BLE001 (reported to the main thread)
            errors.append(exc)
        finally:
            connections.close_all()

    def importer():
        try:
            rows = [
                services.NewResponse(
                    unit_id=unit.id, answered_on=dt.date(2025, 2, 1), answers=dict.fromkeys(UNSUR_CODES, 4)
                )
                for _ in range(50)
            ]
            services.record_responses(rows, "import")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=citizen, args=(number,)) for number in range(8)]
    threads.append(threading.Thread(target=importer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert SurveyResponse.objects.count() == 8 * 10 + 50
    assert sum(ResponseTally.objects.values_list("respondents", flat=True)) == 130
    kept = sorted(
        ResponseTally.objects.values_list("service_kind_id", "year", "quarter", "respondents", "s1", "c1"),
        key=str,
    )
    services.rebuild_tallies()
    assert (
        sorted(
            ResponseTally.objects.values_list(
                "service_kind_id", "year", "quarter", "respondents", "s1", "c1"
            ),
            key=str,
        )
        == kept
    )
