"""The companion's frame: health check, sign-in, home page, roles, languages."""

import os
from unittest.mock import patch

import pytest
from django.core.management import call_command
from django.db import connection

from companion_service.core.navigation import menu_for
from companion_service.core.roles import Role, roles_of


def test_runs_on_the_database_the_suite_was_given():
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_says_503_when_the_database_fails(client, db):
    from django.db import DatabaseError

    with patch.object(connection, "cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_home_needs_a_signed_in_user(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_home_is_in_indonesian_by_default(client, make_user):
    client.force_login(make_user("siti", Role.EVALUATOR))
    page = client.get("/").content.decode()
    assert '<html lang="id">' in page
    assert "Selamat datang di Pendamping Bina ASN" in page
    assert "Evaluator" in page


def test_home_switches_to_english(client, make_user):
    client.force_login(make_user("siti", Role.EVALUATOR))
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Welcome to the Bina ASN companion" in page


def test_user_without_role_is_told_to_ask_for_one(client, make_user):
    client.force_login(make_user("tamu"))
    assert "belum memiliki peran" in client.get("/").content.decode()


def test_login_with_wrong_password_says_so_in_indonesian(client, make_user):
    make_user("siti", Role.EVALUATOR)
    page = client.post("/login/", {"username": "siti", "password": "salah"}).content.decode()
    assert 'role="alert"' in page
    assert "nama pengguna" in page.lower()


def test_roles_come_from_groups_and_superusers_administer(make_user):
    assert roles_of(make_user("a", Role.EVALUATOR, Role.PARTNER)) == {Role.EVALUATOR, Role.PARTNER}
    assert roles_of(make_user("root", superuser=True)) == {Role.ADMINISTRATOR}
    assert roles_of(make_user("b", "some-other-group")) == frozenset()


def test_only_administrators_see_the_administration_menu(make_user):
    assert "admin:index" not in [item.url_name for item in menu_for(make_user("e", Role.EVALUATOR))]
    assert "admin:index" in [item.url_name for item in menu_for(make_user("adm", Role.ADMINISTRATOR))]


def test_manage_user_creates_a_user_with_roles_and_a_checked_password(db, monkeypatch):
    from django.contrib.auth import get_user_model
    from django.core.management.base import CommandError

    monkeypatch.setenv("NEW_PW", "123")
    with pytest.raises(CommandError, match="not accepted"):
        call_command(
            "manage_user", "rina", "rina@contoh.go.id", "--role", "evaluator", "--password-env", "NEW_PW"
        )
    monkeypatch.setenv("NEW_PW", "panjang-dan-acak-2026")
    call_command(
        "manage_user", "rina", "rina@contoh.go.id", "--role", "evaluator", "--password-env", "NEW_PW"
    )
    user = get_user_model().objects.get(username="rina")
    assert user.check_password("panjang-dan-acak-2026")
    assert roles_of(user) == {Role.EVALUATOR}
    assert not user.is_staff


def test_a_page_outside_ones_role_explains_itself_in_indonesian(client, make_user):
    client.force_login(make_user("tamu"))
    response = client.get("/evaluasi/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Anda tidak boleh membuka halaman ini" in page
    assert "administrator BKPSDM" in page
    assert 'href="#main"' in page  # the site's frame: skip link, menu, language switch


def test_an_unknown_address_says_so_in_the_users_language(client, make_user):
    client.force_login(make_user("siti", Role.EVALUATOR))
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Page not found" in client.get("/tidak-ada/").content.decode()


def test_a_server_error_page_renders_without_the_request_context(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("id"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan di pihak kami" in response.content.decode()


def test_an_expired_form_is_explained_and_changes_nothing(make_user):
    from django.test import Client

    make_user("siti", Role.EVALUATOR)
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/login/", {"username": "siti", "password": "salah"})  # no CSRF token
    assert response.status_code == 403
    assert "Formulir sudah kedaluwarsa" in response.content.decode()


def test_a_refused_host_name_gets_a_plain_400_not_a_server_error(client, db):
    response = client.get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat dipahami" in response.content.decode()
