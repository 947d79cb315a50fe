"""The LMS client secret stays with its LMS (issue 15, finding 6): a connection whose URL changes loses
its stored secret, the environment's secret goes only to the environment's LMS (OPENEDX_LMS_URL), and
what an LMS answers in an error body is never shown to the administrator (ADR 0104)."""

import pytest
from django.core.management import CommandError, call_command

from companion_service.core.roles import Role
from companion_service.openedx_sync.models import LmsConnection, SyncRun
from companion_service.openedx_sync.services import ConnectionNotUsable, client_for, client_secret
from tests.support.fake_lms import Fault

from .conftest import lms_data
from .test_admin import connection_form

PHISHING = b"<html><body>Sesi habis. Masuk lagi di https://phish.example/login dengan NIP Anda</body></html>"


@pytest.fixture
def administrator(client, make_user, settings):
    settings.LANGUAGE_CODE = "en"
    user = make_user("bkpsdm", Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()
    client.force_login(user)
    return user


def token_requests(lms) -> list:
    return lms.requests_to(r"^/oauth2/access_token")


def test_changing_the_url_in_the_admin_clears_the_stored_secret(
    client, administrator, start_lms, monkeypatch
):
    """The stored secret belongs to a global-staff service user: it must not follow a new URL to
    another host when the administrator presses "Test connection"."""
    lms, other = start_lms(lms_data()), start_lms(lms_data())  # the other host would accept it
    monkeypatch.setenv("OPENEDX_LMS_URL", lms.url)
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", lms.data.client_secret)
    client.post(
        "/admin/openedx_sync/lmsconnection/add/", connection_form(lms, client_secret=lms.data.client_secret)
    )
    connection = LmsConnection.objects.get()
    change = f"/admin/openedx_sync/lmsconnection/{connection.pk}/change/"
    page = client.post(change, connection_form(other), follow=True).content.decode()
    connection.refresh_from_db()
    assert connection.base_url == other.url
    assert connection.client_secret_encrypted == ""
    assert "The LMS URL changed: the stored client secret was removed" in page
    page = client.post(
        f"/admin/openedx_sync/lmsconnection/{connection.pk}/test/", follow=True
    ).content.decode()
    assert "does not work" in page
    assert "OPENEDX_LMS_URL" in page  # says why the environment's secret is not used here
    assert token_requests(other) == []  # neither the stored nor the environment's secret was sent
    # A new secret entered together with the new URL is kept.
    client.post(change, connection_form(lms, client_secret="baru"))
    connection.refresh_from_db()
    assert (connection.base_url, client_secret(connection)) == (lms.url, "baru")


def test_the_command_that_moves_a_connection_drops_its_secret(db, monkeypatch):
    monkeypatch.setenv("S", "rahasia")
    monkeypatch.delenv("OPENEDX_CLIENT_SECRET", raising=False)
    call_command(
        "lms-connection", "LMS", "--url", "https://lms.example.go.id", "--client-id", "c", "--secret-env", "S"
    )
    assert client_secret(LmsConnection.objects.get()) == "rahasia"
    call_command("lms-connection", "LMS", "--url", "https://lain.example.com", "--client-id", "c")
    assert LmsConnection.objects.get().client_secret_encrypted == ""
    # Saving it again at the same URL keeps a secret.
    call_command(
        "lms-connection", "LMS", "--url", "https://lain.example.com", "--client-id", "c", "--secret-env", "S"
    )
    call_command("lms-connection", "LMS", "--url", "https://lain.example.com/", "--client-id", "c")
    assert client_secret(LmsConnection.objects.get()) == "rahasia"


def test_the_environment_secret_goes_only_to_the_environment_url(db, start_lms, monkeypatch):
    lms, other = start_lms(lms_data()), start_lms(lms_data())
    monkeypatch.setenv("OPENEDX_CLIENT_SECRET", lms.data.client_secret)
    connection = LmsConnection.objects.create(name="Lain", base_url=other.url, client_id="bina-companion")
    monkeypatch.delenv("OPENEDX_LMS_URL", raising=False)
    with pytest.raises(ConnectionNotUsable, match="OPENEDX_LMS_URL"):
        client_for(connection)
    monkeypatch.setenv("OPENEDX_LMS_URL", lms.url)
    with pytest.raises(ConnectionNotUsable, match="OPENEDX_LMS_URL"):
        client_for(connection)
    with pytest.raises(CommandError, match="OPENEDX_LMS_URL"):  # the scheduled sync: not started
        call_command("sync", "--json")
    assert not SyncRun.objects.exists()
    assert token_requests(other) == []
    # The environment's own LMS (written with a trailing slash or another case of host) gets it.
    monkeypatch.setenv("OPENEDX_LMS_URL", lms.url.upper() + "/")
    connection.base_url = lms.url
    connection.save()
    assert client_for(connection).token_claims()["preferred_username"] == "bina_companion"


def test_an_lms_error_body_is_not_shown_to_the_administrator(
    client, administrator, start_lms, connection_to, monkeypatch
):
    lms = start_lms(lms_data(), [Fault(r"^/api/courses/", "400", times=-1, body=PHISHING)])
    connection = connection_to(lms)
    monkeypatch.setenv("OPENEDX_LMS_URL", lms.url)
    page = client.post(
        f"/admin/openedx_sync/lmsconnection/{connection.pk}/test/", follow=True
    ).content.decode()
    assert "does not work" in page
    assert "HTTP 400" in page
    assert "phish" not in page and "Sesi habis" not in page
    connection.refresh_from_db()
    assert "phish" not in connection.last_test_message


def test_a_page_that_is_not_json_is_reported_without_its_body(db, start_lms, connection_to, roster):
    lms = start_lms(lms_data(), [Fault(r"^/api/courses/", "html", times=-1)])
    connection = connection_to(lms)
    from .conftest import sync

    run = sync(connection)
    assert run.status == "failed"
    text = str(run.errors)
    assert "not valid JSON" in text
    assert "Bad Gateway" not in text
