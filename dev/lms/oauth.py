"""OAuth2 as the LMS serves it (ADR 0140), derived from edx-platform's ``oauth_dispatch``:

- ``/oauth2/authorize``: django-oauth-toolkit's authorization view with edx-platform's override
  (``dot_overrides/views.py`` ``EdxOAuth2AuthorizationView``): an application with
  ``skip_authorization`` never asks, and with ``approval_prompt=auto_even_if_expired`` (the LMS's
  ``REQUEST_APPROVAL_PROMPT``) a learner who approved once is not asked again, even after the token
  expired;
- the scopes an application may ask for: the default scopes plus its ``ApplicationAccess`` scopes
  (``scopes.py`` ``ApplicationModelScopes``); client-credential tokens belong to the application's
  user (``dot_overrides/validators.py`` ``EdxOAuth2Validator.save_bearer_token``);
- ``POST /oauth2/access_token``: with ``token_type=jwt`` the answer carries a JWT with the claims of
  ``jwt.py`` ``_create_jwt``: the base claims, ``grant_type`` from the application, and per scope
  ``user_id``, ``email`` and ``profile`` (name, given/family name, administrator, superuser); signed
  HS256 with the JWT secret (asymmetric keys are for restricted applications only);
- ``GET /logout?redirect_url=``: signs out and returns to the address when it is this host or a host
  of the OAuth2 client's registered redirect URIs (``user_authn/views/logout.py`` ``LogoutView``).
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import jwt
from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from oauth2_provider import views as dot_views
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import AccessToken, get_application_model
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.scopes import SettingsScopes, get_scopes_backend
from oauth2_provider.settings import oauth2_settings

from .platform import anonymous_id_for_user

AUTO_EVEN_IF_EXPIRED = "auto_even_if_expired"


def jwt_payload(user, scopes: list[str], expires_in: int, grant_type: str = "") -> dict:
    """Claims of an LMS JWT for ``user`` (version 1.2.0), as ``jwt._create_jwt`` builds them."""
    now = int(time.time())
    payload = {
        "aud": settings.JWT_AUDIENCE,
        "exp": now + expires_in,
        "grant_type": grant_type,
        "iat": now,
        "iss": settings.JWT_ISSUER,
        "preferred_username": user.username,
        "scopes": scopes,
        "version": "1.2.0",
        "sub": anonymous_id_for_user(user, None),
        "filters": [],
        "is_restricted": False,
        "email_verified": user.is_active,
    }
    if "user_id" in scopes:
        payload["user_id"] = user.pk
    if "email" in scopes:
        payload["email"] = user.email
    if "profile" in scopes:
        payload.update(
            {
                "name": user.get_full_name(),
                "family_name": user.last_name,
                "given_name": user.first_name,
                "administrator": user.is_staff,
                "superuser": user.is_superuser,
            }
        )
    return payload


class ApplicationModelScopes(SettingsScopes):
    """The default scopes plus the application's ``ApplicationAccess`` scopes, among the known ones."""

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        from .models import ApplicationAccess

        access = ApplicationAccess.objects.filter(application=application).first() if application else None
        extra = access.scope_list if access is not None else []
        return sorted(set(extra + self.get_default_scopes()) & set(self.get_all_scopes()))


class EdxOAuth2Validator(OAuth2Validator):
    """Scopes checked against the application's allowance; client-credential tokens owned by its user."""

    def validate_scopes(self, client_id, scopes, client, request, *args, **kwargs):
        available = get_scopes_backend().get_available_scopes(application=client, request=request)
        return set(scopes).issubset(set(available))

    def save_bearer_token(self, token, request, *args, **kwargs):
        grant_type, user = request.grant_type, request.user
        if grant_type == "client_credentials":
            request.grant_type = None  # keeps DOT from dropping the user
            request.user = request.client.user
        try:
            super().save_bearer_token(token, request, *args, **kwargs)
        finally:
            request.grant_type, request.user = grant_type, user


class AuthorizationView(dot_views.AuthorizationView):
    """DOT's authorization view; a learner who approved this application once is not asked again."""

    template_name = "devlms/authorize.html"

    def get(self, request, *args, **kwargs):
        prompt = request.GET.get("approval_prompt", oauth2_settings.REQUEST_APPROVAL_PROMPT)
        if prompt != AUTO_EVEN_IF_EXPIRED:
            return super().get(request, *args, **kwargs)
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        approved_before = application.skip_authorization or any(
            token.allow_scopes(scopes)
            for token in AccessToken.objects.filter(user=request.user, application=application)
        )
        if not approved_before:
            return super().get(request, *args, **kwargs)
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=request, scopes=" ".join(scopes), credentials=credentials, allow=True
            )
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        return self.redirect(uri, application)


class AccessTokenView(dot_views.TokenView):
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
        claims = jwt_payload(user, scopes, expires_in, token.application.authorization_grant_type)
        encoded = jwt.encode(claims, settings.JWT_SECRET, algorithm="HS256")
        response.content = json.dumps(
            {"access_token": encoded, "expires_in": expires_in, "scope": token.scope, "token_type": "JWT"}
        )
        return response


def _client_hosts(client_id: str) -> set[str]:
    application = get_application_model().objects.filter(client_id=client_id).first() if client_id else None
    if application is None:
        return set()
    return {urlparse(uri).netloc for uri in application.redirect_uris.split() if urlparse(uri).netloc}


@require_GET
def logout_view(request):
    """Sign out; go back to ``redirect_url`` when it is safe, otherwise to the LMS's front page."""
    target = request.GET.get("redirect_url", "")
    logout(request)
    hosts = {request.get_host()} | _client_hosts(request.GET.get("client_id", ""))
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=hosts):
        return redirect(target)
    return redirect("/")
