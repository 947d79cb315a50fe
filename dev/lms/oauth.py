"""``POST /oauth2/access_token`` as the LMS answers it, including ``token_type=jwt``.

django-oauth-toolkit checks the client credentials and issues the access token; when the client
asks for ``token_type=jwt`` (as edx-rest-api-client does) the answer carries a JWT with the claims
the LMS puts in one (see ../shared/openedx/api-samples/oauth2.access_token.client_credentials*),
signed with the key edx-drf-extensions' ``JwtAuthentication`` verifies.
"""

from __future__ import annotations

import json
import time

import jwt
from django.conf import settings
from oauth2_provider.models import AccessToken
from oauth2_provider.views import TokenView

from .runtime import anonymous_user_id


def jwt_payload(user, scopes: list[str], expires_in: int) -> dict:
    """Claims of an LMS JWT for ``user`` (version 1.2.0, as the LMS issues today)."""
    now = int(time.time())
    return {
        "aud": settings.JWT_AUDIENCE,
        "exp": now + expires_in,
        "grant_type": "client-credentials",
        "iat": now,
        "iss": settings.JWT_ISSUER,
        "preferred_username": user.username,
        "scopes": scopes,
        "version": "1.2.0",
        "sub": anonymous_user_id(user, ""),
        "filters": [],
        "is_restricted": False,
        "email_verified": user.is_active,
        "email": user.email,
        "name": user.get_full_name(),
        "family_name": user.last_name,
        "given_name": user.first_name,
        "administrator": user.is_staff,
        "superuser": user.is_superuser,
    }


class AccessTokenView(TokenView):
    """DOT's token endpoint, answering with a JWT when ``token_type=jwt`` is asked for."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if response.status_code != 200 or request.POST.get("token_type", "").lower() != "jwt":
            return response
        body = json.loads(response.content)
        token = AccessToken.objects.select_related("user", "application__user").get(
            token=body["access_token"]
        )
        user = token.user or token.application.user
        scopes = token.scope.split()
        expires_in = int(body["expires_in"])
        encoded = jwt.encode(jwt_payload(user, scopes, expires_in), settings.JWT_SECRET, algorithm="HS256")
        response.content = json.dumps(
            {"access_token": encoded, "expires_in": expires_in, "scope": token.scope, "token_type": "JWT"}
        )
        return response
