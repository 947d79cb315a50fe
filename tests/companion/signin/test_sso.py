"""Sign-in through Open edX over real HTTP: the companion (edx-auth-backends' EdXOAuth2 on
social-auth-app-django) against the dev LMS's authorization-code flow (ADR 0140, 0141).

The browser's part (signing in at the LMS, following its redirect) is done by a ``requests`` session;
the companion's part by Django's test client, whose token call goes to the LMS over loopback.
"""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings

from companion_service.accounts.api import Role, scope_for
from companion_service.accounts.models import AccessLink, AuditEvent
from companion_service.organization.models import Opd
from companion_service.roster.models import Asn
from companion_service.signin.models import AsnAccount
from tests.support import servers

PASSWORD = "kata-sandi-uji-123"
CLIENT = ("companion-sso-test", "rahasia-sso-test-0123456789")
ANI_NIP = "196711101992031001"
DEDI_NIP = "198503152010011003"


@pytest.fixture(scope="module")
def lms(tmp_path_factory):
    with servers.dev_lms(tmp_path_factory.mktemp("lms-sso")) as server:
        server.batch(
            [
                ["manage_user", "ani", "ani@contoh.go.id", "--full-name", "Ani Siregar",
                 "--password-env", "PW"],
                ["manage_user", DEDI_NIP, "dedi@contoh.go.id", "--password-env", "PW"],
                ["manage_user", "kadis", "kadis@contoh.go.id", "--staff", "--superuser",
                 "--password-env", "PW"],
                ["manage_user", "admin", "lms-admin@contoh.go.id", "--password-env", "PW"],
                ["manage_user", "bina_companion", "svc@localhost", "--staff"],
                ["create_dot_application", "bina-companion-sso", "bina_companion",
                 "--grant-type", "authorization-code",
                 "--redirect-uris", "http://testserver/complete/edx-oauth2/",
                 "--skip-authorization", "--scopes", "user_id",
                 f"--client-id={CLIENT[0]}", f"--client-secret={CLIENT[1]}"],
            ],
            extra_env={"PW": PASSWORD},
        )  # fmt: skip
        yield server


@pytest.fixture
def sso(lms, settings):
    settings.SOCIAL_AUTH_EDX_OAUTH2_KEY = CLIENT[0]
    settings.SOCIAL_AUTH_EDX_OAUTH2_SECRET = CLIENT[1]
    settings.SOCIAL_AUTH_EDX_OAUTH2_URL_ROOT = lms.url
    settings.SOCIAL_AUTH_EDX_OAUTH2_PUBLIC_URL_ROOT = lms.url
    return lms


@pytest.fixture
def roster(db):
    opd = Opd.objects.create(code="DISDUKCAPIL", name="Dinas Kependudukan dan Pencatatan Sipil")
    ani = Asn.objects.create(nip=ANI_NIP, name="Ani Siregar", opd=opd, openedx_username="ani")
    dedi = Asn.objects.create(nip=DEDI_NIP, name="Dedi Simatupang", opd=opd, email="dedi@contoh.go.id")
    return {"opd": opd, "ani": ani, "dedi": dedi}


