"""Abuse of the companion's signed-in side (issue 15, finding 9): password guessing, the API schema,
stored impact results."""

import pytest

from companion_service.accounts.api import Scope
from companion_service.evaluation import selectors
from companion_service.evaluation.models import ImpactResult, Programme
from companion_service.evaluation.refresh import refresh
from tests.companion.conftest import PASSWORD
from tests.companion.evaluation import golden


def login(client, username, password, **extra):
    page = client.get("/login/")
    return client.post(
        "/login/",
        {"username": username, "password": password},
        **extra,
    ), page


# --- password guessing --------------------------------------------------------------------------


def test_guessing_the_administrators_password_is_stopped(client, make_user):
    make_user("siti.admin", "administrator")
    for attempt in range(4):
        response, _ = login(client, "siti.admin", f"salah-{attempt}")
        assert response.status_code == 200, attempt  # the form again, with Django's message
    assert login(client, "siti.admin", "salah-5")[0].status_code == 429  # the fifth failure
    refused, _ = login(client, "siti.admin", PASSWORD)  # the right password, too late
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Terlalu banyak percobaan masuk yang gagal" in page
    assert "Coba lagi dalam 15 menit" in page
    # Another computer (another address) is not locked out with the administrator.
    other, _ = login(client, "siti.admin", PASSWORD, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302 and "_auth_user_id" in client.session


def test_the_admin_sites_password_form_is_throttled_too(client, make_user):
    make_user("root", superuser=True).is_staff = True
    for attempt in range(5):
        client.post("/admin/login/", {"username": "root", "password": f"x{attempt}"})
    response = client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert response.status_code == 429


def test_a_success_before_the_limit_clears_the_failures(client, make_user):
    make_user("siti.admin", "administrator")
    for attempt in range(4):
        login(client, "siti.admin", f"salah-{attempt}")
    assert login(client, "siti.admin", PASSWORD)[0].status_code == 302
    client.logout()
    for attempt in range(4):
        login(client, "siti.admin", f"lagi-{attempt}")
    assert login(client, "siti.admin", PASSWORD)[0].status_code == 302


# --- the API schema -----------------------------------------------------------------------------


def test_the_api_schema_needs_sign_in(client, make_user):
    assert client.get("/api/schema/").status_code in (401, 403)
    client.force_login(make_user("eva", "evaluator"))
    response = client.get("/api/schema/")
    assert response.status_code == 200 and b"/api/evaluation/v1/impact/" in response.content


# --- stored impact results ----------------------------------------------------------------------


@pytest.fixture
def evaluated(db):
    golden.build()
    assert refresh("test").status == "ok"


def test_only_the_saved_threshold_keeps_a_stored_impact_result(evaluated, client, make_user):
    client.force_login(make_user("eva", "evaluator"))
    Programme.objects.update_or_create(defaults={"default_threshold": "0.40"})
    kept = ImpactResult.objects.count()
    for value in ("0.3", "0.31", "0.3101", "37%", "0.77"):
        assert client.get(f"/evaluasi/dampak/?threshold={value}").status_code == 200
        assert client.get(f"/api/evaluation/v1/impact/?threshold={value}").status_code == 200
    assert ImpactResult.objects.count() == kept
    client.get("/evaluasi/dampak/")  # the saved default
    client.get("/evaluasi/dampak/?threshold=0.4&window=3")
    assert ImpactResult.objects.count() == kept + 2
    kept += 2
    # Results for other thresholds are still right, only not kept.
    assert selectors.impact(Scope.everything(), 2, 0.31, "regulation") == selectors.impact(
        Scope.everything(), 2, 0.31, "regulation"
    )
    assert ImpactResult.objects.count() == kept
