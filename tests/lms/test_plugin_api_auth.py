"""The plugin REST API authenticates like the LMS (client credentials -> JWT) and lets in only global
staff or a client whose JWT carries the plugin API's scope; a username proves nothing."""

import base64
import json
from pathlib import Path

import jwt
import pytest
from django.conf import settings
from django.core.management import call_command

SAMPLES = Path(__file__).resolve().parents[1] / "support" / "api_samples"
API_ROOT = "/api/bina/v1/"


def basic(client_id, secret):
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


@pytest.fixture
def service_app(make_user):
    make_user("bina_companion", global_staff=True)
    call_command(
        "create_dot_application",
        "bina-companion",
        "bina_companion",
        "--client-id",
        "cid-1",
        "--client-secret",
        "rahasia-1",
    )
    return "cid-1", "rahasia-1"


def get_jwt(client, client_id, secret, scope=None):
    form = {"grant_type": "client_credentials", "token_type": "jwt"}
    if scope:
        form["scope"] = scope
    response = client.post("/oauth2/access_token", form, HTTP_AUTHORIZATION=basic(client_id, secret))
    assert response.status_code == 200, response.content
    return response.json()


def test_token_answer_has_the_lms_shape(client, service_app):
    sample = json.loads((SAMPLES / "oauth2.access_token.client_credentials.json").read_text())
    answer = get_jwt(client, *service_app)
    assert set(answer) == set(sample)
    assert answer["token_type"] == "JWT"
    assert answer["expires_in"] == settings.JWT_EXPIRES_IN


def test_jwt_carries_the_lms_claims(client, service_app):
    sample_claims = json.loads(
        (SAMPLES / "oauth2.access_token.client_credentials.jwt-payload.json").read_text()
    )
    token = get_jwt(client, *service_app)["access_token"]
    claims = jwt.decode(token, settings.JWT_SECRET, algorithms=["HS256"], audience=settings.JWT_AUDIENCE)
    assert set(claims) == set(sample_claims)
    assert claims["preferred_username"] == "bina_companion"
    assert claims["administrator"] is True
    assert claims["grant_type"] == "client-credentials"


def test_wrong_client_secret_gets_no_token(client, service_app):
    response = client.post(
        "/oauth2/access_token",
        {"grant_type": "client_credentials", "token_type": "jwt"},
        HTTP_AUTHORIZATION=basic(service_app[0], "salah"),
    )
    assert response.status_code == 401


def test_service_user_reads_the_api_with_a_jwt(client, service_app):
    token = get_jwt(client, *service_app)["access_token"]
    response = client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "bina_companion"


def test_a_learner_with_a_jwt_is_refused(client, make_user):
    make_user("ani")
    call_command("create_dot_application", "ani-app", "ani", "--client-id", "cid-ani", "--client-secret", "s")
    token = get_jwt(client, "cid-ani", "s")["access_token"]
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403


def test_the_service_username_alone_is_refused(client, make_user):
    """A plain user named like the companion's service user reads nothing (JWT or session)."""
    make_user("bina_companion", global_staff=False)
    call_command(
        "create_dot_application", "svc", "bina_companion", "--client-id", "cid-2", "--client-secret", "s2"
    )
    token = get_jwt(client, "cid-2", "s2")["access_token"]
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403
    client.force_login(make_user("bina_companion2"))
    assert client.get(API_ROOT).status_code == 403


def test_a_client_with_the_plugin_scope_reads_without_being_staff(client, make_user):
    make_user("svc_terbatas", global_staff=False)
    call_command(  # as edx-platform: an application asks only for its ApplicationAccess scopes
        "create_dot_application",
        "terbatas",
        "svc_terbatas",
        "--client-id",
        "cid-3",
        "--client-secret",
        "s3",
        "--scopes",
        settings.BINA_ASN_API_SCOPE,
    )
    answer = get_jwt(client, "cid-3", "s3", scope=settings.BINA_ASN_API_SCOPE)
    assert answer["scope"] == settings.BINA_ASN_API_SCOPE
    # Without the scope in its ApplicationAccess, another application is refused the scope.
    make_user("svc_tanpa", global_staff=False)
    call_command(
        "create_dot_application", "tanpa", "svc_tanpa", "--client-id", "cid-5", "--client-secret", "s5"
    )
    refused = client.post(
        "/oauth2/access_token",
        {"grant_type": "client_credentials", "token_type": "jwt", "scope": settings.BINA_ASN_API_SCOPE},
        HTTP_AUTHORIZATION=basic("cid-5", "s5"),
    )
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_scope"
    response = client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {answer['access_token']}")
    assert response.status_code == 200
    assert (
        client.get(API_ROOT + "ideas/", HTTP_AUTHORIZATION=f"JWT {answer['access_token']}").status_code == 200
    )


def test_other_scopes_do_not_open_the_api(client, make_user):
    make_user("svc_lain", global_staff=False)
    call_command(
        "create_dot_application", "lain", "svc_lain", "--client-id", "cid-4", "--client-secret", "s4"
    )
    token = get_jwt(client, "cid-4", "s4", scope="read email profile")["access_token"]
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403


def test_a_restricted_application_does_not_borrow_its_user_staff_flag(client, service_app):
    """edx-drf-extensions' convention: a restricted application's JWT is no staff credential."""
    from django.contrib.auth import get_user_model

    from dev.lms.oauth import jwt_payload

    claims = jwt_payload(get_user_model().objects.get(username="bina_companion"), ["read"], 300)
    claims["is_restricted"] = True
    token = jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403
    claims["scopes"] = ["read", settings.BINA_ASN_API_SCOPE]
    token = jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 200


@pytest.mark.parametrize("header", [None, "JWT not-a-token", "Bearer abc"])
def test_no_or_bad_credentials_are_refused(client, header):
    kwargs = {"HTTP_AUTHORIZATION": header} if header else {}
    assert client.get(API_ROOT, **kwargs).status_code == 401


def test_expired_jwt_is_refused(client, service_app):
    from django.contrib.auth import get_user_model

    from dev.lms.oauth import jwt_payload

    claims = jwt_payload(get_user_model().objects.get(username="bina_companion"), ["read"], -10)
    token = jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")
    assert client.get(API_ROOT, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 401


def test_session_staff_reads_and_session_learner_does_not(client, make_user):
    client.force_login(make_user("admin", global_staff=True))
    assert client.get(API_ROOT).status_code == 200
    client.force_login(make_user("budi"))
    assert client.get(API_ROOT).status_code == 403


@pytest.mark.parametrize(
    ("scopes", "staff", "allowed"),
    [("read bina_asn:read", False, True), ("read", False, False), ("read", True, True)],
)
def test_a_bearer_token_needs_the_scope_or_staff(rf, make_user, scopes, staff, allowed):
    """The LMS's OAuth2 bearer tokens (django-oauth-toolkit access tokens) are judged by their scopes."""
    from oauth2_provider.models import AccessToken

    from xblocks.common.listviews import GlobalStaffOrScopedClient

    request = rf.get(API_ROOT)
    request.user = make_user("svc_bearer", global_staff=staff)
    request.auth = AccessToken(scope=scopes)
    assert GlobalStaffOrScopedClient().has_permission(request, view=None) is allowed