def lms_browser(lms, username) -> requests.Session:
    """A browser session signed in at the LMS."""
    session = requests.Session()
    session.get(f"{lms.url}/login/", timeout=10)
    response = session.post(
        f"{lms.url}/login/",
        data={
            "username": username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:300]
    return session


def sign_in_through_lms(client, lms, username, next_url="/"):
    """Start at the companion, approve at the LMS, come back: the companion's final response."""
    start = client.post("/login/edx-oauth2/", {"next": next_url})
    assert start.status_code == 302 and start["Location"].startswith(f"{lms.url}/oauth2/authorize?")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["response_type"] == ["code"] and set(query["scope"][0].split()) == {
        "user_id",
        "profile",
        "email",
    }
    at_lms = lms_browser(lms, username).get(start["Location"], timeout=10, allow_redirects=False)
    assert at_lms.status_code == 302, at_lms.text[at_lms.text.find("<main") :][:600]
    back = urlparse(at_lms.headers["Location"])
    assert back.path == "/complete/edx-oauth2/"
    return client.get(back.path, parse_qs(back.query))


def test_the_login_page_offers_open_edx_first(client, sso):
    page = client.get("/login/").content.decode()
    assert page.index('action="/login/edx-oauth2/"') < page.index('name="password"')


@override_settings(SOCIAL_AUTH_EDX_OAUTH2_KEY="")
def test_without_the_lms_application_only_the_password_form(client, db):
    assert "/login/edx-oauth2/" not in client.get("/login/").content.decode()


def test_an_asn_signs_in_and_is_linked_by_the_roster(client, sso, roster):
    response = sign_in_through_lms(client, sso, "ani", next_url="/jp-saya/")
    assert response.status_code == 302 and response["Location"] == "/jp-saya/"
    user = get_user_model().objects.get(username="ani")
    assert not user.has_usable_password() and user.email == "ani@contoh.go.id"
    assert (user.first_name, user.last_name) == ("Ani", "Siregar")
    account = AsnAccount.objects.get(user=user)
    assert (account.asn, account.method) == (roster["ani"], "username")
    assert client.get("/").context["user"] == user
    event = AuditEvent.objects.filter(action="sign_in").get()
    assert (event.username, event.resource, event.parameters) == ("ani", "signin:edx-oauth2", {"asn": "yes"})


def test_a_username_that_is_the_nip_links_when_the_email_agrees_and_is_recorded(client, sso, roster):
    """The LMS account named with Dedi's NIP has the e-mail the roster gives Dedi (ADR 0108)."""
    sign_in_through_lms(client, sso, DEDI_NIP)
    account = AsnAccount.objects.get(user__username=DEDI_NIP)
    assert (account.asn, account.method) == (roster["dedi"], "nip")
    roster["dedi"].refresh_from_db()
    assert roster["dedi"].openedx_username == DEDI_NIP


def test_a_username_that_is_the_nip_with_another_email_links_to_nobody(client, sso, roster):
    """A NIP is printed on public documents: an LMS account named with it whose e-mail is not the
    roster's signs in, but is nobody's ASN account and records nothing in the roster (ADR 0108)."""
    roster["dedi"].email = "dedi.lain@contoh.go.id"
    roster["dedi"].save()
    sign_in_through_lms(client, sso, DEDI_NIP)
    assert not AsnAccount.objects.filter(user__username=DEDI_NIP).exists()
    roster["dedi"].refresh_from_db()
    assert roster["dedi"].openedx_username in ("", None)


def test_lms_staff_rights_do_not_carry_over_and_roles_come_from_the_administrator(client, sso, roster):
    """``kadis`` is global staff and superuser in the LMS; here an OPD head only as provisioned."""
    from django.core.management import call_command

    call_command("manage_user", "kadis", "kadis@contoh.go.id", "--role", "opd_head", "--opd", "DISDUKCAPIL")
    sign_in_through_lms(client, sso, "kadis")
    user = get_user_model().objects.get(username="kadis")
    assert not user.is_staff and not user.is_superuser
    assert scope_for(user).is_opd and AccessLink.objects.get(user=user).opd == roster["opd"]
    assert Role.ADMINISTRATOR not in {g.name for g in user.groups.all()}
    assert not AsnAccount.objects.filter(user=user).exists()  # not in the roster


def test_the_local_administrator_cannot_be_taken_over(client, sso, roster, make_user):
    admin = make_user("admin", "administrator", superuser=True)
    response = sign_in_through_lms(client, sso, "admin")
    assert response.status_code == 302 and response["Location"] == "/login/"
    page = client.get("/login/").content.decode()
    assert "akun sendiri" in page  # the refusal, in Indonesian
    assert "_auth_user_id" not in client.session
    assert not admin.social_auth.exists()


def test_sign_out_also_leaves_the_lms(client, sso, roster):
    sign_in_through_lms(client, sso, "ani")
    response = client.post("/logout/")
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{sso.url}/logout"
    query = parse_qs(location.query)
    assert query == {"client_id": [CLIENT[0]], "redirect_url": ["http://testserver/login/"]}
    back = requests.get(response["Location"], timeout=10, allow_redirects=False)
    assert back.headers["Location"] == "http://testserver/login/"  # the LMS knows this client's host
