"""The plugin REST API authenticates like the LMS: client credentials -> JWT; staff or service user only."""

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


def get_jwt(client, client_id, secret):
    response = client.post(
        "/oauth2/access_token",
        {"grant_type": "client_credentials", "token_type": "jwt"},
        HTTP_AUTHORIZATION=basic(client_id, secret),
    )
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


def test_service_username_without_staff_flag_is_allowed(client, make_user):
    make_user("bina_companion", global_staff=False)
    call_command(
        "create_dot_application", "svc", "bina_companion", "--client-id", "cid-2", "--client-secret", "s2"
    )
    token = get_jwt(client, "cid-2", "s2")["access_token"]
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
