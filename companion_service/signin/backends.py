"""edx-auth-backends' ``EdXOAuth2``, with the redirect URI exactly as registered in the LMS.

social-core's OAuth2 base adds ``?redirect_state=...`` to the redirect URI besides the ``state``
parameter. django-oauth-toolkit 3 compares redirect URIs exactly (RFC 9700 section 2.1), so the
registered ``https://companion/complete/edx-oauth2/`` would not match. The ``state`` parameter
still protects the round trip (ADR 0141).
"""

from auth_backends.backends import EdXOAuth2 as BaseEdXOAuth2


class EdXOAuth2(BaseEdXOAuth2):
    REDIRECT_STATE = False
