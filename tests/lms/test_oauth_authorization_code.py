"""Sign-in through the LMS, as edx-platform's oauth_dispatch serves it to ecommerce, discovery and our
companion (edx-auth-backends' EdXOAuth2): ``/oauth2/authorize`` then ``/oauth2/access_token`` with
``token_type=jwt``, the claims ``jwt._create_jwt`` puts in, ``/logout?redirect_url=`` (ADR 0140)."""

from urllib.parse import parse_qs, urlencode, urlparse

import jwt
import pytest
from django.conf import settings
from django.core.management import call_command
from oauth2_provider.models import AccessToken

from dev.lms.models import ApplicationAccess

from .conftest import PASSWORD

REDIRECT = "http://companion.test/complete/edx-oauth2/"
CLIENT = ("companion-sso", "rahasia-sso-0123456789")
# What edx-auth-backends' EdXOAuth2 asks for (DEFAULT_SCOPE).
SCOPES = "user_id profile email"


@pytest.fixture
def sso_app(make_user):
    make_user("companion_worker", global_staff=True)
    call_command(
        "create_dot_application",
        "companion-sso",
        "companion_worker",
        "--grant-type",
        "authorization-code",
        "--redirect-uris",
        REDIRECT,
        "--skip-authorization",
        "--scopes",
        "user_id",
        f"--client-id={CLIENT[0]}",
        f"--client-secret={CLIENT[1]}",
    )
    return CLIENT


def authorize_url(client_id=CLIENT[0], scope=SCOPES, redirect_uri=REDIRECT, state="st-1") -> str:
    query = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": scope,
        "state": state,
    }
    return "/oauth2/authorize?" + urlencode(query)


def signed_in(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def code_from(response) -> str:
    assert response.status_code == 302, response.content[:300]
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT
    query = parse_qs(location.query)
    assert query["state"] == ["st-1"]
    return query["code"][0]


def exchange(client, code, secret=CLIENT[1]):
    return client.post(
        "/oauth2/access_token",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": CLIENT[0],
            "client_secret": secret,
            "token_type": "jwt",
        },
    )


def test_authorize_sends_a_visitor_to_the_login_page_first(client, sso_app):
    response = client.get(authorize_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")
    assert response["Location"].startswith("/login/?next=/oauth2/authorize")


def test_code_then_jwt_with_the_claims_of_the_lms(client, sso_app, make_user):
    ani = make_user("ani", email="ani@contoh.go.id")
    ani.first_name, ani.last_name = "Ani", "Siregar"
    ani.save()
    code = code_from(signed_in(client, ani).get(authorize_url()))
    response = exchange(client, code)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["token_type"] == "JWT" and set(body) >= {"access_token", "expires_in", "scope"}
    claims = jwt.decode(
        body["access_token"], settings.JWT_SECRET, algorithms=["HS256"], audience=settings.JWT_AUDIENCE
    )
    assert claims["preferred_username"] == "ani"
    assert claims["grant_type"] == "authorization-code"
    assert sorted(claims["scopes"]) == ["email", "profile", "user_id"]
    assert claims["user_id"] == ani.pk  # only with the user_id scope
    assert claims["email"] == "ani@contoh.go.id"
    assert (claims["name"], claims["given_name"], claims["family_name"]) == ("Ani Siregar", "Ani", "Siregar")
    assert claims["administrator"] is False and claims["superuser"] is False
    assert claims["iss"] == settings.JWT_ISSUER and claims["version"] == "1.2.0"
    # A code is good once.
    assert exchange(client, code).status_code == 400


def test_claims_follow_the_scopes_granted(client, sso_app, make_user):
    """Without ``email``/``profile`` the token carries neither (jwt._update_from_additional_handlers)."""
    ani = make_user("ani")
    code = code_from(signed_in(client, ani).get(authorize_url(scope="user_id")))
    token = exchange(client, code).json()["access_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert "email" not in claims and "administrator" not in claims and claims["user_id"] == ani.pk


def test_user_id_scope_needs_the_application_access(client, sso_app, make_user):
    ApplicationAccess.objects.all().delete()
    response = signed_in(client, make_user("ani")).get(authorize_url())
    assert response.status_code == 302
    assert parse_qs(urlparse(response["Location"]).query)["error"] == ["invalid_scope"]


def test_a_wrong_secret_or_redirect_gets_nothing(client, sso_app, make_user):
    signed_in(client, make_user("ani"))
    code = code_from(client.get(authorize_url()))
    assert exchange(client, code, secret="salah").status_code == 401
    response = client.get(authorize_url(redirect_uri="http://jahat.test/"))
    assert response.status_code == 400  # never redirected to an unregistered address


def test_without_skip_authorization_the_learner_is_asked_once(client, sso_app, make_user):
    from oauth2_provider.models import get_application_model

    get_application_model().objects.update(skip_authorization=False)
    ani = make_user("ani")
    signed_in(client, ani)
    prompt = client.get(authorize_url())
    assert prompt.status_code == 200
    assert b"companion-sso" in prompt.content
    form = {key: value for key, value in prompt.context["form"].initial.items() if value is not None}
    code = code_from(client.post("/oauth2/authorize", {**form, "allow": "Authorize"}))
    assert exchange(client, code).status_code == 200
    # Even after the token expired, the learner is not asked again (approval_prompt auto_even_if_expired).
    AccessToken.objects.update(expires="2000-01-01T00:00:00Z")
    code_from(client.get(authorize_url()))


def test_logout_returns_only_to_a_registered_client(client, sso_app, make_user):
    signed_in(client, make_user("ani"))
    back = "http://companion.test/login/"
    response = client.get("/logout?" + urlencode({"redirect_url": back, "client_id": CLIENT[0]}))
    assert response.status_code == 302 and response["Location"] == back
    assert "_auth_user_id" not in client.session
    response = client.get("/logout?" + urlencode({"redirect_url": "http://jahat.test/"}))
    assert response.status_code == 302 and response["Location"] == "/"
